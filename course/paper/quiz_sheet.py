"""The paper quiz: a sheet to answer on paper, or its answer key with the explanations.

Questions in file order, numbered 1, 2, 3…; options lettered A, B, C…; matching and ordering
items lettered as course/paper/sheet_codes.py says, so answers typed back read the same letters.
The header asks for the participant's name and the date; the sheet code (quiz and file
version) is at the foot of every page.
"""

from __future__ import annotations

from typing import assert_never

from fpdf import FPDF

from course.certificates.fonts import FAMILY
from course.content.course import Course
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.formatting import format_number
from course.paper.layout import (
    ACCENT,
    BODY,
    GREY,
    INK,
    NAVY,
    escape_markup,
    footers,
    keep_together,
    leading,
    new_portrait,
    printable,
    ruled_lines,
    text,
)
from course.paper.markdown_pdf import draw_markdown
from course.paper.sheet_codes import option_letter, question_number, sheet_code, shuffled_order

BOX = 4.2  # millimetres, a box to tick
HINTS = {
    "single_choice": "Une seule réponse\u202f: cochez une case.",
    "multiple_choice": "Plusieurs réponses possibles\u202f: cochez toutes les bonnes cases.",
    "true_false": "Cochez «\u00a0Vrai\u00a0» ou «\u00a0Faux\u00a0».",
    "matching": "Écrivez dans la case de chaque élément numéroté la lettre de l'élément qui lui "
    "correspond.",
    "ordering": "Écrivez les lettres dans les cases, dans le bon ordre (de 1 à {n}).",
    "short_text": "Répondez en quelques mots.",
    "numeric": "Répondez par un nombre.",
}


def _box(pdf: FPDF, x: float, y: float, ticked: bool, size: float = BOX) -> None:
    """A box to tick; ticked (answer key), it holds a cross."""
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.rect(x, y, size, size)
    if ticked:
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.7)
        pdf.line(x + 0.8, y + 0.8, x + size - 0.8, y + size - 0.8)
        pdf.line(x + 0.8, y + size - 0.8, x + size - 0.8, y + 0.8)


def _write_box(pdf: FPDF, x: float, y: float, width: float, answer: str | None) -> None:
    """A box to write a letter or a number in; the answer key writes it."""
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.rect(x, y, width, 7)
    if answer:
        pdf.set_font(FAMILY, "B", BODY)
        pdf.set_text_color(*ACCENT)
        pdf.set_xy(x, y)
        pdf.cell(width, 7, printable(answer), align="C")
        pdf.set_text_color(*INK)


def _ticks(pdf: FPDF, labels: list[str], right: list[bool], key: bool) -> None:
    """One line per option: a box, the letter, the option's text."""
    for index, label in enumerate(labels):
        y = pdf.get_y()
        _box(pdf, pdf.l_margin + 6, y + 0.6, key and right[index])
        markup = f"**{option_letter(index)}.** {escape_markup(label)}"
        text(pdf, markup, BODY, indent=13, gap=1.5)


def _matching(pdf: FPDF, question: Matching, key: bool) -> None:
    order = shuffled_order(question.id, len(question.pairs))
    half = (pdf.epw - 6) / 2
    for number, pair in enumerate(question.pairs):
        top = pdf.get_y()
        pdf.set_font(FAMILY, "", BODY)
        pdf.set_xy(pdf.l_margin + 6, top)
        pdf.multi_cell(
            half - 20,
            leading(BODY),
            printable(f"{number + 1}. {pair.left}"),
            align="L",
            markdown=False,
        )
        bottom = pdf.get_y()
        answer = option_letter(order.index(number)) if key else None
        _write_box(pdf, pdf.l_margin + 6 + half - 16, top - 1, 10, answer)
        right = question.pairs[order[number]].right
        pdf.set_font(FAMILY, "", BODY)
        pdf.set_xy(pdf.l_margin + 6 + half + 4, top)
        pdf.multi_cell(
            half - 4, leading(BODY), printable(f"{option_letter(number)}. {right}"), align="L"
        )
        pdf.set_y(max(bottom, pdf.get_y(), top + 7) + 2.5)


def _ordering(pdf: FPDF, question: Ordering, key: bool) -> None:
    order = shuffled_order(question.id, len(question.items))
    for position, item in enumerate(order):
        markup = f"**{option_letter(position)}.** {escape_markup(question.items[item])}"
        text(pdf, markup, BODY, indent=6, gap=1.2)
    pdf.ln(1)
    x, y = pdf.l_margin + 6, pdf.get_y()
    for rank in range(len(question.items)):
        if x + 20 > pdf.w - pdf.r_margin:
            x, y = pdf.l_margin + 6, y + 10
        pdf.set_font(FAMILY, "", BODY - 1)
        pdf.set_text_color(*GREY)
        pdf.set_xy(x, y)
        pdf.cell(6, 7, str(rank + 1), align="R")
        answer = option_letter(order.index(rank)) if key else None
        _write_box(pdf, x + 7, y, 10, answer)
        x += 21
    pdf.set_text_color(*INK)
    pdf.set_y(y + 10)


