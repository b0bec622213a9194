"""`python -m course export`, run as a real process on the app's database: group results as
CSV, XLSX or xAPI (all learners or one workshop), a quiz as GIFT, the certificates' zip; a
missing option, an unknown workshop code or quiz id exits 1 with a French message."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest

from course.content.course import Course
from course.quiz.grading import right_response
from course.storage.store import Store
from course.workshop.workshops import Workshop, Workshops
from tests.helpers import shipped_course
from tests.unit.gift_reader import read_gift
from tests.unit.group_data import NOW, take
from tests.unit.test_cli import assert_french_failure, run_cli


@pytest.fixture(scope="module")
def course() -> Course:
    return shipped_course()


@pytest.fixture
def tuesday(sqlite_store: Store, course: Course) -> Workshop:
    """Zoé in the Tuesday workshop passes every quiz; Léo, who never joined, takes one."""
    workshops = Workshops(sqlite_store)
    workshop = workshops.open_workshop("Atelier du mardi", now=NOW)
    zoe, _ = sqlite_store.learners.create("Zoé Martin")
    leo, _ = sqlite_store.learners.create('=HYPERLINK("http://x","clic")')
    workshops.join(workshop.id, zoe.id, "Zoé", NOW)
    for number, quiz in enumerate(course.quizzes.values()):
        right = {q.id: right_response(q) for q in quiz.questions}
        take(sqlite_store, quiz, zoe, right, NOW + timedelta(minutes=10 * number))
    take(sqlite_store, course.quizzes["bases"], leo, {}, NOW)
    return workshop


def test_csv_of_everyone_then_of_one_workshop(
    tmp_path: Path, data_dir: Path, tuesday: Workshop, course: Course
) -> None:
    out = tmp_path / "resultats.csv"
    everyone = run_cli("export", "--format", "csv", "--out", str(out), data_dir=data_dir)
    assert everyone.returncode == 0, everyone.stderr
    assert everyone.stdout.startswith(f"{out} écrit\u202f: résultats de 2 participants")
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert {row["Participant"] for row in rows} == {
        "Zoé Martin",
        '\'=HYPERLINK("http://x","clic")',
    }
    assert len(rows) == len(course.quizzes) + 1
    code = tuesday.code.lower().replace("-", " ")  # typed loosely, as on a phone
    one = run_cli(
        "export", "--format", "csv", "--workshop", code, "--out", str(out), data_dir=data_dir
    )
    assert one.returncode == 0, one.stderr
    assert "atelier «\u00a0Atelier du mardi\u00a0»" in one.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert {row["Participant"] for row in rows} == {"Zoé Martin"}


def test_xlsx_and_xapi_of_a_workshop(tmp_path: Path, data_dir: Path, tuesday: Workshop) -> None:
    book_file, statements_file = tmp_path / "resultats.xlsx", tmp_path / "xapi.json"
    for format_, out in (("xlsx", book_file), ("xapi", statements_file)):
        result = run_cli(
            "export",
            "--format",
            format_,
            "--workshop",
            tuesday.code,
            "--out",
            str(out),
            data_dir=data_dir,
        )
        assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(book_file)
    assert book["Participants"]["A2"].value == "Zoé Martin"
    assert book["Participants"]["H2"].value == "Oui"  # « Formation terminée »
    statements = json.loads(statements_file.read_text(encoding="utf-8"))
    assert {s["actor"]["name"] for s in statements} == {"Zoé Martin"}
    assert any(s["verb"]["id"].endswith("/completed") for s in statements)


def test_certificates_of_a_workshop_in_a_zip(
    tmp_path: Path, data_dir: Path, tuesday: Workshop
) -> None:
    out = tmp_path / "attestations.zip"
    result = run_cli(
        "export",
        "--format",
        "certificats",
        "--workshop",
        tuesday.code,
        "--out",
        str(out),
        data_dir=data_dir,
    )
    assert result.returncode == 0, result.stderr
    assert "1 attestation de 1 participant" in result.stdout
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == 1 and names[0].startswith("zoe-martin-")


def test_no_certificate_to_write_exits_1(
    tmp_path: Path, data_dir: Path, sqlite_store: Store
) -> None:
    out = tmp_path / "attestations.zip"
    result = run_cli("export", "--format", "certificats", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert "Personne n'a encore terminé la formation" in result.stderr
    assert not out.exists()


def test_gift_of_a_quiz(tmp_path: Path, data_dir: Path, course: Course) -> None:
    out = tmp_path / "bases.gift"
    result = run_cli(
        "export", "--format", "gift", "--quiz", "bases", "--out", str(out), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    _, questions = read_gift(out.read_text(encoding="utf-8"))
    assert [q.name for q in questions] == [q.id for q in course.quizzes["bases"].questions]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--out", "x.csv"],
            "--format est obligatoire\u202f: csv, xlsx, xapi, certificats ou gift.",
        ),
        (["--format", "csv"], "--out FILE est obligatoire\u202f: le fichier à écrire."),
        (["--format", "pdf", "--out", "x"], "Format inconnu «\u00a0pdf\u00a0»"),
        (["--format", "gift", "--out", "x"], "--format gift demande le quiz\u202f: --quiz QUIZ_ID"),
        (
            ["--format", "csv", "--quiz", "bases", "--out", "x"],
            "--quiz ne sert qu'avec --format gift.",
        ),
        (
            ["--format", "gift", "--quiz", "bases", "--workshop", "K7Q-F29", "--out", "x"],
            "--workshop ne sert qu'aux résultats",
        ),
        (
            ["--format", "gift", "--quiz", "inconnu", "--out", "x"],
            "Aucun quiz n'a l'identifiant «\u00a0inconnu\u00a0». Quiz disponibles\u202f: bases,",
        ),
        (
            ["--format", "xlsx", "--workshop", "ZZZ-ZZZ", "--out", "x"],
            "Aucun atelier n'a le code «\u00a0ZZZ-ZZZ\u00a0».",
        ),
    ],
)
def test_a_missing_option_or_unknown_name_exits_1_in_french(
    args: list[str], message: str, tmp_path: Path, data_dir: Path, sqlite_store: Store
) -> None:
    args = [str(tmp_path / a) if a in ("x", "x.csv") else a for a in args]
    result = run_cli("export", *args, data_dir=data_dir)
    assert_french_failure(result, 1)
    assert result.stderr.startswith(message), result.stderr
    assert not list(tmp_path.glob("x*"))


def test_a_file_that_cannot_be_written_exits_1(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "absent" / "resultats.csv"
    result = run_cli("export", "--format", "csv", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert "impossible d'écrire le fichier (fichier ou dossier introuvable)" in result.stderr
