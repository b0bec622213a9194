"""End-to-end harness: `streamlit run` on a free port, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tests.helpers import EVERY_TYPE_QUIZ, VALID_COURSE
from tools.streamlit_server import Server, kill_server, start_server

TRAINER_PASSWORD = "Formateur-e2e-2026"  # the trainer's password on `fresh_server`
PHONE_SIZE: ViewportSize = {"width": 375, "height": 800}
SCRIPT_RUNS = Path(__file__).with_name("script_runs.js")
# Chromium's headless build (Debian's chromium-headless-shell: the same engine without the
# browser's windowing; the end-to-end tests take about a sixth less time than with the whole
# browser, measured on 2 cores), else the whole browser.
HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
DEFAULT_CHROMIUM = str(HEADLESS_SHELL) if HEADLESS_SHELL.exists() else "/usr/bin/chromium"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", DEFAULT_CHROMIUM)
# Chromium as root, offline: no sandbox, and no background calls to Google that a closed network
# refuses. V8 single-threaded: its compilers and garbage collector work on the page's own thread
# instead of helper threads, which on 2 cores already busy with the other worker only add CPU
# (the end-to-end folder: 441-461 s of CPU against 496 s, measured on 2 cores).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--js-flags=--single-threaded",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def own_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A server's own empty store and static/ (Open Badges files): one per server, so the xdist
    workers' servers never share the project's var/ or static/badges/."""
    return {
        "COURSE_DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "COURSE_STATIC_DIR": str(tmp_path_factory.mktemp("static")),
        "COURSE_DATABASE_URL": "",
    }


