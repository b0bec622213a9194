"""Group results as spreadsheets: a CSV that French Excel opens as it is (`;`, decimal comma,
UTF-8 with BOM, French dates) and an XLSX workbook with one sheet per table.

Every cell goes through cells.neutralise first: a learner named `=HYPERLINK(…)` stays text.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from course.results.exports.cells import french_datetime, local_time, neutralised
from course.results.group import GroupResults
from course.results.tables import lines_table, modules_table, participants_table, questions_table

DATE_COLUMNS = ("Début", "Fin")
MAX_COLUMN_WIDTH = 60
DATE_FORMAT = "DD/MM/YYYY HH:MM"


def results_csv(results: GroupResults) -> bytes:
    """One row per finished attempt and per live answer, for French Excel."""
    table = lines_table(results)
    for column in DATE_COLUMNS:
        table[column] = table[column].map(french_datetime)
    text = neutralised(table).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def sheets(results: GroupResults) -> dict[str, pd.DataFrame]:
    """Sheet name → table, in workbook order."""
    lines = lines_table(results)
    for column in DATE_COLUMNS:
        lines[column] = lines[column].map(local_time)
    return {
        "Participants": participants_table(results),
        "Modules": modules_table(results),
        "Tentatives": lines,
        "Réponses par question": questions_table(results),
    }


def _text_length(value: object) -> int:
    if value is None or (isinstance(value, float) and value != value):  # empty, NaN
        return 0
    return len(str(value))


def _style(sheet: Any) -> None:
    # openpyxl is imported here, for an XLSX export, not when the app starts
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    """Bold headers, frozen under the first row, columns as wide as their content (an
    openpyxl worksheet)."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((_text_length(value) for value in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
    for header in sheet[1]:
        if header.value in DATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=header.column, max_col=header.column):
                cell.number_format = DATE_FORMAT


def results_xlsx(results: GroupResults) -> bytes:
    """A workbook: « Participants », « Modules », « Tentatives », « Réponses par question »."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as book:
        for name, table in sheets(results).items():
            neutralised(table).to_excel(book, sheet_name=name, index=False)
            _style(book.sheets[name])
    return buffer.getvalue()
