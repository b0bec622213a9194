"""axe-core in a real Chromium: no serious or critical violation on any page of the course."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from course.content import content_dir_from_env, load_course
from tests.e2e.conftest import Server, open_app_page

COURSE = load_course(content_dir_from_env())
PAGES = [
    "",
    *(lesson.id for lesson in COURSE.lessons),
    "glossaire",
    "glossaire?terme=avatar",
    "chiffres-cles",
    "evaluation",
    "mon-parcours",
    "verification",
    "verification?code=ZZZZ-ZZZZ",
    "confidentialite",
    "espace-formateur",
    "presentation",
    "atelier",
    "atelier?atelier=%3Cscript%3E",
]
BLOCKING = {"serious", "critical"}


def describe(violations: list[dict]) -> str:  # type: ignore[type-arg]
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} — {v['nodes'][0]['html'][:200]}" for v in violations
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "accueil")
def test_page_has_no_serious_or_critical_axe_violation(
    page: Page, server: Server, path: str
) -> None:
    open_app_page(page, f"{server.url}/{path}")
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_streamlit_labels_are_french_and_the_sidebar_is_keyboard_reachable(
    page: Page, server: Server
) -> None:
    open_app_page(page, server.url)
    assert page.locator('a[href="#stMain"]').text_content() == "Aller au contenu"
    assert page.get_by_test_id("stSidebar").get_attribute("aria-label") == "Menu du cours"
    assert page.get_by_test_id("stSidebarContent").get_attribute("tabindex") == "0"


def test_heading_anchor_links_are_labelled_in_french(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/{COURSE.lessons[0].id}")
    assert page.get_by_role("link", name="Lien vers ce titre").count() >= 1
    assert page.get_by_role("link", name="Link to heading").count() == 0
