"""The certificate of completion as PDF bytes (fpdf2), one at a time or many in a zip.

A4 landscape: the learner's name, the course, the date in French, the score, the modules, the
organisation and signatory, the verification code and a QR code of the verification link (drawn
as vector squares from segno's matrix: nothing is fetched). Every text is printed as text, never
read as Markdown or HTML, and each block shrinks, then wraps, then is cut with « … » so that
nothing leaves its place on the page. Fonts and scripts: see course/certificates/fonts.py.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time
from typing import cast

import segno
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from course.certificates.data import CertificateData
from course.certificates.fonts import FAMILY, new_document, printable_text, unprintable_characters
from course.formatting import format_long_date, format_percent

__all__ = [
    "CertificateData",
    "build_certificate_pdf",
    "build_certificates_zip",
    "certificate_file_name",
    "unprintable_characters",
]

LOGGER = logging.getLogger(__name__)
NAVY, ACCENT, GREY = (27, 54, 93), (0, 118, 125), (85, 85, 85)
PAGE_W, PAGE_H, LEFT, WIDTH = 297.0, 210.0, 25.0, 247.0  # millimetres
PT = 25.4 / 72  # a point in millimetres
Box = tuple[float, float]  # width, height
Colour = tuple[int, int, int]


def _leading(size: float) -> float:
    return size * PT * 1.25


def _line_count(pdf: FPDF, text: str, width: float, size: float) -> int:
    """Lines `text` takes at `size` (the font already set) in a column `width` wide."""
    if pdf.get_string_width(text) < width - 0.01:
        return 1  # cheap: no line breaking needed
    lines = pdf.multi_cell(
        width, _leading(size), text, dry_run=True, output=MethodReturnValue.LINES
    )
    return len(cast(list[str], lines))


def _fit(pdf: FPDF, text: str, bold: bool, box: Box, sizes: Box) -> tuple[float, int]:
    """The largest size (down to sizes[1]) at which `text` fits the box, and its line count."""
    size = sizes[0]
    while True:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        lines = _line_count(pdf, text, box[0], size)
        if lines * _leading(size) <= box[1] or size <= sizes[1]:
            return size, lines
        size = max(sizes[1], size * 0.92)


def _truncate(pdf: FPDF, text: str, box: Box, size: float) -> tuple[str, int]:
    """`text` cut with « … » to fit the box at `size` (the font set), and its line count."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        fits = _line_count(pdf, text[:middle] + "…", box[0], size) * _leading(size) <= box[1]
        low, high = (middle, high) if fits else (low, middle - 1)
    text = text[:low].rstrip() + "…"
    return text, _line_count(pdf, text, box[0], size)


def _block(
    pdf: FPDF,
    text: str,
    top: float,
    box: Box,
    *,
    bold: bool = False,
    sizes: Box = (12, 12),
    colour: Colour = NAVY,
    x: float = LEFT,
    align: str = "C",
) -> None:
    """`text` shrunk, wrapped, then cut to fit the box at (x, top), centred vertically in it."""
    size, lines = _fit(pdf, text, bold, box, sizes)
    if lines * _leading(size) > box[1]:
        text, lines = _truncate(pdf, text, box, size)
    pdf.set_text_color(*colour)
    pdf.set_xy(x, top + max(0.0, (box[1] - lines * _leading(size)) / 2))
    if lines == 1:
        pdf.cell(box[0], _leading(size), text, align=align)
    else:
        pdf.multi_cell(box[0], _leading(size), text, align=align)


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, PAGE_W - 26, PAGE_H - 26)
    pdf.line(PAGE_W / 2 - 30, 47, PAGE_W / 2 + 30, 47)


def _modules(pdf: FPDF, titles: Sequence[str], top: float, height: float) -> None:
    """« Modules suivis » then the titles in two bulleted columns, shrunk, then cut."""
    if not titles:
        return
    pdf.set_font(FAMILY, "B", 10)
    pdf.set_text_color(*GREY)
    pdf.set_xy(LEFT + 10, top)
    pdf.cell(0, 5, "Modules suivis\u202f:")
    half = (len(titles) + 1) // 2
    columns = [titles[:half], titles[half:]]
    width, bottom, size, indent = (WIDTH - 30) / 2 - 4, top + height, 10.0, 4
    while True:
        pdf.set_font(FAMILY, "", size)
        counts = [[_line_count(pdf, title, width, size) for title in column] for column in columns]
        if size <= 6.5 or all(sum(c) * _leading(size) <= height - 7 for c in counts):
            break
        size -= 0.5
    lead = _leading(size)
    for index, (column, lines) in enumerate(zip(columns, counts, strict=True)):
        x, y = LEFT + 10 + index * (width + indent + 10), top + 7
        for title, count in zip(column, lines, strict=True):
            pdf.set_xy(x, y)
            if y + count * lead > bottom:
                pdf.cell(indent, lead, "…" if y + lead <= bottom else "")
                break
            pdf.cell(indent, lead, "•")
            if count == 1:
                pdf.cell(width, lead, title)
            else:
                pdf.multi_cell(
                    width, lead, title, align="L"
                )  # wrapped under the title, not the bullet
            y += count * lead


