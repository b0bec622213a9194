"""Quiz settings in the app: a time limit the server enforces, an attempts limit, which attempt counts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from course.storage.schema import attempts
from course.storage.store import Store
from tests.app.conftest import open_page, sign_up
from tests.app.test_quiz import answer_current, button
from tests.helpers import EVERY_TYPE_QUIZ


@pytest.fixture
def quiz_with(
    app: Callable[..., AppTest],
    course_copy: Callable[..., Path],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str], AppTest]:
    """The all-types quiz with extra settings (YAML lines), opened in the app."""

    def open_quiz(settings: str) -> AppTest:
        root = course_copy()
        quiz = root / "quizzes" / "tous-les-types.yaml"
        shutil.copy(EVERY_TYPE_QUIZ, quiz)
        quiz.write_text(quiz.read_text().replace("pass_mark: 60\n", f"pass_mark: 60\n{settings}"))
        monkeypatch.setenv("COURSE_DATA_DIR", str(data_dir))
        started = app(str(root))
        started.query_params["quiz"] = "tous-les-types"
        return sign_up(open_page(started, "evaluation"))

    return open_quiz


@pytest.fixture
def timed_app(quiz_with: Callable[[str], AppTest]) -> AppTest:
    return quiz_with("time_limit: 10\n")


def move_deadline(data_dir: Path, minutes_from_now: float) -> None:
    """What the clock would do: the attempt's deadline comes closer (or passes)."""
    store = Store(f"sqlite:///{data_dir / 'course.sqlite3'}")
    with store.transaction() as db:
        db.execute(
            update(attempts).values(
                deadline=datetime.now(UTC) + timedelta(minutes=minutes_from_now)
            )
        )
    store.engine.dispose()


def test_the_time_limit_is_announced_and_counted_down(timed_app: AppTest) -> None:
    assert any("10\u00a0min pour répondre" in m.value for m in timed_app.markdown)
    page = button(timed_app, "Commencer le quiz")
    countdown = page.info[0].value
    assert countdown.startswith("Temps restant\u202f: 9\u00a0min, à terminer avant ")


def test_at_the_deadline_the_quiz_closes_with_the_answers_given_in_time(
    timed_app: AppTest, data_dir: Path
) -> None:
    page = answer_current(button(timed_app, "Commencer le quiz"), "choix-unique")
    move_deadline(data_dir, -1)
    page = page.run()  # the next rerun (the countdown's, or any click)
    assert "Le temps imparti est écoulé" in page.warning[0].value
    assert page.metric[0].value == "11\u202f%"  # 1 point of 9: the answer saved in time
    assert page.button[0].label == "Recommencer le quiz"


def test_an_answer_validated_after_the_deadline_does_not_count(
    timed_app: AppTest, data_dir: Path
) -> None:
    page = button(timed_app, "Commencer le quiz")
    move_deadline(data_dir, -0.01)
    page = answer_current(page, "choix-unique")
    assert "Le temps imparti est écoulé" in page.warning[0].value
    assert page.metric[0].value == "0\u202f%"


def test_the_best_of_the_allowed_attempts_counts_and_no_more_are_offered(
    quiz_with: Callable[[str], AppTest],
) -> None:
    page = answer_current(
        button(quiz_with("max_attempts: 2\n"), "Commencer le quiz"), "choix-unique"
    )
    page = button(page, "Terminer et voir mon score")
    assert page.metric[0].value == "11\u202f%"
    assert any(c.value == "Tentatives restantes\u202f: 1." for c in page.caption)
    page = button(button(page, "Recommencer le quiz"), "Commencer le quiz")
    page = button(page, "Terminer et voir mon score")
    assert page.metric[0].value == "0\u202f%"  # the last attempt is shown…
    assert any(  # …but the best one counts
        c.value
        == "Résultat retenu pour votre parcours\u202f: 11\u202f%, votre meilleure tentative sur 2."
        for c in page.caption
    )
    assert page.info[-1].value == "Vous avez utilisé toutes vos tentatives pour ce quiz."
    assert not [b for b in page.button if b.label == "Recommencer le quiz"]
