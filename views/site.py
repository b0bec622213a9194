"""The app's pages, built from the loaded course, so views can link to one another."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from course.certificates.issuing import stored_progress
from course.content.course import BrokenLesson, Course
from course.journey.progress import ModuleStanding, Progress
from course.storage.store import Learner
from course.text import escape_markdown
from views.common import get_store


@dataclass
class Site:
    """Every page of the app, and this run's learner and progress.

    Built afresh on every run by app.py: `build_site` fills the pages, then `follow` reads the
    learner's progress once, for the sidebar and the page alike.
    """

    lessons: dict[str, StreamlitPage] = field(default_factory=dict)
    pages: dict[str, StreamlitPage] = field(default_factory=dict)
    learner: Learner | None = None
    progress: Progress | None = None

    def page(self, name: str) -> StreamlitPage:
        """A fixed page by name: home, glossary, figures, evaluation, journey, workshop, trainer,
        presentation, verification, privacy."""
        return self.pages[name]

    def follow(self, course: Course, learner: Learner | None) -> None:
        """Note this run's learner and read their progress from the store (one read per run)."""
        self.learner = learner
        self.progress = stored_progress(course, get_store(), learner.id) if learner else None

    def progress_of(self, course: Course, learner: Learner) -> Progress:
        """`learner`'s progress: this run's if it is theirs, else read now (signed in meanwhile)."""
        if self.progress is None or self.learner is None or self.learner.id != learner.id:
            self.follow(course, learner)
        assert self.progress is not None
        return self.progress


def _page(
    view: Callable[[], None], title: str, url_path: str, icon: str, default: bool = False
) -> StreamlitPage:
    return st.Page(view, title=title, url_path=url_path, icon=icon, default=default)


def _lazy(module: str, function: str, *args: object) -> Callable[[], None]:
    """The page function `function` of views/`module`, imported when the page is first shown:
    a visitor's first page does not wait for the libraries of every other page (pandas for the
    tables, the exports, the PDF)."""

    def view() -> None:
        getattr(importlib.import_module(f"views.{module}"), function)(*args)

    slug = next((arg for arg in args if isinstance(arg, str)), "")
    view.__name__ = f"{function}_{slug.replace('-', '_')}" if slug else function
    return view


def build_site(course: Course) -> tuple[Site, dict[str, list[StreamlitPage]]]:
    """All pages, and the sidebar sections that list them (French titles)."""
    site = Site()
    site.pages["home"] = _page(
        _lazy("home", "home_page", site), "Accueil", "accueil", ":material/home:", default=True
    )
    for number, module in enumerate(course.modules, start=1):
        slug = module.slug if isinstance(module, BrokenLesson) else module.id
        title = f"Module {number}" if isinstance(module, BrokenLesson) else module.meta.title
        site.lessons[slug] = _page(
            _lazy("lesson", "lesson_page", slug, site),
            f"{number}. {title}",
            slug,
            ":material/menu_book:",
        )
    site.pages["glossary"] = _page(
        _lazy("glossary", "glossary_page", site), "Glossaire", "glossaire", ":material/dictionary:"
    )
    site.pages["figures"] = _page(
        _lazy("figures", "figures_page"), "Chiffres clés", "chiffres-cles", ":material/bar_chart:"
    )
    site.pages["evaluation"] = _page(
        _lazy("evaluation", "evaluation_page", site), "Évaluation", "evaluation", ":material/quiz:"
    )
    site.pages["journey"] = _page(
        _lazy("journey", "journey_page", site), "Mon parcours", "mon-parcours", ":material/route:"
    )
    site.pages["verification"] = _page(
        _lazy("verification", "verification_page"),
        "Vérifier une attestation",
        "verification",
        ":material/verified:",
    )
    site.pages["privacy"] = _page(
        _lazy("privacy", "privacy_page"), "Confidentialité", "confidentialite", ":material/shield:"
    )
    site.pages["workshop"] = _page(
        _lazy("workshop", "workshop_page", site),
        "Rejoindre un atelier",
        "atelier",
        ":material/groups:",
    )
    site.pages["trainer"] = _page(
        _lazy("trainer", "trainer_page", site),
        "Espace formateur",
        "espace-formateur",
        ":material/co_present:",
    )
    site.pages["presentation"] = _page(
        _lazy("presentation", "presentation_page", site),
        "Mode présentation",
        "presentation",
        ":material/slideshow:",
    )
    sections = {
        "": [site.pages["home"]],
        "Modules": list(site.lessons.values()),
        "Outils": [site.pages["glossary"], site.pages["figures"]],
        "Votre parcours": [
            site.pages["evaluation"],
            site.pages["journey"],
            site.pages["workshop"],
        ],
        "À propos": [site.pages["verification"], site.pages["privacy"]],
        "Formateur": [site.pages["trainer"], site.pages["presentation"]],
    }
    return site, sections


def show_sidebar(
    course: Course,
    sections: dict[str, list[StreamlitPage]],
    learner: Learner | None = None,
    progress: Progress | None = None,
) -> None:
    """Our own sidebar navigation: links grouped by section, readable by screen readers.

    Streamlit's built-in sectioned navigation fails axe's `list`/`listitem` rules; page links
    also let the sidebar show more than titles: with a learner's `progress`, each module's link
    shows its state by an icon and says it in words in its text (« (terminé) », « (en cours) »),
    so a screen reader, which does not read the icon, announces it too.
    """
    standings = {m.lesson_id: m for m in progress.modules} if progress else {}
    with st.sidebar:
        st.markdown(f"**{course.info.title if course.info else 'Formation aux réseaux sociaux'}**")
        if learner is not None:
            st.caption(f"Parcours de {escape_markdown(learner.name)}")
        for label, pages in sections.items():
            if label:
                st.caption(label)
            for page in pages:
                standing = standings.get(page.url_path)
                if standing is None:
                    st.page_link(page)
                else:
                    st.page_link(page, **_module_link(page.title, standing))


def _module_link(title: str, module: ModuleStanding) -> dict[str, str]:
    """A module link's label and icon for where the learner stands in it."""
    if module.completed:
        return {"label": f"{title} (terminé)", "icon": ":material/check_circle:"}
    if module.visited:
        return {"label": f"{title} (en cours)", "icon": ":material/pending:"}
    return {"label": title, "icon": ":material/menu_book:"}
