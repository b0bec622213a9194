"""A GIFT file from Moodle as question drafts, and what could not be imported, line by line.

Moodle's types map to the course's: single choice (`=right ~wrong`), multiple choice
(`~%50%…`), true/false, matching (`=left -> right`), short answer and numeric (`{#…}`). A
question the course cannot grade as Moodle does is refused with the reason: an essay (`{}`), a
description (no `{…}`), a missing word (text after the answers), partial credit… What changes
without changing the grade (a feedback the course has no place for, a lost image) is imported
with a note.

The notes the course's own export writes above a question (`// 2 points dans le cours`,
`// Le cours accepte 1 faute de frappe`) are read back, its `Unité : …` line becomes the unit
and its matching of positions (« 1re position → … ») an ordering again: a quiz exported by the
course comes back graded exactly as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from course.authoring.drafts import (
    MISSING_EXPLANATION,
    Draft,
    Issue,
    QuestionData,
    Reading,
    Refused,
    question_label,
    quoted,
)
from course.authoring.gift_answers import (
    choices,
    matching,
    numeric,
    short_answers,
    true_false,
)
from course.authoring.gift_syntax import Block, Text, blocks, formatted, protect, text_format

_POINTS_NOTE = re.compile(r"^(\d+(?:[.,]\d+)?)\u00a0points dans le cours")
_TYPOS_NOTE = re.compile(r"^Le cours accepte (\d+)\u00a0fautes? de frappe")
_UNIT_LINE = re.compile(r"\n\nUnité\u202f: ([^\n]+)$")
_SCORED = ("multiple_choice", "matching", "ordering")
_POSITION = re.compile(r"^(\d+)(?:re|e) position$")
Reader = Callable[[str, int, Block, str, list[Issue]], QuestionData]


def _type_reader(answers: str) -> Reader:
    """Moodle's choice of question type, from the characters of the answer block."""
    if answers.startswith("#"):
        return numeric
    if "~" in answers:
        return choices
    if "=" in answers and "->" in answers:
        return matching
    head = answers.split("#", 1)[0] if answers.find("#") > 0 else answers
    if head.strip() in ("T", "TRUE", "F", "FALSE"):
        return true_false
    return short_answers


def _category(text: str) -> str:
    """The last level of a `$CATEGORY: $course$/top/A/B` path (`//` stands for a slash)."""
    path = text.split("\n", 1)[0][len("$CATEGORY:") :].strip()
    levels = [level.replace("\ue001", "/") for level in path.replace("//", "\ue001").split("/")]
    return levels[-1].strip()


def _title(block: Block, protected: str) -> tuple[str | None, int]:
    """`::title::` and the offset where the question text starts."""
    start = len(protected) - len(protected.lstrip())
    if not protected.startswith("::", start):
        return None, start
    end = protected.find("::", start + 2)
    if end < 0:
        raise Refused("titre sans «\u00a0::\u00a0» de fin.", block.line_at(start))
    title = formatted(protected[start + 2 : end]).text
    return title or None, end + 2


def _answer_block(block: Block, protected: str, start: int) -> tuple[int, int]:
    """The offsets of `{` and `}`; a question Moodle would not read, or the course could
    not show, is refused."""
    opening = protected.find("{", start)
    if opening < 0:
        raise Refused(
            "pas de réponses entre { }\u00a0: c'est une «\u00a0description\u00a0» (un texte "
            "seul), pas une question.",
            block.line,
        )
    closing = protected.find("}", opening)
    if closing < 0:
        raise Refused("accolade { sans } de fin.", block.line_at(opening))
    if protected[closing + 1 :].strip():
        raise Refused(
            "du texte suit les réponses { }\u00a0: une question à trou (mot manquant, réponses "
            "au milieu du texte) n'existe pas dans le cours. Mettez les réponses à la fin.",
            block.line_at(closing + 1),
        )
    if not protected[opening + 1 : closing].strip():
        raise Refused(
            "réponses vides { }\u00a0: une question ouverte (composition) ne peut pas être "
            "notée par le cours.",
            block.line_at(opening),
        )
    return opening, closing


def _course_notes(block: Block, data: QuestionData) -> None:
    """Points, typo tolerance and all or nothing from the comments the course's export writes."""
    for comment in block.comments:
        points = _POINTS_NOTE.match(comment)
        if points:
            data["points"] = float(points[1].replace(",", "."))
        if comment.startswith("Tout ou rien dans le cours") and data["type"] in _SCORED:
            data["scoring"] = "all_or_nothing"
        typos = _TYPOS_NOTE.match(comment)
        if typos and data.get("type") == "short_text":
            data["typo_tolerance"] = int(typos[1])


