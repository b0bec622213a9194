"""Questions from a spreadsheet, one a row (the template of spreadsheet_template.py).

Column names are compared without case, accents or spaces (« Bonnes réponses » is
`bonnes_reponses`). A row that cannot become a question is reported with its row and the column
at fault; the other rows are imported. Lists in a cell are separated by `|`; options are named by
their letter (A, B, C…) in `bonnes_reponses`.
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
    quoted,
    shown,
    slug,
)
from course.authoring.spreadsheet_template import COLUMNS, UnreadableSheet
from course.quiz.grading import normalise_text, parse_french_number
from course.text import fold

TYPES = {
    "choix_unique": "single_choice",
    "qcu": "single_choice",
    "choix_multiple": "multiple_choice",
    "qcm": "multiple_choice",
    "vrai_faux": "true_false",
    "association": "matching",
    "ordre": "ordering",
    "remise_en_ordre": "ordering",
    "reponse_courte": "short_text",
    "nombre": "numeric",
    **{name: name for name in ("single_choice", "multiple_choice", "true_false", "matching")},
    **{name: name for name in ("ordering", "short_text", "numeric")},
}
FRENCH_TYPES = ", ".join(list(TYPES)[i] for i in (0, 2, 4, 5, 6, 8, 9))
USED = {
    "single_choice": {"options", "bonnes_reponses", "retours"},
    "multiple_choice": {"options", "bonnes_reponses", "retours"},
    "true_false": {"bonnes_reponses", "retours"},
    "matching": {"options", "bonnes_reponses"},
    "ordering": {"options"},
    "short_text": {"bonnes_reponses", "tolerance"},
    "numeric": {"bonnes_reponses", "tolerance", "unite"},
}
KEY_COLUMNS = {
    "type": "type",
    "prompt": "question",
    "points": "points",
    "explanation": "explication",
    "options": "options",
    "pairs": "options",
    "items": "options",
    "answers": "bonnes_reponses",
    "answer": "bonnes_reponses",
    "min": "bonnes_reponses",
    "max": "bonnes_reponses",
    "feedback_true": "retours",
    "feedback_false": "retours",
    "tolerance": "tolerance",
    "typo_tolerance": "tolerance",
    "unit": "unite",
    "objective": "objectif",
    "module": "module",
}
TRUE_WORDS, FALSE_WORDS = {"vrai", "v", "true", "oui"}, {"faux", "f", "false", "non"}
_RANGE = re.compile(r"^(.+?)\s*(?:\.\.|\bà\b)\s*(.+)$")


def column_name(header: str) -> str:
    """`Bonnes réponses` → `bonnes_reponses`."""
    return "_".join(re.findall(r"[a-z0-9]+", fold(header)))


def _letter(index: int) -> str:
    """Column A, B… Z, AA… of a 0-based index."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


class _Row:
    """One row's cells by column name, and where each column is, for messages."""

    def __init__(self, cells: dict[str, str], labels: dict[str, str], line: int) -> None:
        self.cells, self.labels, self.line = cells, labels, line

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()

    def refuse(self, name: str, message: str) -> Refused:
        return Refused(message, self.line, self.labels.get(name))

    def items(self, name: str, at_least: int = 1) -> list[str]:
        """The `|`-separated values of a cell; empty ones refused."""
        text = self.get(name)
        values = [value.strip() for value in text.split("|")] if text else []
        if len(values) < at_least:
            raise self.refuse(
                name,
                f"au moins {at_least} valeur{'s' * (at_least > 1)} séparée{'s' * (at_least > 1)} par | attendue{'s' * (at_least > 1)}.",
            )
        if any(not value for value in values):
            raise self.refuse(name, "une valeur vide entre deux |\u00a0: retirez le | en trop.")
        return values

    def number(self, name: str, text: str | None = None) -> float:
        try:
            return parse_french_number(self.get(name) if text is None else text)
        except ValueError as exc:
            raise self.refuse(name, f"{exc}.") from None


