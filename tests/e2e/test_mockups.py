"""Mock-up cards and illustrations in a real Chromium: visible, named by their alt, phone-sized."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from course.content.lesson import Lesson
from tests.e2e.conftest import NewTab, Screen, Server, assert_no_exception, open_app_page
from tests.e2e.test_browse import accessible_name
from tests.helpers import shipped_course

COURSE = shipped_course()
ILLUSTRATED = [
    lesson
    for lesson in COURSE.lessons
    if any(embed.kind in {"mockup", "illustration"} for embed in lesson.embeds)
]
PHONE = Screen(375, 812)


def alt_of(kind: str, target: str, caption: str) -> str:
    """A card's `alt` from data/maquettes.yaml, an illustration's from its directive."""
    card = COURSE.mockup(target) if kind == "mockup" else None
    return card.alt if card is not None else caption


@pytest.mark.parametrize("lesson", ILLUSTRATED, ids=lambda lesson: lesson.id)
def test_cards_and_illustrations_are_visible_images_named_by_their_alt(
    page: Page, server: Server, lesson: Lesson
) -> None:
    open_app_page(page, f"{server.url}/{lesson.id}")
    for embed in lesson.embeds:
        if embed.kind not in {"mockup", "illustration"}:
            continue
        name = accessible_name(alt_of(embed.kind, embed.target, embed.caption))
        image = page.get_by_role("img", name=name).first
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        box = image.bounding_box()
        assert box is not None and box["height"] > 40, embed.target
    captions = page.locator("figure.cm-figure figcaption")
    if captions.count():
        expect(captions.first).to_contain_text("Maquette reconstituée d'après le texte source")
    assert_no_exception(page)


@pytest.mark.parametrize("lesson_id", ["bases", "ong-facebook", "ong-twitter"])
def test_a_lesson_with_cards_fits_a_375_pixel_phone(
    new_tab: NewTab, server: Server, lesson_id: str
) -> None:
    phone = new_tab(PHONE)
    open_app_page(phone, f"{server.url}/{lesson_id}")
    overflow = phone.evaluate(
        """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
            .map(e => e.scrollWidth - e.clientWidth)"""
    )
    assert overflow == [0, 0]
    too_wide = phone.evaluate(
        """() => [...document.querySelectorAll('figure.cm-figure, figure.cm-illustration')]
            .filter(f => f.getBoundingClientRect().right > window.innerWidth).length"""
    )
    assert too_wide == 0
