"""The browser tests' own harness (conftest.py), which every other browser test relies on:
- shared browsing: what one test leaves in the browser (Streamlit's localStorage, a cookie) is
  gone for the next, and the HTTP cache is kept;
- wait_for_rerun does not return before the run a click asked for is drawn (script_runs.js)."""

from __future__ import annotations

from playwright.sync_api import Page

from course.content.slides import lesson_slides
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    TRAINER_PASSWORD,
    SharedBrowsing,
    open_app_page,
    wait_for_rerun,
)
from tests.helpers import shipped_course
from tools.streamlit_server import Server

SLIDES = lesson_slides(shipped_course().lesson("bases"))  # type: ignore[arg-type]

LEAVE_TRACES = """() => { localStorage.setItem('trace', 'left by a test');
    sessionStorage.setItem('trace', 'left by a test');
    document.cookie = 'trace=left; max-age=3600'; return localStorage.length; }"""
TRACES_LEFT = """() => [localStorage.getItem('trace'), sessionStorage.getItem('trace')]"""


def test_a_test_s_storage_and_cookies_are_wiped_for_the_next(
    shared_browsing: SharedBrowsing, server: Server
) -> None:
    for screen in (DESKTOP, PHONE):
        first = shared_browsing.new_tab(screen)
        open_app_page(first, server.url)
        assert first.evaluate(LEAVE_TRACES) >= 1
        assert first.context.cookies()
        first.set_viewport_size({"width": 500, "height": 500})  # as a full-page capture does
        shared_browsing.wipe()

        second = shared_browsing.new_tab(screen)
        assert second.url == "about:blank"  # the tab kept from the test before, emptied
        assert second.viewport_size == {"width": screen.width, "height": screen.height}
        open_app_page(second, server.url)
        assert second.evaluate(TRACES_LEFT) == [None, None]
        assert not [c for c in second.context.cookies() if c["name"] == "trace"]
        shared_browsing.wipe()


def test_the_next_test_s_tab_loads_streamlit_s_scripts_from_the_cache(
    shared_browsing: SharedBrowsing, server: Server
) -> None:
    """The reason for sharing: the second tab takes every script from the browser's cache
    (Streamlit serves them as immutable), none from the server."""
    open_app_page(shared_browsing.new_tab(), server.url)
    shared_browsing.wipe()
    tab = shared_browsing.new_tab()
    devtools = tab.context.new_cdp_session(tab)
    scripts: dict[str, str] = {}
    cached: set[str] = set()
    devtools.on(
        "Network.requestWillBeSent",
        lambda event: (
            scripts.update({event["requestId"]: event["request"]["url"]})
            if event.get("type") == "Script"
            else None
        ),
    )
    devtools.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
    devtools.on(
        "Network.responseReceived",
        lambda event: (
            cached.add(event["requestId"]) if event["response"]["fromDiskCache"] else None
        ),
    )
    devtools.send("Network.enable")
    open_app_page(tab, server.url)
    assert scripts, "aucun script chargé"
    assert set(scripts) <= cached, [url for key, url in scripts.items() if key not in cached]
    devtools.detach()
    shared_browsing.wipe()


def test_wait_for_rerun_returns_once_the_run_a_button_asked_for_is_drawn(
    page: Page, fresh_server: Server
) -> None:
    """Streamlit asks for a button's run a few milliseconds after the click: wait_for_rerun must
    not return before. The slide counter is read at once, without Playwright's auto-wait."""
    open_app_page(page, f"{fresh_server.url}/presentation?module=bases")
    page.get_by_label("Mot de passe formateur").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    wait_for_rerun(page)
    for number in range(2, len(SLIDES) + 1):
        page.get_by_role("button", name="Diapositive suivante").click()
        wait_for_rerun(page)
        assert page.locator(".slide-counter").inner_text().startswith(f"Diapositive {number} ")
