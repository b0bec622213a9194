"""Printable forms other than the certificate: a plain-text document as a portrait A4 PDF.

Used for the image consent form of module 13 (course/exercises/image_consent.py builds its
text). Every line is printed as text, never read as Markdown or HTML; characters no shipped
font can draw are left out (course/certificates/fonts.py).
"""

from __future__ import annotations

from fpdf import FPDF

from course.certificates.fonts import FAMILY, new_document, printable_text

MARGIN = 20.0  # millimetres
TITLE_SIZE, BODY_SIZE = 15.0, 10.5  # points
LINE = 5.2  # millimetres between two lines of body text


def text_form_pdf(text: str, *, bold: tuple[str, ...] = ()) -> bytes:
    """`text` (paragraphs separated by blank lines) as a portrait A4 PDF.

    The first line is the title, in bold; so is every line that starts with one of `bold`.
    """
    lines = [printable_text(line) for line in text.splitlines()]
    pdf: FPDF = new_document([line for line in lines if line])
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_page(orientation="P")
    for number, line in enumerate(lines):
        if not line:
            pdf.ln(LINE / 2)
            continue
        title = number == 0
        strong = title or line.startswith(bold)
        pdf.set_font(FAMILY, "B" if strong else "", TITLE_SIZE if title else BODY_SIZE)
        pdf.multi_cell(0, LINE * (1.4 if title else 1), line, new_x="LMARGIN", new_y="NEXT")
        if title:
            pdf.ln(LINE / 2)
    return bytes(pdf.output())
