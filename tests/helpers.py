"""What tests share besides fixtures: project paths, the test courses loaded once, right answers.

Fixtures live in tests/conftest.py (every suite) and tests/<suite>/conftest.py; plain values and
functions live here, so test modules import them from one place (never from a conftest).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import pkgutil
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

import course.cli as course_cli
from course.cli import main as course_main
from course.content.course import Course
from course.content.loader import content_dir_from_env, load_course
from course.storage.store import Store
from tools.postgres_server import PostgresServer

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
VALID_COURSE = FIXTURES / "valid"


@cache
def _loaded(root: Path) -> Course:
    return load_course(root)


def loaded_course(root: Path) -> Course:
    """The course in `root`, loaded once per test process: a loaded course never changes (an edit
    loads a new one), so test modules share it instead of parsing ~40 files each at collection.
    Tests that edit content on disk call load_course() on their own copy instead."""
    return _loaded(Path(root).resolve())


def shipped_course() -> Course:
    """The content the app serves: $COURSE_CONTENT_DIR, else the project's own course."""
    return loaded_course(content_dir_from_env())


def valid_course() -> Course:
    """tests/fixtures/valid: a small course without errors."""
    return loaded_course(VALID_COURSE)


# One question of each type: the quiz the tests of grading, storage, exports and quiz pages share.
EVERY_TYPE_QUIZ = FIXTURES / "grading" / "tous-les-types.yaml"
# The right answers to EVERY_TYPE_QUIZ, in `grade` form.
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


@dataclass(frozen=True)
class Ran:
    """What a command line run left: its exit status and its two output streams."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with `changes` (None removes a variable), put back as it was afterwards."""
    saved = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@cache
def _commands_that_load() -> tuple[ModuleType, ...]:
    """The command line's modules that load the course, each through its own name
    `load_course` (found, so a new command is not forgotten)."""
    modules = (
        importlib.import_module(f"course.cli.{found.name}")
        for found in pkgutil.iter_modules(course_cli.__path__)
    )
    return tuple(module for module in modules if hasattr(module, "load_course"))


def _loaded_once_if_shared(root: Path) -> Course:
    """The project's course and tests/fixtures/valid, which no test edits (a test edits its own
    copy), as loaded_course gives them; any other folder loaded afresh."""
    resolved = Path(root).resolve()
    return (
        loaded_course(resolved) if resolved in (PROJECT_ROOT, VALID_COURSE) else load_course(root)
    )


def run_course(*args: str, env: Mapping[str, str | None] | None = None) -> Ran:
    """`python -m course ARGS` run inside the test process (`course.cli.main`), from the project's
    folder, with `env` over the environment: its exit status (a usage error's included) and what
    it printed. An exception escapes and fails the test, where the process would have printed a
    traceback. The process itself (`python -m course`, its streams' encoding) is tested apart, in
    test_cli.py: this saves starting Python and importing the course for every command, and the
    shared courses are parsed once (`_loaded_once_if_shared`; 43 loads of the project's course, 6 s
    of CPU a run)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.ExitStack() as patches,
        environment(env or {}),
        contextlib.chdir(PROJECT_ROOT),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        for command in _commands_that_load():
            patches.enter_context(mock.patch.object(command, "load_course", _loaded_once_if_shared))
        try:
            status = course_main(list(args))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    return Ran(status, out.getvalue(), err.getvalue())


class MigratedDatabases:
    """Databases migrated to the latest schema once, empty otherwise, that a test's store copies:
    a SQLite file, and a PostgreSQL database (made on the first PostgreSQL test)."""

    def __init__(self, folder: Path) -> None:
        self._sqlite = folder / "course.sqlite3"
        _migrate(f"sqlite:///{self._sqlite}")
        self._postgres: str | None = None  # the migrated database's name

    def sqlite_copy(self, path: Path) -> str:
        """A copy at `path` (its WAL went into the file when the migrating store closed)."""
        shutil.copyfile(self._sqlite, path)
        return f"sqlite:///{path}"

    def postgres_copy(self, server: PostgresServer) -> str:
        """A copy on `server` (the worker's one server, whose template it keeps)."""
        if self._postgres is None:
            url = server.create_database("migrated")
            _migrate(url)
            self._postgres = url.rsplit("/", 1)[1]
        return server.create_database(copy_of=self._postgres)


def _migrate(url: str) -> None:
    Store(url).engine.dispose()  # closes every connection: the database can be copied


# pytest-xdist hands whole files to its workers (`--dist loadfile`) in the order of the items. Its
# own reordering (by number of tests, turned off in pyproject.toml) put the files with fewest
# tests last: browser walks of one test, up to 40 s each, ran at the end on one worker while the
# other core idled. The longest files go first: the browser's, then the content's (one
# Grammalecte pass of 15 s or more), then the app's and the units'; within a folder, by the
# seconds each file took in the last whole run on this machine (kept in .pytest_cache by
# tests/conftest.py), else by number of tests. The short files fill in at the end, and both
# workers end together.
FOLDERS_FIRST_TO_LAST = ("e2e", "content", "app", "unit")


def run_longest_files_first(items: list[pytest.Item], seconds: dict[str, float]) -> None:
    """Sort the items by folder (FOLDERS_FIRST_TO_LAST; a folder not listed goes first, its time
    unknown), then within a folder the files `seconds` does not know first (their time unknown),
    by number of tests, most first, then the files it knows, longest first. A file's tests stay
    together and in their order (the sort is stable)."""
    tests_in = Counter(item.path for item in items)
    root = PROJECT_ROOT / "tests"

    def rank(item: pytest.Item) -> tuple[int, bool, float]:
        folder = item.path.relative_to(root).parts[0]
        place = FOLDERS_FIRST_TO_LAST.index(folder) if folder in FOLDERS_FIRST_TO_LAST else -1
        timed = seconds.get(file_of(item.nodeid))
        return (place, timed is not None, -(tests_in[item.path] if timed is None else timed))

    items.sort(key=rank)


def file_of(nodeid: str) -> str:
    """The test file of a test id (tests/unit/test_x.py::test_y → tests/unit/test_x.py)."""
    return nodeid.split("::", 1)[0]