def _as_ordering(data: QuestionData) -> QuestionData:
    """A matching of « 1re position », « 2e position »… (the course's export of an ordering)
    back into an ordering; any other matching as it is."""
    lefts = [pair["left"] for pair in data.get("pairs", [])]
    positions = [_POSITION.match(left) for left in lefts]
    if (
        not lefts
        or not all(positions)
        or [int(m[1]) for m in positions if m] != list(range(1, len(lefts) + 1))
    ):
        return data
    ordered = {key: value for key, value in data.items() if key != "pairs"}
    ordered["type"] = "ordering"
    ordered["items"] = [pair["right"] for pair in data["pairs"]]
    return ordered


def _prompt(prompt: Text, data: QuestionData) -> str:
    text = prompt.text
    if data["type"] == "numeric":
        unit = _UNIT_LINE.search(text)
        if unit:
            data["unit"] = unit[1].strip()
            text = text[: unit.start()]
    return text


def _ordered(data: QuestionData, prompt: str, explanation: str) -> QuestionData:
    """Keys in the order of the shipped quizzes (a true/false's answer before its explanation)."""
    head: QuestionData = {"type": data["type"], "prompt": prompt, "points": data.get("points", 1)}
    early = ("answer",) if data["type"] == "true_false" else ()
    head |= {key: data[key] for key in early}
    head["explanation"] = explanation
    skipped = ("type", "points", *early)
    return head | {key: value for key, value in data.items() if key not in skipped}


def read_question(block: Block, notes: list[Issue]) -> Draft:
    """One question block as a draft; Refused when the course cannot take it."""
    protected = protect(block.text)
    title, start = _title(block, protected)
    opening, closing = _answer_block(block, protected, start)
    default = text_format(protected[start:].lstrip())
    prompt = formatted(protected[start:opening])
    answers = protected[opening + 1 : closing]
    general = None
    if "####" in answers:
        cut = answers.rindex("####")
        general, answers = formatted(answers[cut + 4 :], default), answers[:cut]
    answers = answers.strip()
    offset = opening + 1 + (len(protected[opening + 1 :]) - len(protected[opening + 1 :].lstrip()))
    data = _type_reader(answers)(answers, offset, block, default, notes)
    data = _as_ordering(data)
    _course_notes(block, data)
    if not prompt.text:
        raise Refused("énoncé vide avant les réponses { }.", block.line)
    for lost in (prompt, general):
        if lost is not None and lost.lost_media:
            notes.append(
                Issue(
                    "image ou média de l'énoncé non repris (le cours affiche du texte)\u00a0: "
                    "ajoutez-le au module si la question en a besoin.",
                    block.line,
                    refused=False,
                )
            )
    explanation = general.text if general is not None and general.text else ""
    if not explanation:
        notes.append(
            Issue(
                f"pas de feedback général (####)\u00a0: explication {quoted(MISSING_EXPLANATION)} "
                "à remplacer.",
                block.line,
                refused=False,
            )
        )
    question = _ordered(data, _prompt(prompt, data), explanation or MISSING_EXPLANATION)
    return Draft(block.line, question, title)


def read_gift(source: str) -> Reading:
    """Every question of a GIFT file: drafts, refused questions and notes, the category's name."""
    drafts: list[Draft] = []
    issues: list[Issue] = []
    title = None
    number = 0
    for block in blocks(source.lstrip("\ufeff")):
        text = protect(block.text).strip()
        if text.startswith("$CATEGORY:"):
            title = _category(text) or title
            continue
        number += 1
        notes: list[Issue] = []
        label = question_label(number, _safe_title(block))
        try:
            drafts.append(read_question(block, notes))
            drafts[-1].number = number
        except Refused as refused:
            issue = refused.issue
            issues.append(Issue(f"{label} non importée\u00a0: {issue.message}", issue.line))
            continue
        issues.extend(
            Issue(f"{label}\u00a0: {n.message}", n.line, None, False, number) for n in notes
        )
    return Reading(drafts, issues, title)


def _safe_title(block: Block) -> str | None:
    try:
        return _title(block, protect(block.text))[0]
    except Refused:
        return None
