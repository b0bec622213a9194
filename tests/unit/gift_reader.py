"""A reader of GIFT files that follows Moodle's importer (question/format/gift/format.php) step
by step: blank lines split questions, `//` lines are comments, backslash escapes become
placeholders before anything is parsed, then the answer block's characters pick the type.

No maintained GIFT parser is on PyPI (pygiftparser stopped in 2017 and skips numeric lists;
pygiftparserrgmf is a 0.0.5 from 2022), so the tests carry this small one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPED = ["\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"]
_PLACEHOLDERS = ["&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010"]
_CHARACTERS = [":", "#", "=", "{", "}", "~", "\n"]
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
FORMATS = {"moodle", "html", "plain", "markdown"}


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in zip(_ESCAPED, _PLACEHOLDERS, strict=True):
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, character in zip(_PLACEHOLDERS, _CHARACTERS, strict=True):
        text = text.replace(placeholder, character)
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    text_format = default
    if text.startswith("["):
        name = text[1 : text.index("]")]
        if name in FORMATS:
            text_format, text = name, text[len(name) + 2 :]
    return text_format, _post(text).strip()


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.index("%")
    return float(answer[:end]) / 100, answer[end + 1 :]


def _comment(answer: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    feedback = _with_format(bits[1].strip())[1] if len(bits) > 1 else ""
    return _with_format(bits[0].strip())[1], feedback


def _split(text: str, separator: str) -> list[str]:
    parts = text.split(separator)
    parts[0] = parts[0].strip()
    return parts[1:] if not parts[0] else parts


@dataclass
class GiftQuestion:
    name: str
    text_format: str
    text: str
    general_feedback: str
    qtype: str
    single: bool = False
    answers: list[tuple[float, str, str]] = field(default_factory=list)  # weight, text, feedback
    pairs: list[tuple[str, str]] = field(default_factory=list)
    true_false: tuple[bool, str, str] = (False, "", "")  # right answer, wrong and right feedback
    numbers: list[tuple[float, float, float]] = field(default_factory=list)  # weight, value, ±


def _qtype(answer: str) -> str:
    if answer == "":
        return "essay"
    if answer[0] == "#":
        return "numerical"
    if "~" in answer:
        return "multichoice"
    if "=" in answer and "->" in answer:
        return "match"
    check = answer.split("#", 1)[0].strip() if answer.find("#") > 0 else answer
    return "truefalse" if check in ("T", "TRUE", "F", "FALSE") else "shortanswer"


def _multichoice(question: GiftQuestion, answer: str) -> None:
    question.single = "=" in answer
    for part in _split(answer.replace("=", "~="), "~"):
        part = part.strip()
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        elif _WEIGHT.match(part):
            weight, part = _weight(part)
        else:
            weight = 0.0
        question.answers.append((weight, *_comment(part)))


def _match(question: GiftQuestion, answer: str) -> None:
    for part in _split(answer, "="):
        left, right = part.strip().split("->", 1)
        question.pairs.append((_with_format(left)[1], _post(right).strip()))


def _true_false(question: GiftQuestion, answer: str) -> None:
    bits = [*answer.split("#", 2), "", ""]
    value = _with_format(bits[0].strip())[1]
    wrong, right = (_with_format(bit.strip())[1] for bit in bits[1:3])
    question.true_false = (value in ("T", "TRUE"), wrong, right)


def _short_answer(question: GiftQuestion, answer: str) -> None:
    for part in _split(answer, "="):
        part = part.strip()
        weight, part = _weight(part) if _WEIGHT.match(part) else (1.0, part)
        question.answers.append((weight, *_comment(part)))


def _numerical(question: GiftQuestion, answer: str) -> None:
    answer = answer[1:].split("~", 1)[0]
    for part in _split(answer, "="):
        part = part.strip()
        weight, part = _weight(part) if _WEIGHT.match(part) else (1.0, part)
        number = _comment(part)[0]
        if number.find("..") > 0:
            low, high = (float(bit) for bit in number.split("..", 1))
            value, tolerance = (low + high) / 2, high - (low + high) / 2
        elif number.find(":") > 0:
            value, tolerance = (float(bit) for bit in number.split(":", 1))
        else:
            value, tolerance = float(number), 0.0
        question.numbers.append((weight, value, tolerance))


PARSERS = {
    "multichoice": _multichoice,
    "match": _match,
    "truefalse": _true_false,
    "shortanswer": _short_answer,
    "numerical": _numerical,
}


def _question(text: str) -> GiftQuestion:
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.index("::")
        name, text = _post(text[:end]), text[end + 2 :].strip()
    start, finish = text.index("{"), text.index("}")
    assert text.endswith("}"), "text after the answers would become a missing-word question"
    answer = text[start + 1 : finish].strip()
    general = ""
    if "####" in answer:
        cut = answer.rindex("####")
        general, answer = answer[cut + 4 :], answer[:cut].strip()
    text_format, question_text = _with_format(text[:start] + text[finish + 1 :])
    question = GiftQuestion(
        name, text_format, question_text, _with_format(general, text_format)[1], _qtype(answer)
    )
    PARSERS[question.qtype](question, answer)
    return question


def read_gift(source: str) -> tuple[str | None, list[GiftQuestion]]:
    """The category (if any) and the questions of a GIFT file."""
    category, questions = None, []
    for block in re.split(r"\n[ \t]*\n", source):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        text = _pre("\n".join(lines).strip())
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        questions.append(_question(text))
    return category, questions