@pytest.fixture(scope="session")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The course with its shipped content, an empty store of its own (nothing is written to the
    project's var/) and TRAINER_PASSWORD: one per xdist worker, on a free port."""
    env = {**own_folders(tmp_path_factory), "COURSE_TRAINER_PASSWORD": TRAINER_PASSWORD}
    running = start_server(tmp_path_factory.mktemp("fresh-server"), env=env)
    yield running
    kill_server(running)


@pytest.fixture(scope="session")
def server(fresh_server: Server) -> Server:
    """The course with its shipped content, for tests that sign nobody in as the trainer: the
    worker's fresh_server (a second server of the same content cost a start and a first run of
    every page's imports for nothing)."""
    return fresh_server


@pytest.fixture(scope="session")
def every_type_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The small valid course of tests/fixtures with the quiz « tous-les-types » (one question of
    each type, tests/fixtures/grading/), an empty store of its own: the quiz tests' server."""
    root = tmp_path_factory.mktemp("every-type") / "content"
    shutil.copytree(VALID_COURSE, root)
    shutil.copy(EVERY_TYPE_QUIZ, root / "quizzes")
    env = {**own_folders(tmp_path_factory), "COURSE_CONTENT_DIR": str(root)}
    running = start_server(tmp_path_factory.mktemp("every-type-server"), env=env)
    yield running
    kill_server(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez scripts/test, qui l'installe.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass(frozen=True)
class Screen:
    """A device's screen: its size, and whether it is a phone's touch screen."""

    width: int
    height: int
    touch: bool = False

    def context_options(self) -> dict[str, Any]:
        size: ViewportSize = {"width": self.width, "height": self.height}
        return {
            "locale": "fr-FR",
            "viewport": size,
            "is_mobile": self.touch,
            "has_touch": self.touch,
        }


def new_context(browser: Browser, screen: Screen, **options: Any) -> BrowserContext:
    """A browser context of its own (a second device, a first visit), in French, whose pages
    report their script runs to wait_for_rerun (script_runs.js)."""
    context = browser.new_context(**{**screen.context_options(), **options})
    context.add_init_script(path=SCRIPT_RUNS)
    return context


DESKTOP = Screen(1280, 900)
PHONE = Screen(PHONE_SIZE["width"], PHONE_SIZE["height"], touch=True)
# Storage a test may leave behind (Streamlit keeps the menu's state in localStorage): wiped after
# each test. The HTTP cache is not storage: it stays, as in a learner's browser.
STORAGE_TYPES = "cookies,local_storage,indexeddb,service_workers,cache_storage,file_systems"


class NewTab(Protocol):
    """Opens a tab on a screen (DESKTOP by default)."""

    def __call__(self, screen: Screen = DESKTOP) -> Page: ...


class SharedBrowsing:
    """One browser context per screen for all the tests of an xdist worker, as a learner's own
    browser between two visits: Streamlit's scripts (served as immutable) come from the HTTP
    cache, compiled once, instead of being fetched and compiled again for each test (a page drawn
    with about a third less CPU, measured on 2 cores). Each test's first tab on a screen is the
    same tab, back on a blank page: a page opened in a tab that has already drawn Streamlit takes
    its compiled scripts from the tab's process, about a third less CPU again than a new tab
    (measured: 1.2 s of CPU a page against 1.9 s). After each test its other tabs are closed, the
    kept one goes back to a blank page at its screen's size, and the cookies and storage (session
    storage too) of every site they opened are wiped, so no test sees what another left
    (test_harness.py checks it). A test that listens to a tab's events (page.on) makes its
    own context (new_context), as do tests about a second device, a first visit or the network."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._contexts: dict[Screen, _Shared] = {}

    def new_tab(self, screen: Screen = DESKTOP) -> Page:
        if screen not in self._contexts:
            self._contexts[screen] = _Shared(self._browser, screen)
        return self._contexts[screen].new_tab()

    def wipe(self) -> None:
        for shared in self._contexts.values():
            shared.wipe()

    def close(self) -> None:
        for shared in self._contexts.values():
            shared.context.close()


class _Shared:
    """A context; the tab kept from test to test; and a blank tab of its own through which
    DevTools wipes what tests leave."""

    def __init__(self, browser: Browser, screen: Screen) -> None:
        self.context = new_context(browser, screen)
        self._size: ViewportSize = {"width": screen.width, "height": screen.height}
        self._janitor = self.context.new_page()
        self._devtools = self.context.new_cdp_session(self._janitor)
        self._origins: set[str] = set()  # every site a tab of this context opened
        self.context.on("page", self._follow)
        self._keep(self.context.new_page())

    def _follow(self, tab: Page) -> None:
        tab.on("framenavigated", lambda frame: self._origins.add(_origin(frame.url)))

    def _keep(self, tab: Page) -> None:
        self._kept = tab
        self._kept_handed_out = False  # to the running test

    def new_tab(self) -> Page:
        """The kept tab for a test's first tab on this screen, a new one for the next."""
        if self._kept_handed_out:
            return self.context.new_page()
        self._kept_handed_out = True
        return self._kept

    def wipe(self) -> None:
        for tab in self.context.pages:
            if tab not in (self._janitor, self._kept):
                tab.close()
        self._empty_kept_tab()
        self.context.clear_cookies()
        for origin in self._origins - {""}:
            self._devtools.send(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES}
            )

    def _empty_kept_tab(self) -> None:
        """Back to a blank page (which ends its Streamlit session) at its screen's size, the
        mouse in the corner; replaced if its test closed it. Its session storage goes with the
        site's local storage (Storage.clearDataForOrigin clears both)."""
        if self._kept.is_closed():
            self._keep(self.context.new_page())
            return
        self._kept.goto("about:blank")
        self._kept.set_viewport_size(self._size)
        self._kept.mouse.move(0, 0)  # no hover left over the next test's page
        self._kept_handed_out = False


def _origin(url: str) -> str:
    """scheme://host:port of an http(s) address; "" for about:blank and the like."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} else ""


@pytest.fixture(scope="session")
def shared_browsing(browser: Browser) -> Iterator[SharedBrowsing]:
    browsing = SharedBrowsing(browser)
    yield browsing
    browsing.close()


@pytest.fixture
def new_tab(shared_browsing: SharedBrowsing) -> Iterator[NewTab]:
    """Open a tab on a screen (DESKTOP by default) in the worker's shared browsing; wiped after
    the test."""
    yield shared_browsing.new_tab
    shared_browsing.wipe()


@pytest.fixture
def phone_page(new_tab: NewTab) -> Page:
    """A 375 × 800 touch screen, as the smallest phones learners bring."""
    return new_tab(PHONE)


@pytest.fixture
def page(new_tab: NewTab) -> Page:
    """A 1280 × 900 desktop tab."""
    return new_tab(DESKTOP)


def open_app_page(page: Page, url: str) -> None:
    """Go to a page and wait until Streamlit has drawn it whole: title shown, script finished,
    no element still waiting for its code (wait_until_loaded). Until a text field's code comes, a
    skeleton stands in for it that Tab passes over and fill() cannot reach."""
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=30_000)
    wait_until_loaded(page)


# Drawn means: every script run the page asked for is over (script_runs.js) and Streamlit knows it
# (no status widget, no element left stale), our fixes to Streamlit's markup are applied
# (assets/page_fixes.js), and every Plotly chart has drawn its SVG (plotly.js loads lazily, after
# the run ends). A page without script_runs.js fails here rather than passing unwatched.
PAGE_DRAWN = """() => window.__scriptRuns.settled()
    && document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && document.querySelector('[data-testid="stSidebarContent"]')?.getAttribute('tabindex') === '0'
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(chart => chart.querySelector('svg.main-svg'))"""


def wait_for_rerun(page: Page) -> None:
    """Wait until Streamlit has finished the runs the page asked for and drawn what they sent.
    After an action that asks for no run (a choice inside a form), script_runs.js's grace of
    100 ms after the input is all it waits."""
    page.wait_for_function(PAGE_DRAWN, timeout=30_000)


# Streamlit fetches the code of some elements lazily (Plotly charts, radio buttons…): a skeleton
# stands in until it arrives, and what follows may not be drawn yet. PAGE_DRAWN does not see it.
NO_SKELETON = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"


def wait_until_loaded(page: Page) -> None:
    """wait_for_rerun, then until no element waits for its code, and the charts it brought."""
    wait_for_rerun(page)
    page.wait_for_function(NO_SKELETON, timeout=30_000)
    wait_for_rerun(page)


def assert_no_exception(page: Page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def follow_resume_link(page: Page, url: str) -> None:
    """Open a resume link (`?reprise=…`) and confirm the record with « C'est moi », as a learner
    does on another device: the code leaves the address bar, the session holds it."""
    open_app_page(page, url)
    page.get_by_role("button", name="C'est moi").click()
    wait_for_rerun(page)
