"""The app's pages, built from the loaded course, so views can link to one another."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from course.certificates.issuing import stored_progress
from course.content.course import BrokenLesson, Course
from course.journey.progress import ModuleStanding, Progress
from course.storage.learners import Learner
from course.text import escape_markdown
from views.kept import get_store
from views.sitemap import LESSON_PAGE, PAGES, SECTIONS


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
        """A fixed page by its name in views/sitemap.py: home, glossary, figures, evaluation,
        journey, workshop, trainer, presentation, verification, privacy."""
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


def build_site(course: Course) -> tuple[Site, dict[str, list[StreamlitPage]]]:
    """All pages (views/sitemap.py declares them), and the sidebar sections that list them."""
    site = Site()
    sections: dict[str, list[StreamlitPage]] = {}
    number = 0
    for label in SECTIONS:
        if label != LESSON_PAGE.section:
            sections[label] = []
            continue
        for part, modules in course.parts():  # the modules under their part's title
            listed = sections.setdefault(part or label, [])
            for module in modules:
                number += 1
                slug = module.slug if isinstance(module, BrokenLesson) else module.id
                title = (
                    f"Module {number}" if isinstance(module, BrokenLesson) else module.meta.title
                )
                site.lessons[slug] = st.Page(
                    LESSON_PAGE.view(slug, site),
                    title=f"{number}. {title}",
                    url_path=slug,
                    icon=LESSON_PAGE.icon,
                )
                listed.append(site.lessons[slug])
    for spec in PAGES:
        site.pages[spec.name] = st.Page(
            spec.view(site) if spec.needs_site else spec.view(),
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
        )
        sections[spec.section].append(site.pages[spec.name])
    return site, sections


def show_sidebar(
    course: Course,
    sections: dict[str, list[StreamlitPage]],
    learner: Learner | None = None,
    progress: Progress | None = None,
) -> None:
    """Our own sidebar navigation: links under a heading per section, readable by screen readers.

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
            if label:  # a heading per section (the modules: one per part of the course)
                st.markdown(f"## {label}")  # an h2, its anchor link hidden (views/page.py)
            for page in pages:
                standing = standings.get(page.url_path)
                if standing is None:
                    st.page_link(page)
                else:
                    label, icon = _module_link(page.title, standing)
                    st.page_link(page, label=label, icon=icon)


def _module_link(title: str, module: ModuleStanding) -> tuple[str, str]:
    """A module link's label and icon for where the learner stands in it."""
    if module.completed:
        return f"{title} (terminé)", ":material/check_circle:"
    if module.visited:
        return f"{title} (en cours)", ":material/pending:"
    return title, LESSON_PAGE.icon
