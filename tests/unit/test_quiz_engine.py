"""Grading: every question type and its edge cases, fair partial credit, properties, CLI."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.content.loader import load_quiz
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Option,
    Ordering,
    Pair,
    Quiz,
    ShortText,
)
from course.quiz.grading import (
    ResponseError,
    edit_distance,
    grade_question,
    grade_quiz,
    parse_french_number,
)
from course.quiz.response_text import describe_response
from course.workshop.live import score_live_answer
from tests.helpers import EVERY_TYPE_QUIZ, FIXTURES, Ran, run_course, shipped_course

GRADING = FIXTURES / "grading"
QUIZ = load_quiz(EVERY_TYPE_QUIZ)
Q = {question.id: question for question in QUIZ.questions}


@pytest.mark.parametrize(
    ("question_id", "response", "fraction"),
    [
        ("choix-unique", 1, 1.0),
        ("choix-unique", 0, 0.0),
        ("choix-unique", None, 0.0),
        ("choix-multiple", [0, 1, 3], 1.0),
        ("choix-multiple", [3, 1, 0, 0], 1.0),  # order and repeats do not matter
        ("choix-multiple", [0, 1], 2 / 3),
        ("choix-multiple", [0, 1, 2, 3], 2 / 3),  # ticking everything costs the wrong pick
        ("choix-multiple", [0, 2], 0.0),  # one right, one wrong
        ("choix-multiple", [2], 0.0),  # never below zero
        ("choix-multiple", [], 0.0),
        ("vrai-faux", False, 1.0),
        ("vrai-faux", True, 0.0),
        ("association", {"Avatar": "Image qui vous représente"}, 0.25),
        (
            "association",
            {"Avatar": "Sujet de discussion", "Topic": "Image qui vous représente"},
            0.0,
        ),
        ("ordre", ["S'inscrire", "Créer son profil", "Échanger avec les membres"], 1.0),
        ("ordre", ["Échanger avec les membres", "Créer son profil", "S'inscrire"], 1 / 3),
        ("texte", "abonnés", 1.0),
        ("texte", " LES Abonnes. ", 1.0),
        ("texte", "abones", 1.0),  # one typo allowed
        ("texte", "abbonés", 0.0),  # two typos: beyond the tolerance of one
        ("texte", "abo", 0.0),
        ("texte", "", 0.0),
        ("texte", "!!!", 0.0),
        ("nombre", 610, 1.0),
        ("nombre", 600, 1.0),  # edges of the tolerance count
        ("nombre", 620.0, 1.0),
        ("nombre", 620.01, 0.0),
        ("nombre", "610,7", 1.0),
        ("nombre", "1 234,5", 0.0),
        ("intervalle", 2023, 1.0),
        ("intervalle", "2\u202f023", 1.0),
        ("intervalle", 2022, 0.0),
    ],
)
def test_each_type_scores_the_fraction_the_rules_give(
    question_id: str, response: Any, fraction: float
) -> None:
    assert grade_question(Q[question_id], response, QUIZ.scoring) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("question_id", "response"),
    [
        ("choix-multiple", [0, 1]),
        ("association", {"Avatar": "Image qui vous représente"}),
        ("ordre", ["Échanger avec les membres", "Créer son profil", "S'inscrire"]),
    ],
)
def test_all_or_nothing_gives_no_partial_credit(question_id: str, response: Any) -> None:
    assert grade_question(Q[question_id], response, "all_or_nothing") == 0.0


def test_a_question_can_override_the_quiz_scoring() -> None:
    question = Q["choix-multiple"].model_copy(update={"scoring": "all_or_nothing"})
    assert grade_question(question, [0, 1], "partial") == 0.0


@pytest.mark.parametrize(
    ("question_id", "response", "message"),
    [
        ("choix-unique", 3, "de 0 à 2"),
        ("choix-unique", True, "numéro d'une option"),
        ("choix-unique", "1", "numéro d'une option"),
        ("choix-multiple", 1, "une liste"),
        ("vrai-faux", "faux", "true (vrai) ou false (faux)"),
        ("association", ["Avatar"], "associe chaque élément"),
        ("association", {"Profil": "x"}, "élément de gauche inconnu"),
        ("ordre", ["S'inscrire"], "tous les éléments"),
        ("texte", 12, "un texte"),
        ("nombre", "six cent dix", "n'est pas un nombre"),
        ("nombre", [610], "un nombre"),
        ("nombre", float("inf"), "nombre fini"),
        ("nombre", float("-inf"), "nombre fini"),
        ("nombre", float("nan"), "nombre fini"),
        ("intervalle", float("nan"), "nombre fini"),
        ("nombre", 10**400, "nombre fini"),  # an int no float can hold: refused, not a crash
        ("nombre", "1" * 400, "nombre trop grand"),
        ("nombre", "nan", "n'est pas un nombre"),
        ("nombre", "abc", "n'est pas un nombre"),
    ],
)
def test_a_response_of_the_wrong_shape_is_a_french_error(
    question_id: str, response: Any, message: str
) -> None:
    with pytest.raises(ResponseError, match=re.escape(message)):
        grade_question(Q[question_id], response, QUIZ.scoring)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("610", 610.0),
        ("1 234,5", 1234.5),
        ("1\u202f234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("1.234,5", 1234.5),
        ("1234.5", 1234.5),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),  # the typographic minus sign
        (",5", 0.5),
        ("62 %", 62.0),
        ("62\u202f%", 62.0),
        ("62%", 62.0),
        ("62,5", 62.5),
        ("62,5 %", 62.5),
        ("62,5\u00a0%", 62.5),
        ("1 234", 1234.0),
        ("1\u202f234", 1234.0),
        ("1.5", 1.5),
        ("  610\n", 610.0),
    ],
)
def test_french_numbers_are_understood(text: str, value: float) -> None:
    assert parse_french_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "six",
        "abc",
        "1,2,3",
        "1 234,5 €",
        "--1",
        "%",
        "62 % %",
        "% 62",
        "1e5",
        "nan",
        "NaN",
        "inf",
        "-Infinity",
        "0x10",
        "1_000",
    ],
)
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        parse_french_number(text)


def test_a_number_too_large_to_be_finite_is_refused_and_quoted_short() -> None:
    with pytest.raises(ValueError, match="trop grand") as refused:
        parse_french_number("9" * 400)
    assert len(str(refused.value)) < 80


@given(response=st.one_of(st.floats(), st.integers(), st.text(max_size=20)))
def test_a_numeric_response_is_graded_0_or_1_or_refused_in_french(response: Any) -> None:
    """Whatever arrives (NaN, infinities, huge ints, any text), grading never crashes and never
    counts a non-finite number as right."""
    for question in (Q["nombre"], Q["intervalle"]):
        try:
            fraction = grade_question(question, response)
        except ResponseError:
            continue
        assert fraction in (0.0, 1.0)
        if fraction == 1.0:
            value = parse_french_number(response) if isinstance(response, str) else response
            assert math.isfinite(value)


@pytest.mark.parametrize("response", [float("nan"), float("inf"), "nan", 10**400])
def test_a_live_answer_that_is_not_a_finite_number_scores_zero(response: Any) -> None:
    assert score_live_answer(Q["nombre"], response) == (0.0, 0.0)


def test_edit_distance() -> None:
    assert (
        edit_distance("abonnes", "abones"),
        edit_distance("mur", "mur"),
        edit_distance("", "abc"),
    ) == (1, 0, 3)


# --- Properties over generated questions -------------------------------------------------

texts = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@st.composite
def choice_questions(draw: st.DrawFn) -> MultipleChoice:
    flags = draw(st.lists(st.booleans(), min_size=2, max_size=6).filter(any))
    options = [Option(text=f"option {i}", correct=flag) for i, flag in enumerate(flags)]
    return MultipleChoice(
        id="q", type="multiple_choice", prompt="p", explanation="e", options=options
    )


@given(
    question=choice_questions(),
    picks=st.lists(st.integers(0, 5)),
    scoring=st.sampled_from(["partial", "all_or_nothing"]),
)
def test_multiple_choice_fraction_stays_in_0_1(
    question: MultipleChoice, picks: list[int], scoring: Any
) -> None:
    valid = [p for p in picks if p < len(question.options)]
    assert 0.0 <= grade_question(question, valid, scoring) <= 1.0
    perfect = [i for i, option in enumerate(question.options) if option.correct]
    assert grade_question(question, perfect, scoring) == 1.0


@given(items=st.lists(texts, min_size=2, max_size=6, unique=True), data=st.data())
def test_ordering_fraction_stays_in_0_1(items: list[str], data: st.DataObject) -> None:
    question = Ordering(id="q", type="ordering", prompt="p", explanation="e", items=items)
    shuffled = data.draw(st.permutations(items))
    assert 0.0 <= grade_question(question, list(shuffled)) <= 1.0
    assert grade_question(question, items) == 1.0


@given(lefts=st.lists(texts, min_size=2, max_size=5, unique=True), data=st.data())
def test_matching_fraction_stays_in_0_1(lefts: list[str], data: st.DataObject) -> None:
    rights = [f"droite {left}" for left in lefts]
    question = Matching(
        id="q",
        type="matching",
        prompt="p",
        explanation="e",
        pairs=[Pair(left=left, right=right) for left, right in zip(lefts, rights, strict=True)],
    )
    chosen = data.draw(st.permutations(rights))
    assert 0.0 <= grade_question(question, dict(zip(lefts, chosen, strict=True))) <= 1.0
    assert grade_question(question, dict(zip(lefts, rights, strict=True))) == 1.0


@settings(max_examples=50)
@given(answer=st.floats(-1e6, 1e6), tolerance=st.floats(0, 100), offset=st.floats(-200, 200))
def test_numeric_accepts_exactly_the_tolerance_band(
    answer: float, tolerance: float, offset: float
) -> None:
    question = Numeric(
        id="q", type="numeric", prompt="p", explanation="e", answer=answer, tolerance=tolerance
    )
    fraction = grade_question(question, answer + offset)
    assert fraction in (0.0, 1.0)
    if abs(offset) < tolerance - 1e-6:
        assert fraction == 1.0
    if abs(offset) > tolerance + 1e-6:
        assert fraction == 0.0


@given(answers=st.lists(texts, min_size=1, max_size=3), response=st.text(max_size=12))
def test_short_text_is_right_or_wrong_and_accepts_its_answers(
    answers: list[str], response: str
) -> None:
    question = ShortText(id="q", type="short_text", prompt="p", explanation="e", answers=answers)
    assert grade_question(question, response) in (0.0, 1.0)
    assert grade_question(question, answers[0].upper()) == 1.0


@given(
    responses=st.fixed_dictionaries(
        {},
        optional={
            "choix-unique": st.integers(0, 2),
            "choix-multiple": st.lists(st.integers(0, 3)),
            "vrai-faux": st.booleans(),
            "texte": st.text(max_size=10),
            "nombre": st.floats(-1e4, 1e4),
            "intervalle": st.integers(2000, 2030),
        },
    )
)
def test_a_quiz_score_always_lies_between_0_and_the_maximum(responses: dict[str, Any]) -> None:
    result = grade_quiz(QUIZ, responses)
    assert 0.0 <= result.score <= result.max_score == 9.0
    assert 0.0 <= result.percent <= 100.0


# --- The `grade` command: hand-made paper quizzes -----------------------------------------


def run_grade(responses: str, quiz: Path = EVERY_TYPE_QUIZ) -> Ran:
    return run_course("grade", str(quiz), str(GRADING / "responses" / responses))


@pytest.mark.parametrize(
    ("responses", "score", "percent", "passed", "fractions"),
    [
        ("parfait.json", 9.0, 100.0, True, [1, 1, 1, 1, 1, 1, 1, 1]),
        ("partiel.json", 2.5, 250 / 9, False, [0, 1 / 3, 0, 0.5, 1 / 3, 1, 0, 0]),
        ("tout-faux-multiple.json", 0.0, 0.0, False, [0] * 8),
        ("vide.json", 0.0, 0.0, False, [0] * 8),
    ],
)
def test_grade_prints_the_scores_as_json(
    responses: str, score: float, percent: float, passed: bool, fractions: list[float]
) -> None:
    result = run_grade(responses)
    assert result.returncode == 0, result.stderr
    graded = json.loads(result.stdout)
    assert (graded["score"], graded["max_score"], graded["passed"]) == (
        pytest.approx(score),
        9.0,
        passed,
    )
    assert graded["percent"] == pytest.approx(percent)
    assert [q["id"] for q in graded["questions"]] == [q.id for q in QUIZ.questions]
    assert [q["fraction"] for q in graded["questions"]] == pytest.approx(fractions)
    assert graded["questions"][1]["points"] == pytest.approx(2 * fractions[1])


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        (
            "question-inconnue.json",
            "question-inconnue.json : question « q99 » : cette question n'existe pas dans ce quiz.",
        ),
        (
            "mauvaise-forme.json",
            "question « choix-multiple » : attendu : une liste de numéros d'options, ex. [0, 2].",
        ),
        ("nombre-illisible.json", "question « nombre » : « six cent dix » n'est pas un nombre."),
        ("json-invalide.json", "json-invalide.json:2 : JSON invalide"),
        ("absent.json", "absent.json : fichier de réponses introuvable."),
    ],
)
def test_grade_refuses_bad_responses_with_a_french_message_and_status_2(
    responses: str, message: str
) -> None:
    result = run_grade(responses)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_grade_refuses_a_broken_quiz_file_with_its_located_errors(tmp_path: Path) -> None:
    broken = tmp_path / "quiz.yaml"
    broken.write_text(
        (FIXTURES / "broken" / "quiz-other-types" / "quizzes" / "bases.yaml").read_text(
            encoding="utf-8"
        ),
        encoding="utf-8",
    )
    result = run_grade("vide.json", quiz=broken)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "quiz.yaml:9: questions.1.pairs: deux paires ont le même élément à gauche"
    )
    assert "Traceback" not in result.stderr


def test_quiz_model_is_what_the_grader_uses() -> None:
    assert isinstance(QUIZ, Quiz) and len(QUIZ.questions) == 8


def test_right_response_scores_full_marks_on_every_shipped_question() -> None:
    from course.quiz.grading import grade_question, right_response

    course = shipped_course()
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            assert grade_question(question, right_response(question), quiz.scoring) == 1.0, (
                quiz.id,
                question.id,
            )


def test_grade_refuses_an_integer_of_thousands_of_digits_in_french(tmp_path: Path) -> None:
    responses = tmp_path / "enorme.json"
    responses.write_text('{"nombre": ' + "9" * 5000 + "}", encoding="utf-8")
    result = run_course("grade", str(EVERY_TYPE_QUIZ), str(responses))
    assert (result.returncode, result.stdout) == (2, "")
    assert "enorme.json\u202f: JSON invalide" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_number_response_beyond_any_float_is_described_not_raised() -> None:
    question = next(q for q in QUIZ.questions if q.id == "nombre")
    described = describe_response(question, 10**400)
    assert described.startswith("1000") and len(described) <= 40
