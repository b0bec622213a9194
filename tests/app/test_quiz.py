"""Taking a quiz in process (AppTest): every question type to the end, a reload, a retry."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from course.content.loader import content_dir_from_env
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.formatting import format_number
from tests.app.conftest import held_code, open_page, open_resume_link, sign_up
from tests.helpers import EVERY_TYPE_QUIZ, MATCHES, ORDER, shipped_course


@pytest.fixture
def quiz_app(
    app: Callable[..., AppTest],
    course_copy: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AppTest:
    root = course_copy()
    shutil.copy(EVERY_TYPE_QUIZ, root / "quizzes")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    started = app(str(root))
    started.query_params["quiz"] = "tous-les-types"
    return sign_up(open_page(started, "evaluation"))


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
    assert "Commencer le quiz" not in [b.label for b in page.button]  # the attempt alone
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
    code = held_code(page)
    assert "reprise" not in page.query_params
    # A new browser session: the learner comes back through their resume link, then the quiz.
    reloaded = open_resume_link(app(), "evaluation", code, quiz="tous-les-types")
    assert reloaded.subheader[0].value == "Question 2 sur 8"
    assert "1 réponse(s) sur 8" in reloaded.get("progress")[0].proto.text


def _numeric_question(quiz_app: AppTest) -> AppTest:
    page = button(quiz_app, "Commencer le quiz")
    for _ in range(6):
        page = button(page, "Question suivante")
    assert page.subheader[0].value == "Question 7 sur 8"  # « nombre »: 610 ± 10
    return page


@pytest.mark.parametrize("typed", ["six cent dix", "nan", "inf", "1e999", "610 % %"])
def test_a_numeric_answer_that_is_not_a_number_is_not_saved(quiz_app: AppTest, typed: str) -> None:
    page = _numeric_question(quiz_app)
    page.text_input[0].input(typed)
    page = button(page, "Valider ma réponse")
    assert not page.exception
    assert "Écrivez un nombre" in page.warning[0].value
    assert "0 réponse(s) sur 8" in page.get("progress")[0].proto.text


def test_a_numeric_answer_with_spaces_and_a_percent_sign_is_understood(
    quiz_app: AppTest,
) -> None:
    page = _numeric_question(quiz_app)
    page.text_input[0].input("612,5\u00a0%")
    page = button(page, "Valider ma réponse")
    assert not page.exception and not page.warning
    assert "1 réponse(s) sur 8" in page.get("progress")[0].proto.text
    page = button(page, "Terminer et voir mon score")
    assert page.expander[6].label.startswith("✓ Question 7")


# --- The quizzes of the shipped course ---------------------------------------------------------

SHIPPED = shipped_course()
EXAM = SHIPPED.quizzes["examen-final"]
BY_PROMPT = {question.prompt: question for question in EXAM.questions}
MODULE_QUIZZES = [quiz_id for quiz_id in SHIPPED.quizzes if quiz_id != EXAM.id]


def answer_perfectly(page: AppTest, question: Question) -> AppTest:
    """Give the exam question on screen its right answer through its widgets, then validate."""
    if isinstance(question, SingleChoice):
        page.radio[0].set_value(next(i for i, o in enumerate(question.options) if o.correct))
    elif isinstance(question, MultipleChoice):
        right = {option.text for option in question.options if option.correct}
        for checkbox in page.checkbox:
            checkbox.set_value(checkbox.label in right)
    elif isinstance(question, TrueFalse):
        page.radio[0].set_value("Vrai" if question.answer else "Faux")
    elif isinstance(question, Matching):
        rights = {pair.left: pair.right for pair in question.pairs}
        for box in page.selectbox:
            box.set_value(rights[box.label])
    elif isinstance(question, Ordering):
        for place, box in enumerate(page.selectbox):
            box.set_value(question.items[place])
    elif isinstance(question, ShortText):
        page.text_input[0].input(question.answers[0])
    else:
        assert isinstance(question, Numeric)
        value = question.answer if question.answer is not None else question.min
        page.text_input[0].input(format_number(value or 0))
    return button(page, "Valider ma réponse")


@pytest.fixture
def exam_app(
    app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppTest:
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    return app(str(content_dir_from_env()))


def shown_question(page: AppTest, questions: dict[str, Question]) -> Question:
    """The question whose prompt the page shows (`questions` by prompt)."""
    return next(questions[m.value] for m in page.markdown if m.value in questions)


@pytest.mark.parametrize("quiz_id", MODULE_QUIZZES)
def test_every_module_quiz_can_be_passed_through_its_widgets(
    exam_app: AppTest, quiz_id: str
) -> None:
    """Each question's right answer can be given with the widgets it is drawn with (its options,
    select boxes, a typed number or word), and the quiz then scores 100 %. The browser takes two
    of them, each with the seven types, to the end (tests/e2e/test_quizzes_2026.py)."""
    quiz = SHIPPED.quizzes[quiz_id]
    by_prompt = {question.prompt: question for question in quiz.questions}
    exam_app.query_params["quiz"] = quiz_id
    page = button(sign_up(open_page(exam_app, "evaluation")), "Commencer le quiz")
    total = len(quiz.questions)
    for number in range(1, total + 1):
        assert page.subheader[0].value == f"Question {number} sur {total}"
        question = shown_question(page, by_prompt)
        page = answer_perfectly(page, question)
        assert not page.exception
        assert any("Réponse enregistrée" in s.value for s in page.success), question.id
        if number < total:
            page = button(page, "Question suivante")
    page = button(page, "Terminer et voir mon score")
    assert page.metric[0].value == "100\u202f%", quiz_id
    assert "Quiz réussi" in page.success[0].value


def test_the_evaluation_page_lists_the_final_exam_after_the_module_quizzes(
    exam_app: AppTest,
) -> None:
    page = open_page(exam_app, "evaluation")
    assert [h.value for h in page.header] == ["Les quiz des modules", "L'examen final"]
    titles = [s.value for s in page.subheader]
    assert titles[-1] == "Examen final" and len(titles) == len(SHIPPED.quizzes)
    assert titles[0] == SHIPPED.quizzes["bases"].title
    pool = len(EXAM.questions)
    assert any(
        f"{EXAM.draw} questions tirées au sort parmi {pool} · tous les modules" in c.value
        for c in page.caption
    )


def test_the_final_exam_can_be_taken_to_the_end_with_a_perfect_score(exam_app: AppTest) -> None:
    exam_app.query_params["quiz"] = "examen-final"
    page = button(sign_up(open_page(exam_app, "evaluation")), "Commencer le quiz")
    seen = []
    assert EXAM.draw is not None
    for number in range(1, EXAM.draw + 1):
        assert page.subheader[0].value == f"Question {number} sur {EXAM.draw}"
        question = shown_question(page, BY_PROMPT)
        page = answer_perfectly(page, question)
        assert not page.exception
        assert any("Réponse enregistrée" in s.value for s in page.success), question.id
        seen.append(question.id)
        if number < EXAM.draw:
            page = button(page, "Question suivante")
    assert len(set(seen)) == EXAM.draw
    assert {q.module for q in EXAM.questions if q.id in seen} == {q.module for q in EXAM.questions}
    page = button(page, "Terminer et voir mon score")
    assert page.metric[0].value == "100\u202f%"
    assert "Quiz réussi" in page.success[0].value
    assert len(page.expander) == EXAM.draw
