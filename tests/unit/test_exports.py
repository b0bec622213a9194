"""What a trainer takes away: the CSV French Excel opens, the XLSX workbook, xAPI statements an
LRS accepts, GIFT files Moodle imports, the certificates' zip. Hostile names stay text."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from datetime import datetime, timedelta
from typing import Any

import openpyxl
import pytest

from course.content.course import Course
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.quiz.grading import normalise_text
from course.results.exports.cells import neutralise
from course.results.exports.certificates import certificates_zip
from course.results.exports.moodle_gift import quiz_to_gift
from course.results.exports.spreadsheets import results_csv, results_xlsx
from course.results.exports.xapi import iso_duration, xapi_json, xapi_statements
from course.results.group import GroupResults, load_group_results
from course.storage.store import Store
from tests.helpers import PERFECT, shipped_course
from tests.unit.gift_reader import GiftQuestion, read_gift
from tests.unit.group_data import ALL_TYPES, NOW, Group, group_course, make_group, take

HOSTILE_NAMES = [
    '=HYPERLINK("http://x","clic")',
    "+33 6 12 34 56 78",
    "@SUM(A1)",
    "-2+3",
    "  =1+1",
    "\tTabulation",
]


@pytest.fixture(scope="module")
def course() -> Course:
    return group_course()


@pytest.fixture
def group(store: Store, course: Course) -> Group:
    return make_group(store, course)


def tuesday(store: Store, course: Course, group: Group) -> GroupResults:
    return load_group_results(course, store, group.tuesday.id)


def with_hostile_learners(store: Store, course: Course) -> GroupResults:
    for number, name in enumerate(HOSTILE_NAMES):
        learner, _ = store.learners.create(name)
        take(store, course.quizzes["bases"], learner, {"q1": 0}, NOW + timedelta(minutes=number))
    return load_group_results(course, store, None)


# --- Formula neutralisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("   =1+1", "'   =1+1"),
        ("Zoé Martin", "Zoé Martin"),
        ("Jean-Pierre", "Jean-Pierre"),
        ("", ""),
        (-2, -2),  # numbers stay numbers
        (12.5, 12.5),
    ],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value: object, safe: object) -> None:
    assert neutralise(value) == safe


# --- CSV ----------------------------------------------------------------------------------------


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads the accents"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_opens_in_french_excel(store: Store, course: Course, group: Group) -> None:
    data = results_csv(tuesday(store, course, group))
    assert data.decode("utf-8-sig").splitlines()[0].startswith("Type;Participant;Atelier;Quiz")
    rows = csv_rows(data)
    assert [row["Type"] for row in rows].count("Réponse en direct") == 2
    zoe_first = next(r for r in rows if r["Participant"] == "Zoé Martin")
    assert zoe_first == {
        "Type": "Tentative de quiz",
        "Participant": "Zoé Martin",
        "Atelier": "Atelier du mardi",
        "Quiz": "Quiz des bases",
        "Module": "1. Les bases",
        "Question": "",
        "Début": "23/11/2026 10:10",  # 09:10 UTC is 10:10 in Paris
        "Fin": "23/11/2026 10:14",
        "Durée (s)": "240",
        "Score": "1,0",
        "Score maximal": "2,0",
        "Pourcentage": "50,0",
        "Réussi": "Non",
    }
    live = next(r for r in rows if r["Type"] == "Réponse en direct")
    assert live["Question"] == "Qu'est-ce qu'un réseau social ?" and live["Durée (s)"] == "10"


def test_the_csv_neutralises_every_formula(store: Store, course: Course) -> None:
    rows = csv_rows(results_csv(with_hostile_learners(store, course)))
    names = {row["Participant"] for row in rows}
    assert names == {"'" + name for name in HOSTILE_NAMES}
    assert not any(re.match(r"\s*[=+\-@]", value) for row in rows for value in row.values())


# --- XLSX ---------------------------------------------------------------------------------------


def open_book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_workbook_has_one_sheet_per_table_with_numbers_as_numbers(
    store: Store, course: Course, group: Group
) -> None:
    book = open_book(results_xlsx(tuesday(store, course, group)))
    assert book.sheetnames == ["Participants", "Modules", "Tentatives", "Réponses par question"]
    attempts = book["Tentatives"]
    headers = [cell.value for cell in attempts[1]]
    assert all(cell.font.bold for cell in attempts[1])
    first = dict(zip(headers, (cell for cell in attempts[2]), strict=True))
    assert first["Participant"].value == "Léo Dupont"
    assert first["Début"].value == datetime(2026, 11, 23, 10, 12)  # French time
    assert first["Début"].number_format == "DD/MM/YYYY HH:MM"
    assert (first["Score maximal"].value, first["Score maximal"].data_type) == (2, "n")
    assert attempts.column_dimensions["B"].width >= len("Léo Dupont")
    questions = book["Réponses par question"]
    row = {h.value: c.value for h, c in zip(questions[1], questions[2], strict=True)}
    assert row["Réponse fausse la plus fréquente"] == "Un moteur de recherche"
    assert row["Réussite (%)"] == 40


def test_no_cell_of_the_workbook_is_a_formula(store: Store, course: Course) -> None:
    book = open_book(results_xlsx(with_hostile_learners(store, course)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [row[0].value for row in book["Participants"].iter_rows(min_row=2)]
    assert sorted(names) == sorted("'" + name for name in HOSTILE_NAMES)
    assert {cell.data_type for cell in book["Participants"]["A"][1:]} == {"s"}


# --- xAPI ---------------------------------------------------------------------------------------

ADL = "http://adlnet.gov/expapi/verbs/"
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$")


def check_statement(statement: dict[str, Any], home: str) -> None:
    """What an LRS checks: ids, actor, verb, object, result ranges, times, version."""
    assert uuid.UUID(statement["id"]).version == 5
    assert statement["version"] == "1.0.3"
    actor = statement["actor"]
    assert actor["objectType"] == "Agent" and actor["name"]
    assert actor["account"]["homePage"] == home and actor["account"]["name"]
    verb = statement["verb"]
    assert verb["id"].startswith(ADL) and verb["display"]["fr-FR"]
    target = statement["object"]
    assert target["objectType"] == "Activity" and target["id"].startswith(home + "/")
    assert target["definition"]["name"]["fr-FR"] and target["definition"]["type"]
    score = statement["result"]["score"]
    assert 0 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]
    assert isinstance(statement["result"]["success"], bool)
    assert isinstance(statement["result"]["completion"], bool)
    assert DURATION.match(statement["result"].get("duration", "PT0S"))
    assert datetime.fromisoformat(statement["timestamp"]).utcoffset() is not None


def test_xapi_statements_are_what_an_lrs_accepts(
    store: Store, course: Course, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_PUBLIC_URL", "https://formation.example.org/")
    take(store, ALL_TYPES, group.zoe, PERFECT, NOW + timedelta(hours=1))
    statements = json.loads(xapi_json(tuesday(store, course, group)))
    for statement in statements:
        check_statement(statement, "https://formation.example.org")
    verbs = [s["verb"]["id"].removeprefix(ADL) for s in statements]
    # 3 attempts at `bases` (2 questions each), the exam (8 questions), 2 live answers.
    assert verbs.count("answered") == 3 * 2 + 8 + 2
    assert (verbs.count("passed"), verbs.count("failed"), verbs.count("completed")) == (2, 2, 1)
    questions = [s for s in statements if s["object"]["id"].count("/question/")]
    assert all(s["context"]["contextActivities"]["parent"] for s in questions)
    completed = next(s for s in statements if s["verb"]["id"].endswith("completed"))
    assert completed["actor"]["account"]["name"] == group.zoe.id
    assert completed["result"]["score"]["scaled"] == 1.0


def test_a_statement_says_who_answered_what_when(
    store: Store, course: Course, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COURSE_PUBLIC_URL", raising=False)
    statements = xapi_statements(tuesday(store, course, group))
    wrong = next(
        s
        for s in statements
        if s["actor"]["name"] == "Léo Dupont" and s["verb"]["display"]["fr-FR"] == "a répondu"
    )
    assert wrong["object"]["id"] == "http://localhost:8501/xapi/quiz/bases/question/q1"
    assert wrong["result"]["response"] == "Un moteur de recherche"
    assert wrong["result"]["success"] is False
    assert wrong["timestamp"] == "2026-11-23T09:16:00.000Z"
    attempt = next(
        s
        for s in statements
        if s["actor"]["name"] == "Léo Dupont" and s["verb"]["display"]["fr-FR"] == "a échoué"
    )
    assert attempt["result"]["duration"] == "PT4M"
    assert attempt["context"]["registration"] == wrong["context"]["registration"]


def test_exporting_again_gives_the_same_statement_ids(
    store: Store, course: Course, group: Group
) -> None:
    first = [s["id"] for s in xapi_statements(tuesday(store, course, group))]
    again = [s["id"] for s in xapi_statements(tuesday(store, course, group))]
    assert first == again and len(set(first)) == len(first)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (10, "PT10S"), (252, "PT4M12S"), (3600, "PT1H"), (3725.5, "PT1H2M5.5S")],
)
def test_durations_are_iso_8601(seconds: float, text: str) -> None:
    assert iso_duration(seconds) == text


# --- GIFT ---------------------------------------------------------------------------------------

# Moodle imports only these grades (question_bank::fraction_options_full), within 1e-5.
MOODLE_GRADES = [1, 0.9, 5 / 6, 0.8, 0.75, 0.7, 2 / 3, 0.6, 0.5, 0.4, 1 / 3, 0.3, 0.25, 0.2]
MOODLE_GRADES += [1 / 6, 1 / 7, 0.125, 1 / 9, 0.1, 0.05, 0]


def moodle_grade(weight: float) -> bool:
    return any(abs(abs(weight) - grade) < 1e-5 for grade in MOODLE_GRADES)


def check_choices(parsed: GiftQuestion, question: SingleChoice | MultipleChoice) -> None:
    assert [(text, feedback) for _, text, feedback in parsed.answers] == [
        (option.text, option.feedback or "") for option in question.options
    ]
    assert all(moodle_grade(weight) for weight, _, _ in parsed.answers)
    weights = [weight for weight, _, _ in parsed.answers]
    if isinstance(question, SingleChoice):
        assert parsed.single and weights == [float(o.correct) for o in question.options]
        return
    right = sum(o.correct for o in question.options)
    assert not parsed.single and round(sum(w for w in weights if w > 0), 2) == 1
    for weight, option in zip(weights, question.options, strict=True):
        assert weight == pytest.approx(1 / right if option.correct else -1 / right, abs=1e-5) or (
            weight == -1 and not option.correct
        )


def check_question(parsed: GiftQuestion, question: Question) -> None:
    """The question Moodle would import says what the course's question says."""
    assert (parsed.name, parsed.text_format) == (question.id, "markdown")
    assert parsed.general_feedback == question.explanation
    if isinstance(question, SingleChoice | MultipleChoice):
        assert parsed.qtype == "multichoice"
        check_choices(parsed, question)
    elif isinstance(question, TrueFalse):
        right, wrong = question.feedback_true or "", question.feedback_false or ""
        if not question.answer:
            right, wrong = wrong, right
        assert (parsed.qtype, parsed.true_false) == ("truefalse", (question.answer, wrong, right))
    elif isinstance(question, Matching | Ordering):
        expected = (
            [(p.left, p.right) for p in question.pairs]
            if isinstance(question, Matching)
            else [
                (f"{n}{'re' if n == 1 else 'e'} position", item)
                for n, item in enumerate(question.items, 1)
            ]
        )
        pairs = [
            (left.replace("-\\>", "->"), right.replace("-\\>", "->"))
            for left, right in parsed.pairs
        ]
        assert (parsed.qtype, pairs) == ("match", expected)
    elif isinstance(question, ShortText):
        accepted = [text.replace("\\*", "*") for _, text, _ in parsed.answers]
        assert (
            parsed.qtype == "shortanswer" and accepted[: len(question.answers)] == question.answers
        )
        # Moodle's short answers ignore case by default, so a form differing only by case is
        # written once; the forms without accents or punctuation are there too.
        assert {normalise_text(a).casefold() for a in question.answers} <= {
            a.casefold() for a in accepted
        }
    else:
        assert isinstance(question, Numeric) and parsed.qtype == "numerical"
        if question.answer is not None:
            assert parsed.numbers == [(1.0, question.answer, question.tolerance)]
        else:
            assert question.min is not None and question.max is not None
            middle = (question.min + question.max) / 2
            assert parsed.numbers == [(1.0, middle, question.max - middle)]
    prompt = question.prompt + (
        f"\n\nUnité\u202f: {question.unit}"
        if isinstance(question, Numeric) and question.unit
        else ""
    )
    assert parsed.text == prompt


