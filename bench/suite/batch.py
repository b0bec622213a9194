"""4. Batch work in this process: validate, grading, group results, exports, certificates."""

from __future__ import annotations

import contextlib
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from bench.suite.plan import NOT_APPLICABLE, Plan
from bench.suite.profiles import profile_call
from bench.suite.report import REASONS, Row, fr, secs, yes_no
from bench.suite.world import World
from course.content.loader import content_dir_from_env
from course.storage.store import Store
from tools.streamlit_server import PROJECT_ROOT

# --- 4. Batch work --------------------------------------------------------------------------


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Median seconds of `repeats` calls."""
    durations = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def batch_row(what: str, seconds: float, target: str = "—", met: str = "—") -> Row:
    return Row(what, secs(seconds), "—", NOT_APPLICABLE, target, met)


def measure_batch(world: World, plan: Plan, profile: bool) -> list[Row]:
    from bench.certificates import SAMPLE, learners
    from bench.suite_data import bulk_finished_attempts, response_sets
    from course.certificates.pdf import build_certificate_pdf, build_certificates_zip
    from course.cli.validate import validate
    from course.quiz.grading import grade_quiz
    from course.results.exports.spreadsheets import results_csv, results_xlsx
    from course.results.group import load_group_results

    rows = []
    command = [sys.executable, "-m", "course", "validate"]

    def validate_subprocess() -> None:
        subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)

    rows.append(
        batch_row(
            "`python -m course validate`, sous-processus (démarrage de Python compris)",
            best_of(plan.batch_repeats, validate_subprocess),
        )
    )

    def validate_here() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert validate(content_dir_from_env()) == 0

    rows.append(
        batch_row(
            "validation du contenu dans le processus (load_course + renvois)",
            best_of(plan.batch_repeats, validate_here),
        )
    )

    sets = response_sets(world.course, 10_000)
    answers = sum(len(responses) for _, responses in sets)
    rows.append(
        batch_row(
            f"correction de 10\u202f000 quiz remplis (grade_quiz\u202f; {fr(answers)} réponses)",
            best_of(plan.batch_repeats, lambda: [grade_quiz(q, r) for q, r in sets]),
        )
    )

    exports = Store(f"sqlite:///{world.folder / 'exports.sqlite3'}")
    start = time.perf_counter()
    count = bulk_finished_attempts(exports, world.course, 10_000)
    filled = time.perf_counter() - start
    results = load_group_results(world.course, exports, None)
    assert len(results.lines) == 10_000, len(results.lines)
    rows.append(
        batch_row(
            f"lecture des résultats de groupe (10\u202f000 tentatives, {fr(count)} apprenants\u202f; "
            f"base remplie en {secs(filled)})",
            best_of(plan.batch_repeats, lambda: load_group_results(world.course, exports, None)),
        )
    )
    rows.append(
        batch_row(
            "export CSV de 10\u202f000 tentatives (à partir des résultats lus)",
            best_of(plan.batch_repeats, lambda: results_csv(results)),
        )
    )
    rows.append(
        batch_row(
            "export XLSX de 10\u202f000 tentatives (4 feuilles, à partir des résultats lus)",
            best_of(plan.batch_repeats, lambda: results_xlsx(results)),
        )
    )
    exports.engine.dispose()

    first = best_of(1, lambda: build_certificate_pdf(SAMPLE))  # the font cut, once per process
    items = learners(100)
    seconds = best_of(plan.batch_repeats, lambda: build_certificates_zip(items))
    row = batch_row(
        "zip de 100 attestations (noms latins), après la 1re attestation du processus "
        f"({secs(first)}, coupe des polices comprise)",
        seconds,
        "<\u00a03\u00a0s",
        yes_no(seconds < 3),
    )
    if seconds >= 3:
        row.reason = REASONS["attestations"]
    if seconds >= 3 and profile:
        row.profile = profile_call(lambda: build_certificates_zip(items))
    rows.append(row)
    return rows
