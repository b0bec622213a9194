"""The answer block `{…}` of each GIFT question type, as the keys of a course question.

Each reader takes the protected answer text (see gift_syntax), its offset in the block (for
line numbers), the block, the question's text format and a list to add notes to; it returns the
question's `type` and answer keys, or raises Refused with the reason in French.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.authoring.drafts import Issue, QuestionData, Refused, french_number, shown
from course.authoring.gift_syntax import Block, Part, cut_feedback, formatted, split_answers
from course.quiz.grading import normalise_text

_WEIGHT = re.compile(r"^\s*%(-?[0-9]+(?:\.[0-9]*)?)%")
_CLOSE = 0.01  # Moodle writes 1/3 as 33.33333 %
_WILDCARD = re.compile(r"(?<!\\)\*")


@dataclass(frozen=True)
class Answer:
    """One answer of a block: its marker, weight in percent (None when not written), texts."""

    marker: str
    weight: float | None
    text: str
    feedback: str | None
    line: int
    raw: str  # the answer's protected text, before its format is applied


def percent(value: float) -> str:
    """A percentage for messages: 33,33, −100, then a narrow no-break space and the sign."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return ("\u2212" if value < 0 else "") + text + "\u202f%"


def _answer(part: Part, block: Block, default: str) -> Answer:
    body = part.text
    weight = None
    found = _WEIGHT.match(body)
    if found:
        weight, body = float(found[1]), body[found.end() :]
    raw, feedback = cut_feedback(body)
    line = block.line_at(part.offset)
    text = formatted(raw, default).text
    if not text:
        raise Refused("réponse vide.", line)
    comment = formatted(feedback, default).text if feedback is not None else None
    return Answer(part.marker, weight, text, comment or None, line, raw.strip())


def _answers(answers: str, offset: int, block: Block, default: str, markers: str) -> list[Answer]:
    parts = split_answers(answers, offset, markers)
    if parts and not parts[0].marker and markers != "=":
        raise Refused(
            f"texte avant la première réponse ({shown(parts[0].text)})\u00a0: chaque réponse "
            "commence par = ou ~.",
            block.line_at(parts[0].offset),
        )
    return [_answer(part, block, default) for part in parts]


def _option(answer: Answer, correct: bool) -> QuestionData:
    option: QuestionData = {"text": answer.text}
    if correct:
        option["correct"] = True
    if answer.feedback:
        option["feedback"] = answer.feedback
    return option


def _single_choice(answers: list[Answer], notes: list[Issue]) -> QuestionData:
    """`=right ~wrong`: one right option; a partial credit has no place in the course."""
    for answer in answers:
        if answer.marker == "~" and answer.weight is not None and 0 < answer.weight < 100 - _CLOSE:
            raise Refused(
                f"l'option {shown(answer.text)} vaut {percent(answer.weight)}\u00a0: le cours ne "
                "donne pas de points partiels à une option de choix unique. Mettez-la à 0\u202f% "
                "ou 100\u202f%, ou faites-en un choix multiple (~%50%…).",
                answer.line,
            )
    right = [a.marker == "=" or (a.weight or 0) >= 100 - _CLOSE for a in answers]
    if sum(right) != 1:
        raise Refused(
            f"{sum(right)}\u00a0bonnes réponses (=) dans un choix unique\u00a0: le cours n'en "
            "accepte qu'une. Gardez un seul =, ou écrivez un choix multiple (~%50%…).",
            answers[0].line,
        )
    if any((a.weight or 0) < 0 for a in answers):
        notes.append(
            Issue(
                "pénalité d'une mauvaise option non reprise\u00a0: dans le cours, une mauvaise "
                "réponse vaut 0.",
                answers[0].line,
                refused=False,
            )
        )
    options = [_option(a, is_right) for a, is_right in zip(answers, right, strict=True)]
    return {"type": "single_choice", "options": options}


def _penalty(answer: Answer, share: float) -> str:
    """How a wrong option counts: `share` (the course's partial rule), `all` or `zero`."""
    weight = answer.weight or 0.0
    if abs(weight + share) <= _CLOSE:
        return "share"
    if weight <= -100 + _CLOSE:
        return "all"
    if abs(weight) <= _CLOSE:
        return "zero"
    raise Refused(
        f"l'option {shown(answer.text)} retire {percent(-weight)}\u00a0: le cours retire à "
        f"chaque mauvaise option cochée la part d'une bonne ({percent(-share)}), ou tout en "
        "notation tout ou rien (\u2212100\u202f%).",
        answer.line,
    )


