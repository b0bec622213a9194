"""Chiffres clés: the figures of the course, dated and sourced, with their charts."""

from __future__ import annotations

import streamlit as st

from course.content.charts import data_table
from views.charts import show_chart
from views.kept import get_course


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
    for chart in course.charts:
        st.header(chart.title)
        show_chart(course, chart.id, titled=False)
    st.header("Tous les chiffres")
    st.dataframe(data_table(course.stats), hide_index=True)
