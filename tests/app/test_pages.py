"""Every page renders in process (AppTest); a broken module fails alone, in French."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import Menu, open_page
from tests.helpers import shipped_course
from views.sitemap import LESSON_PAGE, PAGES, PageSpec

COURSE = shipped_course()
# Every page's address and heading: the home page's heading is the course's title (tested below).
ALL_PAGES = {
    **{lesson.id: lesson.meta.title for lesson in COURSE.lessons},
    **{page.url_path: page.title for page in PAGES if not page.default},
}


@pytest.mark.parametrize("spec", [*PAGES, LESSON_PAGE], ids=lambda spec: spec.name)
def test_every_declared_page_has_its_function(spec: PageSpec) -> None:
    """views/sitemap.py names each page's function: it exists, and takes what the site gives."""
    parameters = list(inspect.signature(spec.find_function()).parameters)
    expected = ["slug", "site"] if spec is LESSON_PAGE else ["site"] if spec.needs_site else []
    assert parameters == expected


def test_home_presents_the_course_and_its_modules(app: Callable[..., AppTest], menu: Menu) -> None:
    home = app()
    assert not home.exception
    assert home.title[0].value == (COURSE.info.title if COURSE.info else "")
    # The modules under the titles of the course's parts, each card headed by its number
    parts = [title for title, _ in COURSE.parts() if title]
    assert parts and [s.value for s in home.main.subheader] == parts
    assert [label for label in menu if label] == [
        *parts,
        "Outils",
        "Votre parcours",
        "À propos",
        "Formateur",
    ]
    cards = [m.value.split("\n")[0] for m in home.markdown if m.value.startswith("#### Module")]
    assert cards == [
        f"#### Module {number} · {lesson.meta.title}"
        for number, lesson in enumerate(COURSE.lessons, start=1)
    ]


@pytest.mark.parametrize(("path", "title"), ALL_PAGES.items())
def test_every_page_renders_without_exception(
    app: Callable[..., AppTest], path: str, title: str
) -> None:
    page = open_page(app(), path)
    assert not page.exception, page.exception[0].value
    assert page.title[0].value == title


def test_a_lesson_shows_objectives_sections_and_callouts(app: Callable[..., AppTest]) -> None:
    lesson = COURSE.lessons[0]
    page = open_page(app(), lesson.id)
    markdown = "\n".join(m.value for m in page.markdown)
    assert all(objective.text in markdown for objective in lesson.meta.objectives)
    assert [h.value for h in page.main.header] == [s.title for s in lesson.sections if s.title]
    assert "**À retenir**" in markdown
    assert "glossaire?terme=" in markdown
    assert "Notes du formateur" not in [e.label for e in page.expander]


def test_glossary_search_finds_terms_without_accents(app: Callable[..., AppTest]) -> None:
    page = open_page(app(), "glossaire")
    page.text_input[0].input("CONFIDENTIALITE").run()
    found = next(m.value for m in page.markdown if m.value.startswith("### "))  # first result
    assert found.lower().startswith("### paramètres de confidentialité")


def test_a_broken_module_shows_a_french_error_and_the_others_still_work(
    app: Callable[..., AppTest], course_copy: Callable[..., Path]
) -> None:
    started = app(str(course_copy("lesson-missing-title")))
    broken = open_page(started, "mots")
    assert not broken.exception
    assert broken.title[0].value == "Module indisponible"
    assert "title: champ obligatoire manquant" in broken.error[0].value
    working = open_page(started, "bases")
    assert not working.exception and working.title[0].value == "Les bases"
    glossary = open_page(started, "glossaire")
    assert not glossary.exception and glossary.title[0].value == "Glossaire"


def test_a_lesson_with_a_cross_reference_problem_still_shows_and_says_so(
    app: Callable[..., AppTest], course_copy: Callable[..., Path]
) -> None:
    page = open_page(app(str(course_copy("lesson-bad-directives"))), "mots")
    assert page.title[0].value == "Les mots"
    assert "directive {retenir} inconnue" in page.error[0].value
