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

    Built afresh on every run by app.py: `build_site` reads the learner's progress once
    (`follow`), for the menu and the page alike, then fills the pages.
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


def build_site(
    course: Course, learner: Learner | None
) -> tuple[Site, dict[str, list[StreamlitPage]]]:
    """All pages (views/sitemap.py declares them), and the menu's sections that list them.

    The learner's progress is read first (once per run: the menu and the page share it), so
    that each module's title in the menu says where they stand in it.
    """
    site = Site()
    site.follow(course, learner)
    standings = {m.lesson_id: m for m in site.progress.modules} if site.progress else {}
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
                shown, icon = _module_title(f"{number}. {title}", standings.get(slug))
                site.lessons[slug] = st.Page(
                    LESSON_PAGE.view(slug, site), title=shown, url_path=slug, icon=icon
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


def show_sidebar(course: Course, learner: Learner | None) -> None:
    """Under Streamlit's menu of pages: the course's title, and whose journey this is.

    The menu itself is Streamlit's navigation (`st.navigation`, position "sidebar"): sent as one
    message and drawn by the browser, where our former 20 `st.page_link` elements cost every run
    2 to 5 ms and a room's burst 7 to 42 % (ARCHITECTURE.md, bench/levers.py). Its sections are the
    course's parts; assets/page_fixes.js mends its list markup for screen readers (axe's `list`
    and `listitem` rules).
    """
    with st.sidebar:
        st.markdown(f"**{course.info.title if course.info else 'Formation aux réseaux sociaux'}**")
        if learner is not None:
            st.caption(f"Parcours de {escape_markdown(learner.name)}")


def _module_title(title: str, module: ModuleStanding | None) -> tuple[str, str]:
    """A module's title and icon in the menu for where the learner stands in it: the state is
    said in words too (« (terminé) », « (en cours) »), since a screen reader does not read the
    icon."""
    if module is not None and module.completed:
        return f"{title} (terminé)", ":material/check_circle:"
    if module is not None and module.visited:
        return f"{title} (en cours)", ":material/pending:"
    return title, LESSON_PAGE.icon