def _choices(row: _Row, kind: str) -> QuestionData:
    options = row.items("options", 2)
    letters = [part for part in re.split(r"[\s,;|/]+", row.get("bonnes_reponses")) if part]
    if not letters:
        raise row.refuse("bonnes_reponses", "indiquez la lettre de la bonne option (A, B…).")
    right: set[int] = set()
    for letter in letters:
        index = ord(letter.upper()) - ord("A") if len(letter) == 1 and letter.isalpha() else -1
        if not 0 <= index < len(options):
            raise row.refuse(
                "bonnes_reponses",
                f"{quoted(letter)} ne désigne aucune option\u00a0: les options vont de A à "
                f"{_letter(len(options) - 1)}.",
            )
        right.add(index)
    if kind == "single_choice" and len(right) > 1:
        raise row.refuse(
            "bonnes_reponses",
            "un choix unique a une seule bonne réponse\u00a0: pour plusieurs, écrivez "
            "choix_multiple dans la colonne type.",
        )
    feedback = row.items("retours") if row.get("retours") else []
    if feedback and len(feedback) != len(options):
        raise row.refuse(
            "retours",
            f"{len(feedback)}\u00a0retours pour {len(options)}\u00a0options\u00a0: un retour par "
            "option, dans le même ordre, séparés par |.",
        )
    built: list[QuestionData] = []
    for index, text in enumerate(options):
        option: QuestionData = {"text": text}
        if index in right:
            option["correct"] = True
        if feedback:
            option["feedback"] = feedback[index]
        built.append(option)
    return {"options": built}


def _true_false(row: _Row, kind: str) -> QuestionData:
    word = fold(row.get("bonnes_reponses"))
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise row.refuse("bonnes_reponses", "écrivez vrai ou faux.")
    data: QuestionData = {"answer": word in TRUE_WORDS}
    feedback = row.items("retours") if row.get("retours") else []
    if len(feedback) > 2:
        raise row.refuse(
            "retours",
            "deux retours au plus\u00a0: «\u00a0si la réponse est Vrai | si elle est Faux\u00a0».",
        )
    for key, text in zip(("feedback_true", "feedback_false"), feedback, strict=False):
        data[key] = text
    return data


def _matching(row: _Row, kind: str) -> QuestionData:
    lefts, rights = row.items("options", 2), row.items("bonnes_reponses", 2)
    if len(lefts) != len(rights):
        raise row.refuse(
            "bonnes_reponses",
            f"{len(rights)}\u00a0éléments de droite pour {len(lefts)}\u00a0éléments de gauche "
            "(colonne options)\u00a0: un pour chacun, dans le même ordre.",
        )
    return {"pairs": [{"left": a, "right": b} for a, b in zip(lefts, rights, strict=True)]}


def _ordering(row: _Row, kind: str) -> QuestionData:
    return {"items": row.items("options", 2)}


def _short_text(row: _Row, kind: str) -> QuestionData:
    answers: list[str] = []
    for answer in row.items("bonnes_reponses"):
        if normalise_text(answer) not in map(normalise_text, answers):
            answers.append(answer)
    data: QuestionData = {"answers": answers}
    if row.get("tolerance"):
        typos = row.number("tolerance")
        if typos < 0 or not typos.is_integer():
            raise row.refuse("tolerance", "un nombre entier de fautes de frappe (0, 1, 2…).")
        if typos:
            data["typo_tolerance"] = int(typos)
    return data


def _numeric(row: _Row, kind: str) -> QuestionData:
    text = row.get("bonnes_reponses")
    if not text:
        raise row.refuse("bonnes_reponses", "indiquez le nombre juste, ou l'intervalle 600..620.")
    bounds = _RANGE.match(text)
    if bounds and row.get("tolerance"):
        raise row.refuse(
            "tolerance", "pas de tolérance avec un intervalle\u00a0: videz la cellule."
        )
    if bounds:
        data: QuestionData = {
            "min": row.number("bonnes_reponses", bounds[1]),
            "max": row.number("bonnes_reponses", bounds[2]),
        }
    else:
        data = {"answer": row.number("bonnes_reponses")}
        tolerance = row.number("tolerance") if row.get("tolerance") else 0.0
        if tolerance:
            data["tolerance"] = tolerance
    if row.get("unite"):
        data["unit"] = row.get("unite")
    return data


READERS: dict[str, Callable[[_Row, str], QuestionData]] = {
    "single_choice": _choices,
    "multiple_choice": _choices,
    "true_false": _true_false,
    "matching": _matching,
    "ordering": _ordering,
    "short_text": _short_text,
    "numeric": _numeric,
}


