"""« Mon parcours » as a chart, its data table and its text alternative (French)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go

from course.content.charts import PALETTE
from course.formatting import format_minutes, format_percent
from course.journey.progress import ModuleStanding, Progress

if TYPE_CHECKING:  # pandas is imported by the first table drawn, not when the app starts
    import pandas as pd

PASSED, TO_RETRY, NOT_YET = "Réussi", "À retenter", "Pas encore tenté"
COLOURS = {PASSED: PALETTE[2], TO_RETRY: PALETTE[1], NOT_YET: "#767676"}


def quiz_state(module: ModuleStanding) -> str:
    quiz = module.quiz
    if quiz is None or quiz.counted is None:
        return NOT_YET
    return PASSED if quiz.passed else TO_RETRY


def progress_figure(progress: Progress) -> go.Figure:
    """One bar per module quiz (the score that counts), labelled in words, not colour alone."""
    figure = go.Figure()
    modules = list(progress.modules)
    for state in (PASSED, TO_RETRY, NOT_YET):
        picked = [m for m in modules if quiz_state(m) == state]
        if not picked:
            continue
        figure.add_trace(
            go.Bar(
                name=state,
                orientation="h",
                y=[_module_label(m) for m in picked],
                x=[(m.quiz.percent or 0) if m.quiz else 0 for m in picked],
                marker_color=COLOURS[state],
                text=[_bar_label(m) for m in picked],
                # inside a long bar, after a short one (or none): the words always show
                textposition=[_text_position(m) for m in picked],
                cliponaxis=False,
                hoverinfo="text",
                hovertext=[f"{m.title}\u202f: {_bar_label(m)}" for m in picked],
            )
        )
    order = [_module_label(m) for m in modules]
    figure.update_layout(
        barmode="overlay",
        height=100 + 36 * len(modules),
        margin={"l": 10, "r": 20, "t": 10, "b": 30},  # the legend widens the top margin
        xaxis={"range": [0, 100], "title": "Score retenu (%)", "ticksuffix": "\u202f%"},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order))},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        separators=", ",
    )
    return figure


def _text_position(module: ModuleStanding) -> str:
    percent = (module.quiz.percent or 0) if module.quiz else 0
    return "inside" if percent >= 50 else "outside"


def _module_label(module: ModuleStanding) -> str:
    """Module 3, say: short enough for a phone; the title is in the hover text and the table."""
    return f"Module {module.number}"


def _bar_label(module: ModuleStanding) -> str:
    state = quiz_state(module)
    if state == NOT_YET or module.quiz is None or module.quiz.percent is None:
        return NOT_YET
    return f"{state}, {format_percent(module.quiz.percent)}"


def progress_table(progress: Progress) -> pd.DataFrame:
    """The chart's data and more: read, finished, time, score, attempts."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "Module": f"{m.number}. {m.title}",
                "Ouvert": "oui" if m.visited else "non",
                "Terminé": "oui" if m.completed else "non",
                "Temps passé": format_minutes(m.seconds // 60) if m.seconds >= 60 else "—",
                "Quiz": _bar_label(m),
                "Tentatives": m.quiz.attempts if m.quiz else 0,
            }
            for m in progress.modules
        ]
    )


def progress_summary(progress: Progress) -> str:
    """The chart's text alternative."""
    total = len(progress.modules)
    opened = sum(1 for m in progress.modules if m.visited)
    text = (
        f"Vous avez ouvert {opened} module(s) sur {total} et réussi "
        f"{progress.quizzes_passed} quiz sur {total}."
    )
    if progress.exam is not None:
        if progress.exam.percent is None:
            text += " Examen final\u202f: pas encore passé."
        else:
            verdict = "réussi" if progress.exam.passed else "pas encore réussi"
            text += f" Examen final\u202f: {format_percent(progress.exam.percent)}, {verdict}."
    return text
