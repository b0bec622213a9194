"""Fixtures every suite shares, defined once here (plain values and functions: tests/helpers.py).

Stores, by what a test needs:
- `store`: an empty store on SQLite *and* on PostgreSQL (the test runs once on each);
- `sqlite_store`: SQLite only, the file `data_dir / "course.sqlite3"` that the app and the
  command line open when $COURSE_DATA_DIR is `data_dir` (tests that drive them, or need a file);
- `database_url`: an empty database of each kind, not even migrated (what opening it does is the
  test's subject).
Test files never redefine these names; a store with other needs gets a name of its own.
Both stores start as a copy of a database migrated once per worker (`migrated_databases`): a copy
takes 2 ms, running the migrations 35 ms (SQLite, measured), for some 250 stores a run.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from course.storage.store import Store
from tests.helpers import (
    FIXTURES,
    VALID_COURSE,
    MigratedDatabases,
    file_of,
    run_longest_files_first,
)
from tools.postgres_server import PostgresServer, start_postgres


def pytest_configure(config: pytest.Config) -> None:
    """One server secret for the whole run, in the environment: the stores a test opens, the
    servers and command lines it starts (they inherit it) key digests alike, and no test writes
    var/secret_key in the checkout (tests of the secret itself remove the variable)."""
    os.environ["COURSE_SECRET_KEY"] = "tests-only-secret-" + "0123456789abcdef" * 2


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that uses the PostgreSQL server says so (`postgres`), and is an `integration` test.
    The longest files run first (run_longest_files_first)."""
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.integration)
    seconds = config.cache.get(FILE_SECONDS, {}) if config.cache is not None else {}
    run_longest_files_first(items, seconds)


FILE_SECONDS = "course/file-seconds"  # in .pytest_cache: run_longest_files_first's seconds


class FileTimer:
    """The seconds each test file takes (set-up, test and tear-down of each of its tests, as the
    main process hears of them from the workers), kept for the next run's order when this one
    ran whole files, without -k, -m or --lf, and passed."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[file_of(report.nodeid)] += report.duration

    @pytest.hookimpl
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        options = session.config.option
        partial = options.keyword or options.markexpr or getattr(options, "lf", False)
        partial = partial or any("::" in arg for arg in session.config.args)
        if exitstatus != 0 or partial or session.config.cache is None or not self.seconds:
            return
        kept = session.config.cache.get(FILE_SECONDS, {})
        kept.update({name: round(value, 2) for name, value in self.seconds.items()})
        session.config.cache.set(FILE_SECONDS, kept)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the main process, not an xdist worker
        session.config.pluginmanager.register(FileTimer(), "course-file-timer")


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
    """A real PostgreSQL server per test process (each xdist worker has its own, on a free port
    and in its own temporary folder); it fails (never skips) when it cannot start."""
    server = start_postgres()
    yield server
    server.stop()


# Each database the course supports; a test whose fixture takes these runs once on each.
DATABASE_KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASE_KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind the course supports: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'course.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database()


@pytest.fixture(scope="session")
def migrated_databases(tmp_path_factory: pytest.TempPathFactory) -> MigratedDatabases:
    return MigratedDatabases(tmp_path_factory.mktemp("migrated"))


@pytest.fixture(params=DATABASE_KINDS)
def store(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_databases: MigratedDatabases
) -> Iterator[Store]:
    """An empty store on SQLite and on PostgreSQL: tests that use it run against both."""
    if request.param == "sqlite":
        url = migrated_databases.sqlite_copy(tmp_path / "course.sqlite3")
    else:
        url = migrated_databases.postgres_copy(request.getfixturevalue("postgres_server"))
    opened = Store(url)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder, as $COURSE_DATA_DIR for the app or the command line (a test or the
    `app` fixture points the variable at it): its database is `course.sqlite3` inside."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def sqlite_store(data_dir: Path, migrated_databases: MigratedDatabases) -> Iterator[Store]:
    """SQLite only: the database in `data_dir`, the one the app and the command line open."""
    opened = Store(migrated_databases.sqlite_copy(data_dir / "course.sqlite3"))
    yield opened
    opened.engine.dispose()