def _qr_code(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code of `url` as vector squares (sharp at any zoom), quiet zone included."""
    try:
        matrix = segno.make(url, error="m", micro=False).matrix
    except segno.DataOverflowError:  # thousands of characters: the printed link stays
        LOGGER.warning("Verification URL too long for a QR code: %d characters", len(url))
        return
    module = size / (len(matrix) + 8)
    pdf.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            if column > start:  # one rectangle a run of dark modules, a little taller: no seams
                left, top = x + (start + 4) * module, y + (row + 4) * module
                pdf.rect(left, top, (column - start) * module, module + 0.02, style="F")
            column += 1
    pdf.link(x, y, size, size, url)


def _footer(pdf: FPDF, data: CertificateData, texts: dict[str, str]) -> None:
    """Date and signatory on the left; verification code, link and QR code on the right."""
    issued = f"Délivrée le {format_long_date(data.completed_on)}"
    signature = (LEFT, 100.0)  # x, width of the left column
    _block(pdf, issued, 163, (signature[1], 6), sizes=(11, 9))
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.line(LEFT + 20, 176, LEFT + 80, 176)
    _block(pdf, texts["signatory_name"], 177, (signature[1], 6), bold=True, sizes=(11, 7))
    _block(pdf, texts["signatory_role"], 183, (signature[1], 5), sizes=(9.5, 6), colour=GREY)
    _block(pdf, texts["organisation"], 188, (signature[1], 5), sizes=(9.5, 6), colour=GREY)
    qr_x, x = PAGE_W - 57, LEFT + signature[1] + 5
    width = qr_x - 4 - x
    how = "Pour vérifier cette attestation, scannez le code QR ou ouvrez\u202f:"
    _block(pdf, "Code de vérification", 160, (width, 5), colour=GREY, sizes=(9, 9), x=x, align="R")
    _block(pdf, texts["code"], 165, (width, 8), bold=True, sizes=(16, 9), x=x, align="R")
    _block(pdf, how, 175, (width, 5), sizes=(8, 6.5), colour=GREY, x=x, align="R")
    _block(pdf, texts["url"], 180, (width, 10), sizes=(8, 6), colour=ACCENT, x=x, align="R")
    pdf.link(x, 180, width, 10, texts["url"])
    _qr_code(pdf, texts["url"], qr_x, 158, 32)


def build_certificate_pdf(data: CertificateData) -> bytes:
    """The certificate as a one-page A4 landscape PDF; the same data give the same bytes."""
    fields = ("learner_name", "course_title", "organisation", "signatory_name", "signatory_role")
    texts = {field: printable_text(getattr(data, field)) for field in fields}
    texts["code"] = printable_text(data.verification_code)
    texts["url"] = printable_text(data.verification_url)
    left_out = unprintable_characters(data.learner_name)
    if left_out:
        LOGGER.warning(  # how many, never which: they are part of the learner's name
            "Certificate name printed without %d character(s): no shipped font has them",
            len(left_out),
        )
    modules = [title for title in map(printable_text, data.modules) if title]
    pdf = new_document([*texts.values(), *modules])
    pdf.set_title(f"Attestation de réussite – {texts['learner_name']}")
    pdf.set_subject(texts["course_title"])
    pdf.set_author(texts["organisation"])
    pdf.set_creator("Formation aux réseaux sociaux")
    pdf.set_lang("fr-FR")
    pdf.set_creation_date(datetime.combine(data.completed_on, time(), tzinfo=UTC))
    pdf.add_page()
    _frame(pdf)
    _block(pdf, texts["organisation"], 20, (WIDTH, 8), sizes=(12, 8), colour=GREY)
    _block(pdf, "Attestation de réussite", 30, (WIDTH, 16), bold=True, sizes=(28, 28))
    _block(pdf, "Nous attestons que", 51, (WIDTH, 6), colour=GREY)
    _block(pdf, texts["learner_name"], 57, (WIDTH, 30), bold=True, sizes=(34, 12))
    _block(pdf, "a suivi avec succès la formation", 88, (WIDTH, 6), colour=GREY)
    _block(pdf, texts["course_title"], 95, (WIDTH, 15), bold=True, sizes=(20, 10), colour=ACCENT)
    score = f"Résultat\u202f: {format_percent(data.percent, 1)}"
    _block(pdf, score, 111, (WIDTH, 7), bold=True, sizes=(13, 13))
    _modules(pdf, modules, 121, 35)
    _footer(pdf, data, texts)
    return bytes(pdf.output())


_LATIN_LETTERS = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss"} | dict(zip("øłđı", "oldi", strict=True))
)


def _slug(text: str) -> str:
    """ASCII, lower case, dashes: « Zoë O’Brien » → « zoe-o-brien »; other scripts dropped."""
    letters = unicodedata.normalize("NFKD", text.lower().translate(_LATIN_LETTERS))
    bare = "".join(char for char in letters if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")[:60].strip("-")


def certificate_file_name(label: str, code: str, taken: set[str] | None = None) -> str:
    """A safe file name, never a path: « zoe-o-brien-K7QF-29XM.pdf », « -2 » etc. if taken."""
    stem = "-".join(part for part in (_slug(label) or "attestation", _slug(code).upper()) if part)
    name, number = f"{stem}.pdf", 1
    while taken is not None and name in taken:
        number += 1
        name = f"{stem}-{number}.pdf"
    return name


def build_certificates_zip(items: Iterable[tuple[str, CertificateData]]) -> bytes:
    """A zip of certificates; each item is (a label for the file name, the certificate's data)."""
    archive, taken = io.BytesIO(), set[str]()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as bundle:
        for label, data in items:
            name = certificate_file_name(label, data.verification_code, taken)
            taken.add(name)
            day = data.completed_on
            stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
            bundle.writestr(zipfile.ZipInfo(name, date_time=stamp), build_certificate_pdf(data))
    return archive.getvalue()
