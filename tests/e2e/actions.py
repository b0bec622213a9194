"""What a learner does in the browser, on a desktop or a touch screen: the actions the tests of
the 2026 modules share (test_modules_2026.py, test_quizzes_2026.py)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from tests.e2e.conftest import PHONE_SIZE, wait_for_rerun


def words(text: str, exact: bool = False) -> re.Pattern[str]:
    """Any spacing between the words (browsers fold no-break spaces); `exact`: the whole text."""
    # Playwright reads a name's pattern as /…/: a bare slash would end it
    pattern = r"\s+".join(re.escape(word).replace("/", r"\/") for word in text.split())
    return re.compile(rf"^\s*{pattern}\s*$" if exact else pattern)


def touch(page: Page) -> bool:
    return page.viewport_size == PHONE_SIZE


def press(target: Locator, page: Page) -> None:
    """Tap on a touch screen, click otherwise."""
    if touch(page):
        target.tap()
    else:
        target.click()


def press_button(page: Page, name: str) -> None:
    press(page.get_by_role("button", name=words(name, exact=True)), page)
    wait_for_rerun(page)


def choose(page: Page, label: str, option: str) -> None:
    """Open a select box (or a multiselect) and pick an option. The first press may land
    before the list is ready: ArrowDown opens it then, as it does for a keyboard user. A rerun
    of the page (the previous choice arriving) may redraw the open list under the pointer: the
    list is then opened again, as a person would, up to three times."""
    wait_for_rerun(page)
    box = page.get_by_role("combobox", name=words(label, exact=True))
    for attempt in range(3):
        press(box, page)
        if page.get_by_role("option").count() == 0:
            box.press("ArrowDown")
        try:
            target = page.get_by_role("option", name=words(option, exact=True))
            if touch(page):
                target.tap(timeout=10_000)
            else:
                target.click(timeout=10_000)
            return
        except PlaywrightError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_for_rerun(page)


def textbox(page: Page, label: str | re.Pattern[str]) -> Locator:
    """A text field by its label (a help button beside it is named after it too)."""
    return page.get_by_role(
        "textbox", name=label if isinstance(label, re.Pattern) else words(label, True)
    )


def downloaded(page: Page, name: str) -> bytes:
    """Press a download button; the file the browser receives."""
    with page.expect_download(timeout=30_000) as download:
        press(page.get_by_role("button", name=name), page)
    return Path(download.value.path()).read_bytes()