def _numeric_answer(question: Numeric) -> str:
    if question.answer is not None:
        exact = format_number(question.answer)
        if question.tolerance:
            return f"{exact} (à {format_number(question.tolerance)} près)"
        return exact
    assert question.min is not None and question.max is not None
    return f"entre {format_number(question.min)} et {format_number(question.max)}"


def _answer_space(pdf: FPDF, question: Question, key: bool) -> None:
    match question:
        case SingleChoice() | MultipleChoice():
            options = question.options
            _ticks(pdf, [o.text for o in options], [o.correct for o in options], key)
        case TrueFalse():
            _ticks_true_false(pdf, question.answer if key else None)
        case Matching():
            _matching(pdf, question, key)
        case Ordering():
            _ordering(pdf, question, key)
        case ShortText():
            if key:
                accepted = " ou ".join(f"«\u00a0{a}\u00a0»" for a in question.answers)
                text(
                    pdf,
                    "**Réponse\u00a0:** " + escape_markup(accepted),
                    BODY,
                    colour=ACCENT,
                    indent=6,
                    gap=1,
                )
            ruled_lines(pdf, 2)
        case Numeric():
            y = pdf.get_y()
            pdf.set_font(FAMILY, "", BODY)
            pdf.set_xy(pdf.l_margin + 6, y)
            pdf.cell(24, 7, "Réponse\u00a0:")
            answer = _numeric_answer(question) if key else None
            width = max(40.0, pdf.get_string_width(answer or "") + 8)
            _write_box(pdf, pdf.l_margin + 30, y, width, answer)
            if question.unit:
                pdf.set_font(FAMILY, "", BODY)
                pdf.set_xy(pdf.l_margin + 32 + width, y)
                pdf.cell(40, 7, printable(question.unit))
            pdf.set_y(y + 10)
        case _:
            assert_never(question)


def _ticks_true_false(pdf: FPDF, answer: bool | None) -> None:
    y = pdf.get_y()
    pdf.set_font(FAMILY, "", BODY)
    for index, (label, value) in enumerate((("Vrai", True), ("Faux", False))):
        x = pdf.l_margin + 6 + index * 35
        _box(pdf, x, y + 0.6, answer is value)
        pdf.set_xy(x + 7, y)
        pdf.cell(25, leading(BODY), label)
    pdf.set_y(y + leading(BODY) + 2)


def _question(pdf: FPDF, index: int, question: Question, key: bool) -> None:
    draw_markdown(pdf, f"**{question_number(index)}.** {question.prompt}", BODY + 0.5)
    hint = HINTS[question.type]
    if isinstance(question, Ordering):
        hint = hint.format(n=len(question.items))
    text(pdf, hint, BODY - 1.5, colour=GREY, gap=2)
    _answer_space(pdf, question, key)
    if key:
        draw_markdown(pdf, f"**Explication\u00a0:** {question.explanation}", BODY - 1, indent=6)
    pdf.ln(3)


def _header(pdf: FPDF, quiz: Quiz, code: str, key: bool) -> None:
    pdf.add_page()
    text(pdf, "Corrigé" if key else "Quiz sur papier", BODY, colour=ACCENT, gap=1)
    text(pdf, escape_markup(quiz.title), 18, bold=True, colour=NAVY, gap=3)
    y = pdf.get_y()
    pdf.set_font(FAMILY, "", BODY + 0.5)
    pdf.set_xy(pdf.l_margin, y)
    pdf.cell(38, 8, "Nom et prénom\u00a0:")
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin + 38, y + 6.5, pdf.l_margin + 120, y + 6.5)
    pdf.set_xy(pdf.l_margin + 126, y)
    pdf.cell(15, 8, "Date\u00a0:")
    pdf.line(pdf.l_margin + 141, y + 6.5, pdf.w - pdf.r_margin, y + 6.5)
    pdf.set_y(y + 12)
    text(
        pdf,
        f"Code de la feuille\u00a0: **{escape_markup(code)}** (à recopier avec les réponses)",
        BODY - 1,
        colour=GREY,
        gap=4,
    )


def build_quiz_sheet(course: Course, quiz_id: str, answer_key: bool = False) -> bytes:
    """The paper sheet of the quiz `quiz_id` (or its answer key) as PDF bytes.

    Raises KeyError when no quiz has this id.
    """
    quiz = course.quizzes[quiz_id]
    code = sheet_code(quiz.id, course.quiz_hashes.get(quiz.id, ""))
    texts = [quiz.model_dump_json()]
    title = f"{'Corrigé' if answer_key else 'Quiz'} – {quiz.title}"
    pdf = new_portrait(texts, title, f"Feuille {code}")
    _header(pdf, quiz, code, answer_key)
    for index, question in enumerate(quiz.questions):
        keep_together(
            pdf,
            lambda doc, i=index, q=question: _question(doc, i, q, answer_key),  # type: ignore[misc]
        )
    label = f"{quiz.title} · feuille {code}" + (" · corrigé" if answer_key else "")
    footers(pdf, label, first=1)
    return bytes(pdf.output())
