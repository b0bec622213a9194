"""Shared fixtures: the project root and throw-away copies of the test course."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from course.storage.store import Store
from tools.postgres_server import PostgresServer, start_postgres

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
VALID_COURSE = FIXTURES / "valid"


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[..., Path]:
    """Copy the valid test course, optionally overlaid with a broken case, and return its root."""

    def make(overlay: str | None = None) -> Path:
        root = tmp_path / "course"
        shutil.copytree(VALID_COURSE, root)
        if overlay is not None:
            shutil.copytree(FIXTURES / "broken" / overlay, root, dirs_exist_ok=True)
        return root

    return make


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole run; it fails (never skips) when it cannot start."""
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind the course supports: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'course.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(
        host="127.0.0.1", port=server.port, user="postgres", dbname="course", autocommit=True
    ) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.url.rsplit("/", 1)[0] + f"/{name}"


# The right answers to tests/fixtures/grading/tous-les-types.yaml, in `grade` form.
MATCHES = {
    "Avatar": "Image qui vous représente",
    "Mur": "Espace où les amis laissent des messages",
    "Topic": "Sujet de discussion",
    "Post": "Message publié",
}
ORDER = ["S'inscrire", "Créer son profil", "Échanger avec les membres"]
PERFECT = {
    "choix-unique": 1,
    "choix-multiple": [0, 1, 3],
    "vrai-faux": False,
    "association": MATCHES,
    "ordre": ORDER,
    "texte": "abonnés",
    "nombre": 610,
    "intervalle": 2023,
}


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A store on SQLite and on PostgreSQL: tests that use it run against both."""
    opened = Store(database_url)
    yield opened
    opened.engine.dispose()
