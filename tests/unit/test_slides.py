"""Presentation mode's slides: a title slide, one slide per `##` section, notes kept apart."""

from __future__ import annotations

import pytest

from course.content.lesson import Callout, Embed, Lesson, MarkdownBlock, TrainerNotes, parse_body
from course.content.models import LessonMeta
from course.content.slides import choose_module, choose_slide, lesson_slides
from tests.helpers import shipped_course

COURSE = shipped_course()


def lesson_from(body: str, title: str = "Module d'essai") -> Lesson:
    """A small lesson built from a Markdown body, as the loader would."""
    sections, problems = parse_body(body, first_line=1)
    assert not problems
    meta = LessonMeta(
        title=title,
        order=1,
        duration=15,
        objectives=[{"id": "un", "text": "Premier objectif."}, {"id": "deux", "text": "Second."}],
    )
    return Lesson("essai", "lessons/01-essai.md", meta, tuple(sections), (), "0" * 64)


def test_a_shipped_module_gives_a_title_slide_then_one_slide_per_section() -> None:
    lesson = COURSE.lesson("bases")
    assert lesson is not None
    slides = lesson_slides(lesson)
    titled = [s.title for s in lesson.sections if s.title is not None]
    assert len(slides) == 1 + len(titled) == 5
    assert [s.number for s in slides] == [1, 2, 3, 4, 5]
    assert slides[0].title == "Les réseaux sociaux, les bases"
    assert slides[0].is_title_slide and not slides[1].is_title_slide
    assert [s.title for s in slides[1:]] == titled
    assert slides[1].title == "Un réseau social, c'est quoi\u202f?"
    assert len(slides[0].objectives) == len(lesson.meta.objectives) == 4
    assert slides[0].subtitle == "20\u00a0min"


def test_a_shipped_module_keeps_its_opening_notes_off_the_visible_blocks() -> None:
    lesson = COURSE.lesson("bases")
    assert lesson is not None
    opening = lesson_slides(lesson)[0]
    assert len(opening.notes) == 1
    assert opening.notes[0].startswith("Pour lancer la séance, demandez à main levée")
    assert [type(b) for b in opening.blocks] == [MarkdownBlock]
    assert opening.blocks[0].text.startswith("Facebook, LinkedIn, Twitter")


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_every_shipped_module_shows_every_visible_block_once_and_no_note(lesson: Lesson) -> None:
    slides = lesson_slides(lesson)
    shown = [block for slide in slides for block in slide.blocks]
    written = [b for s in lesson.sections for b in s.blocks if not isinstance(b, TrainerNotes)]
    assert shown == written
    assert not any(isinstance(block, TrainerNotes) for block in shown)
    notes = [b.text for s in lesson.sections for b in s.blocks if isinstance(b, TrainerNotes)]
    assert [note for slide in slides for note in slide.notes] == notes


def test_notes_stay_with_their_own_section_and_in_order() -> None:
    lesson = lesson_from(
        "Pour commencer.\n\n"
        "## Première partie\n\nUn texte.\n\n"
        "```{notes}\nDemandez qui a un compte.\n```\n\n"
        "Encore du texte.\n\n"
        "```{notes}\nMontrez votre écran.\n```\n\n"
        "## Deuxième partie\n\n"
        "```{a-retenir}\nL'essentiel.\n```\n"
    )
    opening, first, second = lesson_slides(lesson)
    assert opening.notes == ()
    assert first.title == "Première partie"
    assert first.notes == ("Demandez qui a un compte.", "Montrez votre écran.")
    assert first.blocks == (MarkdownBlock("Un texte."), MarkdownBlock("Encore du texte."))
    assert second.notes == ()
    assert second.blocks == (Callout("a-retenir", "À retenir", "L'essentiel."),)


def test_without_text_before_the_first_section_the_title_slide_has_title_and_objectives() -> None:
    lesson = lesson_from("## Seule partie\n\n```{exercise} composer-tweet\n```\n")
    slides = lesson_slides(lesson)
    assert len(slides) == 2
    assert slides[0].title == "Module d'essai"
    assert slides[0].blocks == () and slides[0].notes == ()
    assert slides[0].objectives == ("Premier objectif.", "Second.")
    assert slides[1].objectives == ()
    (exercise,) = slides[1].blocks
    assert isinstance(exercise, Embed) and exercise.kind == "exercise"


def test_a_module_without_sections_is_a_single_title_slide() -> None:
    slides = lesson_from("Juste une introduction.\n")
    (only,) = lesson_slides(slides)
    assert only.number == 1 and only.blocks == (MarkdownBlock("Juste une introduction."),)


def test_empty_notes_are_not_kept() -> None:
    (opening,) = lesson_slides(lesson_from("Texte.\n\n```{notes}\n\n```\n"))
    assert opening.notes == ()


@pytest.mark.parametrize(("wanted", "number"), [(None, 1), ("", 1), ("1", 1), ("3", 3), ("12", 12)])
def test_a_valid_slide_number_is_used_as_is(wanted: str | None, number: int) -> None:
    choice = choose_slide(wanted, 12)
    assert (choice.value, choice.problem) == (number, None)


@pytest.mark.parametrize("wanted", ["0", "13", "-2", "deux", "2.5", "٣", "9" * 5000])
def test_a_slide_number_out_of_range_or_not_a_number_falls_back_to_1(wanted: str) -> None:
    choice = choose_slide(wanted, 12)
    assert choice.value == 1
    assert choice.problem is not None
    assert "n'existe pas dans ce module (12\u00a0diapositives)" in choice.problem
    assert choice.problem.endswith("retour à la première.")


def test_the_bad_value_is_quoted_short_and_escaped() -> None:
    problem = choose_slide("[lien](https://exemple.org)", 3).problem
    assert problem is not None
    assert "\\[lien\\]\\(https\\://exemple\\.org\\)" in problem
    long_problem = choose_slide("x" * 300, 3).problem
    assert long_problem is not None and len(long_problem) < 150 and "…" in long_problem


def test_modules_from_the_url() -> None:
    slugs = ["bases", "vocabulaire"]
    assert choose_module(None, slugs).value == "bases"
    assert choose_module("", slugs).value == "bases"
    known = choose_module("vocabulaire", slugs)
    assert (known.value, known.problem) == ("vocabulaire", None)
    unknown = choose_module("tiktok", slugs)
    assert unknown.value == "bases"
    assert unknown.problem == (
        "Le module «\u00a0tiktok\u00a0» n'existe pas\u202f: voici le premier module du cours."
    )
