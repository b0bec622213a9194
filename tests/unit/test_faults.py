"""Two server processes on one database, both receiving the same learners' answers at once
(a load balancer retrying on the other replica, a double click that reaches both): every answer
is stored once and every attempt has one result."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course.content.loader import load_quiz
from course.quiz.attempts import Attempt
from course.storage.store import Store
from tests.helpers import EVERY_TYPE_QUIZ, PERFECT, PROJECT_ROOT

pytestmark = pytest.mark.integration  # servers as real processes, killed midway

QUIZ = load_quiz(EVERY_TYPE_QUIZ)
LEARNERS = 50
SERVERS = 2


def serve(url: str, attempt_ids: list[str], go: Path) -> None:
    """One server process: for each attempt, what the quiz page does (views/quiz.py), every
    answer validated, then submitted and graded. Starts when the file `go` appears."""
    store = Store(url)
    (go.parent / f"ready-{os.getpid()}").touch()
    while not go.exists():
        time.sleep(0.01)
    for attempt_id in attempt_ids:
        attempt = store.attempts.load(attempt_id)
        assert attempt is not None
        for number, question_id in enumerate(attempt.question_ids, start=1):
            attempt = store.attempts.record_step(
                attempt, number, "answer", question_id, PERFECT[question_id]
            )
        attempt = store.attempts.record_step(attempt, len(attempt.question_ids) + 1, "submit")
        store.attempts.finish(attempt, attempt.grade(QUIZ))
    store.engine.dispose()


def launch_server(url: str, ids_file: Path, go: Path) -> subprocess.Popen[str]:
    command = "import sys; from tests.unit.test_faults import main; main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", command, url, str(ids_file), str(go)],
        cwd=PROJECT_ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )


def main(argv: list[str]) -> None:
    url, ids_file, go = argv
    serve(url, Path(ids_file).read_text(encoding="utf-8").split(), Path(go))


def test_two_servers_replaying_the_same_answers_store_each_once(
    store: Store, tmp_path: Path
) -> None:
    learners = [store.learners.add(f"Apprenant {n}") for n in range(LEARNERS)]
    attempts = [Attempt.start(QUIZ, "hash", learner) for learner in learners]
    for attempt in attempts:
        store.attempts.save_new(attempt)
    ids_file, go = tmp_path / "attempts.txt", tmp_path / "go"
    ids_file.write_text("\n".join(attempt.id for attempt in attempts), encoding="utf-8")
    # in the same order, so both handle the same answer at the same moment
    servers = [launch_server(store.url, ids_file, go) for _ in range(SERVERS)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < SERVERS and time.monotonic() < deadline:
        time.sleep(0.05)  # both have opened the store
    go.touch()
    for server in servers:
        _, errors = server.communicate(timeout=90)
        assert server.returncode == 0, errors

    with store.transaction() as db:
        steps = db.exec_driver_sql("SELECT COUNT(*) FROM attempt_steps").scalar()
        results = db.exec_driver_sql(
            "SELECT COUNT(*) FROM attempts WHERE submitted_at IS NOT NULL"
        ).scalar()
    assert steps == LEARNERS * (len(QUIZ.questions) + 1)  # each answer once, one submit each
    assert results == LEARNERS
    for learner in learners:
        [finished] = store.attempts.finished(learner, QUIZ.id)
        assert finished.percent == 100.0 and finished.passed
