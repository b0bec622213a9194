"""Accueil: what the course is, for whom, its modules, where to start."""

from __future__ import annotations

import streamlit as st

from course.content.course import BrokenLesson, Course
from course.content.lesson import Lesson
from course.formatting import format_minutes
from course.journey.progress import Progress
from course.storage.learners import Learner
from course.text import escape_markdown
from views.journey import show_next_step
from views.kept import get_course
from views.site import Site


def home_page(site: Site) -> None:
    """Draw the home page."""
    course = get_course()
    info = course.info
    st.title(info.title if info else "Formation aux réseaux sociaux")
    if info is None:
        st.error("Le fichier course.yaml est illisible : lancez `python -m course validate`.")
    else:
        st.markdown(f"**{info.tagline}**")
        st.markdown(f"**Pour qui ?** {info.audience}")
        st.markdown(info.description)
    if site.learner is not None and site.progress is not None:
        _learner_progress(site.learner, site.progress, site)
    else:
        _invitation(course, site)
    st.header("Les modules")
    number = 0
    for part, modules in course.parts():
        if part:
            st.subheader(part)
        for module in modules:
            number += 1
            with st.container(border=True):
                _module_card(module, number, site, heading="####" if part else "###")


def _module_card(module: Lesson | BrokenLesson, number: int, site: Site, heading: str) -> None:
    """A module's card: its title, duration, summary and objectives in one Markdown element
    (fewer elements to send on every run), then its link."""
    if isinstance(module, BrokenLesson):
        st.markdown(f"{heading} Module {number}")
        st.warning("Ce module est momentanément indisponible (erreur dans son fichier).")
        return
    meta = module.meta
    text = [
        f"{heading} Module {number} · {meta.title}",
        f"*Durée\u202f: {format_minutes(meta.duration)}*",
    ]
    if meta.summary:
        text.append(meta.summary)
    text.append("**Objectifs\u202f:**\n" + "\n".join(f"- {o.text}" for o in meta.objectives))
    st.markdown("\n\n".join(text))
    st.page_link(site.lessons[module.id], label="Ouvrir le module", icon=":material/arrow_forward:")


def _invitation(course: Course, site: Site) -> None:
    """For a visitor: where to start, how long the course takes, and a record to keep."""
    info = course.info
    total = sum(m.meta.duration for m in course.lessons)
    st.header("Par où commencer\u202f?")
    st.markdown(
        (info.start_advice if info and info.start_advice else "")
        + f" Le parcours compte {len(course.modules)} modules, environ {format_minutes(total)} "
        "en tout."
    )
    if course.lessons:
        first = course.lessons[0]
        st.page_link(
            site.lessons[first.id],
            label=f"Commencer\u202f: {first.meta.title}",
            icon=":material/play_arrow:",
        )
    st.page_link(
        site.page("journey"),
        label="Créer mon parcours pour suivre ma progression et obtenir l'attestation",
        icon=":material/route:",
    )


def _learner_progress(learner: Learner, progress: Progress, site: Site) -> None:
    """For a signed-in learner: modules finished, quizzes passed, and the next step."""
    total = len(progress.modules)
    finished = sum(1 for module in progress.modules if module.completed)
    st.header("Votre progression")
    st.markdown(f"Bon retour, **{escape_markdown(learner.name)}**.")
    done, passed = st.columns(2)
    done.metric("Modules terminés", f"{finished} sur {total}")
    passed.metric("Quiz réussis", f"{progress.quizzes_passed} sur {total}")
    plural = "s" if finished > 1 else ""
    st.progress(
        round(100 * finished / total) if total else 0,  # a percent, rounded as people do
        text=f"{finished} module{plural} terminé{plural} sur {total}",
    )
    st.markdown("**Prochaine étape\u202f:**")
    show_next_step(progress, site)
