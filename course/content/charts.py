"""Plotly figures and their data tables, built from data/stats.csv as charts.yaml selects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from course.content.models import ChartSpec, Stat
from course.formatting import format_number, format_stat_date, format_stat_value, parse_stat_date

if TYPE_CHECKING:  # pandas is imported by the first table drawn, not when the app starts
    import pandas as pd

_TO_MILLIONS = {"billion": 1000.0, "million": 1.0, "thousand": 0.001}
# Colour-blind-safe palette (Okabe–Ito), dark enough on white for lines and bars.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def unit_family(stat: Stat) -> str:
    """Rows of one chart must share a family: counts (in millions), people, or percent."""
    return "millions" if stat.unit in _TO_MILLIONS else stat.unit


def plotted_value(stat: Stat) -> float:
    """The value on the chart's axis (counts are converted to millions)."""
    return stat.value * _TO_MILLIONS.get(stat.unit, 1.0)


def _label(text: str) -> str:
    """Labels compare with spaces folded, so a no-break space typed in one file still matches."""
    return " ".join(text.split())


def chart_rows(spec: ChartSpec, stats: Iterable[Stat]) -> list[Stat]:
    """The rows a chart shows, oldest first."""
    select = spec.select
    metrics = {_label(metric) for metric in select.metrics}
    order = [_label(scope) for scope in select.scopes]
    rows = [
        s
        for s in stats
        if _label(s.scope) in order
        and _label(s.metric) in metrics
        and (select.date_from is None or s.date >= select.date_from)
        and (select.date_to is None or s.date <= select.date_to)
    ]
    return sorted(rows, key=lambda s: (parse_stat_date(s.date), order.index(_label(s.scope))))


def series_name(stat: Stat) -> str:
    """A series is one scope and one metric: different metrics are never one line."""
    return f"{stat.scope} — {stat.metric}"


def data_table(rows: Iterable[Stat]) -> pd.DataFrame:
    """The chart's data, as learners read it: French labels, formatted values and dates."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "Périmètre": s.scope,
                "Mesure": s.metric,
                "Valeur": format_stat_value(s.value, s.unit),
                "Date": format_stat_date(s.date),
                "Source": s.source,
                "Statut": "confirmé" if s.status == "confirmed" else "non confirmé",
            }
            for s in rows
        ]
    )


def _axis_title(rows: list[Stat]) -> str:
    family = unit_family(rows[0]) if rows else "millions"
    return {"millions": "millions", "people": "personnes", "percent": "%"}[family]


def _hover(stat: Stat) -> str:
    flag = " (non confirmé)" if stat.status == "unconfirmed" else ""
    source = stat.source if len(stat.source) <= 60 else stat.source[:59] + "…"
    return (
        f"{series_name(stat)}<br>{format_stat_value(stat.value, stat.unit)}{flag}<br>"
        f"{format_stat_date(stat.date)}<br>Source : {source}"
    )


def _bar_traces(rows: list[Stat]) -> list[go.Bar]:
    """Horizontal bars: the labels (scope and date) stay readable on a phone, where vertical
    bars' labels are turned sideways and cut."""
    traces = []
    for index, metric in enumerate(dict.fromkeys(s.metric for s in rows)):
        picked = [s for s in rows if s.metric == metric]
        traces.append(
            go.Bar(
                name=metric,
                orientation="h",
                y=[f"{s.scope}<br>{format_stat_date(s.date)}" for s in picked],
                x=[plotted_value(s) for s in picked],
                marker_color=PALETTE[index % len(PALETTE)],
                text=[format_number(plotted_value(s), 1) for s in picked],
                textposition="outside",
                cliponaxis=False,
                hovertext=[_hover(s) for s in picked],
                hoverinfo="text",
            )
        )
    return traces


def _line_traces(rows: list[Stat]) -> list[go.Scatter]:
    traces = []
    for index, name in enumerate(dict.fromkeys(series_name(s) for s in rows)):
        picked = [s for s in rows if series_name(s) == name]
        traces.append(
            go.Scatter(
                name=name,
                x=[parse_stat_date(s.date) for s in picked],
                y=[plotted_value(s) for s in picked],
                mode="lines+markers",
                line={"color": PALETTE[index % len(PALETTE)], "width": 3},
                hovertext=[_hover(s) for s in picked],
                hoverinfo="text",
            )
        )
    return traces


def build_figure(spec: ChartSpec, stats: Iterable[Stat]) -> go.Figure:
    """The Plotly figure of a chart, labelled in French. Its title is not drawn in the figure,
    where a phone cuts it: the page writes it above, as text that wraps."""
    rows = chart_rows(spec, stats)
    figure = go.Figure(data=_bar_traces(rows) if spec.kind == "bar" else _line_traces(rows))
    figure.update_layout(
        separators=", ",
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "title": {"text": ""}},
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        font={"size": 15},
    )
    if spec.kind == "bar":
        bars = len({label for trace in figure.data for label in trace.y})
        figure.update_layout(
            height=160 + 60 * bars,
            uniformtext={"minsize": 12, "mode": "show"},  # thin bars' values stay readable
            xaxis={"title": {"text": _axis_title(rows)}, "rangemode": "tozero"},
            yaxis={"autorange": "reversed", "automargin": True},
            legend={"yanchor": "bottom", "y": 1.02, "x": 0},
            margin={"l": 10, "r": 50, "t": 10, "b": 40},  # the legend widens the top margin
        )
    else:
        figure.update_layout(yaxis={"title": {"text": _axis_title(rows)}, "rangemode": "tozero"})
    return figure
