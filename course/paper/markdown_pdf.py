"""A lesson's Markdown drawn on paper: paragraphs, lists (nested), headings, tables, quotes.

markdown-it-py parses the block (raw HTML stays text); each paragraph becomes fpdf2 inline markup
(layout.inline_markup) written left-aligned; tables are fpdf2 tables with a bold header row.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace
from markdown_it import MarkdownIt
from markdown_it.token import Token

from course.certificates.fonts import FAMILY
from course.paper.layout import (
    BODY,
    GREY,
    LIGHT,
    NAVY,
    inline_markup,
    leading,
    plain_glossary_links,
    printable,
    text,
)

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")
_INDENT = 5.0  # millimetres a list level


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token closing the one opened at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _plain(token: Token) -> str:
    """An inline token's text without markup (for table cells)."""
    return (
        "".join(child.content for child in token.children or [] if child.type != "softbreak")
        or token.content
    )


def _table(pdf: FPDF, tokens: list[Token], size: float) -> None:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(printable(_plain(token)))
    if not rows:
        return
    data_table(pdf, rows, size)


def _column_widths(pdf: FPDF, rows: list[list[str]], size: float) -> list[float]:
    """Widths that fit each column's longest word, the rest shared by how much text each has."""
    columns = max(len(row) for row in rows)
    least, most = [0.0] * columns, [0.0] * columns
    for number, row in enumerate(rows):
        pdf.set_font(FAMILY, "B" if number == 0 else "", size - 1)
        for index, cell in enumerate(row):
            words = [pdf.get_string_width(word) for word in cell.split()] or [0.0]
            least[index] = max(least[index], max(words) + 3.5)
            most[index] = max(most[index], pdf.get_string_width(cell) + 3.5)
    spare = pdf.epw - sum(least)
    wanted = [high - low for low, high in zip(least, most, strict=True)]
    if spare <= 0 or not sum(wanted):
        return least
    share = min(1.0, spare / sum(wanted))
    widths = [low + want * share for low, want in zip(least, wanted, strict=True)]
    return [width + (pdf.epw - sum(widths)) / columns for width in widths]


def data_table(pdf: FPDF, rows: list[list[str]], size: float) -> None:
    """`rows` (the first is the header) as a table across the width, each column as wide as
    its text needs, header repeated on each page."""
    widths = _column_widths(pdf, rows, size)
    pdf.set_font(FAMILY, "", size - 1)
    pdf.set_draw_color(*LIGHT)
    pdf.set_line_width(0.2)
    heading = FontFace(emphasis="BOLD", color=NAVY, fill_color=(234, 239, 246))
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align="LEFT",
        line_height=leading(size - 1),
        headings_style=heading,
        borders_layout="HORIZONTAL_LINES",
        padding=1.2,
        first_row_as_headings=True,
    ) as table:
        for row in rows:
            cells = table.row()
            for index in range(len(widths)):
                cells.cell(row[index] if index < len(row) else "")
    pdf.ln(3)


def draw_markdown(pdf: FPDF, markdown: str, size: float = BODY, indent: float = 0.0) -> None:
    """Draw a Markdown block (glossary links as plain words) at the current position."""
    tokens = _markdown.parse(plain_glossary_links(markdown))
    _blocks(pdf, tokens, size, indent)


def _blocks(pdf: FPDF, tokens: list[Token], size: float, indent: float) -> None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing(tokens, index) if token.nesting == 1 else index
        inner = tokens[index + 1 : end]
        if token.type == "paragraph_open":
            text(pdf, inline_markup(inner[0].children or []), size, indent=indent)
        elif token.type == "heading_open":
            pdf.ln(1)
            markup = inline_markup(inner[0].children or []).replace("**", "")
            text(pdf, markup, size + 1.5, bold=True, colour=NAVY, indent=indent, gap=1.5)
        elif token.type in {"bullet_list_open", "ordered_list_open"}:
            _list(pdf, inner, token, size, indent)
            pdf.ln(1)
        elif token.type == "table_open":
            _table(pdf, inner, size)
        elif token.type == "blockquote_open":
            _blocks(pdf, inner, size, indent + _INDENT)
        elif token.type in {"fence", "code_block"}:
            text(
                pdf,
                inline_markup([Token("text", "", 0, content=token.content)]),
                size - 1,
                colour=GREY,
                indent=indent + _INDENT,
            )
        elif token.type == "hr":
            y = pdf.get_y() + 1
            pdf.set_draw_color(*LIGHT)
            pdf.line(pdf.l_margin + indent, y, pdf.w - pdf.r_margin, y)
            pdf.ln(4)
        index = end + 1


def _list(pdf: FPDF, tokens: list[Token], opener: Token, size: float, indent: float) -> None:
    """Items with « • » or « 1. » hanging in the margin, nested lists one step further in."""
    number = int(opener.attrs.get("start", 1) or 1)
    index = 0
    while index < len(tokens):
        if tokens[index].type != "list_item_open":
            index += 1
            continue
        end = _closing(tokens, index)
        mark = "•" if opener.type == "bullet_list_open" else f"{number}."
        number += 1
        if pdf.get_y() + leading(size) > pdf.page_break_trigger:
            pdf.add_page()  # the item and its mark start together on the next page
        y, page = pdf.get_y(), pdf.page
        pdf.set_font(FAMILY, "", size)
        pdf.set_text_color(*NAVY)
        item = tokens[index + 1 : end]
        first = item[1] if len(item) > 1 and item[1].type == "inline" else None
        if first is not None:
            body = inline_markup(first.children or [])
            text(pdf, body, size, indent=indent + _INDENT, gap=0.8)
            rest = item[3:] if len(item) > 3 else []
        else:
            rest = item
        if pdf.page == page:  # the mark beside the item's first line
            after = pdf.get_y()
            pdf.set_xy(pdf.l_margin + indent + 0.5, y)
            pdf.set_text_color(*NAVY)
            pdf.set_font(FAMILY, "B" if mark == "•" else "", size)
            pdf.cell(_INDENT, leading(size), mark)
            pdf.set_text_color(0, 0, 0)
            pdf.set_y(after)
        _blocks(pdf, rest, size, indent + _INDENT)
        index = end + 1
