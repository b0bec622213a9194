"""Every page of the course in a real Chromium, each opened once and looked at by several tests:
it opens in French with its title and no exception, it fetches nothing from another host, axe
finds no serious or critical violation (Streamlit's own markup included: nothing is excluded)
and passes its lists, the menu's included, Streamlit's own labels speak French, and it shows
exactly the mock-up cards and illustrations its content declares, each a visible image named by
its alt.

The pages are opened one after the other in a tab of a browser context of their own, empty at
the start (no cache), whose every request is recorded while a page is opened: a resource is
fetched the first time a page needs it, so anything fetched from another host shows under the
first page that asks for it. The first page, and those whose address carries a query, are
opened by their address; the others as the course's own links open them, through the browser's
history, without loading the document again (a page drawn with about 40 % less CPU). The tests
only read the page (axe reads it too), so opening it once per worker serves them all (pytest
groups a class's tests by their `scope="class"` parameter); each test still passes or fails on
its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request, WebSocket, expect

from tests.e2e.conftest import (
    DESKTOP,
    assert_no_exception,
    new_context,
    open_app_page,
    wait_until_loaded,
)
from tests.e2e.test_accessibility import BLOCKING, assert_lists_pass, describe
from tests.e2e.test_browse import accessible_name
from tests.e2e.test_mockups import alt_of
from tests.helpers import shipped_course
from tools.streamlit_server import Server
from views.sitemap import PAGES as SITE_PAGES

COURSE = shipped_course()
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons}
SITE_TITLES = {page.url_path: page.title for page in SITE_PAGES}
HOME = next(page.url_path for page in SITE_PAGES if page.default)
# Every page (views/sitemap.py; the home page at the root address), every module, and a few
# addresses with a query: a term asked for, an unknown code, markup where a code should be.
PATHS = [
    *("" if page.default else page.url_path for page in SITE_PAGES),
    *LESSONS,
    "glossaire?terme=avatar",
    "verification?code=ZZZZ-ZZZZ",
    "atelier?atelier=%3Cscript%3E",
]
LOCAL_SCHEMES = {"data", "blob", "about"}  # drawn by the browser itself, no network
FIGURES = "figure.cm-figure, figure.cm-illustration"


def heading(path: str) -> str:
    """The title a page shows first: the course's on the home page, a module's, a page's."""
    address = path.split("?")[0] or HOME
    if address == HOME:
        return COURSE.info.title if COURSE.info else ""
    return LESSONS[address].meta.title if address in LESSONS else SITE_TITLES[address]


@dataclass
class OpenedPage:
    """A page drawn in full, and every URL its tab requested (websockets included)."""

    tab: Page
    requested: list[str] = field(default_factory=list)
    by_address: bool = False  # opened by its address, not through the app

    def elsewhere(self, server: Server) -> list[str]:
        ours = urlsplit(server.url).netloc
        return sorted(
            {
                url
                for url in self.requested
                if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != ours
            }
        )


@pytest.fixture(scope="module")
def first_visit(browser: Browser) -> Iterator[Page]:
    """A desktop tab in a browser of its own, empty at the start: nothing comes from an earlier
    cache."""
    context = new_context(browser, DESKTOP)
    yield context.new_page()
    context.close()


# What Streamlit does when the browser goes back or forward to one of its pages: it runs that
# page, as when one of its links is followed.
GO_THROUGH_HISTORY = """address => {
    history.pushState({}, '', address);
    window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
}"""


def open_within_the_app(tab: Page, path: str) -> None:
    """Open a page of the app already in the tab without loading the document again; wait
    until its run is asked for, then drawn whole."""
    asked = tab.evaluate("window.__scriptRuns.lastAsked")
    tab.evaluate(GO_THROUGH_HISTORY, f"/{path}")
    tab.wait_for_function(f"() => window.__scriptRuns.lastAsked > {asked}", timeout=30_000)
    wait_until_loaded(tab)


@pytest.fixture(scope="class")
def opened(first_visit: Page, fresh_server: Server, path: str) -> Iterator[OpenedPage]:
    page = OpenedPage(first_visit)

    def record(request: Request | WebSocket) -> None:
        page.requested.append(request.url)

    first_visit.on("request", record)
    first_visit.on("websocket", record)
    if first_visit.url.startswith(fresh_server.url) and "?" not in path:
        open_within_the_app(first_visit, path)
    else:
        open_app_page(first_visit, f"{fresh_server.url}/{path}")
        page.by_address = True
    yield page
    first_visit.remove_listener("request", record)
    first_visit.remove_listener("websocket", record)


def declared_figures(path: str) -> list[tuple[str, str]]:
    """(kind, alt) of the cards and illustrations a page's content declares: a module's
    {mockup} and {illustration} directives, none on the other pages."""
    lesson = LESSONS.get(path)
    if lesson is None:
        return []
    return [
        (embed.kind, alt_of(embed.kind, embed.target, embed.caption))
        for embed in lesson.embeds
        if embed.kind in {"mockup", "illustration"}
    ]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p or "accueil", scope="class")
class TestEveryPage:
    def test_it_opens_in_french_with_its_title_and_no_exception(
        self, opened: OpenedPage, path: str
    ) -> None:
        assert_no_exception(opened.tab)
        expect(opened.tab.locator("h1").first).to_have_text(heading(path))
        assert opened.tab.evaluate("document.documentElement.lang") == "fr"

    def test_it_fetches_nothing_from_another_host(
        self, opened: OpenedPage, fresh_server: Server, path: str
    ) -> None:
        if opened.by_address:  # the recorder saw the page's own request
            assert f"{fresh_server.url}/{path}" in opened.requested
        assert opened.elsewhere(fresh_server) == []

    def test_axe_finds_no_serious_or_critical_violation(self, opened: OpenedPage) -> None:
        results = Axe().run(opened.tab).response
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
        assert not blocking, describe(blocking)
        assert_lists_pass(opened.tab, results)

    def test_streamlit_s_own_labels_are_french(self, opened: OpenedPage, path: str) -> None:
        tab = opened.tab
        assert tab.locator('a[href="#stMain"]').text_content() == "Aller au contenu"
        assert tab.get_by_test_id("stSidebar").get_attribute("aria-label") == "Menu du cours"
        assert tab.get_by_test_id("stSidebarContent").get_attribute("tabindex") == "0"
        assert tab.get_by_role("link", name="Link to heading").count() == 0
        if path in LESSONS:  # a module's headings carry anchors
            assert tab.get_by_role("link", name="Lien vers ce titre").count() >= 1

    def test_it_shows_exactly_its_cards_and_illustrations_named_by_their_alt(
        self, opened: OpenedPage, path: str
    ) -> None:
        declared = declared_figures(path)
        expect(opened.tab.locator(FIGURES)).to_have_count(len(declared))
        for kind, alt in declared:
            image = opened.tab.get_by_role("img", name=accessible_name(alt)).first
            image.scroll_into_view_if_needed()
            expect(image).to_be_visible()
            box = image.bounding_box()
            assert box is not None and box["height"] > 40, (kind, alt)
        if any(kind == "mockup" for kind, _ in declared):
            expect(opened.tab.locator("figure.cm-figure figcaption").first).to_contain_text(
                "Maquette reconstituée d'après le texte source"
            )
