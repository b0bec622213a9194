"""The prose learners read, as plain text: for spelling and grammar checks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt

from course.content.course import Course
from course.content.lesson import GLOSSARY_LINK, Callout, Embed, MarkdownBlock, TrainerNotes
from course.content.mockups import CoverBannerCard, FacebookPostCard, Mockup, PageTabCard, TweetCard
from course.content.questions import MultipleChoice, Question, SingleChoice, TrueFalse

_markdown = MarkdownIt("commonmark").enable("table")
_BLOCK_END = re.compile(r"</(p|li|h\d|td|th|blockquote)>")
_TAG = re.compile(r"<[^>]+>")
_ORDINARY_SPACES = re.compile(r"[ \t\r\n]+")  # no-break spaces are kept: they are checked too


def plain_paragraphs(markdown: str) -> list[str]:
    """Markdown (with `[[liens]]`) as the paragraphs a reader sees, without markup."""
    linked = GLOSSARY_LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), markdown)
    rendered = _BLOCK_END.sub("\n\n", _markdown.render(linked))
    text = html.unescape(_TAG.sub("", rendered))
    return [
        clean for part in text.split("\n\n") if (clean := _ORDINARY_SPACES.sub(" ", part).strip())
    ]


def _question_texts(question: Question) -> list[str]:
    texts = [question.prompt, question.explanation]
    if isinstance(question, SingleChoice | MultipleChoice):
        texts += [option.text for option in question.options]
        texts += [option.feedback for option in question.options if option.feedback]
    if isinstance(question, TrueFalse):
        texts += [note for note in (question.feedback_true, question.feedback_false) if note]
    return texts


def mockup_texts(card: Mockup) -> list[str]:
    """The French sentences of a mock-up card (not its names, handles and dates)."""
    texts = [card.alt, card.source.part]
    if isinstance(card, TweetCard):
        texts.append(card.text)
    elif isinstance(card, FacebookPostCard):
        texts += [card.text, *(reply.text for reply in card.replies)]
        texts += [card.link.title, card.link.excerpt or ""] if card.link else []
    elif isinstance(card, CoverBannerCard):
        texts += [card.headline, card.tagline or ""]
    elif isinstance(card, PageTabCard):
        texts += [card.title, card.tagline or "", card.text, card.note or ""]
    else:
        texts += [card.title, card.text, card.tax_note or ""]
    return [text for text in texts if text]


def learner_prose(course: Course) -> Iterator[tuple[str, str]]:
    """(file, paragraph) for every lesson section, callout and note, quiz text and glossary entry."""
    for lesson in course.lessons:
        yield lesson.file, lesson.meta.title
        yield from ((lesson.file, objective.text) for objective in lesson.meta.objectives)
        for section in lesson.sections:
            if section.title:
                yield lesson.file, section.title
            for block in section.blocks:
                if isinstance(block, MarkdownBlock | Callout | TrainerNotes):
                    yield from ((lesson.file, p) for p in plain_paragraphs(block.text))
                if isinstance(block, Embed) and block.kind in {"mockup", "illustration"}:
                    yield from ((lesson.file, p) for p in plain_paragraphs(block.caption))
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            for text in _question_texts(question):
                yield from ((course.quiz_files[quiz.id], p) for p in plain_paragraphs(text))
    for card in course.mockups:
        for text in mockup_texts(card):
            yield from (("data/maquettes.yaml", p) for p in plain_paragraphs(text))
    for term in course.glossary:
        for text in (term.definition, term.example or ""):
            yield from (("glossary.yaml", p) for p in plain_paragraphs(text))
