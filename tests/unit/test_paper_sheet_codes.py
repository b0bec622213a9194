"""The paper sheet's conventions, which typed answers are read back with: letters, the sheet
code, the order of matching and ordering items."""

from __future__ import annotations

import pytest

from course.paper.sheet_codes import (
    letter_index,
    letter_indexes,
    option_letter,
    parse_sheet_code,
    question_number,
    sheet_code,
    shuffled_order,
    true_false_value,
)


def test_options_are_lettered_like_spreadsheet_columns_never_with_digits() -> None:
    assert [option_letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA",
    ]  # fmt: skip
    assert all(letter_index(option_letter(i)) == i for i in range(800))


@pytest.mark.parametrize(
    ("typed", "index"), [("b", 1), (" B ", 1), ("B.", 1), ("(c)", 2), ("aa", 26)]
)
def test_a_typed_letter_is_read_back_forgivingly(typed: str, index: int) -> None:
    assert letter_index(typed) == index


@pytest.mark.parametrize("typed", ["", "1", "É", "A1", "?"])
def test_what_is_not_a_letter_is_refused(typed: str) -> None:
    assert letter_index(typed) is None


@pytest.mark.parametrize("typed", ["A C", "a, c", "AC", "a;c", "A-C"])
def test_letters_typed_for_several_options_or_an_order(typed: str) -> None:
    assert letter_indexes(typed) == [0, 2]


def test_letters_keep_the_order_typed_and_refuse_a_digit() -> None:
    assert letter_indexes("C A B") == [2, 0, 1]
    assert letter_indexes("A 2") is None
    assert letter_indexes("  ") == []


def test_true_false_words_and_initials() -> None:
    assert [true_false_value(t) for t in ("V", "vrai", " Faux ", "f", "oui")] == [
        True, True, False, False, None,
    ]  # fmt: skip


def test_questions_are_numbered_from_one() -> None:
    assert [question_number(i) for i in range(3)] == ["1", "2", "3"]


def test_the_sheet_code_names_the_quiz_and_the_version_of_its_file() -> None:
    code = sheet_code("examen-final", "3F9A2C77e0" + "0" * 54)
    assert code == "examen-final-3f9a2c"
    assert parse_sheet_code(" EXAMEN-FINAL-3F9A2C ") == ("examen-final", "3f9a2c")
    assert parse_sheet_code("examen-final") is None
    assert parse_sheet_code("bases-3f9a2") is None


@pytest.mark.parametrize("count", [2, 3, 4, 7])
def test_items_are_lettered_in_a_fixed_order_that_never_gives_the_answer(count: int) -> None:
    for question in ("q1", "q2", "ordre-etapes", "paires"):
        order = shuffled_order(question, count)
        assert sorted(order) == list(range(count))
        assert order != list(range(count))
        assert shuffled_order(question, count) == order
