"""The lessons show their mock-up cards and illustrations, named by their alt texts (AppTest)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pytest
from streamlit.testing.v1 import AppTest

from course.content.lesson import Lesson
from tests.app.conftest import open_page
from tests.helpers import shipped_course
from views.mockups import svg_data_uri

COURSE = shipped_course()
ILLUSTRATED = [
    lesson
    for lesson in COURSE.lessons
    if any(embed.kind in {"mockup", "illustration"} for embed in lesson.embeds)
]


def test_the_lessons_that_teach_with_pictures_have_them() -> None:
    assert {lesson.id for lesson in ILLUSTRATED} >= {
        "bases",
        "familles",
        "ong",
        "ong-facebook",
        "ong-twitter",
        "votre-association",
    }


@pytest.mark.parametrize("lesson", ILLUSTRATED, ids=lambda lesson: lesson.id)
def test_a_lesson_shows_its_cards_and_illustrations(
    app: Callable[..., AppTest], lesson: Lesson
) -> None:
    page = open_page(app(), lesson.id)
    assert not page.exception
    drawn = "\n".join(html.value for html in page.get("html"))
    for embed in lesson.embeds:
        if embed.kind == "mockup":
            card = COURSE.mockup(embed.target)
            assert card is not None
            assert f'data-mockup="{embed.target}"' in drawn
            assert f'aria-label="{escape(card.alt)}"' in drawn
        elif embed.kind == "illustration":
            svg = COURSE.illustrations[embed.target]
            assert f'src="{svg_data_uri(svg)}" alt="{escape(embed.caption)}"' in drawn
    assert not [w.value for w in page.warning if "introuvable" in w.value]
