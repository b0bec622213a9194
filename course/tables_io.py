"""A table someone uploads, read as rows of text: a CSV file or an XLSX workbook's first sheet.

A CSV is decoded as UTF-8 (with or without BOM), else as Windows-1252 (Excel's « CSV (séparateur :
point-virgule) »); its delimiter is `;` (French Excel), `,` or a tab, whichever the first line
holds most. An XLSX is read by openpyxl, read-only and values only (imported inside the function:
cold start, see ARCHITECTURE.md). Callers bound what is read (rows, columns, unpacked size); a
file that cannot be read raises UnreadableTable with a French message.
"""

from __future__ import annotations

import csv
import io
import zipfile
from itertools import islice
from typing import NamedTuple

DELIMITERS = ";,\t"


class UnreadableTable(Exception):
    """The file is not a table that can be read; the message is French."""


class TableRow(NamedTuple):
    """A row's cells as text, and its number as a spreadsheet shows it (the first row is 1)."""

    number: int
    cells: list[str]


def decoded(data: bytes) -> str:
    """UTF-8 (a BOM dropped), else Windows-1252 as Excel saves a French CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes, *, max_rows: int | None = None) -> list[TableRow]:
    """The rows of a CSV file (at most `max_rows`), split by the delimiter its first line uses."""
    text = decoded(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [TableRow(n, row) for n, row in enumerate(islice(reader, max_rows), start=1)]
    except csv.Error as exc:
        raise UnreadableTable(f"CSV illisible ({exc}).") from None


def cell_text(value: object, *, booleans: tuple[str, str], decimal_comma: bool = False) -> str:
    """A workbook value as text: nothing for an empty cell, `booleans` (true, false) for
    Excel's VRAI and FAUX, whole numbers without « .0 », other numbers as Python writes them
    (with a comma for the decimal point if `decimal_comma`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return booleans[0] if value else booleans[1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and decimal_comma:
        return str(value).replace(".", ",")
    return str(value)


def _refuse_large_archive(data: bytes, max_unpacked_bytes: int) -> None:
    """Refuse a workbook whose contents would unpack beyond the bound, before openpyxl reads it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableTable("classeur XLSX illisible.") from None
    if unpacked > max_unpacked_bytes:
        raise UnreadableTable("classeur trop volumineux une fois décompressé.")


def read_xlsx(
    data: bytes,
    *,
    booleans: tuple[str, str],
    decimal_comma: bool = False,
    max_rows: int | None = None,
    max_columns: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> list[TableRow]:
    """The rows of the workbook's first sheet (at most `max_rows` × `max_columns`), every cell
    as `cell_text` writes it."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    if max_unpacked_bytes is not None:
        _refuse_large_archive(data, max_unpacked_bytes)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UnreadableTable(f"classeur XLSX illisible ({type(exc).__name__}).") from None
    try:
        rows = workbook.worksheets[0].iter_rows(
            max_row=max_rows, max_col=max_columns, values_only=True
        )
        return [
            TableRow(n, [cell_text(v, booleans=booleans, decimal_comma=decimal_comma) for v in row])
            for n, row in enumerate(rows, start=1)
        ]
    finally:
        workbook.close()
