"""axe-core in a real Chromium, beyond every page as it opens (test_every_page.py, which also
checks Streamlit's labels in French and the menu's lists on a desktop): the menu's lists opened
with the keyboard on a phone.

axe looks at the whole page, Streamlit's own markup included: nothing is excluded.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_app_page, wait_until_loaded
from tests.helpers import shipped_course
from tools.streamlit_server import Server

COURSE = shipped_course()
BLOCKING = {"serious", "critical"}
# Streamlit's own sectioned navigation fails these two as Streamlit draws it (sections as <div>s
# inside its <ul>); assets/page_fixes.js mends it, and these tests check it stays mended.
LIST_RULES = ("list", "listitem")
FOCUSED_NAME = """() => document.activeElement.getAttribute('aria-label')
    || document.activeElement.innerText"""


def describe(violations: list[dict]) -> str:  # type: ignore[type-arg]
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} — {v['nodes'][0]['html'][:200]}" for v in violations
    )


# The elements each of axe's list rules reads: lists and items that keep their own role.
LISTED_BY = {"list": ":is(ul, ol):not([role])", "listitem": "li:not([role])"}


def assert_lists_pass(page: Page, results: dict) -> None:  # type: ignore[type-arg]
    """axe's list rules on the page, the menu's lists as assets/page_fixes.js mends them
    included: none violated or left undecided, and where the page has the elements a rule reads,
    the rule applied and passed."""
    passed = {r["id"] for r in results["passes"]}
    for rule in LIST_RULES:
        unsure = [r for r in results["violations"] + results["incomplete"] if r["id"] == rule]
        assert not unsure, describe(unsure)
        if page.locator(LISTED_BY[rule]).count():
            assert rule in passed, f"{rule} : rien à vérifier"


def assert_list_rules_pass(page: Page) -> None:
    """axe over the whole page: the lists pass (assert_lists_pass), nothing serious."""
    wait_until_loaded(page)
    results = Axe().run(page).response
    assert_lists_pass(page, results)
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("path", ["", COURSE.lessons[0].id], ids=["accueil", "module"])
def test_the_sidebar_opened_with_the_keyboard_on_a_phone_passes_axe_list_rules(
    phone_page: Page, server: Server, path: str
) -> None:
    """At 375 px Streamlit folds the sidebar away: out of the Tab order (assets/page_fixes.js),
    so the button that opens it comes right after the skip link; Enter opens it, focus inside."""
    phone = phone_page
    open_app_page(phone, f"{server.url}/{path}")
    menu = phone.get_by_test_id("stSidebar")
    home = menu.get_by_role("link", name="Accueil")
    expect(home).not_to_be_in_viewport()
    phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUSED_NAME) == "Aller au contenu"
    phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUSED_NAME) == "Ouvrir le menu du cours"
    phone.keyboard.press("Enter")
    expect(home).to_be_in_viewport()
    assert phone.evaluate(FOCUSED_NAME) == "Liste des pages du cours"
    assert_list_rules_pass(phone)
