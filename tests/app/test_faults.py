"""Faults a learner may meet: the database locked, out of reach or restarted, the server
restarted mid-quiz, many learners at once. A French message and a retry, never a traceback;
nothing saved is lost and nothing is counted twice.

The app runs under views.resilience.database_guard() as app.py is meant to call it (the whole
script inside the guard), so these tests check the guard together with the real pages.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from course.storage import database
from course.storage.store import Store
from tests.app.conftest import open_page, sign_up
from tests.helpers import VALID_COURSE, valid_course
from tools.postgres_server import PostgresServer, start_postgres
from tools.streamlit_server import free_port
from views.resilience import DATABASE_DOWN, RETRY_LABEL

COURSE = valid_course()
QUIZ = COURSE.quizzes["bases"]
# ms: SQLite's busy timeout for the lock held too long, instead of the app's 10 s (checked in
# tests/unit/test_database.py): the page gives up after 1 s as it would after 10, and the test
# waits 3 s instead of 12.
BUSY_TIMEOUT_MS = 1_000


def guarded_app() -> None:
    """app.py, run inside the guard as the lead wires it around the page."""
    from tests.helpers import PROJECT_ROOT
    from views.resilience import database_guard

    script = PROJECT_ROOT / "app.py"
    with database_guard():
        exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), {})


@pytest.fixture
def start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., AppTest]:
    """A new browser session on the valid test course, with its own database and static/."""
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(VALID_COURSE))
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COURSE_STATIC_DIR", str(tmp_path / "static"))
    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)

    def session(url_path: str, **query: str) -> AppTest:
        page = AppTest.from_function(guarded_app, default_timeout=40)
        page.query_params.update(query)
        return open_page(page, url_path)

    return session


def click(page: AppTest, label: str) -> AppTest:
    return next(b for b in page.button if b.label == label).click().run()


def says_database_down(page: AppTest) -> bool:
    return not page.exception and [e.value for e in page.error] == [DATABASE_DOWN]


def answer_first_question(page: AppTest) -> AppTest:
    """Start the quiz and validate the first question's first option."""
    page = click(page, "Commencer le quiz")
    page.radio[0].set_value(0)
    return click(page, "Valider ma réponse")


# --- Out of reach ---------------------------------------------------------------------------


def test_an_unreachable_database_gives_a_french_message_and_a_retry(
    start: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="course")
    store = Store(f"sqlite:///{tmp_path / 'data' / 'course.sqlite3'}")
    _, code = store.learners.create("Zoé Martin", "zoe@asso.fr")
    password = "mot-de-passe-base"
    monkeypatch.setenv(
        "COURSE_DATABASE_URL", f"postgresql://cours:{password}@127.0.0.1:{free_port()}/cours"
    )
    page = start("mon-parcours", reprise=code)  # the learner follows their resume link
    assert says_database_down(page)
    assert [b.label for b in page.button] == [RETRY_LABEL]
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("course")]
    assert logged == ["database_error kind=operationalerror where=page"]
    assert not [s for s in (password, code, "Zoé", "zoe@asso.fr") if s in caplog.text]

    monkeypatch.delenv("COURSE_DATABASE_URL")  # the database answers again
    page = click(page, RETRY_LABEL)
    assert not page.exception and not page.error
    assert "Vous reprenez le parcours de **Zoé Martin**" in page.markdown[0].value
    assert "reprise" not in page.query_params
    page = click(page, "C'est moi")
    assert "Parcours de **Zoé Martin**" in [m.value for m in page.markdown]


def stop(server: PostgresServer) -> None:
    server._run("pg_ctl", "stop", "-D", str(server.data_dir), "-m", "fast", "-w")


