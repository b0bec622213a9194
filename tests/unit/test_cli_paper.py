"""`python -m course handout` and `paper-quiz`, run as real processes: a PDF written and said
in French, an unknown module or quiz exits 1, a missing option exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.unit.test_cli import assert_french_failure, run_cli


def test_the_handout_of_one_module(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "support.pdf"
    result = run_cli("handout", "--module", "chiffres", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "support du module «\u00a0Quelques chiffres\u00a0»" in result.stdout
    text = PdfReader(out).pages[0].extract_text()
    assert "Quelques chiffres" in text


def test_an_unknown_module_is_named_with_the_known_ones(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "support.pdf"
    result = run_cli("handout", "--module", "inconnu", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert "Aucun module lisible n'a l'identifiant «\u00a0inconnu\u00a0»" in result.stderr
    assert "chiffres" in result.stderr and not out.exists()


@pytest.mark.parametrize(("extra", "what"), [((), "feuille"), (("--answer-key",), "corrigé")])
def test_a_paper_quiz_and_its_answer_key(
    tmp_path: Path, data_dir: Path, extra: tuple[str, ...], what: str
) -> None:
    out = tmp_path / "quiz.pdf"
    result = run_cli("paper-quiz", "--quiz", "bases", "--out", str(out), *extra, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert f"{what} du quiz" in result.stdout and "code bases-" in result.stdout
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert ("Explication" in text) == bool(extra)


def test_an_unknown_quiz_exits_1(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli(
        "paper-quiz", "--quiz", "nul", "--out", str(tmp_path / "q.pdf"), data_dir=data_dir
    )
    assert_french_failure(result, 1)
    assert "Aucun quiz n'a l'identifiant «\u00a0nul\u00a0»" in result.stderr


def test_an_unwritable_file_is_said_in_french(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "absent" / "quiz.pdf"
    result = run_cli("paper-quiz", "--quiz", "bases", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert "impossible d'écrire le fichier (fichier ou dossier introuvable)" in result.stderr


@pytest.mark.parametrize("command", ["handout", "paper-quiz"])
def test_a_missing_out_is_a_usage_error(command: str, data_dir: Path) -> None:
    result = run_cli(command, data_dir=data_dir)
    assert_french_failure(result, 2)
    assert "arguments obligatoires manquants" in result.stderr
