"""How a question's options and items are named aloud, on screen and on paper: A, B, C…

One definition for the live question (the trainer says « la réponse B »), the quiz page and the
paper quiz sheet (course/paper/sheet_codes.py), so a letter means the same option everywhere.
"""

from __future__ import annotations

import string

_LETTERS = string.ascii_uppercase


def option_letter(index: int) -> str:
    """A, B … Z for the 0-based `index`, then AA, AB … as spreadsheet columns (never a digit,
    which would read as a question or position number on a paper sheet)."""
    if index < 0:
        raise ValueError(f"negative option index: {index}")
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = _LETTERS[rest] + letters
    return letters


def letter_index(text: str) -> int | None:
    """The 0-based index of a typed letter (« b », « B », « B. », « (B) », « AA »), or None when
    `text` is not letters A–Z (accents and other characters are not letters of a sheet)."""
    letters = text.strip().strip(".)(:").strip().upper()
    if not letters or any(char not in _LETTERS for char in letters):
        return None
    number = 0
    for char in letters:
        number = number * 26 + _LETTERS.index(char) + 1
    return number - 1
