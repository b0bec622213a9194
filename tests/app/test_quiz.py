"""Taking a quiz in process (AppTest): every question type to the end, a reload, a retry."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page
from tests.conftest import FIXTURES, MATCHES, ORDER


@pytest.fixture
def quiz_app(
    app: Callable[..., AppTest],
    course_copy: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AppTest:
    root = course_copy()
    shutil.copy(FIXTURES / "grading" / "tous-les-types.yaml", root / "quizzes")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    started = app(str(root))
    started.query_params["quiz"] = "tous-les-types"
    return open_page(started, "evaluation")


def button(page: AppTest, label: str) -> AppTest:
    return next(b for b in page.button if b.label.startswith(label)).click().run()


def answer_current(page: AppTest, question: str) -> AppTest:
    """Fill in the perfect answer to the question on screen, then validate it."""
    if question in {"choix-unique"}:
        page.radio[0].set_value(1)
    elif question == "choix-multiple":
        for index in (0, 1, 3):
            page.checkbox[index].check()
    elif question == "vrai-faux":
        page.radio[0].set_value("Faux")
    elif question == "association":
        for box in page.selectbox:
            box.set_value(MATCHES[box.label])
    elif question == "ordre":
        for place, box in enumerate(page.selectbox):
            box.set_value(ORDER[place])
    else:
        page.text_input[0].input(
            {"texte": "Les abonnés", "nombre": "612,5", "intervalle": "2023"}[question]
        )
    return button(page, "Valider ma réponse")


def test_every_question_type_can_be_answered_to_a_perfect_score(quiz_app: AppTest) -> None:
    page = button(quiz_app, "Commencer le quiz")
    questions = [
        "choix-unique",
        "choix-multiple",
        "vrai-faux",
        "association",
        "ordre",
        "texte",
        "nombre",
        "intervalle",
    ]
    for number, question in enumerate(questions, start=1):
        assert page.subheader[0].value == f"Question {number} sur 8"
        page = answer_current(page, question)
        assert not page.exception
        assert any("Réponse enregistrée" in s.value for s in page.success), question
        if number < len(questions):
            page = button(page, "Question suivante")
    page = button(page, "Terminer et voir mon score")
    assert page.metric[0].value == "100\u202f%"
    assert "Quiz réussi" in page.success[0].value
    assert len(page.expander) == 8


def test_an_unanswered_quiz_scores_zero_and_can_be_retried(quiz_app: AppTest) -> None:
    page = button(quiz_app, "Commencer le quiz")
    page = button(page, "Terminer et voir mon score (8 sans réponse)")
    assert page.metric[0].value == "0\u202f%"
    assert "Pas encore" in page.warning[0].value
    page = button(page, "Recommencer le quiz")
    page = button(page, "Commencer le quiz")
    assert page.subheader[0].value == "Question 1 sur 8"


def test_a_reload_resumes_the_attempt_with_its_answers(
    quiz_app: AppTest, app: Callable[..., AppTest]
) -> None:
    page = button(quiz_app, "Commencer le quiz")
    page = answer_current(page, "choix-unique")
    learner = page.query_params["apprenant"]
    reloaded = app()  # a new browser session, same URL
    reloaded.query_params.update({"quiz": "tous-les-types", "apprenant": learner})
    reloaded = open_page(reloaded, "evaluation")
    assert reloaded.subheader[0].value == "Question 2 sur 8"
    assert "1 réponse(s) sur 8" in reloaded.get("progress")[0].proto.text


def test_a_numeric_answer_that_is_not_a_number_is_not_saved(quiz_app: AppTest) -> None:
    page = button(quiz_app, "Commencer le quiz")
    for _ in range(6):
        page = button(page, "Question suivante")
    page.text_input[0].input("six cent dix")
    page = button(page, "Valider ma réponse")
    assert "Écrivez un nombre" in page.warning[0].value
    assert "0 réponse(s) sur 8" in page.get("progress")[0].proto.text
