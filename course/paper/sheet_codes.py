"""The conventions of a paper quiz sheet, shared by the printed sheet and the answers typed back.

- Questions are numbered 1, 2, 3… in the quiz file's order (`question_number`).
- Options of a single or multiple choice question are lettered A, B, C… in the author's order
  (`option_letter`, the letters of the live question too); a typed letter is read back with
  `letter_index`, a typed list of letters (« A C », « a,c », « AC ») with `letter_indexes`.
- True or false: the boxes read « Vrai » and « Faux »; `true_false_value` reads « V », « vrai »,
  « F », « faux » back.
- Matching: left items are numbered 1…n in the author's order; right items are lettered in the
  order `shuffled_order(question.id, n)` gives (position p shows right item
  `order[p]`); the participant writes one letter a left item.
- Ordering: items are lettered in the order `shuffled_order(question.id, n)` gives; boxes
  numbered 1…n receive letters in the order the participant chose.
- The sheet code `sheet_code(quiz_id, file_hash)` (« bases-3f9a2c »: the quiz id, a dash and
  the first six hex digits of the quiz file's SHA-256, `Course.quiz_hashes`) is printed on
  every page, so typed answers are matched to the version the sheet was printed from.
"""

from __future__ import annotations

import hashlib
import random
import re

from course.quiz.labels import letter_index, option_letter

__all__ = [
    "SHEET_HASH_DIGITS",
    "letter_index",
    "letter_indexes",
    "option_letter",
    "parse_sheet_code",
    "question_number",
    "sheet_code",
    "shuffled_order",
    "true_false_value",
]

SHEET_HASH_DIGITS = 6
_SHEET_CODE = re.compile(r"^\s*([a-z0-9]+(?:-[a-z0-9]+)*)-([0-9a-f]{6})\s*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,;/+\-]+")


def question_number(index: int) -> str:
    """The printed number of the question at 0-based `index` in the quiz file: « 1 », « 2 »…"""
    return str(index + 1)


def sheet_code(quiz_id: str, file_hash: str) -> str:
    """« bases-3f9a2c »: the quiz and the version of its file a sheet was printed from."""
    return f"{quiz_id}-{file_hash[:SHEET_HASH_DIGITS].lower()}"


def parse_sheet_code(text: str) -> tuple[str, str] | None:
    """(quiz id, six hex digits) of a typed sheet code, case and spaces forgiven; else None."""
    match = _SHEET_CODE.match(text)
    if match is None:
        return None
    return match.group(1).lower(), match.group(2).lower()


def letter_indexes(text: str) -> list[int] | None:
    """The 0-based indexes of typed letters, in the order typed: « A C », « a, c », « AC » and
    « A-C » all give [0, 2]. Letters glued together are read one by one (sheets have fewer than
    27 options); None when anything is not a letter. An empty text gives []."""
    parts = [part for part in _SEPARATORS.split(text.strip().strip(".")) if part]
    if len(parts) == 1 and len(parts[0]) > 1:
        parts = list(parts[0])
    indexes = [letter_index(part) for part in parts]
    if any(index is None for index in indexes):
        return None
    return [index for index in indexes if index is not None]


def true_false_value(text: str) -> bool | None:
    """« V », « vrai », « F », « faux » (case, accents and spaces forgiven) → True/False."""
    folded = text.strip().strip(".").lower()
    if folded in {"v", "vrai"}:
        return True
    if folded in {"f", "faux"}:
        return False
    return None


def shuffled_order(question_id: str, count: int) -> list[int]:
    """The order in which a matching question's right items, or an ordering question's items,
    are lettered on the sheet: a permutation of range(count) fixed by the question id (the same
    on every printing and when answers are typed back), never the author's order when count > 1,
    which would give the answer away."""
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order
