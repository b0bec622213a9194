"""Chiffres clés: the figures of the course, dated and sourced; one chart at a time, chosen in a
list, then every figure in one table."""

from __future__ import annotations

import streamlit as st

from course.content.charts import data_table
from course.content.course import Course
from views.charts import show_chart
from views.kept import get_course
from views.replay import REPLAYED_ENTRIES, course_token


def figures_page() -> None:
    """Draw the key figures page."""
    course = get_course()
    st.title("Chiffres clés")
    st.markdown(
        "Chaque chiffre a une date et une source. Attention aux mesures : des **comptes inscrits** "
        "ne sont pas des **utilisateurs actifs**. Un compte créé une fois et jamais réutilisé compte "
        "parmi les inscrits, pas parmi les actifs mensuels (qui se connectent au moins une fois par "
        "mois) ni parmi les actifs quotidiens."
    )
    if course.charts:
        # One chart at a time: drawing all of them made this page the slowest after the
        # glossary (bench/levers.py); each is one choice away, with its text and data table.
        titles = {chart.id: chart.title for chart in course.charts}
        chosen = st.selectbox(
            f"Graphique affiché ({len(titles)} graphiques)",
            list(titles),
            format_func=titles.__getitem__,
            key="chiffres-graphique",
        )
        st.header(titles[chosen])
        show_chart(course, chosen, titled=False)
    st.header("Tous les chiffres")
    _all_figures(course_token(course), course)


@st.cache_resource(show_spinner=False, max_entries=REPLAYED_ENTRIES)
def _all_figures(token: str, _course: Course) -> None:
    """Every figure in one table, converted to Arrow once per loaded course then replayed
    (views/replay.py); `token` names `_course`, which is not hashed."""
    st.dataframe(data_table(_course.stats), hide_index=True)
