"""Évaluation: the module quizzes and the final exam; `?quiz=id` opens one to take it."""

from __future__ import annotations

import unicodedata

import streamlit as st

from course.content.course import Course
from course.content.lesson import Lesson
from course.content.questions import Quiz
from course.formatting import format_percent
from course.text import escape_markdown
from views.kept import get_course
from views.page import show_content_errors, url_value
from views.quiz import take_quiz
from views.site import Site

SHOWN_LENGTH = 40  # characters of an unknown URL value repeated in a message
_HIDDEN = ("Cc", "Cf", "Co", "Cs", "Cn")  # controls, bidi and zero-width marks, unassigned


def shown_url_value(value: str) -> str:
    """A value from the URL, to quote in a message: on one line, without invisible or
    direction-changing characters, cut to SHOWN_LENGTH characters, escaped for Markdown."""
    visible = "".join(
        " " if c.isspace() else c
        for c in value
        if c.isspace() or unicodedata.category(c) not in _HIDDEN
    )
    text = " ".join(visible.split())
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 1].rstrip() + "…"
    return escape_markdown(text)


def _quiz_card(course: Course, site: Site, quiz: Quiz, action: str) -> None:
    with st.container(border=True):
        st.subheader(quiz.title)
        lesson = course.lesson(quiz.lesson) if quiz.lesson else None
        count = f"{quiz.draw or len(quiz.questions)} questions"
        if quiz.draw and quiz.draw < len(quiz.questions):
            count += f" tirées au sort parmi {len(quiz.questions)}"
        where = f"module « {lesson.meta.title} »" if lesson else "tous les modules"
        st.caption(f"{count} · {where} · réussite à partir de {format_percent(quiz.pass_mark)}")
        st.page_link(
            site.page("evaluation"),
            label=action,
            icon=":material/quiz:",
            query_params={"quiz": quiz.id},
        )


def _quiz_list(course: Course, site: Site) -> None:
    position = {
        module.id if isinstance(module, Lesson) else module.slug: n
        for n, module in enumerate(course.modules)
    }
    by_module = sorted(
        (quiz for quiz in course.quizzes.values() if quiz.lesson),
        key=lambda quiz: (position.get(quiz.lesson or "", len(position)), quiz.id),
    )
    exams = [quiz for quiz in course.quizzes.values() if not quiz.lesson]
    st.header("Les quiz des modules")
    for quiz in by_module:
        _quiz_card(course, site, quiz, "Faire le quiz")
    if exams:
        st.header("L'examen final")
        st.markdown("Quand vous avez suivi les modules, vérifiez l'ensemble de vos acquis.")
        for quiz in exams:
            _quiz_card(course, site, quiz, "Passer l'examen")
    broken = [e for e in course.errors if e.file.startswith("quizzes/")]
    if broken:
        show_content_errors(broken, "Certains quiz ne peuvent pas s'afficher :")


def evaluation_page(site: Site) -> None:
    """The list of quizzes, or the quiz asked for in the URL."""
    course = get_course()
    wanted = url_value("quiz")
    quiz = course.quizzes.get(wanted)
    if quiz is None:
        st.title("Évaluation")
        if wanted.strip():
            st.warning(
                f"Le quiz «\u00a0{shown_url_value(wanted)}\u00a0» n'existe pas (ou plus)\u202f: "
                "voici la liste des quiz.",
                icon=":material/search_off:",
            )
        exam = any(not quiz.lesson for quiz in course.quizzes.values())
        st.markdown(
            "Un quiz par module pour vérifier vos acquis"
            + (", puis l'examen final sur tout le cours" if exam else "")
            + ". Vos réponses sont enregistrées au fur et à mesure : vous pouvez fermer la "
            "page et reprendre plus tard."
        )
        _quiz_list(course, site)
        return
    st.title(quiz.title)
    st.page_link(site.page("evaluation"), label="Tous les quiz", icon=":material/arrow_back:")
    lesson = course.lesson(quiz.lesson) if quiz.lesson else None
    if lesson:
        st.page_link(
            site.lessons[lesson.id],
            label=f"Relire le module « {lesson.meta.title} »",
            icon=":material/menu_book:",
        )
    take_quiz(course, quiz)
