"""The home page and the sidebar follow a signed-in learner's progress (AppTest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.navigation.page import StreamlitPage
from streamlit.testing.v1 import AppTest

from course.content.loader import content_dir_from_env
from course.storage.attempts import Attempts
from course.storage.learners import Learners
from course.storage.store import Store
from tests.app.conftest import Menu, open_page, open_resume_link
from tests.helpers import shipped_course

COURSE = shipped_course()
TOTAL = len(COURSE.lessons)
FIRST, SECOND = COURSE.lessons[0], COURSE.lessons[1]


@pytest.fixture
def learner_app(app: Callable[..., AppTest], data_dir: Path, sqlite_store: Store) -> AppTest:
    """A learner who finished module 1 (marked « terminé ») and opened module 2."""
    learner, code = sqlite_store.learners.create("Zoé <b>N’Diaye</b>")
    sqlite_store.learners.record_visit(learner.id, FIRST.id, 600)
    sqlite_store.learners.complete_lesson(learner.id, FIRST.id)
    sqlite_store.learners.record_visit(learner.id, SECOND.id, 60)
    started = app(str(content_dir_from_env()))
    return open_resume_link(started, "accueil", code)


def links(page: AppTest) -> dict[str, Any]:
    """Label → page link proto, in the main area."""
    return {link.proto.label: link.proto for link in page.main.get("page_link")}


def titles(menu: Menu) -> dict[str, StreamlitPage]:
    """Title → page, in the menu of pages (the sidebar)."""
    return {page.title: page for pages in menu.values() for page in pages}


def test_a_visitor_is_invited_to_start(
    app: Callable[..., AppTest], data_dir: Path, menu: Menu
) -> None:
    page = open_page(app(str(content_dir_from_env())), "accueil")
    assert [h.value for h in page.header][:1] == ["Par où commencer\u202f?"]
    main = links(page)
    assert main[f"Commencer\u202f: {FIRST.meta.title}"].page == FIRST.id
    assert main["Créer mon parcours pour suivre ma progression et obtenir l'attestation"].page == (
        "mon-parcours"
    )
    assert not page.metric and not page.get("progress")
    sidebar = titles(menu)
    assert f"1. {FIRST.meta.title}" in sidebar  # no marks without a learner
    assert not any("(terminé)" in label or "(en cours)" in label for label in sidebar)


def test_a_learner_sees_their_progress_and_next_step_at_home(learner_app: AppTest) -> None:
    page = open_page(learner_app, "accueil")
    assert "Votre progression" in [h.value for h in page.header]
    assert "Bon retour, **Zoé \\<b\\>N’Diaye\\</b\\>**." in [m.value for m in page.markdown]
    assert [(m.label, m.value) for m in page.metric] == [
        ("Modules terminés", f"1 sur {TOTAL}"),
        ("Quiz réussis", f"0 sur {TOTAL}"),
    ]
    bar = page.get("progress")[0].proto
    assert bar.value == round(100 / TOTAL) and bar.text == f"1 module terminé sur {TOTAL}"
    step = links(page)[f"Faire le quiz du module 1\u202f: {FIRST.meta.title}"]
    assert step.page == "evaluation" and "quiz=" in step.query_string
    assert "Par où commencer\u202f?" not in [h.value for h in page.header]


def test_the_sidebar_marks_each_module_in_its_link_text(learner_app: AppTest, menu: Menu) -> None:
    page = open_page(learner_app, "accueil")
    sidebar = titles(menu)
    done = sidebar[f"1. {FIRST.meta.title} (terminé)"]
    assert done.url_path == FIRST.id and done.icon == ":material/check_circle:"
    opened = sidebar[f"2. {SECOND.meta.title} (en cours)"]
    assert opened.url_path == SECOND.id and opened.icon == ":material/pending:"
    third = COURSE.lessons[2]
    assert sidebar[f"3. {third.meta.title}"].icon == ":material/menu_book:"
    assert sidebar["Mon parcours"].url_path == "mon-parcours"  # other pages keep their titles
    assert page.sidebar.caption[0].value == "Parcours de Zoé \\<b\\>N’Diaye\\</b\\>"


def test_the_marks_follow_what_the_learner_does_on_a_module(
    learner_app: AppTest, sqlite_store: Store, menu: Menu
) -> None:
    page = open_page(learner_app, SECOND.id)
    assert f"2. {SECOND.meta.title} (en cours)" in titles(menu)
    page = next(b for b in page.button if b.label == "J'ai terminé ce module").click().run()
    assert f"2. {SECOND.meta.title} (terminé)" in titles(menu)


@pytest.mark.parametrize("url_path", ["accueil", "mon-parcours", FIRST.id])
def test_progress_is_read_once_a_run_for_sidebar_and_page(
    learner_app: AppTest, monkeypatch: pytest.MonkeyPatch, url_path: str
) -> None:
    reads: list[str] = []
    original = Attempts.finished

    def counted(self: Attempts, learner_id: str, *args: Any, **kwargs: Any) -> Any:
        reads.append(learner_id)
        return original(self, learner_id, *args, **kwargs)

    monkeypatch.setattr(Attempts, "finished", counted)
    page = open_page(learner_app, url_path)
    assert not page.exception
    assert len(reads) == 1


@pytest.mark.parametrize("url_path", ["accueil", "mon-parcours", "evaluation", FIRST.id])
def test_the_learner_is_read_once_a_run_however_many_parts_ask(
    learner_app: AppTest, monkeypatch: pytest.MonkeyPatch, url_path: str
) -> None:
    reads: list[str] = []
    original = Learners.get

    def counted(self: Learners, learner_id: str) -> Any:
        reads.append(learner_id)
        return original(self, learner_id)

    page = open_page(learner_app, url_path)  # first run: the code in the URL is resumed
    monkeypatch.setattr(Learners, "get", counted)
    page.run()
    assert not page.exception
    assert page.sidebar.caption and "Zoé" in page.sidebar.caption[0].value
    assert len(reads) == 1
    page.run()
    assert len(reads) == 2  # the next run reads it again: an erasure elsewhere is seen
