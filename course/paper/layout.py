"""What both paper documents share: an A4 portrait fpdf2 document with the certificate's fonts,
Markdown turned into fpdf2's own inline markup, framed boxes, blocks kept on one page, footers.

Only DejaVu Sans regular and bold ship with the course, so emphasis (`*texte*`) prints upright;
links print as their text followed by the address in brackets. Line breaks fall only on plain
spaces: the no-break spaces of French typography (U+00A0, U+202F) keep « : » and « » » with
their word.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from markdown_it.token import Token

from course.certificates.fonts import FAMILY, new_document, unprintable_characters
from course.content.lesson import GLOSSARY_LINK

NAVY, ACCENT, GREY, LIGHT = (27, 54, 93), (0, 118, 125), (85, 85, 85), (200, 208, 220)
INK = (20, 20, 20)
MARGIN, BOTTOM = 20.0, 18.0  # millimetres
PT = 25.4 / 72
BODY = 10.5  # points
_SCRATCH: weakref.WeakKeyDictionary[FPDF, FPDF] = weakref.WeakKeyDictionary()
_MARKERS = re.compile(r"(\\|\*\*|__|~~|--)")


def printable(text: str) -> str:
    """`text` without the characters no shipped font can draw (emoji…), line breaks kept."""
    missing = set(unprintable_characters(text))
    if not missing:
        return text
    return "".join(char for char in text if char not in missing)


def plain_glossary_links(markdown: str) -> str:
    """`[[terme|texte]]` → « texte », `[[terme]]` → « terme »: plain words on paper."""
    return GLOSSARY_LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), markdown)


def escape_markup(text: str) -> str:
    """Text that fpdf2's inline markup (**, __, ~~, --) prints as written."""
    return _MARKERS.sub(lambda m: "\\\\" if m.group() == "\\" else "\\" + m.group(), text)


def inline_markup(children: Iterable[Token]) -> str:
    """A Markdown inline token run as fpdf2 markup: bold kept, links as « texte (adresse) »."""
    parts: list[str] = []
    links: list[tuple[str, int]] = []
    for token in children:
        if token.type in {"text", "code_inline", "html_inline"}:
            parts.append(escape_markup(token.content))
        elif token.type == "strong_open" or token.type == "strong_close":
            parts.append("**")
        elif token.type in {"softbreak", "hardbreak"}:
            parts.append(" " if token.type == "softbreak" else "\n")
        elif token.type == "link_open":
            links.append((str(token.attrs.get("href", "")), len(parts)))
        elif token.type == "link_close" and links:
            href, start = links.pop()
            label = "".join(parts[start:]).replace("**", "")
            if href and href.removeprefix("mailto:") not in {label, f"https://{label}"}:
                parts.append(f" ({escape_markup(href)})")
        elif token.type == "image":
            parts.append(escape_markup(token.content))
    return "".join(parts)


def _portrait(texts: list[str]) -> FPDF:
    pdf = new_document(texts, orientation="P")
    pdf.set_auto_page_break(True, BOTTOM)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 1
    return pdf


def new_portrait(texts: Iterable[str], title: str, subject: str) -> FPDF:
    """An A4 portrait document that can print `texts`, with margins and automatic page breaks
    (and a scratch twin that `keep_together` measures blocks on)."""
    kept = [" ".join(printable(text).split()) for text in texts]  # one line each, for the cut
    pdf = _portrait(kept)
    _SCRATCH[pdf] = _portrait(kept)
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_creator("Formation aux réseaux sociaux")
    pdf.set_lang("fr-FR")
    pdf.set_text_color(*INK)
    return pdf


def leading(size: float) -> float:
    """The line height, in millimetres, of text at `size` points."""
    return size * PT * 1.4