def _multiple_choice(answers: list[Answer], block: Block, notes: list[Issue]) -> QuestionData:
    """`~%50%right ~%-50%wrong`: the course gives each right option the same share."""
    right = [(a.weight or 0) > 0 for a in answers]
    if not any(right):
        raise Refused(
            "aucune option n'a de pourcentage positif\u00a0: indiquez la bonne réponse (=) ou "
            "les bonnes options (~%50%…).",
            answers[0].line,
        )
    share = 100 / sum(right)
    for answer, is_right in zip(answers, right, strict=True):
        if is_right and abs((answer.weight or 0) - share) > _CLOSE:
            raise Refused(
                f"l'option {shown(answer.text)} vaut {percent(answer.weight or 0)}\u00a0: le cours "
                f"donne la même part à chaque bonne option ({sum(right)}\u00a0bonnes options, "
                f"{percent(share)} chacune).",
                answer.line,
            )
    kinds = {_penalty(a, share) for a, is_right in zip(answers, right, strict=True) if not is_right}
    data: QuestionData = {"type": "multiple_choice"}
    if "all" in kinds and kinds != {"all"}:
        raise Refused(
            "les mauvaises options retirent des parts différentes (\u2212100\u202f% pour "
            "certaines)\u00a0: le cours retire la même part à chacune.",
            answers[0].line,
        )
    if kinds == {"all"}:
        data["scoring"] = "all_or_nothing"
        if not any(c.startswith("Tout ou rien dans le cours") for c in block.comments):
            notes.append(
                Issue(
                    "les mauvaises options retirent 100\u202f%\u00a0: question importée en "
                    "notation tout ou rien (scoring: all_or_nothing). Moodle donnait une part "
                    "des points pour une partie des bonnes options, le cours ne donne les points "
                    "que si toutes sont cochées, sans mauvaise.",
                    answers[0].line,
                    refused=False,
                )
            )
    if "zero" in kinds:
        notes.append(
            Issue(
                "des mauvaises options valent 0\u202f%\u00a0: dans le cours, chaque mauvaise "
                f"option cochée retire la part d'une bonne ({percent(share)}).",
                answers[0].line,
                refused=False,
            )
        )
    data["options"] = [_option(a, r) for a, r in zip(answers, right, strict=True)]
    return data


def choices(
    answers: str, offset: int, block: Block, default: str, notes: list[Issue]
) -> QuestionData:
    """Moodle's multichoice: single when a `=` marks the right answer, else multiple."""
    read = _answers(answers, offset, block, default, "~=")
    if any(answer.marker == "=" for answer in read):
        return _single_choice(read, notes)
    return _multiple_choice(read, block, notes)


def true_false(
    answers: str, offset: int, block: Block, default: str, notes: list[Issue]
) -> QuestionData:
    """`{T#feedback when wrong#feedback when right}`."""
    value, feedback = answers, ""
    if answers.find("#") > 0:
        value, feedback = answers.split("#", 1)
    answer = value.strip() in ("T", "TRUE")
    wrong, _, right = feedback.partition("#")
    wrong_text, right_text = formatted(wrong, default).text, formatted(right, default).text
    data: QuestionData = {"type": "true_false", "answer": answer}
    when_true, when_false = (right_text, wrong_text) if answer else (wrong_text, right_text)
    if when_true:
        data["feedback_true"] = when_true
    if when_false:
        data["feedback_false"] = when_false
    return data


def matching(
    answers: str, offset: int, block: Block, default: str, notes: list[Issue]
) -> QuestionData:
    """`=left -> right`: every left item has its own right item."""
    pairs: list[QuestionData] = []
    for part in split_answers(answers, offset, "="):
        line = block.line_at(part.offset)
        if not part.marker:
            raise Refused(
                f"texte avant la première paire ({shown(part.text)})\u00a0: chaque paire commence "
                "par =.",
                line,
            )
        if "->" not in part.text:
            raise Refused(f"la paire {shown(part.text)} n'a pas de «\u00a0->\u00a0».", line)
        left, right = (
            formatted(side, default).text.replace("-\\>", "->") for side in part.text.split("->", 1)
        )
        if not left:
            raise Refused(
                f"la réponse {shown(right)} n'a pas d'élément à gauche (une réponse en trop)\u00a0: "
                "dans le cours, chaque réponse va avec un élément.",
                line,
            )
        if not right:
            raise Refused(
                f"l'élément {shown(left)} n'a pas de réponse après «\u00a0->\u00a0».", line
            )
        pairs.append({"left": left, "right": right})
    return {"type": "matching", "pairs": pairs}


