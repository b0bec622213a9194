"""The shipped mock-up cards and illustrations: described, sourced, used, drawn by us."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from course.content.lesson import ILLUSTRATIONS_DIR
from course.content.mockups import Mockup
from tests.helpers import shipped_course

COURSE = shipped_course()
SVG = "{http://www.w3.org/2000/svg}"
ILLUSTRATIONS = sorted((COURSE.root / ILLUSTRATIONS_DIR).glob("*.svg"))
SHOWN = {(e.kind, e.target) for lesson in COURSE.lessons for e in lesson.embeds}


@pytest.mark.parametrize("card", COURSE.mockups, ids=lambda card: card.id)
def test_each_card_is_described_dated_and_shown_in_a_lesson(card: Mockup) -> None:
    assert len(card.alt) > 60
    assert card.source.date and card.source.part
    assert ("mockup", card.id) in SHOWN


@pytest.mark.parametrize("path", ILLUSTRATIONS, ids=lambda path: path.name)
def test_each_illustration_is_a_plain_svg_with_a_title_and_a_description(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    assert root.findtext(f"{SVG}title") and root.findtext(f"{SVG}desc")
    text = path.read_text(encoding="utf-8")
    assert (
        "<image" not in text
        and "<script" not in text
        and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert ("illustration", path.name) in SHOWN


def test_the_lessons_show_the_cards_the_source_describes() -> None:
    ids = {card.id for card in COURSE.mockups}
    assert {
        "onglet-master-survivors",
        "onglet-newsletter-rsf",
        "onglet-dons-medecins-du-monde",
        "bandeau-action-contre-la-faim",
        "publication-croix-rouge-dons",
        "tweet-rsf-palestine",
        "retweet-croix-rouge-benevole",
        "tweet-action-contre-la-faim",
    } <= ids
    assert {card.type for card in COURSE.mockups} == {
        "tweet",
        "facebook_post",
        "cover_banner",
        "page_tab",
        "donation_tab",
    }
