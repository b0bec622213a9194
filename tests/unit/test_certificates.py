"""Certificate PDFs read back with pypdf: text, French date and score, page size, QR code,
hostile and non-Latin names kept literal and on the page, and zips of many certificates."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import FrozenInstanceError, replace
from datetime import date
from functools import cache

import pytest
import segno
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from course.certificates.fonts import BOLD, REGULAR, clean_text, unprintable_characters
from course.certificates.pdf import (
    CertificateData,
    build_certificate_pdf,
    build_certificates_zip,
    certificate_file_name,
)
from course.formatting import format_long_date

MM = 72 / 25.4  # points in a millimetre
A4_LANDSCAPE = (297 * MM, 210 * MM)
URL = "https://formation.example.org/?page=verifier&code=K7QF-29XM"
MODULES = (
    "Les réseaux sociaux\u202f: de quoi parle-t-on\u202f?",
    "Facebook pour les associations",
    "Twitter / X",
    "Animer une communauté",
)
DATA = CertificateData(
    learner_name="Éloïse O’Brien-Dupont",
    course_title="Formation aux réseaux sociaux",
    completed_on=date(2026, 11, 23),
    percent=87.0,
    modules=MODULES,
    organisation="Maison des associations de Lyon",
    signatory_name="Camille Durand",
    signatory_role="Responsable de la formation",
    verification_code="K7QF-29XM",
    verification_url=URL,
)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_text(pdf: bytes) -> str:
    return read(pdf).pages[0].extract_text()


def text_runs(pdf: bytes) -> list[tuple[str, float, float, float, bool]]:
    """(text, x, y, font size, bold) of every piece of text drawn, in points from bottom left."""
    runs: list[tuple[str, float, float, float, bool]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            bold = "Bold" in str((font or {}).get("/BaseFont", ""))  # type: ignore[attr-defined]
            runs.append((text, tm[4] + cm[4], tm[5] + cm[5], size * tm[0], bold))

    read(pdf).pages[0].extract_text(visitor_text=visit)
    return runs


@cache
def _metrics(bold: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(BOLD if bold else REGULAR)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def width_pt(text: str, size: float, bold: bool) -> float:
    """The width of `text` in DejaVu Sans (1 em a character it lacks: CJK is square)."""
    cmap, advances, upem = _metrics(bold)
    return sum(
        advances[cmap[ord(char)]][0] / upem * size if ord(char) in cmap else size for char in text
    )


def assert_on_the_page(pdf: bytes) -> None:
    """Every run of text lies inside the inner frame (13 mm from the edges), and no two overlap."""
    low, high = 13 * MM, (A4_LANDSCAPE[0] - 13 * MM, A4_LANDSCAPE[1] - 13 * MM)
    boxes = []
    for text, x, y, size, bold in text_runs(pdf):
        right = x + width_pt(text, size, bold)
        assert low <= x and right <= high[0] + 0.5, text
        assert low <= y <= high[1], text
        boxes.append((text, x, y - 0.2 * size, right, y + 0.75 * size))
    for index, (text, left, bottom, right, top) in enumerate(boxes):
        for other, left2, bottom2, right2, top2 in boxes[index + 1 :]:
            apart = right <= left2 + 0.5 or right2 <= left + 0.5 or top <= bottom2 + 0.5
            assert apart or top2 <= bottom + 0.5, f"{text!r} overlaps {other!r}"


def qr_matrix(pdf: bytes) -> list[list[bool]]:
    """The QR code's modules, rebuilt from the filled rectangles in the bottom-right corner."""
    page = read(pdf).pages[0]
    operations = ContentStream(page.get_contents(), page.pdf).operations
    rects = [
        [float(value) for value in operands]
        for operands, operator in operations
        if operator == b"re" and float(operands[0]) > 230 * MM and float(operands[1]) < 60 * MM
    ]
    module = min(width for _, _, width, _ in rects)
    left, top = min(x for x, _, _, _ in rects), max(y for _, y, _, _ in rects)
    size = round((max(x + w for x, _, w, _ in rects) - left) / module)
    matrix = [[False] * size for _ in range(size)]
    for x, y, width, _ in rects:
        row, column = round((top - y) / module), round((x - left) / module)
        for offset in range(round(width / module)):
            matrix[row][column + offset] = True
    return matrix