def _full_answers(read: list[Answer], notes: list[Issue]) -> list[Answer]:
    """The answers worth 100 percent; those worth 0 (there for their feedback) are left out."""
    kept = []
    for answer in read:
        if answer.weight is not None and abs(answer.weight - 100) > _CLOSE:
            if abs(answer.weight) > _CLOSE:
                raise Refused(
                    f"la réponse {shown(answer.text)} vaut {percent(answer.weight)}\u00a0: le "
                    "cours n'accepte que des réponses entièrement justes. Mettez-la à 100\u202f% "
                    "ou retirez-la.",
                    answer.line,
                )
            notes.append(
                Issue(
                    f"la réponse {shown(answer.text)} à 0\u202f% n'est pas reprise\u00a0: "
                    "toute autre réponse que les réponses justes vaut déjà 0.",
                    answer.line,
                    refused=False,
                )
            )
            continue
        kept.append(answer)
    if not kept:
        raise Refused("aucune réponse juste (à 100\u202f%).", read[0].line if read else None)
    if any(answer.feedback for answer in read):
        notes.append(
            Issue(
                "les feedbacks des réponses ne sont pas repris\u00a0: le cours montre "
                "l'explication (####) quelle que soit la réponse.",
                read[0].line,
                refused=False,
            )
        )
    return kept


def short_answers(
    answers: str, offset: int, block: Block, default: str, notes: list[Issue]
) -> QuestionData:
    """`=answer =other`: accepted answers; forms the course does not tell apart are merged."""
    read = _full_answers(_answers(answers, offset, block, default, "="), notes)
    accepted: list[str] = []
    seen: set[str] = set()
    for answer in read:
        if _WILDCARD.search(answer.raw):
            raise Refused(
                f"la réponse {shown(answer.text)} contient *, le joker de Moodle\u00a0: le cours "
                "compare des réponses entières. Écrivez chaque réponse acceptée, ou \\* pour une "
                "étoile.",
                answer.line,
            )
        text = answer.text.replace("\\*", "*")
        if normalise_text(text) not in seen:
            seen.add(normalise_text(text))
            accepted.append(text)
    return {"type": "short_text", "answers": accepted}


def _number(text: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise Refused(
            f"{shown(text)} n'est pas un nombre (GIFT écrit 3.5, avec un point).", line
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Refused(f"{shown(text)} n'est pas un nombre fini.", line)
    return value


def _interval(answer: Answer) -> tuple[float, float, bool]:
    """(low, high, written as a range) of `3.5:0.5`, `1..5` or `7`."""
    value = answer.text.strip()
    if value.find("..") > 0:
        low, high = (_number(bit.strip(), answer.line) for bit in value.split("..", 1))
        if low > high:
            raise Refused(f"intervalle {shown(value)} à l'envers (min > max).", answer.line)
        return low, high, True
    if value.find(":") > 0:
        middle, tolerance = (_number(bit.strip(), answer.line) for bit in value.split(":", 1))
        tolerance = abs(tolerance)
        return middle - tolerance, middle + tolerance, False
    middle = _number(value, answer.line)
    return middle, middle, False


def numeric(
    answers: str, offset: int, block: Block, default: str, notes: list[Issue]
) -> QuestionData:
    """`{#3.5:0.5}`, `{#1..5}`, `{#=3:1 =5:1}`: one number ± tolerance, or one interval."""
    body = answers[1:]
    if "~" in body:
        body = body[: body.index("~")]
        notes.append(
            Issue(
                "le feedback des mauvaises réponses (~) n'est pas repris\u00a0: le cours montre "
                "l'explication (####).",
                block.line_at(offset),
                refused=False,
            )
        )
    read = _full_answers(_answers(body, offset + 1, block, default, "="), notes)
    if any(answer.text.strip() == "*" for answer in read):
        raise Refused("la réponse * (tout nombre est juste) ne peut pas être notée.", read[0].line)
    intervals = sorted(_interval(answer) for answer in read)
    low, high, as_range = intervals[0]
    for next_low, next_high, _ in intervals[1:]:
        if next_low > high + 1e-9:
            raise Refused(
                f"les réponses justes {french_number(high)} et {french_number(next_low)} ne "
                "forment pas un seul intervalle\u00a0: le cours accepte un nombre plus ou moins "
                "une tolérance, ou un intervalle de min à max.",
                read[0].line,
            )
        high, as_range = max(high, next_high), True
    if len(intervals) > 1:
        notes.append(
            Issue(
                f"{len(intervals)}\u00a0réponses justes réunies en un intervalle, de "
                f"{french_number(low)} à {french_number(high)}.",
                read[0].line,
                refused=False,
            )
        )
    if as_range:
        return {"type": "numeric", "min": low, "max": high}
    value, _, tolerance = read[0].text.strip().partition(":")
    data: QuestionData = {"type": "numeric", "answer": _number(value.strip(), read[0].line)}
    if tolerance and abs(_number(tolerance.strip(), read[0].line)):
        data["tolerance"] = abs(_number(tolerance.strip(), read[0].line))
    return data
