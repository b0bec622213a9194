"""Paper answers typed back: each cell read as the sheet asks to write it, typos named in French,
rows graded and recorded in the participant's record once, from the grid or a CSV/XLSX file."""

from __future__ import annotations

import io

import pytest

from course.content.loader import file_hash, load_quiz
from course.content.questions import Matching, Ordering, Quiz
from course.paper.answer_files import (
    MAX_FILE_BYTES,
    UnreadableFile,
    read_answer_file,
    template_csv,
    template_xlsx,
)
from course.paper.answer_grid import MAX_ROWS, GridRow, located, record_grid
from course.paper.typed_answers import CellError, read_cell, read_row
from course.quiz.grading import grade_quiz
from course.storage.store import Store
from course.workshop.workshops import Workshops
from tests.helpers import EVERY_TYPE_QUIZ, PERFECT, shipped_course
from tests.paper_helpers import key_letters, right_cells


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quiz(EVERY_TYPE_QUIZ)


def perfect_cells(quiz: Quiz) -> dict[str, str]:
    matching, ordering = quiz.questions[3], quiz.questions[4]
    assert isinstance(matching, Matching) and isinstance(ordering, Ordering)
    return {
        "1": "B",
        "2": "a, b d",
        "3": "f",
        "4": " ".join(f"{n}{letter}" for n, letter in enumerate(key_letters(matching), 1)),
        "5": key_letters(ordering),
        "6": "Abonnés",
        "7": "6 1 0",
        "8": "2023",
    }


# --- Reading cells ----------------------------------------------------------------------------


def test_a_perfect_sheet_reads_back_to_the_perfect_responses(quiz: Quiz) -> None:
    typed = read_row(quiz, perfect_cells(quiz))
    assert typed.errors == {}
    assert grade_quiz(quiz, typed.responses).percent == pytest.approx(100)
    assert typed.responses["association"] == PERFECT["association"]
    assert typed.responses["ordre"] == PERFECT["ordre"]
    assert typed.responses["choix-multiple"] == [0, 1, 3]


@pytest.mark.parametrize("typed", ["A B D", "a,b,d", "ABD", "d b a", "A-B-D", "a;b;d"])
def test_multiple_choice_letters_are_read_whatever_the_spacing(quiz: Quiz, typed: str) -> None:
    assert read_cell(quiz.questions[1], "2", typed) == [0, 1, 3]


@pytest.mark.parametrize(
    ("typed", "value"), [("V", True), ("vrai", True), ("F", False), ("Faux", False)]
)
def test_true_false_reads_v_and_f(quiz: Quiz, typed: str, value: bool) -> None:
    assert read_cell(quiz.questions[2], "3", typed) is value


def test_matching_reads_numbered_pairs_or_letters_in_order(quiz: Quiz) -> None:
    question = quiz.questions[3]
    assert isinstance(question, Matching)
    letters = key_letters(question)
    numbered = " ".join(f"{n}{letter}" for n, letter in enumerate(letters, 1))
    shuffled = ", ".join(reversed([f"{n}-{letter.lower()}" for n, letter in enumerate(letters, 1)]))
    expected = PERFECT["association"]
    for typed in (numbered, shuffled, letters, " ".join(letters)):
        assert read_cell(question, "4", typed) == expected, typed
    partial = read_cell(question, "4", f"1{letters[0]}")  # one pair written, the others blank
    assert partial == {question.pairs[0].left: question.pairs[0].right}


def test_ordering_reads_the_letters_in_the_order_written(quiz: Quiz) -> None:
    question = quiz.questions[4]
    assert isinstance(question, Ordering)
    letters = key_letters(question)
    assert read_cell(question, "5", " ".join(letters.lower())) == PERFECT["ordre"]
    backwards = read_cell(question, "5", letters[::-1])
    assert backwards == list(reversed(PERFECT["ordre"]))


def test_an_empty_cell_is_no_answer_and_scores_zero(quiz: Quiz) -> None:
    cells = perfect_cells(quiz) | {"1": "  ", "6": ""}
    typed = read_row(quiz, cells)
    assert typed.errors == {} and "choix-unique" not in typed.responses
    result = grade_quiz(quiz, typed.responses)
    assert result.questions[0].fraction == 0 and result.questions[5].fraction == 0


