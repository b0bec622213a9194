"""Every section of the source text is taught by a module: source-sections.yaml maps each heading
of ../shared/reference/seed-course-text.txt to its module and to words that module must contain.
The source itself lives outside the repository; when it is there, its headings are checked
against the list, so a section forgotten in the list fails too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from course.content.lesson import Callout, Embed, Lesson, MarkdownBlock
from course.content.prose import plain_paragraphs
from course.text import fold
from tests.helpers import PROJECT_ROOT, shipped_course

SOURCE = PROJECT_ROOT.parent / "shared" / "reference" / "seed-course-text.txt"
LISTED = yaml.safe_load((Path(__file__).parent / "source-sections.yaml").read_text("utf-8"))
SECTIONS: list[dict[str, Any]] = LISTED["sections"]
COURSE = shipped_course()
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons}

_UPPER = "A-ZÀ-ÖØ-Þ"
# A line opening with words in capitals: the basics part of the source titles its sections so
# (« QUELQUES CHIFFRES : », « LES RÉSEAUX C'EST QUOI ? Une définition… »).
CAPITALS = re.compile(
    rf"^(?P<words>[{_UPPER}][{_UPPER}'’-]+(?:[ ,]+[{_UPPER}'’-]+)*)(?P<mark>\s*[?:])?(?=\s|$)"
)
NUMBERED_QUESTION = re.compile(r"^\d+\) .+\?$")  # the interview's questions
NOT_IN_A_TITLE = re.compile(r"[.,;:!?…·@/()\[\]*«»\"]")


def _is_title_line(line: str, raw_next: str) -> bool:
    """A short line of its own, in ordinary case, without sentence punctuation."""
    words = line.split()
    return (
        0 < len(words) <= 10
        and (line[0].isupper() or line[0].isdigit())
        and any(c.islower() for c in line)
        and not NOT_IN_A_TITLE.search(line)
        and (not raw_next.strip() or raw_next.startswith("\t"))  # then a blank line, or a table
    )


def source_headings(text: str) -> list[str]:
    """The headings of the source text, in order: lines in capitals, title lines, questions."""
    lines = text.splitlines()
    headings = []
    for number, raw in enumerate(lines):
        line = " ".join(raw.split())
        after_blank = number == 0 or not lines[number - 1].strip()
        if not line or not after_blank:
            continue
        raw_next = lines[number + 1] if number + 1 < len(lines) else ""
        capitals = CAPITALS.match(line)
        if capitals and (
            capitals["mark"] or (capitals.end() == len(line) and " " in capitals["words"])
        ):
            headings.append(capitals.group(0))
        elif NUMBERED_QUESTION.match(line) or _is_title_line(line, raw_next):
            headings.append(line)
    return headings


def heading_key(heading: str) -> str:
    """Headings compare without case, accents, spacing or a closing « : » or « ? »."""
    return fold(heading).rstrip(" :?")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def lesson_text(lesson: Lesson) -> str:
    """What a learner reads in a module (trainer notes aside), mock-up cards included, folded."""
    meta = lesson.meta
    parts = [meta.title, meta.summary or "", *(objective.text for objective in meta.objectives)]
    for section in lesson.sections:
        parts.append(section.title or "")
        for block in section.blocks:
            if isinstance(block, Callout):
                parts.append(block.title)
            if isinstance(block, MarkdownBlock | Callout):
                parts += plain_paragraphs(block.text)
            if isinstance(block, Embed):
                card = COURSE.mockup(block.target) if block.kind == "mockup" else None
                parts += [block.caption, *(_strings(card.model_dump()) if card else [])]
    return fold(" ".join(parts))


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section["heading"])
def test_each_source_section_is_taught_by_its_module(section: dict[str, Any]) -> None:
    assert section.get("lesson") in LESSONS, f"module inconnu pour « {section['heading']} »"
    assert section.get("keywords"), "donnez au moins un mot que le module doit contenir"
    text = lesson_text(LESSONS[section["lesson"]])
    missing = [word for word in section["keywords"] if fold(word) not in text]
    assert not missing, f"absents du module « {section['lesson']} » : {missing}"


SOURCE_PART, *LATER_PARTS = COURSE.parts()
REFERENCE_PACK = PROJECT_ROOT.parent / "shared" / "reference" / "actualites-2026.md"
FACT_ID = re.compile(r"\bS\d-\d{2}\b")
DATED = re.compile(r"\b(19|20)\d{2}\b|non datées?|dates? non indiquées?")


def test_every_module_of_the_first_part_teaches_some_part_of_the_source() -> None:
    assert {section["lesson"] for section in SECTIONS} == {m.id for m in SOURCE_PART[1]}


def test_every_source_of_the_second_part_is_dated_and_its_fact_ids_exist() -> None:
    """The 2026 modules draw their facts from actualites-2026.md: each source line gives its date
    (or says the page is undated), and the fact ids it names (S1-03…) exist in the pack."""
    later = [module for _, modules in LATER_PARTS for module in modules]
    assert later, "la deuxième partie du cours n'a aucun module"
    for module in later:
        assert isinstance(module, Lesson), module.id
        undated = [s for s in module.meta.sources if not DATED.search(s)]
        assert len(module.meta.sources) >= 3 and not undated, (module.id, undated)
    if not REFERENCE_PACK.exists():
        pytest.skip(f"{REFERENCE_PACK} absent (dépôt cloné sans ../shared).")
    known = set(FACT_ID.findall(REFERENCE_PACK.read_text(encoding="utf-8")))
    for module in later:
        assert isinstance(module, Lesson)
        cited = set(FACT_ID.findall(" ".join(module.meta.sources)))
        assert cited <= known, (module.id, sorted(cited - known))


def test_the_list_has_no_duplicate_heading() -> None:
    keys = [heading_key(entry["heading"]) for entry in [*SECTIONS, *LISTED["not_sections"]]]
    assert len(keys) == len(set(keys))


def _source_text() -> str:
    if not SOURCE.exists():
        pytest.skip(
            f"{SOURCE} absent (dépôt cloné sans ../shared) : la liste de source-sections.yaml "
            "est vérifiée sans être comparée au texte source."
        )
    return SOURCE.read_text(encoding="utf-8")


def test_every_heading_of_the_source_is_listed() -> None:
    listed = {heading_key(entry["heading"]) for entry in [*SECTIONS, *LISTED["not_sections"]]}
    forgotten = [h for h in source_headings(_source_text()) if heading_key(h) not in listed]
    assert not forgotten, f"sections du texte source absentes de source-sections.yaml : {forgotten}"


def test_every_listed_heading_is_in_the_source() -> None:
    source = fold(_source_text())
    stale = [e["heading"] for e in SECTIONS if heading_key(e["heading"]) not in source]
    assert not stale, f"titres introuvables dans le texte source : {stale}"


def test_the_heading_parser_finds_each_kind_of_heading() -> None:
    sample = "\n".join(
        [
            "RS Réseaux sociaux",
            "",
            "RÉSEAUX SOCIAUX, LES BASES",
            "",
            "UN PROFIL C'EST QUOI ? Espace privé qui permet de se présenter.",
            "",
            "FACEBOOK : Un réseau d'amis virtuels",
            "",
            "MASTER SURVIVORS, la misère n'est pas un jeu.",
            "",
            "Problématique du secteur",
            "",
            "Les organisations non-gouvernementales ont pour mission de sensibiliser.",
            "",
            "2) Quels sont les objectifs de la présence de l'ONG ?",
            "",
            "3 exemples de réseaux sociaux généralistes\t\t",
            "\tFacebook\tLinkedIn",
            "",
            "Action contre la Faim (France) a partagé un lien.",
            "Sur Twitter",
            "",
            "18",
        ]
    )
    assert source_headings(sample) == [
        "RS Réseaux sociaux",
        "RÉSEAUX SOCIAUX, LES BASES",
        "UN PROFIL C'EST QUOI ?",
        "FACEBOOK :",
        "Problématique du secteur",
        "2) Quels sont les objectifs de la présence de l'ONG ?",
        "3 exemples de réseaux sociaux généralistes",
    ]
