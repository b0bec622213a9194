"""Screenshots and Playwright traces for a person to look at, never read by a test.

They are taken when $COURSE_E2E_ARTIFACTS names a folder, and written there. Without it, none is
taken: a full-page capture lays the page out again up to 16 384 px tall and waits for its charts
to be drawn again, and a trace records every frame; seconds of CPU per capture that, on a 2-core
machine, every other test waits for. The checks around each capture run either way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page

from tests.e2e.conftest import PHONE_SIZE

ARTIFACTS = "COURSE_E2E_ARTIFACTS"
TALLEST = 16_384  # px: the tallest texture Chromium draws; a taller page is cut at the bottom
MAIN = '[data-testid="stMain"]'


def artifacts_folder() -> Path | None:
    """The folder named by $COURSE_E2E_ARTIFACTS (created), or None: nothing is captured."""
    named = os.environ.get(ARTIFACTS, "").strip()
    if not named:
        return None
    folder = Path(named)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _as_tall_as_the_page(page: Page) -> None:
    """Streamlit scrolls its main column, not the document: the window is made as tall as the
    column (at most TALLEST), and its charts are given time to be drawn again at that size."""
    height = page.evaluate(f"document.querySelector('{MAIN}').scrollHeight")
    page.set_viewport_size({"width": PHONE_SIZE["width"], "height": min(height, TALLEST)})
    charts = page.get_by_test_id("stPlotlyChart").count()
    page.wait_for_timeout(1500 if charts else 300)


def capture_page(page: Page, name: str) -> None:
    """The whole page of a 375 px phone, from its top, as NAME.png."""
    folder = artifacts_folder()
    if folder is None:
        return
    page.evaluate(f"document.querySelector('{MAIN}').scrollTo(0, 0)")
    _as_tall_as_the_page(page)
    page.screenshot(path=folder / f"{name}.png", full_page=True)
    page.set_viewport_size(PHONE_SIZE)


def capture_part(page: Page, part: Locator, name: str) -> None:
    """One part of a 375 px phone's page, whole (an exercise and its result), as NAME.png."""
    folder = artifacts_folder()
    if folder is None:
        return
    _as_tall_as_the_page(page)
    part.screenshot(path=folder / f"{name}.png")
    page.set_viewport_size(PHONE_SIZE)


def capture_screen(page: Page, name: str, full_page: bool = False) -> None:
    """What the window shows (`full_page`: the document whole, at the window's size), as
    NAME.png."""
    folder = artifacts_folder()
    if folder is not None:
        page.screenshot(path=folder / f"{name}.png", full_page=full_page)


@contextmanager
def traced(context: BrowserContext, name: str) -> Iterator[BrowserContext]:
    """Record the context's pages (screenshots and DOM snapshots) into NAME.zip, to open with
    `playwright show-trace`; the context is closed at the end either way."""
    folder = artifacts_folder()
    if folder is not None:
        context.tracing.start(screenshots=True, snapshots=True)
    try:
        yield context
    finally:
        if folder is not None:
            context.tracing.stop(path=folder / f"{name}.zip")
        context.close()
