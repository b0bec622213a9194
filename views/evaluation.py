"""Évaluation: the module quizzes and the final exam; `?quiz=id` opens one to take it."""

from __future__ import annotations

import streamlit as st

from course.content import Course
from course.formatting import format_percent
from views.common import get_course, show_content_errors
from views.quiz import take_quiz
from views.site import Site


def _quiz_list(course: Course, site: Site) -> None:
    st.header("Les quiz")
    for quiz in course.quizzes.values():
        with st.container(border=True):
            st.subheader(quiz.title)
            lesson = course.lesson(quiz.lesson) if quiz.lesson else None
            count = quiz.draw or len(quiz.questions)
            details = f"{count} questions · réussite à partir de {format_percent(quiz.pass_mark)}"
            st.caption(details + (f" · module « {lesson.meta.title} »" if lesson else ""))
            st.page_link(
                site.page("evaluation"),
                label="Faire le quiz",
                icon=":material/quiz:",
                query_params={"quiz": quiz.id},
            )
    broken = [e for e in course.errors if e.file.startswith("quizzes/")]
    if broken:
        show_content_errors(broken, "Certains quiz ne peuvent pas s'afficher :")


def evaluation_page(site: Site) -> None:
    """The list of quizzes, or the quiz asked for in the URL."""
    course = get_course()
    quiz = course.quizzes.get(st.query_params.get("quiz", ""))
    if quiz is None:
        st.title("Évaluation")
        st.markdown(
            "Un quiz par module pour vérifier vos acquis. Vos réponses sont enregistrées au fur et à "
            "mesure : vous pouvez fermer la page et reprendre plus tard."
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