def decode(matrix: list[list[bool]]) -> str:
    scale, border = 4, 4
    side = (len(matrix) + 2 * border) * scale
    image = Image.new("L", (side, side), 255)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                x, y = (column + border) * scale, (row + border) * scale
                image.paste(0, (x, y, x + scale, y + scale))
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1
    return results[0].text


def test_the_certificate_prints_every_field() -> None:
    text = page_text(build_certificate_pdf(DATA))
    for expected in [
        "Attestation de réussite",
        "Éloïse O’Brien-Dupont",
        "Formation aux réseaux sociaux",
        "Délivrée le 23 novembre 2026",
        "Résultat\u202f: 87\u202f%",
        "Modules suivis\u202f:",
        *MODULES,
        "Maison des associations de Lyon",
        "Camille Durand",
        "Responsable de la formation",
        "K7QF-29XM",
        URL,
    ]:
        assert expected in text, expected


def test_the_page_is_one_a4_landscape_page() -> None:
    reader = read(build_certificate_pdf(DATA))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_LANDSCAPE, abs=0.1)
    assert reader.metadata is not None
    assert reader.metadata.title == "Attestation de réussite – Éloïse O’Brien-Dupont"


def test_the_qr_code_in_the_pdf_decodes_to_the_verification_url() -> None:
    matrix = qr_matrix(build_certificate_pdf(DATA))
    assert matrix == [list(row) for row in segno.make(URL, error="m", micro=False).matrix]
    assert decode(matrix) == URL


def test_same_data_same_bytes() -> None:
    assert build_certificate_pdf(DATA) == build_certificate_pdf(DATA)


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2026, 11, 23), "23 novembre 2026"),
        (date(2026, 3, 1), "1er mars 2026"),
        (date(2027, 8, 1), "1er août 2027"),
        (date(2026, 12, 31), "31 décembre 2026"),
    ],
)
def test_format_long_date(day: date, written: str) -> None:
    assert format_long_date(day) == written


@pytest.mark.parametrize(
    ("day", "percent", "expected"),
    [
        (date(2026, 3, 1), 87.0, ["Délivrée le 1er mars 2026", "Résultat\u202f: 87\u202f%"]),
        (date(2026, 5, 9), 87.5, ["Délivrée le 9 mai 2026", "Résultat\u202f: 87,5\u202f%"]),
        (date(2026, 5, 9), 100, ["Résultat\u202f: 100\u202f%"]),
    ],
)
def test_date_and_score_the_french_way(day: date, percent: float, expected: list[str]) -> None:
    text = page_text(build_certificate_pdf(replace(DATA, completed_on=day, percent=percent)))
    for line in expected:
        assert line in text


LONG_NAME = "Marie-Thérèse " * 21 + "de la Fontaine-Saint-Exupéry"  # 322 characters
NAMES = {
    "html": "<script>alert('x')</script> <b>x</b>",
    "markdown": "**Gras** __souligné__ ~~barré~~ [lien](http://x)",
    "csv formula": "=cmd|' /C calc'!A0",
    "apostrophes": "Jeanne d'Arc et Zoë O’Brien",
    "long": LONG_NAME,
    "one long word": "A" * 300,
    "greek": "Ελένη Παπαδοπούλου",
    "cyrillic": "Иван Петрович Сидоров",
    "arabic": "محمد بن سلمان",
    "hebrew": "שלום עליכם",
    "mixed scripts": "Léa Cohen — לאה כהן",
    "chinese": "王小明",
    "japanese": "やまだ たろう",
    "korean": "김민준",
    "vietnamese": "Nguyễn Thị Minh Khai",
    "emoji": "Zoé 😀 Martin",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_any_name_prints_literally_and_stays_on_the_page(name: str) -> None:
    pdf = build_certificate_pdf(replace(DATA, learner_name=name))
    text = page_text(pdf)
    assert re.sub(r"\s+", "", name) in re.sub(r"\s+", "", text)
    assert_on_the_page(pdf)


def test_a_name_too_long_for_its_box_is_cut_with_an_ellipsis() -> None:
    pdf = build_certificate_pdf(replace(DATA, learner_name="Marie-Thérèse " * 80))
    assert "…" in page_text(pdf)
    assert "a suivi avec succès la formation" in page_text(pdf)
    assert_on_the_page(pdf)


def test_control_and_bidi_override_characters_are_removed() -> None:
    name = "Zoë\x00\x07 Du\u202epont\r\nMartin\t\u2066Léa\u2069"
    assert clean_text(name) == "Zoë Dupont Martin Léa"
    assert "Zoë Dupont Martin Léa" in page_text(
        build_certificate_pdf(replace(DATA, learner_name=name))
    )


def test_french_spaces_in_titles_are_kept() -> None:
    assert clean_text("Pourquoi\u202f? «\u00a0Oui\u00a0»") == "Pourquoi\u202f? «\u00a0Oui\u00a0»"


@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("Éloïse Dupont", ""),
        ("王小明 محمد Ελένη", ""),
        ("สมชาย ใจดี", "สมชายใจดี"),  # Thai: no shipped font
        ("अमित 😀", "अमित"),  # Devanagari
    ],
)
def test_unprintable_characters_are_named(name: str, missing: str) -> None:
    assert unprintable_characters(name) == missing


