"""Mock-up cards and illustrations in a real Chromium: a lesson with cards fits a phone (each is a
visible image named by its alt: test_every_page.py, which finds them with `alt_of`)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import NewTab, Screen, Server, open_app_page
from tests.helpers import shipped_course

COURSE = shipped_course()
PHONE = Screen(375, 812)


def alt_of(kind: str, target: str, caption: str) -> str:
    """A card's `alt` from data/maquettes.yaml, an illustration's from its directive."""
    card = COURSE.mockup(target) if kind == "mockup" else None
    return card.alt if card is not None else caption


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
