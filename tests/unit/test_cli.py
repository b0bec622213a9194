"""The command line's contract: `validate` (authors and CI), `grade --record`, `certificate` and
`verify` (administrators and paper workshops). The commands run inside the test process
(tests.helpers.run_course); the tests marked `integration` run `python -m course` as the
real process it is, its exit status and its streams' encoding included."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from course.certificates.issuing import local_day
from course.content.course import Course
from course.content.loader import file_hash, load_quiz
from course.formatting import format_long_date
from course.quiz.attempts import Attempt
from course.quiz.grading import QuizResult
from course.storage.learners import Learner
from course.storage.store import Store
from tests.helpers import (
    EVERY_TYPE_QUIZ,
    PROJECT_ROOT,
    VALID_COURSE,
    Ran,
    run_course,
    shipped_course,
)


def run_validate(*args: str, env: dict[str, str] | None = None) -> Ran:
    return run_course("validate", *args, env=env)


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


# --- `python -m course` as a process --------------------------------------------------------


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m course ARGS` as an author or an administrator starts it."""
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.integration
def test_the_process_exits_with_the_command_s_status_and_prints_its_messages(
    course_copy: Callable[..., Path],
) -> None:
    valid = run_process("validate", str(VALID_COURSE))
    assert (valid.returncode, valid.stdout.count("\n")) == (0, 1)
    assert valid.stdout.startswith("Contenu valide\u202f: 2 modules")
    broken = run_process("validate", str(course_copy("quiz-other-types")))
    assert broken.returncode == 1
    assert broken.stderr.strip() == "8 erreurs à corriger."
    unknown = run_process("inconnue")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


@pytest.mark.integration
def test_a_terminal_that_cannot_show_accents_gets_the_messages_without_a_traceback(
    course_copy: Callable[..., Path],
) -> None:
    """An old Windows console or LANG=C: « é » and the no-break spaces are replaced, not fatal."""
    result = run_process(
        "validate", str(course_copy("quiz-other-types")), env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "8 erreurs ? corriger."
    assert len(result.stdout.splitlines()) == 8


# --- grade --record, certificate, verify ------------------------------------------------------

GRADING = PROJECT_ROOT / "tests" / "fixtures" / "grading"
PARTIAL = GRADING / "responses" / "partiel.json"
PERFECT = GRADING / "responses" / "parfait.json"
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}\b")
FRENCH_DATE = re.compile(
    r"^(1er|[12]?[0-9]|3[01]) (janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre) [0-9]{4}$"
)
HOSTILE_NAMES = ["=cmd|' /C calc'!A0", "<script>alert('x')</script>"]


def run_cli(*args: str, data_dir: Path, env: dict[str, str] | None = None) -> Ran:
    """`python -m course ARGS` with its database in `data_dir` (never $COURSE_DATABASE_URL's)."""
    return run_course(
        *args, env={"COURSE_DATABASE_URL": None, "COURSE_DATA_DIR": str(data_dir), **(env or {})}
    )


def record(name: str, data_dir: Path, responses: Path = PARTIAL, *extra: str) -> Ran:
    return run_cli(
        "grade",
        str(EVERY_TYPE_QUIZ),
        str(responses),
        "--learner",
        name,
        "--record",
        *extra,
        data_dir=data_dir,
    )


def assert_french_failure(result: Ran, status: int) -> None:
    assert result.returncode == status, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.fixture(scope="module")
def course() -> Course:
    return shipped_course()