@pytest.mark.parametrize(
    ("number", "typed", "message"),
    [
        (
            "1",
            "D",
            "Question 1\u00a0: «\u00a0D\u00a0» ne se lit pas\u202f; attendu\u00a0: une lettre, de A à C.",
        ),
        ("1", "B C", "attendu\u00a0: une lettre, de A à C."),
        ("2", "A E", "attendu\u00a0: une ou plusieurs lettres de A à D"),
        ("2", "1 2", "Question 2\u00a0: «\u00a01 2\u00a0» ne se lit pas"),
        (
            "3",
            "oui",
            "Question 3\u00a0: «\u00a0oui\u00a0» ne se lit pas\u202f; attendu\u00a0: V (vrai) ou F (faux).",
        ),
        ("4", "1A 1B", "pour chaque élément numéroté de 1 à 4"),
        ("4", "5A", "Question 4"),
        ("4", "AB", "Question 4"),  # two letters for four items: not in order, not numbered
        ("5", "AAB", "les 3\u00a0lettres de A à C dans l'ordre choisi, chacune une fois."),
        ("5", "AB", "Question 5"),
        (
            "7",
            "six cents",
            "Question 7\u00a0: «\u00a0six cents\u00a0» ne se lit pas\u202f; attendu\u00a0: un nombre",
        ),
        ("6", "x" * 201, "réponse trop longue (200\u00a0caractères au plus)."),
    ],
)
def test_a_typo_names_the_question_and_what_is_expected(
    quiz: Quiz, number: str, typed: str, message: str
) -> None:
    question = quiz.questions[int(number) - 1]
    with pytest.raises(CellError) as raised:
        read_cell(question, number, typed)
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"Question {number}\u00a0: ")


def test_a_row_with_a_typo_keeps_the_other_cells_and_names_the_bad_one(quiz: Quiz) -> None:
    typed = read_row(quiz, perfect_cells(quiz) | {"3": "peut-être"})
    assert list(typed.errors) == ["3"]
    assert "vrai-faux" not in typed.responses and len(typed.responses) == 7


# --- Grading and recording ------------------------------------------------------------------


def _row(line: int, name: str, cells: dict[str, str]) -> GridRow:
    return GridRow(line, name, cells)


def test_rows_are_recorded_a_typo_refuses_only_its_row_and_a_new_name_gets_a_code(
    store: Store, quiz: Quiz
) -> None:
    quiz_hash = file_hash(EVERY_TYPE_QUIZ.read_bytes())
    existing, _ = store.learners.create("Zoé N’Diaye")
    rows = [
        _row(1, "Zoé N’Diaye", perfect_cells(quiz)),
        _row(2, "Camille  Martin", perfect_cells(quiz) | {"1": "A", "2": ""}),
        _row(3, "Karim Benali", perfect_cells(quiz) | {"2": "A Z"}),
        _row(4, "", {}),  # an empty line of the grid is skipped
    ]
    outcomes = record_grid(store, quiz, quiz_hash, rows)
    assert [(o.line, o.name, o.status) for o in outcomes] == [
        (1, "Zoé N’Diaye", "recorded"),
        (2, "Camille Martin", "recorded"),
        (3, "Karim Benali", "refused"),
    ]
    zoe, camille, karim = outcomes
    assert zoe.new_code is None and zoe.summary() == "9 sur 9 (100\u202f%), réussi. Enregistrée."
    assert camille.new_code is not None and camille.new_code in camille.summary()
    assert "Nouveau participant\u00a0: code de reprise" in camille.summary()
    assert store.learners.by_code(camille.new_code).name == "Camille Martin"  # type: ignore[union-attr]
    assert located(karim) == [
        "Ligne 3, colonne «\u00a02\u00a0»\u00a0: Question 2\u00a0: «\u00a0A Z\u00a0» ne se lit "
        "pas\u202f; attendu\u00a0: une ou plusieurs lettres de A à D, par exemple «\u00a0A C\u00a0»."
    ]
    assert store.learners.named("Karim Benali") == []  # nothing recorded, nobody created
    [finished] = store.attempts.finished(existing.id, quiz.id)
    assert (finished.percent, finished.passed, finished.quiz_hash) == (100, True, quiz_hash)
    [learner] = store.learners.named("Camille Martin")
    [other] = store.attempts.finished(learner.id)
    assert other.score == pytest.approx(6)  # questions 1 and 2 (3 points) lost
    attempt = store.attempts.load(other.id)
    assert attempt is not None and attempt.grade(quiz).score == pytest.approx(6)


