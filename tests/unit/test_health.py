"""`python -m course health`: one French line and exit 0 when learners can be served, 1 otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from course.storage.health import check_health, database_label
from tests.helpers import PROJECT_ROOT, VALID_COURSE
from tools.postgres_server import PostgresServer
from tools.streamlit_server import free_port


def run_health(**environ: str) -> subprocess.CompletedProcess[str]:
    """The command as Docker's HEALTHCHECK or a systemd unit runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    return subprocess.run(
        [sys.executable, "-m", "course", "health"],
        cwd=PROJECT_ROOT,
        env={**env, **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_port_url(password: str = "") -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://cours{secret}@127.0.0.1:{free_port()}/cours"


@pytest.mark.integration
def test_a_working_installation_says_ok_in_one_line(tmp_path: Path) -> None:
    done = run_health(COURSE_DATA_DIR=str(tmp_path), COURSE_CONTENT_DIR=str(VALID_COURSE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("\n") == 1 and not done.stderr
    line = done.stdout.strip()
    assert line.startswith("OK\u202f: base de données joignable (SQLite ")
    assert str(tmp_path / "course.sqlite3") in line
    assert "contenu chargé (2\u00a0modules, 1\u00a0quiz)" in line


@pytest.mark.integration
def test_an_unreachable_database_fails_without_showing_its_password() -> None:
    url = closed_port_url(password="motdepasse-secret")
    done = run_health(COURSE_DATABASE_URL=url, COURSE_CONTENT_DIR=str(VALID_COURSE))
    assert done.returncode == 1
    line = done.stdout.strip()
    assert line.startswith("ÉCHEC\u202f: base de données injoignable (PostgreSQL 127.0.0.1:")
    assert "motdepasse-secret" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_postgresql_is_checked_too(postgres_server: PostgresServer, tmp_path: Path) -> None:
    verdict = check_health(VALID_COURSE, postgres_server.url)
    assert verdict.ok and verdict.status == 0, verdict.message
    assert f"(PostgreSQL 127.0.0.1:{postgres_server.port}/course)" in verdict.message


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("no-folder", "dossier de contenu introuvable"),
        ("no-settings", "réglages du cours illisibles (course.yaml, reglages.yaml)"),
        ("no-lessons", "aucun module lisible dans lessons/"),
    ],
)
def test_content_learners_cannot_use_fails(
    course_copy: Callable[..., Path], tmp_path: Path, damage: str, reason: str
) -> None:
    root = course_copy()
    if damage == "no-folder":
        root = tmp_path / "absent"
    elif damage == "no-settings":
        (root / "reglages.yaml").unlink()
    else:
        for lesson in (root / "lessons").glob("*.md"):
            lesson.unlink()
    verdict = check_health(root, f"sqlite:///{tmp_path / 'course.sqlite3'}")
    assert not verdict.ok and verdict.status == 1
    assert verdict.message.startswith(f"ÉCHEC\u202f: {reason}")
    assert verdict.message.endswith(f"lancez python -m course validate {root}.")


def test_a_broken_module_is_reported_but_the_course_still_serves(
    course_copy: Callable[..., Path], tmp_path: Path
) -> None:
    root = course_copy()
    (root / "lessons" / "03-casse.md").write_text("pas d'en-tête\n", encoding="utf-8")
    verdict = check_health(root, f"sqlite:///{tmp_path / 'course.sqlite3'}")
    assert verdict.ok, verdict.message
    assert "erreur de contenu (python -m course validate)" in verdict.message


def test_an_unusable_data_folder_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.delenv("COURSE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COURSE_DATA_DIR", str(blocker / "donnees"))  # under a file: no folder
    verdict = check_health(VALID_COURSE)
    assert not verdict.ok
    assert verdict.message.startswith("ÉCHEC\u202f: dossier des données inutilisable")


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("sqlite:////srv/cours/var/course.sqlite3", "SQLite /srv/cours/var/course.sqlite3"),
        ("postgresql://cours:secret@db.asso.fr:5433/cours", "PostgreSQL db.asso.fr:5433/cours"),
        ("postgresql+psycopg://cours@db/cours", "PostgreSQL db/cours"),
        ("pas une URL", "$COURSE_DATABASE_URL (URL illisible)"),
    ],
)
def test_the_database_is_named_without_its_password(url: str, label: str) -> None:
    assert database_label(url) == label