def complete_course(course: Course, store: Store, learner: Learner) -> None:
    """Every module read and its quiz passed, then the final exam at 85 %, as the app stores them."""

    def passed(quiz_id: str, percent: float) -> None:
        quiz = course.quizzes[quiz_id]
        attempt = Attempt.start(quiz, course.quiz_hashes[quiz_id], learner.id)
        store.attempts.save_new(attempt)
        attempt = store.attempts.record_step(attempt, 1, "submit")
        store.attempts.finish(attempt, QuizResult(percent, 100, percent, True, ()))

    for lesson in course.lessons:
        store.learners.record_visit(learner.id, lesson.id, 300)
        assert lesson.meta.quiz is not None
        passed(lesson.meta.quiz, 90)
    assert course.settings is not None and course.settings.completion.final_exam
    passed(course.settings.completion.final_exam, 85)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_grade_record_creates_the_learner_and_stores_the_graded_attempt(
    data_dir: Path, sqlite_store: Store
) -> None:
    result = record("Zoé N’Diaye", data_dir)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)  # stdout is the JSON alone, as without --record
    assert printed == json.loads(
        run_cli("grade", str(EVERY_TYPE_QUIZ), str(PARTIAL), data_dir=data_dir).stdout
    )
    code = CODE.search(result.stderr)
    assert code is not None
    assert "Nouvel apprenant «\u00a0Zoé N’Diaye\u00a0»" in result.stderr
    learner = sqlite_store.learners.by_code(code.group())  # the code printed opens the record
    assert learner is not None and learner.name == "Zoé N’Diaye"
    [finished] = sqlite_store.attempts.finished(learner.id)
    quiz = load_quiz(EVERY_TYPE_QUIZ)
    assert (finished.quiz_id, finished.quiz_hash) == (
        quiz.id,
        file_hash(EVERY_TYPE_QUIZ.read_bytes()),
    )
    assert (finished.score, finished.max_score, finished.passed) == (
        printed["score"],
        printed["max_score"],
        printed["passed"],
    )
    assert finished.percent == pytest.approx(printed["percent"])
    attempt = sqlite_store.attempts.load(finished.id)
    assert attempt is not None
    assert attempt.question_ids == tuple(q.id for q in quiz.questions)  # file order, no draw
    assert attempt.responses() == json.loads(PARTIAL.read_text(encoding="utf-8"))
    assert attempt.grade(quiz).as_json() == printed  # the app's review shows the same grade


def test_the_same_name_twice_is_one_learner_with_two_attempts(
    data_dir: Path, sqlite_store: Store
) -> None:
    first = record("Camille Martin", data_dir)
    second = record("  Camille   Martin ", data_dir, PERFECT)  # cleaned as the app cleans names
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert "Nouvel apprenant" in first.stderr and "Nouvel apprenant" not in second.stderr
    assert "Tentative enregistrée pour «\u00a0Camille Martin\u00a0»." in second.stderr
    [learner] = sqlite_store.learners.named("Camille Martin")
    attempts = sqlite_store.attempts.finished(learner.id)
    assert [a.percent for a in attempts] == pytest.approx([250 / 9, 100.0])


def test_an_ambiguous_name_exits_2_and_points_to_the_resume_code(
    data_dir: Path, sqlite_store: Store
) -> None:
    sqlite_store.learners.create("Camille Martin")
    other, code = sqlite_store.learners.create("Camille Martin")
    result = record("Camille Martin", data_dir)
    assert_french_failure(result, 2)
    assert "2\u00a0apprenants s'appellent «\u00a0Camille Martin\u00a0»" in result.stderr
    assert "--code" in result.stderr
    assert all(
        not sqlite_store.attempts.finished(lr.id)
        for lr in sqlite_store.learners.named("Camille Martin")
    )
    by_code = run_cli(
        "grade",
        str(EVERY_TYPE_QUIZ),
        str(PARTIAL),
        "--code",
        code.lower().replace("-", " "),
        "--record",
        data_dir=data_dir,
    )
    assert by_code.returncode == 0, by_code.stderr
    assert len(sqlite_store.attempts.finished(other.id)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--record"], "--record demande l'apprenant\u202f: --learner NAME ou --code CODE."),
        (["--learner", "Zoé"], "--learner et --code ne servent qu'avec --record"),
        (["--learner", " \t ", "--record"], "nom inutilisable. Écrivez votre nom"),
        (["--code", "ZZZZ-ZZZZ", "--record"], "Aucun apprenant n'a le code de reprise"),
        (["--learner", "Zoé", "--code", "ZZZZ-ZZZZ", "--record"], "impossible avec l'argument"),
    ],
)
def test_recording_without_a_usable_learner_exits_2_in_french(
    data_dir: Path, sqlite_store: Store, args: list[str], message: str
) -> None:
    result = run_cli("grade", str(EVERY_TYPE_QUIZ), str(PARTIAL), *args, data_dir=data_dir)
    assert_french_failure(result, 2)
    assert message in result.stderr
    assert sqlite_store.learners.named("Zoé") == []


