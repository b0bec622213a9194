"""The answer grid as a file: a template to fill in (CSV or XLSX) and the filled file read back.

One row per participant: « Nom », then one column per printed question number (« 1 », « 2 »…).
The CSV is written as French Excel opens it (UTF-8 with BOM, `;`, CRLF); `;`, `,` and tabs are
read, and Windows-1252 too. Every cell written goes through `neutralise` (a name typed as
`=HYPERLINK(…)` stays text). Uploads are bounded: MAX_FILE_BYTES, MAX_ROWS participants, and an
XLSX whose contents would unpack beyond MAX_UNPACKED_BYTES is refused before openpyxl reads it
(course/tables_io.py reads both formats).
openpyxl is imported inside the functions that need it (cold start, see ARCHITECTURE.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from course.content.questions import Quiz
from course.paper.answer_grid import MAX_ROWS, NAME_COLUMN, GridRow
from course.paper.sheet_codes import question_number
from course.paper.typed_answers import expected
from course.tables_io import TableRow, UnreadableTable, read_csv, read_xlsx
from course.text import fold, neutralise

MAX_FILE_BYTES = 1_000_000
MAX_UNPACKED_BYTES = 20_000_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnreadableFile(Exception):
    """The file cannot be read as an answer grid; the message is French."""


@dataclass(frozen=True)
class AnswerFile:
    """The rows of an uploaded grid, and French problems by line and column that kept some
    lines (or the whole file) from being read."""

    rows: list[GridRow]
    problems: list[str] = field(default_factory=list)


def header(quiz: Quiz) -> list[str]:
    """« Nom », « 1 », « 2 »… as printed on the sheet."""
    return [NAME_COLUMN, *(question_number(i) for i in range(len(quiz.questions)))]


def template_file_name(code: str, extension: str) -> str:
    """« reponses-bases-3f9a2c.csv »: the sheet code in the name."""
    return f"reponses-{code}.{extension}"


def _rows(quiz: Quiz, names: Sequence[str]) -> list[list[str]]:
    blanks = [""] * len(quiz.questions)
    return [header(quiz), *([neutralise(name), *blanks] for name in names)]


def template_csv(quiz: Quiz, names: Sequence[str] = ()) -> bytes:
    """The grid to fill in, as French Excel opens it (a row per name given)."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(_rows(quiz, names))
    return text.getvalue().encode("utf-8-sig")


def template_xlsx(quiz: Quiz, names: Sequence[str] = ()) -> bytes:
    """The grid as a workbook: « Réponses » (text cells) and « Mode d'emploi » (per question,
    what to type)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Réponses"
    for row in _rows(quiz, names):
        sheet.append(row)
    for column in sheet.iter_cols(min_row=1, max_row=MAX_ROWS + 1, max_col=len(header(quiz))):
        for cell in column:
            cell.number_format = "@"  # text: « 1,5 » and « V » stay as typed
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 30
    guide = workbook.create_sheet("Mode d'emploi")
    guide.append(["Question", "Ce qu'il faut écrire"])
    for index, question in enumerate(quiz.questions):
        guide.append([question_number(index), expected(question)])
    guide.append(["", "Une case vide\u00a0: pas de réponse."])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["B"].width = 100
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def _table(data: bytes, file_name: str, width: int) -> list[TableRow]:
    """The file's rows, bounded: MAX_ROWS participants (and the header, and one more to tell
    there are too many); in a workbook, a few columns beyond the last question."""
    name = file_name.lower()
    try:
        if name.endswith(".xlsx"):
            return read_xlsx(
                data,
                booleans=("V", "F"),  # Excel turns « V » into nothing, but « VRAI » into True
                decimal_comma=True,
                max_rows=MAX_ROWS + 2,
                max_columns=width + 5,
                max_unpacked_bytes=MAX_UNPACKED_BYTES,
            )
        if name.endswith((".csv", ".txt")):
            return read_csv(data, max_rows=MAX_ROWS + 2)
    except UnreadableTable as exc:
        raise UnreadableFile(str(exc)) from None
    raise UnreadableFile("envoyez un fichier CSV ou XLSX (le modèle téléchargeable).")


def _column_label(text: str) -> str:
    folded = fold(text).strip().strip(".")
    return NAME_COLUMN if folded in {"nom", "participant", "nom et prenom"} else folded


def read_answer_file(data: bytes, file_name: str, quiz: Quiz) -> AnswerFile:
    """The participants' rows of an uploaded CSV or XLSX grid (line numbers as the spreadsheet
    shows them: the header is line 1). Raises UnreadableFile (French) when nothing can be read:
    too large, not a table, a header that is not this quiz's, more than MAX_ROWS participants.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"fichier trop volumineux ({MAX_FILE_BYTES // 1_000_000}\u00a0Mo au plus)."
        )
    expected_header = header(quiz)
    table = _table(data, file_name, len(expected_header))
    while table and not any(cell.strip() for cell in table[-1].cells):
        table.pop()
    if not table:
        raise UnreadableFile("le fichier est vide.")
    found = [_column_label(cell) for cell in table[0].cells]
    while found and not found[-1]:
        found.pop()
    if found != expected_header:
        shown = ", ".join(f"«\u00a0{c}\u00a0»" for c in expected_header[:4])
        raise UnreadableFile(
            f"ligne 1\u00a0: les colonnes doivent être {shown}… jusqu'à "
            f"«\u00a0{expected_header[-1]}\u00a0», une par question de la feuille, comme dans "
            "le modèle."
        )
    body = table[1:]
    if sum(1 for row in body if any(cell.strip() for cell in row.cells)) > MAX_ROWS:
        raise UnreadableFile(
            f"plus de {MAX_ROWS}\u00a0participants\u202f: envoyez-les en plusieurs fichiers."
        )
    rows: list[GridRow] = []
    problems: list[str] = []
    for line, cells in body:
        extra = [cell for cell in cells[len(expected_header) :] if cell.strip()]
        if extra:
            problems.append(
                f"Ligne {line}\u00a0: des cases sont remplies au-delà de la dernière question "
                f"(«\u00a0{expected_header[-1]}\u00a0»)\u202f; la ligne n'a pas été lue."
            )
            continue
        padded = [*cells, *[""] * len(expected_header)][: len(expected_header)]
        rows.append(
            GridRow(line, padded[0], dict(zip(expected_header[1:], padded[1:], strict=True)))
        )
    return AnswerFile(rows, problems)