def test_the_same_sheet_entered_twice_counts_once(store: Store, quiz: Quiz) -> None:
    quiz_hash = file_hash(EVERY_TYPE_QUIZ.read_bytes())
    first = record_grid(store, quiz, quiz_hash, [_row(1, "Lou Petit", perfect_cells(quiz))])
    # Typed again, written differently (same answers): recorded once.
    again_cells = perfect_cells(quiz) | {"2": "ABD", "1": "b"}
    second = record_grid(store, quiz, quiz_hash, [_row(1, "Lou  Petit", again_cells)])
    assert [o.status for o in first + second] == ["recorded", "already"]
    assert "Déjà enregistrée" in second[0].summary() and second[0].new_code is None
    [learner] = store.learners.named("Lou Petit")
    assert len(store.attempts.finished(learner.id, quiz.id)) == 1
    # A different sheet of the same participant is a new attempt.
    third = record_grid(store, quiz, quiz_hash, [_row(1, "Lou Petit", again_cells | {"3": "V"})])
    assert third[0].status == "recorded"
    assert len(store.attempts.finished(learner.id, quiz.id)) == 2


def test_a_name_twice_in_one_grid_and_an_ambiguous_name_are_refused(
    store: Store, quiz: Quiz
) -> None:
    quiz_hash = file_hash(EVERY_TYPE_QUIZ.read_bytes())
    store.learners.create("Alex Roy")
    store.learners.create("Alex Roy")
    rows = [
        _row(1, "Sam Nour", perfect_cells(quiz)),
        _row(2, "Sam Nour", perfect_cells(quiz) | {"1": "A"}),
        _row(3, "Alex Roy", perfect_cells(quiz)),
        _row(4, " ", perfect_cells(quiz)),
    ]
    outcomes = record_grid(store, quiz, quiz_hash, rows)
    assert [o.status for o in outcomes] == ["recorded", "refused", "refused", "refused"]
    assert outcomes[1].errors == {"Nom": "Nom\u00a0: «\u00a0Sam Nour\u00a0» figure déjà ligne 1."}
    assert "2\u00a0participants s'appellent «\u00a0Alex Roy\u00a0»" in outcomes[2].summary()
    assert outcomes[3].errors == {"Nom": "Nom\u00a0: écrivez le nom du participant."}
    assert all(not store.attempts.finished(lr.id) for lr in store.learners.named("Alex Roy"))


def test_a_workshop_member_is_found_by_name_and_a_new_one_joins_it(
    store: Store, quiz: Quiz
) -> None:
    quiz_hash = file_hash(EVERY_TYPE_QUIZ.read_bytes())
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier papier", False)
    member, _ = store.learners.create("Alex Roy")
    store.learners.create("Alex Roy")  # a namesake outside the workshop
    workshops.join(workshop.id, member.id, "Alex")
    rows = [_row(1, "Alex Roy", perfect_cells(quiz)), _row(2, "Inès Haddad", perfect_cells(quiz))]
    outcomes = record_grid(store, quiz, quiz_hash, rows, workshop.id)
    assert [o.status for o in outcomes] == ["recorded", "recorded"]
    assert len(store.attempts.finished(member.id, quiz.id)) == 1
    assert {m.name for m in workshops.roster(workshop.id)} == {"Alex Roy", "Inès Haddad"}


def test_max_attempts_is_respected(store: Store, quiz: Quiz) -> None:
    limited = quiz.model_copy(update={"max_attempts": 1})
    quiz_hash = file_hash(EVERY_TYPE_QUIZ.read_bytes())
    record_grid(store, limited, quiz_hash, [_row(1, "Noé Blanc", perfect_cells(quiz))])
    again = record_grid(store, limited, quiz_hash, [_row(1, "Noé Blanc", perfect_cells(quiz))])
    assert again[0].status == "already"  # the same sheet: not an attempt more
    other = record_grid(
        store, limited, quiz_hash, [_row(1, "Noé Blanc", perfect_cells(quiz) | {"1": "A"})]
    )
    assert other[0].status == "refused"
    assert "a déjà fait les 1\u00a0tentatives permises" in other[0].summary()
    [learner] = store.learners.named("Noé Blanc")
    assert len(store.attempts.finished(learner.id)) == 1


