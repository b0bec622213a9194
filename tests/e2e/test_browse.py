"""A learner's first visit in a real browser: home, a module, the glossary (every page opens:
test_every_page.py)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, assert_no_exception, open_app_page, wait_for_rerun
from tests.helpers import shipped_course

COURSE = shipped_course()
FIRST, SECOND = COURSE.lessons[0], COURSE.lessons[1]


def accessible_name(text: str) -> re.Pattern[str]:
    """Browsers fold no-break spaces into plain ones in accessible names: match any spacing.
    A slash is escaped too: Playwright writes the pattern into its selector between slashes."""
    return re.compile(r"\s+".join(re.escape(word).replace("/", r"\/") for word in text.split()))


def test_home_is_french_lists_the_modules_and_starts_the_course(page: Page, server: Server) -> None:
    open_app_page(page, server.url)
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator("h1").first).to_have_text(COURSE.info.title if COURSE.info else "")
    for lesson in COURSE.lessons:
        expect(
            page.get_by_role("heading", name=accessible_name(lesson.meta.title)).first
        ).to_be_visible()
    page.get_by_role("link", name=f"Commencer : {FIRST.meta.title}").click()
    expect(page).to_have_url(re.compile(rf"/{FIRST.id}$"))
    expect(page.locator("h1").first).to_have_text(FIRST.meta.title)


def test_a_module_shows_its_sections_callouts_glossary_and_next_module(
    page: Page, server: Server
) -> None:
    open_app_page(page, f"{server.url}/{FIRST.id}")
    titles = [s.title for s in FIRST.sections if s.title]
    for title in titles:
        expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()
    expect(page.get_by_text("À retenir").first).to_be_visible()
    expect(page.get_by_text("Notes du formateur")).to_have_count(0)  # only in presentation mode
    glossary_link = page.locator('a[href*="glossaire?terme="]').first
    expect(glossary_link).to_have_attribute("title", re.compile(r"\w"))
    page.get_by_text("Les mots du glossaire de cette partie").first.click()
    expect(page.locator('[data-testid="stExpanderDetails"]').first).to_contain_text(" : ")
    page.get_by_role("link", name="Module suivant").click()
    expect(page).to_have_url(re.compile(rf"/{SECOND.id}$"))
    expect(page.locator("h1").first).to_have_text(SECOND.meta.title)
    assert_no_exception(page)


def test_glossary_search_ignores_accents_and_case(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/glossaire")
    cards = page.locator("h3")
    total = cards.count()
    assert total == len(COURSE.glossary)
    search = page.get_by_label("Rechercher un terme")
    search.fill("ABONNES")
    search.press("Enter")
    wait_for_rerun(page)
    expect(page.get_by_role("heading", name="Abonné", level=3, exact=True)).to_be_visible()
    assert 1 <= cards.count() < total
    search.fill("zzzz")
    search.press("Enter")
    wait_for_rerun(page)
    expect(page.get_by_text("Aucun terme ne correspond")).to_be_visible()


def test_glossary_link_opens_the_term(page: Page, server: Server) -> None:
    term = COURSE.glossary[0]
    open_app_page(page, f"{server.url}/glossaire?terme={term.id}")
    expect(page.get_by_role("heading", name="Le terme demandé", level=2)).to_be_visible()
    expect(page.locator("h3").first).to_have_text(term.term)
