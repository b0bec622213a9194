"""Mode présentation in Chromium: a trainer signs in, moves with the keyboard, big type, axe."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from course.content.slides import lesson_slides
from tests.e2e.conftest import (
    assert_no_exception,
    open_app_page,
    wait_for_rerun,
    wait_until_loaded,
)
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.e2e.test_browse import accessible_name
from tests.helpers import shipped_course
from tools.streamlit_server import Server, kill_server, start_server

PASSWORD = "Atelier-de-test-e2e-2026"
COURSE = shipped_course()
BASES = COURSE.lesson("bases")
assert BASES is not None
SLIDES = lesson_slides(BASES)
MAX_TABS = 60


@pytest.fixture(scope="module")
def presentation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The shipped course with a trainer password and a database of its own."""
    env = {
        "COURSE_TRAINER_PASSWORD": PASSWORD,
        "COURSE_DATA_DIR": str(tmp_path_factory.mktemp("presentation-data")),
    }
    server = start_server(tmp_path_factory.mktemp("presentation-logs"), env=env)
    yield server
    kill_server(server)


def sign_in(page: Page) -> None:
    page.get_by_label("Mot de passe formateur").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    page.get_by_label("Module à présenter").wait_for(timeout=30_000)
    wait_for_rerun(page)


def counter(page: Page) -> str:
    return page.locator(".slide-counter").inner_text()


def slide_title(page: Page) -> str:
    return page.locator(".st-key-slide h2").first.inner_text()


def tab_to(page: Page, name: str) -> None:
    """Press Tab until the focused element is the button called `name`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement?.innerText ?? ''")
        if name in focused and page.evaluate("document.activeElement?.tagName") == "BUTTON":
            return
    pytest.fail(f"« {name} » not reached with {MAX_TABS} presses of Tab")


def wait_for_counter(page: Page, number: int) -> None:
    expect(page.locator(".slide-counter")).to_have_text(
        f"Diapositive {number} sur {len(SLIDES)}", timeout=30_000
    )
    wait_for_rerun(page)


def test_a_trainer_moves_through_slides_with_the_keyboard_and_the_url_follows(
    page: Page, presentation_server: Server
) -> None:
    open_app_page(page, f"{presentation_server.url}/presentation?module=bases")
    expect(page.locator(".st-key-slide")).to_have_count(0)  # nothing before signing in
    sign_in(page)
    wait_for_counter(page, 1)
    assert slide_title(page) == BASES.meta.title

    tab_to(page, "Diapositive suivante")
    page.keyboard.press("Enter")
    wait_for_counter(page, 2)
    assert slide_title(page) == SLIDES[1].title
    expect(page).to_have_url(re.compile(r"module=bases&diapositive=2$"))

    page.keyboard.press("PageDown")  # what a remote clicker sends
    wait_for_counter(page, 3)
    assert slide_title(page) == SLIDES[2].title
    page.keyboard.press("PageUp")
    wait_for_counter(page, 2)
    page.get_by_role("button", name="Diapositive suivante").click()
    wait_for_counter(page, 3)
    expect(page).to_have_url(re.compile(r"diapositive=3$"))
    assert_no_exception(page)

    page.reload()  # a new session: sign in again, and the URL brings back the same slide
    page.locator("h1").first.wait_for(timeout=30_000)
    sign_in(page)
    wait_for_counter(page, 3)
    assert slide_title(page) == SLIDES[2].title


def test_type_is_big_and_the_page_wide_only_in_presentation_mode(
    page: Page, presentation_server: Server
) -> None:
    open_app_page(page, f"{presentation_server.url}/presentation?module=bases&diapositive=2")
    sign_in(page)
    wait_for_counter(page, 2)
    sizes = page.evaluate(
        """() => ({
            title: parseFloat(
                getComputedStyle(document.querySelector('.st-key-slide h2')).fontSize),
            text: parseFloat(getComputedStyle(
                document.querySelector('.st-key-slide [data-testid="stMarkdownContainer"] p')
            ).fontSize),
            width: document.querySelector('[data-testid="stMainBlockContainer"]')
                .getBoundingClientRect().width,
        })"""
    )
    assert sizes["title"] >= 36, sizes
    assert sizes["text"] >= 24, sizes
    assert sizes["width"] > 900, sizes  # wide: all of a 1280-pixel screen but the sidebar

    page.get_by_test_id("stSidebar").get_by_role("link", name="Accueil").click()
    expect(page).to_have_url(re.compile(r"/accueil$|:\d+/?$"))
    page.locator("h1").first.wait_for()
    wait_for_rerun(page)
    after = page.evaluate(
        """() => ({
            text: parseFloat(getComputedStyle(
                document.querySelector('[data-testid="stMarkdownContainer"] p')).fontSize),
            width: document.querySelector('[data-testid="stMainBlockContainer"]')
                .getBoundingClientRect().width,
        })"""
    )
    assert after["text"] < 20 and after["width"] < 800, after  # back to the learners' layout


def test_notes_are_hidden_until_the_toggle(page: Page, presentation_server: Server) -> None:
    open_app_page(page, f"{presentation_server.url}/presentation?module=bases")
    sign_in(page)
    note = page.get_by_text(accessible_name(SLIDES[0].notes[0][:60]))
    expect(note).to_have_count(0)
    page.get_by_text("Afficher mes notes").click()
    wait_for_rerun(page)
    expect(note).to_be_visible()


@pytest.mark.parametrize(
    "query", ["module=bases", "module=chiffres&diapositive=2", "module=ong-facebook&diapositive=3"]
)
def test_presentation_has_no_serious_or_critical_axe_violation(
    page: Page, presentation_server: Server, query: str
) -> None:
    open_app_page(page, f"{presentation_server.url}/presentation?{query}")
    sign_in(page)
    page.get_by_text("Afficher mes notes").click()
    wait_for_rerun(page)
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_the_next_slide_starts_at_its_top_after_scrolling_down_a_long_one(
    page: Page, presentation_server: Server
) -> None:
    chiffres = COURSE.lesson("chiffres")
    assert chiffres is not None
    longest = max(lesson_slides(chiffres)[:-1], key=lambda slide: len(slide.blocks))
    open_app_page(
        page, f"{presentation_server.url}/presentation?module=chiffres&diapositive={longest.number}"
    )
    sign_in(page)
    main = page.get_by_test_id("stMain")
    main.evaluate("main => main.scrollTo({top: main.scrollHeight})")
    assert main.evaluate("main => main.scrollTop") > 500
    wait_until_loaded(page)  # the charts scrolled into view drawn, as the trainer sees them
    page.keyboard.press("PageDown")
    expect(page.locator(".slide-counter")).to_contain_text(f"Diapositive {longest.number + 1}")
    wait_for_rerun(page)
    assert main.evaluate("main => main.scrollTop") == 0
    expect(page.locator(".st-key-slide h2").first).to_be_in_viewport()
