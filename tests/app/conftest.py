"""AppTest helpers: run app.py in process and open any page by its URL path."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.conftest import PROJECT_ROOT


def open_page(app: AppTest, url_path: str) -> AppTest:
    """Run the page served at /url_path.

    AppTest.switch_page only knows file pages; our pages are callables whose id Streamlit
    derives from their url_path (StreamlitPage._script_hash), so we select that id.
    """
    app._page_hash = calc_hash(url_path)
    return app.run()


@pytest.fixture
def app(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., AppTest]:
    """A started app, on the shipped content or on another content folder.

    Its database is a fresh SQLite file unless the test sets COURSE_DATA_DIR itself: tests never
    write to var/ or static/ nor see each other's learners or failed passwords.
    """
    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)
    for variable, folder in (("COURSE_DATA_DIR", "app-data"), ("COURSE_STATIC_DIR", "app-static")):
        if variable not in os.environ:  # a test's own fixture set it first: keep its folder
            monkeypatch.setenv(variable, str(tmp_path_factory.mktemp(folder)))

    def start(content_dir: str | None = None) -> AppTest:
        if content_dir is not None:
            monkeypatch.setenv("COURSE_CONTENT_DIR", content_dir)
        started = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)
        return started.run()

    return start


def sign_up(page: AppTest, name: str = "Zoé Testeuse") -> AppTest:
    """Start a learner record through the form on the page (quiz or « Mon parcours »)."""
    field = next(t for t in page.text_input if t.label.startswith("Votre nom"))
    field.input(name)
    return next(b for b in page.button if b.label == "Commencer mon parcours").click().run()
