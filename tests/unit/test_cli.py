"""`python -m course validate`: the contract authors and CI rely on."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import PROJECT_ROOT, VALID_COURSE


def run_validate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "course", "validate", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_valid_content_exits_0_with_a_one_line_french_summary() -> None:
    result = run_validate(str(VALID_COURSE))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "Contenu valide : 2 modules, 1 quiz (2 questions), 3 termes au glossaire, 3 chiffres, 1 graphique."
    ]


def test_broken_content_exits_1_with_one_located_error_per_line(
    course_copy: Callable[..., Path],
) -> None:
    result = run_validate(str(course_copy("quiz-other-types")))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    assert all(line.startswith("quizzes/bases.yaml:") for line in lines)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip() == "8 erreurs à corriger."


def test_content_dir_comes_from_the_environment(course_copy: Callable[..., Path]) -> None:
    result = run_validate(env={"COURSE_CONTENT_DIR": str(course_copy("lesson-h1"))})
    assert result.returncode == 1
    assert result.stdout.startswith("lessons/02-mots.md:10: titre « # » interdit")


def test_a_missing_folder_is_a_french_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_validate(str(tmp_path / "absent"))
    assert result.returncode == 1
    assert "dossier de contenu introuvable" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_folder_lists_the_missing_files(tmp_path: Path) -> None:
    result = run_validate(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "course.yaml: fichier introuvable.",
        "data/stats.csv: fichier introuvable.",
        "glossary.yaml: fichier introuvable.",
        "reglages.yaml: fichier introuvable.",
    ]