def test_a_name_no_font_can_draw_is_left_out_without_a_crash() -> None:
    pdf = build_certificate_pdf(replace(DATA, learner_name="Somchai สมชาย"))
    text = page_text(pdf)
    assert "Somchai" in text
    assert "ส" not in text


def test_many_long_module_titles_stay_on_the_page() -> None:
    modules = [
        f"Module {n}\u202f: " + "des réseaux sociaux pour les associations " * 3 for n in range(40)
    ]
    pdf = build_certificate_pdf(replace(DATA, modules=modules))
    assert "Module 0\u202f:" in page_text(pdf)
    assert_on_the_page(pdf)


def test_long_settings_and_url_stay_on_the_page() -> None:
    data = replace(
        DATA,
        course_title="Formation " * 40,
        organisation="Fédération départementale des associations " * 6,
        signatory_name="Jean " * 30,
        signatory_role="Présidente " * 20,
        verification_url=URL + "&x=" + "y" * 400,
    )
    assert_on_the_page(build_certificate_pdf(data))


def test_a_url_too_long_for_a_qr_code_still_gives_a_certificate() -> None:
    pdf = build_certificate_pdf(replace(DATA, verification_url=URL + "&x=" + "y" * 5000))
    assert "K7QF-29XM" in page_text(pdf)


def test_certificate_data_is_frozen_and_keeps_modules_as_a_tuple() -> None:
    data = replace(DATA, modules=["Un", "Deux"])
    assert data.modules == ("Un", "Deux")
    with pytest.raises(FrozenInstanceError):
        data.learner_name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("label", "code", "name"),
    [
        ("Zoë O’Brien", "K7QF-29XM", "zoe-o-brien-K7QF-29XM.pdf"),
        ("../../etc/passwd", "K7QF-29XM", "etc-passwd-K7QF-29XM.pdf"),
        ("محمد", "K7QF-29XM", "attestation-K7QF-29XM.pdf"),
        ("", "../x", "attestation-X.pdf"),
        ("C:\\Windows\\system32", "AB/CD", "c-windows-system32-AB-CD.pdf"),
        ("a" * 200, "K7QF-29XM", "a" * 60 + "-K7QF-29XM.pdf"),
        ("Lœtitia Łukasz-Straße", "K7QF-29XM", "loetitia-lukasz-strasse-K7QF-29XM.pdf"),
    ],
)
def test_certificate_file_names_are_safe(label: str, code: str, name: str) -> None:
    assert certificate_file_name(label, code) == name


def test_the_zip_holds_one_pdf_a_certificate_under_safe_unique_names() -> None:
    labels = ["Zoë O’Brien", "Zoë O’Brien", "../../etc/passwd", "محمد", "", "王小明"]
    items = [(label, replace(DATA, learner_name=label or "x")) for label in labels]
    with zipfile.ZipFile(io.BytesIO(build_certificates_zip(items))) as bundle:
        names = bundle.namelist()
        assert len(names) == len(set(names)) == len(labels)
        for name in names:
            assert re.fullmatch(r"[a-z0-9-]+-[A-Z0-9-]+(-\d+)?\.pdf", name), name
            assert bundle.read(name).startswith(b"%PDF-")
        assert names[:2] == ["zoe-o-brien-K7QF-29XM.pdf", "zoe-o-brien-K7QF-29XM-2.pdf"]
        assert bundle.testzip() is None


def test_an_empty_zip_is_a_valid_zip() -> None:
    with zipfile.ZipFile(io.BytesIO(build_certificates_zip([]))) as bundle:
        assert bundle.namelist() == []