def text(
    pdf: FPDF,
    markup: str,
    size: float = BODY,
    *,
    bold: bool = False,
    colour: tuple[int, int, int] = INK,
    gap: float = 2.0,
    indent: float = 0.0,
) -> None:
    """A paragraph of fpdf2 markup across the width (less `indent`), then `gap` mm below."""
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(
        pdf.epw - indent,
        leading(size),
        printable(markup),
        markdown=True,
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(*INK)
    pdf.ln(gap)


def keep_together(pdf: FPDF, draw: Callable[[FPDF], None]) -> None:
    """`draw(pdf)` on a new page if it would be cut by the bottom of this one (and fits a page).

    The block is first drawn on a fresh page of the scratch twin to measure it: fpdf2's own
    `offset_rendering` copies the whole document each time, minutes for a long handout.
    """
    scratch = _SCRATCH.get(pdf)
    if scratch is None:
        draw(pdf)
        return
    scratch.add_page()
    scratch.set_margins(pdf.l_margin, pdf.t_margin, pdf.r_margin)
    scratch.set_xy(pdf.l_margin, pdf.t_margin)
    first = scratch.page
    draw(scratch)
    height = scratch.get_y() - pdf.t_margin + (scratch.page - first) * pdf.eph
    if pdf.get_y() + height > pdf.page_break_trigger and height < pdf.eph:
        pdf.add_page()
    draw(pdf)


def goto_page(pdf: FPDF, page: int) -> None:
    """Go back (or forth) to `page` to draw on it. fpdf2 writes a colour, line width or font
    into the page only when it changes, so each is written again for the page's own stream."""
    pdf.page = page
    width, draw, fill = pdf.line_width, pdf.draw_color, pdf.fill_color
    pdf.set_line_width(width + 0.01)
    pdf.set_line_width(width)
    pdf.set_draw_color(1, 2, 3)
    pdf.set_draw_color(draw if draw is not None else 0)
    pdf.set_fill_color(1, 2, 3)
    pdf.set_fill_color(fill if fill is not None else 255)
    if pdf.font_family:
        family, style, size = pdf.font_family, pdf.font_style, pdf.font_size_pt
        pdf.set_font(family, style, size + 1)
        pdf.set_font(family, style, size)


@contextmanager
def framed(
    pdf: FPDF, colour: tuple[int, int, int], *, box: bool = True, padding: float = 3.5
) -> Iterator[None]:
    """Content drawn inside is framed: a full rectangle (`box`) or a bar on its left, drawn on
    every page the content spans."""
    start_page, start_y = pdf.page, pdf.get_y()
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_left_margin(left + padding + (0 if box else 1.5))
    pdf.set_right_margin(right + padding)
    pdf.set_xy(pdf.l_margin, start_y + padding)
    try:
        yield
    finally:
        pdf.set_left_margin(left)
        pdf.set_right_margin(right)
    end_page, end_y = pdf.page, pdf.get_y() + padding - 2.0
    for page in range(start_page, end_page + 1):
        goto_page(pdf, page)
        top = start_y if page == start_page else pdf.t_margin - 2
        bottom = end_y if page == end_page else pdf.h - pdf.b_margin + 2
        pdf.set_draw_color(*colour)
        if box:
            pdf.set_line_width(0.4)
            pdf.line(left, top, left, bottom)
            pdf.line(pdf.w - right, top, pdf.w - right, bottom)
            if page == start_page:
                pdf.line(left, top, pdf.w - right, top)
            if page == end_page:
                pdf.line(left, bottom, pdf.w - right, bottom)
        else:
            pdf.set_line_width(1.2)
            pdf.line(left + 0.6, top, left + 0.6, bottom)
    goto_page(pdf, end_page)
    pdf.set_xy(left, end_y + 4)


def ruled_lines(pdf: FPDF, count: int, spacing: float = 8.0) -> None:
    """`count` light lines across the width to write on."""
    pdf.set_draw_color(*LIGHT)
    pdf.set_line_width(0.3)
    for _ in range(count):
        pdf.set_y(pdf.get_y() + spacing)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)


def footers(pdf: FPDF, left: str, first: int = 2) -> None:
    """`left` and « page n sur N » at the foot of every page from `first` on (drawn last, when
    the number of pages is known)."""
    total = pdf.pages_count
    pdf.set_auto_page_break(False)
    for page in range(first, total + 1):
        goto_page(pdf, page)
        pdf.set_draw_color(*LIGHT)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN, pdf.h - 13, pdf.w - MARGIN, pdf.h - 13)
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(*GREY)
        pdf.set_xy(MARGIN, pdf.h - 12)
        pdf.cell(pdf.epw - 30, 5, printable(left), align="L")
        pdf.set_xy(pdf.w - MARGIN - 30, pdf.h - 12)
        pdf.cell(30, 5, f"page {page} sur {total}", align="R")
    goto_page(pdf, total)
    pdf.set_auto_page_break(True, BOTTOM)  # the contents, drawn last by fpdf2, break pages too