def restart(server: PostgresServer) -> None:
    """pg_ctl start again as tools/postgres_server.py first did, same folder and port."""
    root = server.data_dir.parent
    options = f"-p {server.port} -k {root / 'sockets'} -c listen_addresses=127.0.0.1 -c fsync=off"
    server._run(
        "pg_ctl", "start", "-D", str(server.data_dir), "-o", options, "-w", "-l", str(root / "log")
    )


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server this test may stop and start (the shared one must keep running)."""
    server = start_postgres()
    yield server
    with contextlib.suppress(subprocess.CalledProcessError):  # stopped by a failed test
        server.stop()


def test_a_postgresql_restart_mid_quiz_asks_to_retry_and_loses_no_answer(
    start: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    own_postgres: PostgresServer,
) -> None:
    monkeypatch.setenv("COURSE_DATABASE_URL", own_postgres.url)
    page = sign_up(start("evaluation", quiz=QUIZ.id), "Léo Dupont")
    page = answer_first_question(page)
    assert "Réponse enregistrée." in [s.value for s in page.success]
    page = click(page, "Question suivante")

    stop(own_postgres)
    page.radio[0].set_value("Vrai")
    page = click(page, "Valider ma réponse")
    assert says_database_down(page)

    restart(own_postgres)
    page = click(page, RETRY_LABEL)
    assert not page.exception and not page.error
    assert "1 réponse(s) sur 2" in page.get("progress")[0].proto.text  # the first answer is kept
    page.radio[0].set_value("Vrai")
    page = click(page, "Valider ma réponse")
    page = click(page, "Terminer et voir mon score")
    assert not page.exception
    store = Store(own_postgres.url)
    learner = store.learners.named("Léo Dupont")[0]
    [finished] = store.attempts.finished(learner.id, QUIZ.id)
    attempt = store.attempts.load(finished.id)
    assert attempt is not None and set(attempt.responses()) == {q.id for q in QUIZ.questions}
    store.engine.dispose()


# --- Locked -----------------------------------------------------------------------------------


def hold_lock(path: Path, seconds: float, held: threading.Event) -> None:
    """Another program writing: an exclusive transaction held for `seconds`."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    connection.execute("BEGIN EXCLUSIVE")
    held.set()
    time.sleep(seconds)
    connection.execute("COMMIT")
    connection.close()


def locked_for(path: Path, seconds: float) -> threading.Thread:
    held = threading.Event()
    thread = threading.Thread(target=hold_lock, args=(path, seconds, held))
    thread.start()
    held.wait(10)
    return thread


def test_a_briefly_locked_database_only_makes_the_page_wait(
    start: Callable[..., AppTest], tmp_path: Path
) -> None:
    page = sign_up(start("mon-parcours"), "Zoé Martin")
    database = tmp_path / "data" / "course.sqlite3"
    holder = locked_for(database, 1.5)
    began = time.monotonic()
    page = click(page, "Quitter mon parcours sur cet appareil")  # every transaction waits
    holder.join()
    assert time.monotonic() - began >= 1  # it waited for the lock…
    assert not page.exception and not page.error  # …and went on as usual
    assert "reprise" not in page.query_params


def test_a_database_locked_too_long_asks_to_retry(
    start: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)
    page = sign_up(start("mon-parcours"), "Zoé Martin")
    holder = locked_for(tmp_path / "data" / "course.sqlite3", BUSY_TIMEOUT_MS / 1000 + 2)
    page = page.run()
    assert says_database_down(page)
    holder.join()
    page = click(page, RETRY_LABEL)
    assert not page.exception and not page.error
    assert page.markdown[0].value == "Parcours de **Zoé Martin**"  # still signed in


# --- The guard itself ---------------------------------------------------------------------------


def failing_fragment() -> None:
    """A polling fragment (the trainer's roster) whose query fails, then the rest of the page."""
    import sqlite3

    import streamlit as st
    from sqlalchemy.exc import OperationalError

    from views.resilience import database_guarded

    @st.fragment
    @database_guarded("roster")
    def roster() -> None:
        st.markdown("Participants")
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))

    roster()
    st.markdown("La suite de la page")


def test_a_fragment_s_failure_stays_in_the_fragment_without_a_button() -> None:
    page = AppTest.from_function(failing_fragment).run()
    assert not page.exception
    assert [e.value for e in page.error] == [DATABASE_DOWN]
    assert not page.button  # the fragment polls again by itself
    assert [m.value for m in page.markdown] == ["Participants", "La suite de la page"]


def broken_code() -> None:
    """A mistake in the code, not an unavailable database."""
    import sqlite3

    from sqlalchemy.exc import IntegrityError

    from views.resilience import database_guard

    with database_guard():
        raise IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))


def test_a_bug_is_not_disguised_as_an_unavailable_database() -> None:
    page = AppTest.from_function(broken_code).run()
    assert len(page.exception) == 1  # Streamlit's own error box: the bug shows, and gets fixed
    assert not page.error
