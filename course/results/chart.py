"""Success per question for the trainer: a Plotly bar chart, its data table and its text
alternative (French), so what the room misunderstood shows at a glance."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from course.content.charts import PALETTE
from course.formatting import format_percent
from course.results.group import GroupResults, QuestionStats

LABEL_LENGTH = 60


def question_label(number: int, stats: QuestionStats) -> str:
    """« 3. Qu'est-ce qu'un réseau social ? », cut with « … »; numbered, so never two alike."""
    prompt = " ".join(stats.question.prompt.split())
    if len(prompt) > LABEL_LENGTH:
        prompt = prompt[: LABEL_LENGTH - 1].rstrip() + "…"
    return f"{number}. {prompt}"


def success_table(results: GroupResults) -> pd.DataFrame:
    """The chart's data: each question, its quiz, its answers and its success."""
    return pd.DataFrame(
        [
            {
                "Question": question_label(number, s),
                "Quiz": s.quiz_title,
                "Réponses": s.answers,
                "Réussite": format_percent(s.success_percent, 1),
                "Réponse fausse la plus fréquente": s.top_wrong or "—",
            }
            for number, s in enumerate(results.questions, start=1)
        ],
        columns=["Question", "Quiz", "Réponses", "Réussite", "Réponse fausse la plus fréquente"],
    )


def success_figure(results: GroupResults) -> go.Figure:
    """One horizontal bar per question answered, in course order, labelled with its percent."""
    labels = [question_label(n, s) for n, s in enumerate(results.questions, start=1)]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            y=labels,
            x=[s.success_percent for s in results.questions],
            marker_color=PALETTE[0],
            text=[format_percent(s.success_percent) for s in results.questions],
            textposition="outside",
            hoverinfo="text",
            hovertext=[
                f"{s.quiz_title}<br>{format_percent(s.success_percent)} de bonnes réponses "
                f"sur {s.answers}"
                for s in results.questions
            ],
            name="Réussite",
        )
    )
    figure.update_layout(
        title={"text": "Réussite par question"},
        height=120 + 30 * len(labels),
        margin={"l": 10, "r": 40, "t": 50, "b": 40},
        xaxis={"range": [0, 112], "title": "Bonnes réponses (%)", "ticksuffix": "\u202f%"},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels))},
        separators=", ",
        showlegend=False,
    )
    return figure


def success_summary(results: GroupResults) -> str:
    """The chart's text alternative: how many questions, the weakest and the best."""
    stats = list(results.questions)
    if not stats:
        return "Aucune réponse pour l'instant."
    weakest = min(stats, key=lambda s: s.success_percent)
    best = max(stats, key=lambda s: s.success_percent)
    mean = sum(s.success_percent for s in stats) / len(stats)
    count = f"{len(stats)}\u00a0question{'s' if len(stats) > 1 else ''}"
    text = (
        f"Part de bonnes réponses pour {count}, en moyenne {format_percent(mean)}. "
        f"La moins réussie\u202f: «\u00a0{weakest.question.prompt}\u00a0» "
        f"({format_percent(weakest.success_percent)})."
    )
    if best.success_percent > weakest.success_percent:
        text += (
            f" La mieux réussie\u202f: «\u00a0{best.question.prompt}\u00a0» "
            f"({format_percent(best.success_percent)})."
        )
    return text
