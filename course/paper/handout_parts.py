"""The parts of a module on paper: callouts, charts as tables, mock-up cards, illustrations,
exercises as worksheets, and the glossary booklet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from fpdf import FPDF

from course.content.charts import chart_rows
from course.content.course import Course
from course.content.exercise_registry import EXERCISES
from course.content.glossary import initial, terms_in
from course.content.lesson import Callout, Embed
from course.content.mockups import (
    CoverBannerCard,
    DonationTabCard,
    FacebookPostCard,
    Mockup,
    PageTabCard,
    TweetCard,
)
from course.content.models import GlossaryTerm
from course.formatting import format_stat_date, format_stat_value
from course.paper.layout import (
    ACCENT,
    BODY,
    GREY,
    LIGHT,
    NAVY,
    escape_markup,
    framed,
    keep_together,
    ruled_lines,
    text,
)
from course.paper.markdown_pdf import data_table, draw_markdown
from course.text import fold

CALLOUT_COLOURS = {"a-retenir": ACCENT, "attention": (176, 64, 0), "aujourdhui": NAVY}
_Lines = list[tuple[str, str]]  # (label, text) of a mock-up card, label "" for plain text


def callout(pdf: FPDF, block: Callout) -> None:
    """A callout behind a coloured bar, its title in bold (« À retenir », « Attention »…)."""
    colour = CALLOUT_COLOURS.get(block.kind, GREY)

    def draw(target: FPDF) -> None:
        with framed(target, colour, box=False):
            text(target, escape_markup(block.title), BODY + 0.5, bold=True, colour=colour, gap=1)
            draw_markdown(target, block.text)

    if pdf.get_y() + 25 > pdf.page_break_trigger:
        pdf.add_page()
    draw(pdf)


def chart(pdf: FPDF, course: Course, embed: Embed) -> None:
    """A chart as its title, text alternative, data table and sources."""
    spec = course.chart(embed.target)
    if spec is None:
        return
    rows = chart_rows(spec, course.stats)
    if pdf.get_y() + 45 > pdf.page_break_trigger:
        pdf.add_page()
    text(
        pdf,
        "Graphique\u202f: " + escape_markup(spec.title),
        BODY + 0.5,
        bold=True,
        colour=NAVY,
        gap=1,
    )
    for words in (embed.caption, spec.alt, spec.caption):
        if words:
            text(pdf, escape_markup(words), BODY - 1, colour=GREY, gap=1)
    table = [["Périmètre", "Mesure", "Valeur", "Date", "Statut"]]
    table += [
        [
            stat.scope,
            stat.metric,
            format_stat_value(stat.value, stat.unit),
            format_stat_date(stat.date),
            "confirmé" if stat.status == "confirmed" else "non confirmé",
        ]
        for stat in rows
    ]
    pdf.ln(1)
    data_table(pdf, table, BODY - 0.5)
    sources = list(dict.fromkeys(stat.source for stat in rows))
    if sources:
        label = "Source" if len(sources) == 1 else "Sources"
        words = "\u202f; ".join(sources)
        text(pdf, f"{label}\u00a0: {escape_markup(words)}", BODY - 1.5, colour=GREY, gap=4)


def _counts(*parts: tuple[int | None, str, str]) -> str:
    return ", ".join(f"{n} {one if n <= 1 else many}" for n, one, many in parts if n is not None)


def mockup_lines(card: Mockup) -> tuple[str, _Lines]:
    """What a mock-up card shows, in print: its kind and its texts, label by label."""
    match card:
        case TweetCard():
            who = " ".join(part for part in (card.name, card.handle, "·", card.date) if part)
            counts = _counts(
                (card.replies, "réponse", "réponses"),
                (card.retweets, "retweet", "retweets"),
                (card.likes, "j'aime", "j'aime"),
            )
            lines = [("", who), ("", card.text), ("Retweeté par", card.retweeted_by or "")]
            return "Twitter · tweet", [*lines, ("", counts)]
        case FacebookPostCard():
            head = " ".join(part for part in (card.page, card.action or "") if part)
            lines = [("", head), ("", card.date or ""), ("", card.text)]
            if card.link is not None:
                lines += [("Lien", f"{card.link.title} ({card.link.domain})")]
                lines += [("", card.link.excerpt or "")]
            lines += [
                (
                    "",
                    _counts(
                        (card.likes, "personne aime ça", "personnes aiment ça"),
                        (card.comments, "commentaire", "commentaires"),
                    ),
                )
            ]
            lines += [("", card.liked_by or "")]
            lines += [(f"Commentaire de {reply.author}", reply.text) for reply in card.replies]
            return "Facebook · publication", lines
        case CoverBannerCard():
            lines = [
                ("Bandeau", card.headline),
                ("", card.tagline or ""),
                ("Page", card.page),
                ("Catégorie", card.category or ""),
                ("Bouton", card.call_to_action or ""),
            ]
            return "Facebook · bandeau de couverture", lines
        case PageTabCard():
            lines = [
                ("Page", card.page),
                ("Titre", card.title),
                ("", card.tagline or ""),
                ("", card.text),
                ("Champ", card.field or ""),
                ("Boutons", " · ".join(card.buttons)),
                ("", card.note or ""),
            ]
            return "Facebook · onglet", lines
        case DonationTabCard():
            lines = [
                ("Page", card.page),
                ("Titre", card.title),
                ("", card.text),
                ("Montants", " · ".join(card.amounts)),
                ("Bouton", card.button),
                ("", card.tax_note or ""),
            ]
            return "Facebook · onglet de dons", lines
        case _:
            assert_never(card)


def mockup(pdf: FPDF, course: Course, embed: Embed) -> None:
    """A mock-up card as a framed box with its texts, then what it recreates and when."""
    card = course.mockup(embed.target)
    if card is None:
        return
    kind, lines = mockup_lines(card)

    def draw(target: FPDF) -> None:
        with framed(target, LIGHT):
            label = "Maquette\u202f: " + kind
            if card.illustrative:
                label += " (exemple reconstitué)"
            text(target, escape_markup(label), BODY - 1.5, bold=True, colour=GREY, gap=1.5)
            for name, words in lines:
                if words.strip():
                    prefix = f"**{escape_markup(name)}\u00a0:** " if name else ""
                    text(target, prefix + escape_markup(words.strip()), BODY - 0.5, gap=1.2)
        source = f"D'après\u00a0: {card.source.part}, {card.source.date}."
        text(target, escape_markup(source), BODY - 2, colour=GREY, gap=3)

    keep_together(pdf, draw)


def illustration(pdf: FPDF, embed: Embed) -> None:
    """An illustration as its text alternative in a frame."""

    def draw(target: FPDF) -> None:
        with framed(target, LIGHT):
            text(target, "Illustration", BODY - 1.5, bold=True, colour=GREY, gap=1.5)
            text(target, escape_markup(embed.caption), BODY - 0.5, gap=1)

    keep_together(pdf, draw)


def worksheet(pdf: FPDF, embed: Embed) -> None:
    """An exercise as a worksheet: its title, what to do, and lines to write on."""
    title = EXERCISES.get(embed.target, embed.target)

    def draw(target: FPDF) -> None:
        with framed(target, NAVY):
            text(
                target,
                "Exercice\u202f: " + escape_markup(title),
                BODY + 0.5,
                bold=True,
                colour=NAVY,
                gap=1,
            )
            if embed.caption:
                draw_markdown(target, embed.caption, BODY - 0.5)
            text(
                target,
                "Sur papier\u202f: notez vos réponses ci-dessous, puis faites "
                "l'exercice en ligne pour le corriger si vous le souhaitez.",
                BODY - 1,
                colour=GREY,
                gap=0,
            )
            ruled_lines(target, 7)

    keep_together(pdf, draw)


def glossary_terms(course: Course, lesson_ids: Sequence[str] | None) -> list[GlossaryTerm]:
    """Every term (or those `lesson_ids` teach or link), in alphabetical order."""
    terms = list(course.glossary)
    if lesson_ids is not None:
        linked = {
            term.id
            for lesson in course.lessons
            if lesson.id in lesson_ids
            for section in lesson.sections
            for block in section.blocks
            for term in terms_in(getattr(block, "text", ""), course.glossary_index)
        }
        terms = [t for t in terms if t.lesson in lesson_ids or t.id in linked]
    return sorted(terms, key=lambda term: fold(term.term))


def glossary(pdf: FPDF, terms: Sequence[GlossaryTerm]) -> None:
    """The glossary booklet: letter headings, then each term, its definition and example."""
    letter = ""
    for term in terms:
        heading = initial(term)

        def draw(
            target: FPDF, term: GlossaryTerm = term, heading: str = heading, last: str = letter
        ) -> None:
            if heading != last:
                target.ln(2)
                text(target, heading, 16, bold=True, colour=ACCENT, gap=1)
            text(target, escape_markup(term.term), BODY + 0.5, bold=True, colour=NAVY, gap=0.5)
            text(target, escape_markup(term.definition), BODY - 0.5, gap=0.5)
            if term.example:
                words = f"**Exemple\u00a0:** {escape_markup(term.example)}"
                text(target, words, BODY - 1, colour=GREY, gap=0.5)
            if term.synonyms:
                words = "Aussi\u00a0: " + escape_markup(", ".join(term.synonyms))
                text(target, words, BODY - 1.5, colour=GREY, gap=0.5)
            target.ln(2)

        keep_together(pdf, draw)
        letter = heading
