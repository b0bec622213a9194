"""A module's page: objectives, sections, callouts, glossary terms, quiz link, previous/next."""

from __future__ import annotations

import streamlit as st

from course.content.course import BrokenLesson, Course
from course.content.glossary import terms_in
from course.content.lesson import Callout, Lesson, MarkdownBlock, Section
from course.formatting import DISPLAY_TIMEZONE, format_long_date, format_minutes
from course.paper.files import handout_file_name, handout_pdf
from views.blocks import show_blocks
from views.identity import current_learner
from views.kept import get_course, get_store
from views.page import show_content_errors
from views.site import Site


def _section_terms(section: Section, course: Course) -> None:
    texts = [b.text for b in section.blocks if isinstance(b, MarkdownBlock | Callout)]
    terms = terms_in("\n".join(texts), course.glossary_index)
    if terms:
        with st.expander("Les mots du glossaire de cette partie", icon=":material/dictionary:"):
            st.markdown("\n".join(f"- **{t.term}** : {t.definition}" for t in terms))


def _neighbours(slug: str, site: Site) -> None:
    slugs = list(site.lessons)
    index = slugs.index(slug)
    previous, following = st.columns(2)
    if index > 0:
        previous.page_link(
            site.lessons[slugs[index - 1]], label="Module précédent", icon=":material/arrow_back:"
        )
    if index + 1 < len(slugs):
        following.page_link(
            site.lessons[slugs[index + 1]], label="Module suivant", icon=":material/arrow_forward:"
        )


def _show_lesson(lesson: Lesson, course: Course, site: Site) -> None:
    number = list(site.lessons).index(lesson.id) + 1
    st.caption(f"Module {number} sur {len(site.lessons)} · {format_minutes(lesson.meta.duration)}")
    st.title(lesson.meta.title)
    with st.container(border=True):
        st.markdown(
            "**Dans ce module, vous allez :**\n"
            + "\n".join(f"- {o.text}" for o in lesson.meta.objectives)
        )
    for section in lesson.sections:
        if section.title:
            st.header(section.title)
        show_blocks(section.blocks, course)
        _section_terms(section, course)
    if lesson.meta.sources:
        with st.expander("Sources"):
            st.markdown("\n".join(f"- {source}" for source in lesson.meta.sources))
    st.download_button(
        "Télécharger ce module à imprimer (PDF)",
        data=lambda: handout_pdf(course, lesson.id),  # built on the click, once per content version
        file_name=handout_file_name(lesson.id),
        mime="application/pdf",
        on_click="ignore",
        icon=":material/print:",
        key=f"support-{lesson.id}",
    )
    _completion(lesson.id, site)
    if lesson.meta.quiz and lesson.meta.quiz in course.quizzes:
        st.page_link(
            site.page("evaluation"),
            label="Vérifier vos acquis : le quiz du module",
            icon=":material/quiz:",
            query_params={"quiz": lesson.meta.quiz},
        )


def _completion(lesson_id: str, site: Site) -> None:
    """« J'ai terminé ce module », for a learner with a record."""
    learner = current_learner()
    if learner is None:
        st.page_link(
            site.page("journey"),
            label="Pour garder la trace de vos modules et de vos scores, commencez votre parcours",
            icon=":material/route:",
        )
        return
    store = get_store()
    visit = store.learners.visits(learner.id).get(lesson_id)
    if visit is not None and visit.completed_at is not None:
        day = visit.completed_at.astimezone(DISPLAY_TIMEZONE).date()
        st.success(f"Module terminé le {format_long_date(day)}.", icon=":material/task_alt:")
    elif st.button("J'ai terminé ce module", icon=":material/task_alt:", key=f"fini-{lesson_id}"):
        store.learners.complete_lesson(learner.id, lesson_id)
        st.rerun()


def lesson_page(slug: str, site: Site) -> None:
    """Draw one module, or a French error box if its file is broken."""
    course = get_course()
    module = next(
        (m for m in course.modules if (m.slug if isinstance(m, BrokenLesson) else m.id) == slug),
        None,
    )
    if module is None:
        st.error("Ce module n'existe plus. Revenez à l'accueil.")
    elif isinstance(module, BrokenLesson):
        st.title("Module indisponible")
        show_content_errors(
            module.errors, "Ce module ne peut pas s'afficher : son fichier contient des erreurs."
        )
    else:
        _show_lesson(module, course, site)
        problems = course.errors_in(module.file)
        if problems:
            show_content_errors(problems, "Des problèmes ont été trouvés dans ce module :")
    _neighbours(slug, site)
