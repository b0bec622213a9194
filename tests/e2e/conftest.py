"""End-to-end harness: `streamlit run` on a free port, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tools.streamlit_server import Server, start_server, stop_server

TRAINER_PASSWORD = "Formateur-e2e-2026"  # the trainer's password on `fresh_server`
PHONE_SIZE: ViewportSize = {"width": 375, "height": 800}
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
# Chromium as root, offline: no sandbox, and no background calls to Google that a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
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
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The course with its shipped content (one per xdist worker, on a free port)."""
    running = start_server(tmp_path_factory.mktemp("server"), env=own_folders(tmp_path_factory))
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The course with its shipped content, an empty store of its own (nothing is written to the
    project's var/) and TRAINER_PASSWORD: for tests that sign learners or the trainer in."""
    env = {**own_folders(tmp_path_factory), "COURSE_TRAINER_PASSWORD": TRAINER_PASSWORD}
    running = start_server(tmp_path_factory.mktemp("fresh-server"), env=env)
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez scripts/test, qui l'installe.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A 375 × 800 touch screen, as the smallest phones learners bring."""
    context = browser.new_context(
        locale="fr-FR", viewport=PHONE_SIZE, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def open_app_page(page: Page, url: str) -> None:
    """Go to a page and wait until Streamlit has drawn it (title shown, script finished)."""
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=30_000)
    wait_for_rerun(page)


# Drawn means: the script run is over (no status widget), no element is left stale, our fixes to
# Streamlit's markup are applied (assets/page_fixes.js), and every Plotly chart has drawn its SVG
# (plotly.js loads lazily, after the run ends).
PAGE_DRAWN = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && document.querySelector('[data-testid="stSidebarContent"]')?.getAttribute('tabindex') === '0'
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(chart => chart.querySelector('svg.main-svg'))"""


def wait_for_rerun(page: Page) -> None:
    """Wait until Streamlit has finished the run and drawn everything it sent."""
    page.wait_for_function(PAGE_DRAWN, timeout=30_000)
    page.wait_for_timeout(150)


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
