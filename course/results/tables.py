"""Group results as tables with French column names, for the trainer's page and the exports:
participants, participants × modules, attempts and live answers, questions.

Numbers stay numbers (rounded) and dates stay datetimes: each export writes them its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from course.quiz.response_text import question_type_label
from course.results.group import EXAM_LABEL, GroupResults, Participant

YES, NO = "Oui", "Non"


def _minutes(seconds: int) -> float:
    return round(seconds / 60, 1)


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def participants_table(results: GroupResults) -> pd.DataFrame:
    """One row per participant: quizzes passed, exam, certificate score, time, completion."""
    quizzes = sum(1 for lesson in results.course.lessons if lesson.meta.quiz)
    columns = [
        "Participant",
        "Nom affiché",
        "Atelier",
        f"Quiz réussis (sur {quizzes})",
        "Examen final (%)",
        "Score retenu (%)",
        "Temps passé (min)",
        "Formation terminée",
        "Attestation",
    ]
    rows = [
        [
            p.name,
            p.display_name,
            p.workshops,
            p.progress.quizzes_passed,
            _rounded(p.progress.exam.percent) if p.progress.exam else None,
            _rounded(p.progress.score),
            _minutes(p.progress.seconds),
            _yes_no(p.progress.complete),
            p.record.certificate_code or "",
        ]
        for p in results.participants
    ]
    return pd.DataFrame(rows, columns=columns)


def _module_rows(participant: Participant) -> Iterator[dict[str, Any]]:
    for module in participant.progress.modules:
        quiz = module.quiz
        yield {
            "Participant": participant.name,
            "Module": f"{module.number}. {module.title}",
            "Tentatives": quiz.attempts if quiz else 0,
            "Score retenu (%)": _rounded(quiz.percent) if quiz else None,
            "Réussi": _yes_no(quiz.passed) if quiz else "",
            "Temps passé (min)": _minutes(module.seconds),
            "Module terminé": _yes_no(module.completed),
        }
    exam = participant.progress.exam
    if exam is not None:
        yield {
            "Participant": participant.name,
            "Module": EXAM_LABEL,
            "Tentatives": exam.attempts,
            "Score retenu (%)": _rounded(exam.percent),
            "Réussi": _yes_no(exam.passed),
            "Temps passé (min)": None,
            "Module terminé": "",
        }


MODULE_COLUMNS = [
    "Participant",
    "Module",
    "Tentatives",
    "Score retenu (%)",
    "Réussi",
    "Temps passé (min)",
    "Module terminé",
]


def modules_table(results: GroupResults) -> pd.DataFrame:
    """One row per participant and module (and the final exam): the counted attempt's score,
    passed or not, and the time spent in the module."""
    rows = [row for p in results.participants for row in _module_rows(p)]
    return pd.DataFrame(rows, columns=MODULE_COLUMNS)


LINE_KINDS = {"quiz": "Tentative de quiz", "live": "Réponse en direct"}
LINE_COLUMNS = [
    "Type",
    "Participant",
    "Atelier",
    "Quiz",
    "Module",
    "Question",
    "Début",
    "Fin",
    "Durée (s)",
    "Score",
    "Score maximal",
    "Pourcentage",
    "Réussi",
]


def lines_table(results: GroupResults) -> pd.DataFrame:
    """One row per finished attempt and per live answer; dates stay datetimes (UTC)."""
    rows = [
        [
            LINE_KINDS[line.kind],
            line.learner_name,
            line.workshop,
            line.quiz_title,
            line.module_title,
            line.question_prompt,
            line.started_at,
            line.finished_at,
            line.seconds,
            round(line.score, 2),
            round(line.max_score, 2),
            round(line.percent, 1),
            _yes_no(line.passed),
        ]
        for line in results.lines
    ]
    return pd.DataFrame(rows, columns=LINE_COLUMNS)


QUESTION_COLUMNS = [
    "Module",
    "Quiz",
    "Question",
    "Type",
    "Réponses",
    "Dont en direct",
    "Réponses justes",
    "Réussite (%)",
    "Score moyen (%)",
    "Réponse fausse la plus fréquente",
    "Nombre de fois",
]


def questions_table(results: GroupResults) -> pd.DataFrame:
    """One row per question answered: answers, success, the most frequent wrong answer."""
    rows = [
        [
            s.module_title,
            s.quiz_title,
            s.question.prompt,
            question_type_label(s.question),
            s.answers,
            s.live_answers,
            s.right,
            round(s.success_percent, 1),
            round(100 * s.mean_fraction, 1),
            s.top_wrong or "",
            s.top_wrong_count,
        ]
        for s in results.questions
    ]
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)