def test_a_bad_responses_file_records_nothing(data_dir: Path, sqlite_store: Store) -> None:
    bad = GRADING / "responses" / "question-inconnue.json"
    assert_french_failure(record("Zoé", data_dir, bad), 2)
    assert sqlite_store.learners.named("Zoé") == []


@pytest.mark.integration  # libpq tries a closed port
def test_a_database_that_cannot_be_opened_is_a_french_message(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "fichier"
    not_a_folder.write_text("", encoding="utf-8")
    graded = record("Zoé", not_a_folder)
    assert_french_failure(graded, 2)
    assert "Impossible d'ouvrir la base de données" in graded.stderr
    server = {"COURSE_DATABASE_URL": "postgresql://admin:secret-word@127.0.0.1:1/cours"}
    verified = run_cli("verify", "K7QF-29XM", data_dir=tmp_path, env=server)
    assert_french_failure(verified, 1)
    assert "Impossible d'ouvrir la base de données postgresql" in verified.stderr
    assert "secret-word" not in verified.stderr


def test_certificate_of_an_incomplete_learner_exits_1_listing_what_is_missing(
    tmp_path: Path, data_dir: Path, sqlite_store: Store, course: Course
) -> None:
    learner, _ = sqlite_store.learners.create("Zoé")
    sqlite_store.learners.record_visit(learner.id, course.lessons[0].id, 60)
    out = tmp_path / "attestation.pdf"
    result = run_cli("certificate", "--learner", "Zoé", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    lines = result.stderr.splitlines()
    assert lines[0] == "«\u00a0Zoé\u00a0» n'a pas encore terminé la formation. Il reste à\u202f:"
    assert lines[1].startswith("- réussir le quiz du module 1 («\u00a0")
    assert lines[-1].startswith("- réussir l'examen final (à partir de")
    assert len(lines) == 1 + len(course.lessons) + 1
    assert not out.exists() and sqlite_store.certificates.of(learner.id) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--learner", "Personne"], "Aucun apprenant ne s'appelle «\u00a0Personne\u00a0»"),
        (["--learner", "Camille"], "2\u00a0apprenants s'appellent «\u00a0Camille\u00a0»"),
        (["--code", "ZZZZ-ZZZZ"], "Aucun apprenant n'a le code de reprise «\u00a0ZZZZ-ZZZZ\u00a0»"),
        (["--learner", "1234"], "nom inutilisable"),
    ],
)
def test_certificate_for_an_unknown_or_ambiguous_learner_exits_1(
    tmp_path: Path, data_dir: Path, sqlite_store: Store, args: list[str], message: str
) -> None:
    sqlite_store.learners.create("Camille")
    sqlite_store.learners.create("Camille")
    result = run_cli("certificate", *args, "--out", str(tmp_path / "a.pdf"), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert message in result.stderr


def test_certificate_arguments_are_checked_in_french(data_dir: Path) -> None:
    result = run_cli("certificate", "--learner", "Zoé", data_dir=data_dir)
    assert_french_failure(result, 2)
    assert "erreur\u202f: arguments obligatoires manquants\u202f: --out" in result.stderr
    result = run_cli("certificate", "--out", "a.pdf", data_dir=data_dir)
    assert "l'un de ces arguments est obligatoire\u202f: --learner --code" in result.stderr


def test_a_complete_learner_gets_the_certificate_and_anyone_can_verify_it(
    tmp_path: Path, data_dir: Path, sqlite_store: Store, course: Course
) -> None:
    graded = record("Zoé N’Diaye", data_dir)  # a paper quiz first: the learner is created
    assert graded.returncode == 0, graded.stderr
    [learner] = sqlite_store.learners.named("Zoé N’Diaye")
    complete_course(course, sqlite_store, learner)
    out = tmp_path / "attestation.pdf"
    result = run_cli(
        "certificate", "--learner", "Zoé N’Diaye", "--out", str(out), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    issued = sqlite_store.certificates.of(learner.id)
    assert issued is not None and issued.percent == 85
    assert result.stdout.splitlines() == [
        f"Attestation de «\u00a0Zoé N’Diaye\u00a0» écrite dans {out}.",
        f"Code de vérification\u202f: {issued.code} (http://localhost:8501/verification?code={issued.code})",
    ]
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Zoé N’Diaye" in text and issued.code in text
    again = run_cli("certificate", "--learner", "Zoé N’Diaye", "--out", str(out), data_dir=data_dir)
    assert again.stdout == result.stdout  # issued once: the same code every time

    typed = issued.code.lower().replace("-", " ").split()  # as someone types it from the paper
    verified = run_cli("verify", *typed, data_dir=data_dir)
    assert verified.returncode == 0, verified.stderr
    day = format_long_date(local_day(issued.issued_at))
    assert FRENCH_DATE.match(day)
    assert verified.stdout.splitlines() == [
        "Attestation authentique.",
        "Délivrée à\u202f: Zoé N’Diaye",
        f"Formation\u202f: {issued.course_title}",
        f"Date\u202f: {day}",
        "Score\u202f: 85\u202f%",
        f"Code\u202f: {issued.code}",
    ]


def test_an_unknown_verification_code_exits_1(data_dir: Path) -> None:
    for code in ("ZZZZ-ZZZZ", "pas un code"):
        result = run_cli("verify", code, data_dir=data_dir)
        assert_french_failure(result, 1)
        assert result.stderr.startswith(
            f"Aucune attestation ne correspond au code «\u00a0{code}\u00a0»."
        )


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_stored_and_printed_literally(
    tmp_path: Path, data_dir: Path, sqlite_store: Store, course: Course, name: str
) -> None:
    graded = record(name, data_dir)
    assert graded.returncode == 0, graded.stderr
    assert f"Nouvel apprenant «\u00a0{name}\u00a0»" in graded.stderr
    [learner] = sqlite_store.learners.named(name)
    assert learner.name == name
    complete_course(course, sqlite_store, learner)
    out = tmp_path / "attestation.pdf"
    issued = run_cli("certificate", "--learner", name, "--out", str(out), data_dir=data_dir)
    assert issued.returncode == 0, issued.stderr
    assert f"Attestation de «\u00a0{name}\u00a0»" in issued.stdout
    assert re.sub(r"\s+", "", name) in re.sub(r"\s+", "", pdf_text(out))
    certificate = sqlite_store.certificates.of(learner.id)
    assert certificate is not None
    verified = run_cli("verify", certificate.code, data_dir=data_dir)
    assert f"Délivrée à\u202f: {name}\n" in verified.stdout


def test_the_pdf_cannot_be_written_exits_1(
    tmp_path: Path, data_dir: Path, sqlite_store: Store, course: Course
) -> None:
    learner, _ = sqlite_store.learners.create("Zoé")
    complete_course(course, sqlite_store, learner)
    out = tmp_path / "absent" / "attestation.pdf"
    result = run_cli("certificate", "--learner", "Zoé", "--out", str(out), data_dir=data_dir)
    assert_french_failure(result, 1)
    assert (
        f"{out}\u202f: impossible d'écrire l'attestation (fichier ou dossier introuvable)."
        in result.stderr
    )
