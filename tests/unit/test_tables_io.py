"""Reading an uploaded table: CSV (encodings, delimiters) and XLSX (cells as text), bounded."""

from __future__ import annotations

import io
import zipfile

import pytest

from course.tables_io import TableRow, UnreadableTable, cell_text, read_csv, read_xlsx


def workbook(*rows: list[object]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffNom;1\r\nZoé;A\r\n".encode(),
        "Nom,1\nZoé,A\n".encode(),
        "Nom\t1\nZoé\tA\n".encode("cp1252"),
    ],
    ids=["utf-8 with BOM and ;", "utf-8 and ,", "windows-1252 and tab"],
)
def test_a_csv_is_read_whatever_excel_saved(data: bytes) -> None:
    assert read_csv(data) == [TableRow(1, ["Nom", "1"]), TableRow(2, ["Zoé", "A"])]


def test_a_csv_is_read_up_to_its_bound_and_a_broken_one_is_refused_in_french() -> None:
    assert [row.number for row in read_csv(b"a\nb\nc\nd\n", max_rows=2)] == [1, 2]
    with pytest.raises(UnreadableTable, match=r"^CSV illisible \(field larger than"):
        read_csv(b"x" * 200_000)


def test_workbook_values_become_text_as_the_caller_writes_them() -> None:
    values = [None, True, False, 3.0, 0.5, 7, "texte"]
    french = [cell_text(v, booleans=("vrai", "faux")) for v in values]
    grid = [cell_text(v, booleans=("V", "F"), decimal_comma=True) for v in values]
    assert french == ["", "vrai", "faux", "3", "0.5", "7", "texte"]
    assert grid == ["", "V", "F", "3", "0,5", "7", "texte"]


def test_a_workbook_is_read_within_its_bounds() -> None:
    data = workbook(["Nom", "1", "2"], ["Zoé", True, 1.5], ["Léo", None, 2])
    rows = read_xlsx(data, booleans=("V", "F"), decimal_comma=True, max_rows=2, max_columns=2)
    assert rows == [TableRow(1, ["Nom", "1"]), TableRow(2, ["Zoé", "V"])]


def test_a_workbook_that_cannot_be_read_is_refused_in_french() -> None:
    with pytest.raises(UnreadableTable, match=r"^classeur XLSX illisible \(BadZipFile\)\.$"):
        read_xlsx(b"not a zip", booleans=("vrai", "faux"))
    with pytest.raises(UnreadableTable, match=r"^classeur XLSX illisible\.$"):
        read_xlsx(b"not a zip", booleans=("V", "F"), max_unpacked_bytes=1_000)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", "0" * 10_000)
    with pytest.raises(UnreadableTable, match=r"^classeur trop volumineux une fois décompressé\.$"):
        read_xlsx(packed.getvalue(), booleans=("V", "F"), max_unpacked_bytes=1_000)
