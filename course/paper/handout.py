"""The participant's handout (« support de formation »): A4 portrait PDF of the whole course or
one module.

A cover (course title, the organisation of reglages.yaml), a table of contents with page
numbers, then each module: its title, duration, summary, objectives and `##` sections with
their Markdown, callouts, charts as data tables, mock-up cards and illustrations in frames,
exercises as worksheets, and its sources; the glossary as a booklet at the end. Trainer notes
are left out. The course title and « page n sur N » are at the foot of every page but the cover.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.outline import OutlineSection

from course.certificates.fonts import FAMILY
from course.content.course import Course
from course.content.lesson import Callout, Embed, Lesson, MarkdownBlock, TrainerNotes
from course.formatting import format_minutes
from course.paper import handout_parts as parts
from course.paper.layout import (
    ACCENT,
    BODY,
    GREY,
    LIGHT,
    NAVY,
    escape_markup,
    footers,
    leading,
    new_portrait,
    printable,
    text,
)
from course.paper.markdown_pdf import draw_markdown

GLOSSARY_TITLE = "Glossaire"


def _texts(course: Course, lessons: Sequence[Lesson]) -> list[str]:
    """Every text the handout may print, so the fonts are cut to the scripts it uses."""
    texts = [
        course.info.title if course.info else "",
        course.settings.model_dump_json() if course.settings else "",
    ]
    for lesson in lessons:
        texts.append(lesson.meta.model_dump_json())
        texts += [s.title or "" for s in lesson.sections]
        texts += [
            getattr(b, "text", "") + getattr(b, "caption", "")
            for s in lesson.sections
            for b in s.blocks
        ]
    texts += [term.model_dump_json() for term in course.glossary]
    texts += [card.model_dump_json() for card in course.mockups]
    texts += [chart.model_dump_json() for chart in course.charts]
    texts += [stat.model_dump_json() for stat in course.stats]
    return texts


def _cover(pdf: FPDF, course: Course, lesson: Lesson | None) -> None:
    title = course.info.title if course.info else "Formation"
    pdf.add_page()
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(70)
    text(pdf, "Support de formation", 13, colour=ACCENT, gap=4)
    text(pdf, escape_markup(title), 28, bold=True, colour=NAVY, gap=4)
    if lesson is not None:
        text(
            pdf,
            escape_markup(f"Module {lesson.meta.order}\u202f: {lesson.meta.title}"),
            18,
            bold=True,
            colour=ACCENT,
            gap=4,
        )
    if course.info:
        text(pdf, escape_markup(course.info.tagline), 13, colour=GREY, gap=4)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + 50, pdf.get_y() + 2)
    if course.settings is not None:
        pdf.set_y(230)
        text(pdf, "Proposé par", 11, colour=GREY, gap=1)
        text(
            pdf,
            escape_markup(course.settings.certificate.organisation),
            15,
            bold=True,
            colour=NAVY,
            gap=8,
        )
    pdf.set_y(262)
    text(
        pdf,
        "Ce support accompagne la formation en ligne\u202f: les exercices et les quiz "
        "s'y font aussi, avec leur correction.",
        9,
        colour=GREY,
        gap=0,
    )


TOC_TOP = 15.0  # millimetres the « Sommaire » title takes


def _toc_height(level: int) -> float:
    return 2 + leading(BODY) if level == 0 else leading(BODY - 1.5)


def _toc_pages(levels: Sequence[int], top: float, bottom: float) -> int:
    """How many pages the contents take, laid out as `_contents` lays them out."""
    pages, y = 1, top + TOC_TOP
    for level in levels:
        if y + _toc_height(level) > bottom:
            pages, y = pages + 1, top
        y += _toc_height(level)
    return pages


def _contents(pdf: FPDF, outline: list[OutlineSection], last_page: int) -> None:
    """The table of contents: modules and the glossary in bold, sections below, dotted leaders;
    it ends on `last_page`, the last page reserved for it."""
    text(pdf, "Sommaire", 20, bold=True, colour=NAVY, gap=TOC_TOP - leading(20))
    for entry in outline:
        if pdf.get_y() + _toc_height(entry.level) > pdf.page_break_trigger:
            pdf.add_page()
        size = BODY if entry.level == 0 else BODY - 1.5
        indent = 0.0 if entry.level == 0 else 8.0
        if entry.level == 0:
            pdf.ln(2)
        pdf.set_font(FAMILY, "B" if entry.level == 0 else "", size)
        pdf.set_text_color(*(NAVY if entry.level == 0 else (40, 40, 40)))
        number = str(entry.page_number)
        width = pdf.epw - indent - 14
        name = printable(entry.name)
        while pdf.get_string_width(name) > width - 4 and len(name) > 4:
            name = name[:-2].rstrip() + "…"
        pdf.set_x(pdf.l_margin + indent)
        link = pdf.add_link(page=entry.page_number)
        pdf.cell(pdf.get_string_width(name) + 1, leading(size), name, link=link)
        dots_from = pdf.get_x() + 1
        pdf.set_draw_color(*LIGHT)
        pdf.set_line_width(0.3)
        pdf.set_dash_pattern(dash=0.4, gap=1.2)
        y = pdf.get_y() + leading(size) * 0.7
        pdf.line(dots_from, y, pdf.w - pdf.r_margin - 10, y)
        pdf.set_dash_pattern()
        pdf.set_x(pdf.w - pdf.r_margin - 10)
        pdf.cell(10, leading(size), number, align="R", link=link)
        pdf.ln(leading(size))
    pdf.set_text_color(20, 20, 20)
    while pdf.page < last_page:
        pdf.add_page()


def _module(pdf: FPDF, course: Course, lesson: Lesson) -> None:
    if pdf.get_y() > pdf.t_margin + 1:  # the page after the contents is already a new one
        pdf.add_page()
    pdf.start_section(printable(f"{lesson.meta.order}. {lesson.meta.title}"), level=0)
    text(
        pdf,
        f"Module {lesson.meta.order} · {format_minutes(lesson.meta.duration)}",
        BODY,
        colour=ACCENT,
        gap=1,
    )
    text(pdf, escape_markup(lesson.meta.title), 20, bold=True, colour=NAVY, gap=3)
    if lesson.meta.summary:
        text(pdf, escape_markup(lesson.meta.summary), BODY + 0.5, colour=GREY, gap=3)
    text(pdf, "Objectifs", BODY + 1.5, bold=True, colour=NAVY, gap=1)
    draw_markdown(pdf, "\n".join(f"- {o.text}" for o in lesson.meta.objectives))
    pdf.ln(2)
    for section in lesson.sections:
        if section.title:
            if pdf.get_y() + 30 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.ln(3)
            pdf.start_section(printable(section.title), level=1)
            text(pdf, escape_markup(section.title), 15, bold=True, colour=NAVY, gap=2)
        for block in section.blocks:
            match block:
                case MarkdownBlock():
                    draw_markdown(pdf, block.text)
                case Callout():
                    parts.callout(pdf, block)
                case TrainerNotes():
                    pass  # trainer notes stay on the trainer's screen
                case Embed(kind="chart"):
                    parts.chart(pdf, course, block)
                case Embed(kind="mockup"):
                    parts.mockup(pdf, course, block)
                case Embed(kind="illustration"):
                    parts.illustration(pdf, block)
                case Embed(kind="exercise"):
                    parts.worksheet(pdf, block)
    if lesson.meta.sources:
        pdf.ln(2)
        text(pdf, "Sources", BODY, bold=True, colour=GREY, gap=1)
        draw_markdown(pdf, "\n".join(f"- {s}" for s in lesson.meta.sources), BODY - 1.5)


def build_handout(course: Course, module_id: str | None = None) -> bytes:
    """The handout of the whole course, or of the module `module_id`, as PDF bytes.

    Raises KeyError when `module_id` names no readable lesson.
    """
    lesson = None
    if module_id is not None:
        lesson = course.lesson(module_id)
        if lesson is None:
            raise KeyError(module_id)
    lessons = (
        [lesson] if lesson is not None else sorted(course.lessons, key=lambda each: each.meta.order)
    )
    title = course.info.title if course.info else "Formation"
    subject = lesson.meta.title if lesson else "Support de formation"
    pdf = new_portrait(_texts(course, lessons), f"{title} – support de formation", subject)
    if course.settings is not None:
        pdf.set_author(printable(course.settings.certificate.organisation))
    _cover(pdf, course, lesson)
    terms = parts.glossary_terms(course, None if lesson is None else [lesson.id])
    pdf.add_page()
    levels = [level for each in lessons for level in (0, *(1 for s in each.sections if s.title))]
    pages = _toc_pages([*levels, *([0] if terms else [])], pdf.t_margin, pdf.page_break_trigger)
    last = pdf.page + pages - 1
    pdf.insert_toc_placeholder(lambda doc, outline: _contents(doc, outline, last), pages=pages)
    for each in lessons:
        _module(pdf, course, each)
    if terms:
        pdf.add_page()
        pdf.start_section(GLOSSARY_TITLE, level=0)
        text(pdf, GLOSSARY_TITLE, 20, bold=True, colour=NAVY, gap=1)
        text(pdf, "Les mots du cours, de A à Z.", BODY, colour=GREY, gap=2)
        parts.glossary(pdf, terms)
    footers(pdf, title)
    return bytes(pdf.output())