def _question(row: _Row, notes: list[Issue]) -> QuestionData:
    kind = TYPES.get(column_name(row.get("type")))
    if kind is None:
        given = row.get("type")
        reason = f"type {shown(given)} inconnu" if given else "type manquant"
        raise row.refuse("type", f"{reason}\u202f; types possibles\u00a0: {FRENCH_TYPES}.")
    for name in ("options", "bonnes_reponses", "retours", "tolerance", "unite"):
        if row.get(name) and name not in USED[kind]:
            raise row.refuse(
                name, f"inutile pour une question {row.get('type')}\u00a0: videz la cellule."
            )
    if not row.get("question"):
        raise row.refuse("question", "énoncé manquant.")
    data: QuestionData = {"type": kind, "prompt": row.get("question")}
    data["points"] = row.number("points") if row.get("points") else 1
    answer_keys = READERS[kind](row, kind)
    if kind == "true_false":
        data["answer"] = answer_keys.pop("answer")
    explanation = row.get("explication")
    if not explanation:
        notes.append(
            Issue(
                f"explication manquante\u00a0: {quoted(MISSING_EXPLANATION)} à remplacer.",
                row.line,
                row.labels.get("explication"),
                refused=False,
            )
        )
    data["explanation"] = explanation or MISSING_EXPLANATION
    return data | answer_keys


def _header(header: list[str]) -> tuple[dict[int, str], dict[str, str], list[Issue]]:
    """Column index → name, name → `D (options)`, and notes on unknown columns."""
    names: dict[int, str] = {}
    labels: dict[str, str] = {}
    notes: list[Issue] = []
    for index, title in enumerate(header):
        name = column_name(title)
        if not name:
            continue
        if name not in COLUMNS:
            notes.append(
                Issue(
                    f"colonne {quoted(title.strip())} inconnue, ignorée\u202f; colonnes\u00a0: "
                    f"{', '.join(COLUMNS)}.",
                    1,
                    _letter(index),
                    refused=False,
                )
            )
            continue
        names[index], labels[name] = name, f"{_letter(index)} ({title.strip()})"
    missing = [name for name in ("type", "question", "explication") if name not in labels]
    if missing:
        raise UnreadableSheet(
            f"colonne{'s' * (len(missing) > 1)} {', '.join(missing)} introuvable"
            f"{'s' * (len(missing) > 1)} sur la première ligne\u202f; le modèle a les colonnes "
            f"{', '.join(COLUMNS)}."
        )
    return names, labels, notes


def read_sheet(rows: list[list[str]]) -> Reading:
    """Every question of a table whose first row names the columns; rows without text skipped."""
    if not rows:
        raise UnreadableSheet("fichier vide\u00a0: la première ligne doit nommer les colonnes.")
    names, labels, issues = _header(rows[0])
    drafts: list[Draft] = []
    number = 0
    for line, values in enumerate(rows[1:], start=2):
        cells = {names[i]: value for i, value in enumerate(values) if i in names}
        if not any(value.strip() for value in cells.values()):
            continue
        number += 1
        row = _Row(cells, labels, line)
        notes: list[Issue] = []
        title = row.get("identifiant") or None
        label = f"question {number}" + (f" ({quoted(title)})" if title else "")
        try:
            data = _question(row, notes)
        except Refused as refused:
            issue = refused.issue
            message = f"{label} non importée\u00a0: {issue.message}"
            issues.append(Issue(message, issue.line, issue.column))
            continue
        if title is not None and slug(title) != title:
            notes.append(
                Issue(
                    f"identifiant {quoted(title)} écrit {quoted(slug(title) or f'q{number}')}.",
                    line,
                    labels.get("identifiant"),
                    refused=False,
                )
            )
        issues.extend(
            Issue(f"{label}\u00a0: {n.message}", n.line, n.column, False, number) for n in notes
        )
        draft = Draft(line, data, title, number, row.get("objectif") or None)
        draft.module = row.get("module") or None
        draft.column_of = {key: labels[name] for key, name in KEY_COLUMNS.items() if name in labels}
        drafts.append(draft)
    return Reading(drafts, issues)
