"""The course's charts (data/charts.yaml) as Plotly figures, each with its text alternative,
its data as a table and its source; the Plotly settings every chart of the app uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

from course.content.charts import build_figure, chart_rows, data_table
from course.content.course import Course
from course.content.models import ChartSpec
from views.replay import REPLAYED_ENTRIES, course_token

if TYPE_CHECKING:
    import pandas as pd

PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "fr",
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def show_chart(course: Course, chart_id: str, caption: str = "", titled: bool = True) -> None:
    """A chart with its title (unless the page's heading already says it), its text
    alternative, its data as a table and its source.

    Drawn once per loaded course, then replayed (views/replay.py): the figure is serialised once,
    not at every run."""
    if course.chart(chart_id) is None:
        st.warning(f"Graphique « {chart_id} » introuvable.")
        return
    _draw_chart(course_token(course), chart_id, caption, titled, course)


@st.cache_resource(show_spinner=False, max_entries=REPLAYED_ENTRIES)
def _draw_chart(token: str, chart_id: str, caption: str, titled: bool, _course: Course) -> None:
    """`show_chart`'s elements, recorded for replay; `token` names `_course`, which is not hashed."""
    course = _course
    spec = course.chart(chart_id)
    assert spec is not None  # checked by show_chart
    figure, table = course.derived(("chart", chart_id), lambda: _chart_parts(course, spec))
    if titled:
        st.markdown(f"**{spec.title}**")  # above the figure, as text that wraps on a phone
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"chart-{chart_id}")
    st.markdown(f"**Description du graphique.** {spec.alt}")
    if caption or spec.caption:
        st.caption(caption or spec.caption or "")
    with st.expander("Voir les données du graphique"):
        st.table(table)


def _chart_parts(course: Course, spec: ChartSpec) -> tuple[go.Figure, pd.DataFrame]:
    """A chart's figure and data table, built once per loaded course (neither is changed after:
    Streamlit copies the figure before sending it)."""
    table = data_table(chart_rows(spec, course.stats)).set_index("Périmètre")
    return build_figure(spec, course.stats), table
