"""AppTest helpers: run app.py in process and open any page by its URL path."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.components.v2 import manifest_scanner
from streamlit.navigation.page import StreamlitPage
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.helpers import PROJECT_ROOT, MigratedDatabases


def open_page(app: AppTest, url_path: str) -> AppTest:
    """Run the page served at /url_path.

    AppTest.switch_page only knows file pages; our pages are callables whose id Streamlit
    derives from their url_path (StreamlitPage._script_hash), so we select that id.
    """
    app._page_hash = calc_hash(url_path)
    return app.run()


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Each AppTest looks for Streamlit components in every installed package's metadata on its
    first run (about 0.3 s of CPU: 30 % of tests/app/test_quiz.py's time, profiled); the
    packages do not change during the run, so the first look serves every test. `streamlit run`
    looks once, at its start."""
    with pytest.MonkeyPatch.context() as patch:
        scan = functools.cache(manifest_scanner.scan_component_manifests)
        patch.setattr(manifest_scanner, "scan_component_manifests", scan)
        yield


@pytest.fixture
def app(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    migrated_databases: MigratedDatabases,
) -> Callable[..., AppTest]:
    """A started app, on the shipped content or on another content folder.

    Its database is `sqlite_store`'s file in `data_dir` unless the test sets COURSE_DATA_DIR
    itself: tests never write to var/ or static/ nor see each other's learners or failed passwords.
    A new database there is a copy of the migrated one, as the app would have made it.
    """
    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)
    if "COURSE_DATA_DIR" not in os.environ:  # a test's own fixture set it first: keep its folder
        monkeypatch.setenv("COURSE_DATA_DIR", str(data_dir))
        if not (data_dir / "course.sqlite3").exists():
            migrated_databases.sqlite_copy(data_dir / "course.sqlite3")
    if "COURSE_STATIC_DIR" not in os.environ:
        monkeypatch.setenv("COURSE_STATIC_DIR", str(tmp_path_factory.mktemp("app-static")))

    def start(content_dir: str | None = None) -> AppTest:
        if content_dir is not None:
            monkeypatch.setenv("COURSE_CONTENT_DIR", content_dir)
        started = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)
        return started.run()

    return start


Menu = dict[str, list[StreamlitPage]]


@pytest.fixture
def menu(monkeypatch: pytest.MonkeyPatch) -> Menu:
    """The menu of pages app.py gives Streamlit's navigation on the latest run: each section's
    heading and its pages (title, icon, url_path), as the sidebar lists them. AppTest does not
    draw Streamlit's navigation; the browser tests (tests/e2e) see it drawn."""
    given: Menu = {}
    navigation = st.navigation

    def noted(pages: Menu, **options: object) -> StreamlitPage:
        given.clear()
        given.update(pages)
        return navigation(pages, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(st, "navigation", noted)
    return given


def sign_up(page: AppTest, name: str = "Zoé Testeuse") -> AppTest:
    """Start a learner record through the form on the page (quiz or « Mon parcours »)."""
    field = next(t for t in page.text_input if t.label.startswith("Votre nom"))
    field.input(name)
    return next(b for b in page.button if b.label == "Commencer mon parcours").click().run()


def held_code(page: AppTest) -> str:
    """The resume code the session holds (never in the URL): what « Mon parcours » shows."""
    code: str = page.session_state["learner"]["code"]
    return code


def open_resume_link(page: AppTest, url_path: str, code: str, **query: str) -> AppTest:
    """Follow a resume link (`/url_path?reprise=code`) and confirm the record with « C'est moi »,
    as a learner does on another device."""
    page.query_params.update({"reprise": code, **query})
    page = open_page(page, url_path)
    return next(b for b in page.button if b.label == "C'est moi").click().run()
