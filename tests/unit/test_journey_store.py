"""The learner's records: resume codes, module visits, exercise answers, certificates, data rights.

Every test runs on SQLite and on PostgreSQL (the `database_url` fixture).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from course.content.loader import load_quiz
from course.quiz.attempts import Attempt
from course.storage.guard import Guard, client_key
from course.storage.personal_data import learner_data
from course.storage.store import Store
from tests.helpers import EVERY_TYPE_QUIZ

QUIZ = load_quiz(EVERY_TYPE_QUIZ)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_resume_code_finds_its_learner_however_it_is_typed(store: Store) -> None:
    learner, code = store.learners.create("Zoé N’Diaye-Łukasiewicz", "zoe@example.org")
    sloppy = f"  {code.lower().replace('-', ' ')} "
    found = store.learners.by_code(sloppy)
    assert found == learner and found.name == "Zoé N’Diaye-Łukasiewicz"
    assert store.learners.by_code("AAAA-AAAA") is None
    assert store.learners.by_code("n'importe quoi") is None


def test_the_database_keeps_a_digest_of_the_resume_code_never_the_code(store: Store) -> None:
    _, code = store.learners.create("Léa")
    with store.transaction() as db:
        row = db.exec_driver_sql("SELECT * FROM learners").one()
    assert code not in [str(value) for value in row]


def test_a_new_resume_code_replaces_the_old_one(store: Store) -> None:
    learner, old = store.learners.create("Léa")
    new = store.learners.new_resume_code(learner.id)
    assert store.learners.by_code(old) is None
    assert store.learners.by_code(new) == learner


def test_module_time_adds_up_and_completion_keeps_its_first_date(store: Store) -> None:
    learner, _ = store.learners.create("Léa")
    store.learners.record_visit(learner.id, "bases", 0, NOW)
    store.learners.record_visit(learner.id, "bases", 90, NOW + timedelta(minutes=2))
    store.learners.complete_lesson(learner.id, "bases", NOW + timedelta(minutes=3))
    store.learners.complete_lesson(
        learner.id, "bases", NOW + timedelta(minutes=9)
    )  # a double click
    visit = store.learners.visits(learner.id)["bases"]
    assert (visit.first_at, visit.seconds, visit.completed_at) == (
        NOW,
        90,
        NOW + timedelta(minutes=3),
    )
    assert visit.last_at == NOW + timedelta(minutes=9)


def test_two_tabs_recording_visits_at_once_lose_no_time(store: Store) -> None:
    learner, _ = store.learners.create("Léa")
    threads = [
        threading.Thread(target=store.learners.record_visit, args=(learner.id, "bases", 10))
        for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.learners.visits(learner.id)["bases"].seconds == 200


def test_exercise_answers_keep_the_latest_version(store: Store) -> None:
    learner, _ = store.learners.create("Léa")
    store.learners.save_exercise(learner.id, "quel-reseau", {"reseaux": ["facebook"]})
    store.learners.save_exercise(learner.id, "quel-reseau", {"reseaux": ["facebook", "linkedin"]})
    assert store.learners.exercise_answers(learner.id) == {
        "quel-reseau": {"reseaux": ["facebook", "linkedin"]}
    }


def test_a_certificate_is_issued_once_and_verified_by_its_code(store: Store) -> None:
    learner, _ = store.learners.create("Zoé")
    first = store.certificates.issue(learner, "Formation", 87.5, ["Les bases"], NOW)
    again = store.certificates.issue(learner, "Formation", 95.0, ["Les bases"], NOW)
    assert again == first and first.percent == 87.5
    assert store.certificates.by_code(first.code.lower()) == first
    assert store.certificates.by_code("ZZZZ-ZZZZ") is None


def test_learners_never_reach_each_other_s_records(store: Store) -> None:
    zoe, zoe_code = store.learners.create("Zoé")
    leo, leo_code = store.learners.create("Léo")
    store.learners.save_exercise(zoe.id, "quel-reseau", {"secret": "Zoé"})
    assert store.learners.by_code(leo_code) == leo
    assert store.learners.exercise_answers(leo.id) == {}
    assert zoe_code != leo_code


def test_a_learner_s_data_can_be_downloaded_then_erased(store: Store) -> None:
    learner, _ = store.learners.create("Zoé", "zoe@example.org")
    store.learners.record_visit(learner.id, "bases", 30, NOW)
    attempt = Attempt.start(QUIZ, "hash", learner.id, now=NOW)
    store.attempts.save_new(attempt)
    attempt = store.attempts.record_step(attempt, 1, "answer", "vrai-faux", False)
    attempt = store.attempts.record_step(attempt, 2, "submit")
    store.attempts.finish(attempt, attempt.grade(QUIZ))
    store.learners.save_exercise(learner.id, "quel-reseau", {"reseaux": ["facebook"]})
    certificate = store.certificates.issue(learner, "Formation", 90, ["Les bases"], NOW)
    data = learner_data(store, learner.id)
    assert data["apprenant"]["nom"] == "Zoé" and data["apprenant"]["email"] == "zoe@example.org"
    assert data["modules"]["bases"]["secondes"] == 30
    assert data["quiz"][0]["réponses"] == {"vrai-faux": False}
    assert data["exercices"] == {"quel-reseau": {"reseaux": ["facebook"]}}
    assert data["attestation"]["code"] == certificate.code
    assert store.certificates.codes() == {certificate.code}
    assert store.learners.delete(learner.id)
    assert store.learners.get(learner.id) is None
    assert store.certificates.by_code(certificate.code) is None
    assert store.certificates.codes() == set()
    assert store.attempts.finished(learner.id) == []
    with store.transaction() as db:
        for table in ("attempts", "attempt_steps", "lesson_visits", "exercise_answers"):
            assert db.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar() == 0, table


def test_the_retention_period_erases_only_inactive_learners(store: Store) -> None:
    old, _ = store.learners.create("Ancien", now=NOW - timedelta(days=800))
    kept, _ = store.learners.create("Récent", now=NOW - timedelta(days=800))
    store.learners.seen(kept.id, NOW - timedelta(days=3))
    assert store.learners.purge_inactive(NOW - timedelta(days=730)) == 1
    assert store.learners.get(old.id) is None and store.learners.get(kept.id) == kept


def test_failures_are_counted_per_scope_and_client_within_the_window(store: Store) -> None:
    for minutes in (50, 5, 0):
        Guard(store, "resume").enter("192.0.2.1", NOW - timedelta(minutes=minutes))
    Guard(store, "verify").enter("192.0.2.1", NOW)
    Guard(store, "resume").enter("192.0.2.2", NOW)
    client = client_key("192.0.2.1", store.secret)
    assert store.failures.count_since("resume", client, NOW - timedelta(minutes=15)) == 2