def check_quiz(quiz: Quiz) -> None:
    category, parsed = read_gift(quiz_to_gift(quiz))
    assert category == f"$course$/top/{quiz.title}"
    assert len(parsed) == len(quiz.questions)
    for read, question in zip(parsed, quiz.questions, strict=True):
        check_question(read, question)


SHIPPED = shipped_course()


@pytest.mark.parametrize("quiz_id", sorted(SHIPPED.quizzes))
def test_every_shipped_quiz_reads_back_from_gift(quiz_id: str) -> None:
    check_quiz(SHIPPED.quizzes[quiz_id])


def test_every_question_type_reads_back_from_gift() -> None:
    check_quiz(ALL_TYPES)
    assert {q.type for q in ALL_TYPES.questions} == {
        "single_choice",
        "multiple_choice",
        "true_false",
        "matching",
        "ordering",
        "short_text",
        "numeric",
    }


TRICKY = "Vrai {ou} faux ? a=b ~c #d :e \\f -> g\nligne 2 ####h"


def test_gift_special_characters_survive_the_trip() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "piege",
            "title": "Quiz / piège : {accolades}",
            "scoring": "all_or_nothing",
            "questions": [
                {
                    "id": "q:1",
                    "type": "multiple_choice",
                    "prompt": TRICKY,
                    "explanation": TRICKY,
                    "options": [
                        {"text": TRICKY, "correct": True, "feedback": TRICKY},
                        {"text": "C:\\Users\\=x", "correct": True},
                        {"text": "100 % #1", "feedback": "~faux~"},
                    ],
                },
                {
                    "id": "q2",
                    "type": "true_false",
                    "prompt": "p",
                    "explanation": "e",
                    "answer": False,
                    "feedback_true": "non {x}",
                },
                {
                    "id": "q3",
                    "type": "matching",
                    "prompt": "p",
                    "explanation": "e",
                    "pairs": [{"left": "a -> b", "right": "c=d"}, {"left": "#", "right": "~"}],
                },
                {
                    "id": "q4",
                    "type": "short_text",
                    "prompt": "p",
                    "explanation": "e",
                    "answers": ["a*b", "x = y"],
                },
                {
                    "id": "q5",
                    "type": "numeric",
                    "prompt": "p",
                    "explanation": "e",
                    "min": -1.5,
                    "max": 2.25,
                    "unit": "millions",
                },
            ],
        }
    )
    _, parsed = read_gift(quiz_to_gift(quiz))
    for read, question in zip(parsed, quiz.questions, strict=True):
        check_question(read, question)
    assert "Tout ou rien" in quiz_to_gift(quiz)  # said in a comment: Moodle grades per option


def test_ordering_says_how_it_was_mapped() -> None:
    text = quiz_to_gift(ALL_TYPES)
    assert "// Remise en ordre\u202f: GIFT n'a pas ce type" in text
    assert "=1re position -> S'inscrire" in text


# --- Certificates -------------------------------------------------------------------------------


def test_the_zip_holds_the_certificates_of_those_who_completed(
    store: Store, course: Course, group: Group
) -> None:
    take(store, ALL_TYPES, group.zoe, PERFECT, NOW + timedelta(hours=1))
    results = tuesday(store, course, group)
    first = zipfile.ZipFile(io.BytesIO(certificates_zip(results, store)))
    assert len(first.namelist()) == 1 and first.namelist()[0].startswith("zoe-martin-")
    assert first.read(first.namelist()[0]).startswith(b"%PDF")
    again = zipfile.ZipFile(io.BytesIO(certificates_zip(tuesday(store, course, group), store)))
    assert again.namelist() == first.namelist()  # issued once: the same code