def test_more_rows_than_allowed_records_nothing(store: Store, quiz: Quiz) -> None:
    rows = [_row(i, f"Personne {i}", {"1": "B"}) for i in range(MAX_ROWS + 1)]
    with pytest.raises(ValueError, match=f"{MAX_ROWS} au plus"):
        record_grid(store, quiz, "0" * 64, rows)
    assert store.learners.named("Personne 1") == []


# --- Files ----------------------------------------------------------------------------------


def _csv(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def test_the_csv_template_is_for_french_excel_and_neutralises_names(quiz: Quiz) -> None:
    data = template_csv(quiz, ["Zoé", '=HYPERLINK("http://x")'])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nom;1;2;3;4;5;6;7;8"
    assert lines[1] == "Zoé;;;;;;;;"
    assert lines[2].startswith("\"'=HYPERLINK(") or lines[2].startswith("'=HYPERLINK(")


def test_a_filled_csv_is_read_back_with_line_numbers(quiz: Quiz) -> None:
    cells = perfect_cells(quiz)
    filled = ";".join(cells[str(n)] for n in range(1, 9))
    data = _csv(["Nom;1;2;3;4;5;6;7;8", f"Zoé;{filled}", ";;;;;;;;", f"Karim;{filled};oups"])
    read = read_answer_file(data, "reponses.csv", quiz)
    assert [(row.line, row.name) for row in read.rows] == [(2, "Zoé"), (3, "")]
    assert read.rows[0].cells == cells
    assert read.problems == [
        "Ligne 4\u00a0: des cases sont remplies au-delà de la dernière question "
        "(«\u00a08\u00a0»)\u202f; la ligne n'a pas été lue."
    ]


def test_a_filled_xlsx_is_read_back_even_with_excel_typed_cells(quiz: Quiz) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(template_xlsx(quiz, ["Zoé"])))
    sheet = book["Réponses"]
    assert [c.value for c in sheet[1]] == ["Nom", *map(str, range(1, 9))]
    assert [c.value for c in book["Mode d'emploi"]["A"]][1:3] == ["1", "2"]
    cells = perfect_cells(quiz)
    for column in range(1, 9):
        sheet.cell(row=2, column=column + 1, value=cells[str(column)])
    sheet.cell(row=2, column=4, value=False)  # Excel turns « FAUX » into a boolean
    sheet.cell(row=2, column=8, value=610.0)  # and numbers into numbers
    saved = io.BytesIO()
    book.save(saved)
    read = read_answer_file(saved.getvalue(), "Réponses.XLSX", quiz)
    [row] = read.rows
    assert (row.line, row.name, row.cells["3"], row.cells["7"]) == (2, "Zoé", "F", "610")
    assert read_row(quiz, row.cells).errors == {}


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Nom;1;2\r\nZo\xc3\xa9;B;A\r\n", "r.csv", "ligne 1\u00a0: les colonnes doivent être"),
        (b"", "r.csv", "le fichier est vide."),
        (b"Nom;1", "r.pdf", "envoyez un fichier CSV ou XLSX"),
        (b"not a zip", "r.xlsx", "classeur XLSX illisible"),
        (b"x" * (MAX_FILE_BYTES + 1), "r.csv", "fichier trop volumineux"),
    ],
)
def test_a_file_that_is_not_this_quizs_grid_is_refused_in_french(
    quiz: Quiz, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_answer_file(data, name, quiz)


def test_a_file_with_too_many_participants_is_refused(quiz: Quiz) -> None:
    lines = ["Nom;1;2;3;4;5;6;7;8", *(f"P{i};B;;;;;;;" for i in range(MAX_ROWS + 1))]
    with pytest.raises(UnreadableFile, match=f"plus de {MAX_ROWS}\u00a0participants"):
        read_answer_file(_csv(lines), "r.csv", quiz)


def test_the_answer_key_typed_back_scores_full_marks_on_every_shipped_quiz() -> None:
    for quiz in shipped_course().quizzes.values():
        typed = read_row(quiz, right_cells(quiz))
        assert typed.errors == {}, quiz.id
        assert grade_quiz(quiz, typed.responses).percent == pytest.approx(100), quiz.id
