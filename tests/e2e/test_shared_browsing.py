"""The tests' shared browsing (conftest.SharedBrowsing): what one test leaves in the browser
(Streamlit's localStorage, a cookie) is gone for the next, and the HTTP cache is kept."""

from __future__ import annotations

from tests.e2e.conftest import PHONE, SharedBrowsing, open_app_page
from tools.streamlit_server import Server

LEAVE_TRACES = """() => { localStorage.setItem('trace', 'left by a test');
    document.cookie = 'trace=left; max-age=3600'; return localStorage.length; }"""


def test_a_test_s_storage_and_cookies_are_wiped_for_the_next(
    shared_browsing: SharedBrowsing, server: Server
) -> None:
    for screen in (None, PHONE):
        first = shared_browsing.new_tab() if screen is None else shared_browsing.new_tab(screen)
        open_app_page(first, server.url)
        assert first.evaluate(LEAVE_TRACES) >= 1
        assert first.context.cookies()
        shared_browsing.wipe()

        second = shared_browsing.new_tab() if screen is None else shared_browsing.new_tab(screen)
        open_app_page(second, server.url)
        assert second.evaluate("() => localStorage.getItem('trace')") is None
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
    shared_browsing.wipe()
