"""What tests share besides fixtures: project paths, the test courses loaded once, right answers.

Fixtures live in tests/conftest.py (every suite) and tests/<suite>/conftest.py; plain values and
functions live here, so test modules import them from one place (never from a conftest).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course.cli import main as course_main
from course.content.course import Course
from course.content.loader import content_dir_from_env, load_course

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


def run_course(*args: str, env: Mapping[str, str | None] | None = None) -> Ran:
    """`python -m course ARGS` run inside the test process (`course.cli.main`), from the project's
    folder, with `env` over the environment: its exit status (a usage error's included) and what
    it printed. An exception escapes and fails the test, where the process would have printed a
    traceback. The process itself (`python -m course`, its streams' encoding) is tested apart, in
    test_cli.py: this saves starting Python and importing the course for every command."""
    out, err = io.StringIO(), io.StringIO()
    with (
        environment(env or {}),
        contextlib.chdir(PROJECT_ROOT),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            status = course_main(list(args))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    return Ran(status, out.getvalue(), err.getvalue())
