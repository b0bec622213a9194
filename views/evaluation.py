"""Évaluation: the module quizzes and the final exam."""

from __future__ import annotations

import streamlit as st

from course.formatting import format_number
from views.common import get_course, show_content_errors
from views.site import Site


def evaluation_page(site: Site) -> None:
    """List the quizzes; taking them arrives with the quiz engine."""
    course = get_course()
    st.title("Évaluation")
    st.info(
        "Le passage des quiz en ligne arrive dans la prochaine version du cours : vous "
        "pourrez répondre, voir votre score et les explications.",
        icon=":material/construction:",
    )
    st.header("Les quiz")
    wanted = st.query_params.get("quiz")
    for quiz in course.quizzes.values():
        with st.container(border=True):
            marker = " (quiz demandé)" if quiz.id == wanted else ""
            st.subheader(quiz.title + marker)
            lesson = course.lesson(quiz.lesson) if quiz.lesson else None
            count = quiz.draw or len(quiz.questions)
            details = f"{count} questions · réussite à partir de {format_number(quiz.pass_mark)} %"
            st.caption(details + (f" · module « {lesson.meta.title} »" if lesson else ""))
            if lesson:
                st.page_link(
                    site.lessons[lesson.id], label="Relire le module", icon=":material/menu_book:"
                )
    broken = [e for e in course.errors if e.file.startswith("quizzes/")]
    if broken:
        show_content_errors(broken, "Certains quiz ne peuvent pas s'afficher :")
