"""Fonts and text for the certificate PDF: which characters print, and fpdf2 documents set up.

Shipped in assets/fonts/: DejaVu Sans regular and bold (Latin, Greek, Cyrillic, Armenian,
Georgian, Arabic, Hebrew…) and Droid Sans Fallback (Chinese, Japanese, Korean; regular only).
Right-to-left runs are ordered and Arabic letters joined by HarfBuzz (uharfbuzz). Indic scripts,
Thai, Ethiopic and others have no shipped font: `unprintable_characters` names what would be
left out, so the app can tell the learner before it prints anything.

fpdf2 parses and subsets each TTF for every document: about 90 ms with the full DejaVu pair.
A document whose text is all Latin-1, Latin Extended-A, Romanian and punctuation (nearly every
French certificate) uses a cut of DejaVu to those ~470 glyphs, made once per process in a
temporary folder: the fonts then cost about 15 ms a document.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import TTFFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
REGULAR = FONTS_DIR / "DejaVuSans.ttf"
BOLD = FONTS_DIR / "DejaVuSans-Bold.ttf"
FALLBACK = FONTS_DIR / "DroidSansFallback.ttf"
FAMILY, CJK_FAMILY = "dejavu", "droid"
SCRIPTS = {  # Unicode ranges a cut of DejaVu holds; "latin" (nearly every name) is in every cut
    "latin": ((0x20, 0x7E), (0xA0, 0x17F), (0x218, 0x21B), (0x2000, 0x206F), (0x20AC, 0x20AC)),
    "latin-extended": (
        (0x180, 0x36F),
        (0x1D00, 0x1DBF),  # phonetic letters: the superscript « ᵉ » of « 2ᵉ »
        (0x1E00, 0x1EFF),
        (0x2C60, 0x2C7F),
        (0xA720, 0xA7FF),
    ),
    "symbols": ((0x2070, 0x209F), (0x2190, 0x22FF), (0x2500, 0x25FF), (0x2600, 0x27BF)),
    "greek": ((0x370, 0x3FF), (0x1F00, 0x1FFF)),
    "cyrillic": ((0x400, 0x52F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "armenian": ((0x530, 0x58F), (0xFB13, 0xFB17)),
    "hebrew": ((0x590, 0x5FF), (0xFB1D, 0xFB4F)),
    "arabic": ((0x600, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "georgian": ((0x10A0, 0x10FF), (0x2D00, 0x2D2F)),
}
RIGHT_TO_LEFT = {"hebrew", "arabic"}
_BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}
_KEPT_SPACES = "\u00a0\u202f"  # French typography in titles
_lock = threading.Lock()


def clean_text(text: str) -> str:
    """NFC text on one line: control, bidi-override and unassigned characters removed."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp") or (char.isspace() and char not in _KEPT_SPACES):
            kept.append(" ")
        elif category not in ("Cs", "Co", "Cn") and ord(char) not in _BIDI_CONTROLS:
            kept.append(char)
    return re.sub(r" {2,}", " ", "".join(kept)).strip()


@cache
def _charset(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


@cache
def _printable() -> frozenset[int]:
    return _charset(REGULAR) | _charset(FALLBACK)


def unprintable_characters(text: str) -> str:
    """The characters of `text` that no shipped font can draw, each once, in order."""
    return "".join(dict.fromkeys(c for c in clean_text(text) if ord(c) not in _printable()))


def printable_text(text: str) -> str:
    """`text` cleaned, without the characters no shipped font can draw."""
    text = clean_text(text)
    if all(ord(char) in _printable() for char in text):
        return text
    kept = "".join(char for char in text if ord(char) in _printable())
    return re.sub(r" {2,}", " ", kept).strip()


def _scripts(texts: Iterable[str]) -> frozenset[str] | None:
    """The SCRIPTS that `texts` use (Latin always), or None if a character is in none of them."""
    found = {"latin"}
    for char in set("".join(texts)):
        code = ord(char)
        script = next(
            (n for n, spans in SCRIPTS.items() if any(a <= code <= b for a, b in spans)), None
        )
        if script is None:
            return None
        found.add(script)
    return frozenset(found)


def _cut(scripts: frozenset[str]) -> tuple[Path, Path]:
    """DejaVu Sans regular and bold cut to `scripts`, made once per process in a temp folder."""
    with _lock:
        return _make_cut(scripts)


@cache
def _make_cut(scripts: frozenset[str]) -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="certificate-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    options = subset.Options()
    options.hinting, options.glyph_names, options.notdef_outline = False, True, True
    if scripts.isdisjoint(RIGHT_TO_LEFT):
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
    else:
        options.layout_features = ["*"]  # HarfBuzz shapes Arabic with the cut's own tables
    options.drop_tables += ["MATH", "FFTM"]
    codepoints = [c for script in scripts for a, b in SCRIPTS[script] for c in range(a, b + 1)]
    cuts = (folder / "regular.ttf", folder / "bold.ttf")
    for source, cut in zip((REGULAR, BOLD), cuts, strict=True):
        font = TTFont(source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        font.save(cut)
    return cuts


def new_document(texts: Iterable[str], orientation: Literal["L", "P"] = "L") -> FPDF:
    """An A4 FPDF (landscape unless `orientation` is "P") whose fonts (family FAMILY, "" and
    "B") can print all `texts`.

    `texts` must already be `printable_text`s (or hold only characters a shipped font has).
    """
    texts = list(texts)
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.c_margin = 0
    scripts = _scripts(texts)
    regular, bold = _cut(scripts) if scripts else (REGULAR, BOLD)
    pdf.add_font(FAMILY, "", regular)
    pdf.add_font(FAMILY, "B", bold)
    if scripts != frozenset({"latin"}):
        fallbacks = [FAMILY]  # bold text falls back to regular for the few glyphs bold lacks
        if scripts is None and any(ord(char) not in _charset(REGULAR) for char in "".join(texts)):
            pdf.add_font(CJK_FAMILY, "", FALLBACK)
            fallbacks.append(CJK_FAMILY)
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if scripts is None or not scripts.isdisjoint(RIGHT_TO_LEFT):
        pdf.set_text_shaping(True)  # joins Arabic letters, orders right-to-left runs
    _keep_glyph_boxes(pdf)
    return pdf


def _keep_glyph_boxes(pdf: FPDF) -> None:
    """Subsetting keeps glyph outlines, so their boxes stay right: not recomputing them when
    fpdf2 saves each subset halves the time the fonts take in every document."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.ttfont.recalcBBoxes = False
