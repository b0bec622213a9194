"""Writes one visitor can cause are capped: answers per attempt, sign-ups per connection, and a
certificate PDF is built once and reused until what it prints changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from course.certificates import pdf as pdf_module
from course.certificates.data import CertificateData
from course.certificates.stored_pdf import certificate_pdf
from course.content.loader import load_quiz
from course.quiz.attempts import ANSWERS_PER_QUESTION, Attempt
from course.storage.guard import POLICIES, Guard
from course.storage.store import Store
from tests.helpers import EVERY_TYPE_QUIZ

QUIZ = load_quiz(EVERY_TYPE_QUIZ)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_an_attempt_stores_at_most_twenty_answers_per_question(store: Store) -> None:
    learner = store.learners.add("Zoé")
    attempt = Attempt.start(QUIZ, "h", learner, NOW)
    store.attempts.save_new(attempt)
    question = attempt.question_ids[0]
    most = ANSWERS_PER_QUESTION * len(attempt.question_ids)
    assert most == 20 * len(QUIZ.questions)
    for _ in range(most + 5):  # a script pressing « Valider » again and again
        attempt = store.attempts.record_step(attempt, attempt.next_step, "answer", question, 1)
    stored = store.attempts.load(attempt.id)
    assert stored is not None and len(stored.steps) == most and stored.answers_full
    submitted = store.attempts.record_step(stored, stored.next_step, "submit")
    assert submitted.submitted  # the learner can still finish and see their score


def test_sign_ups_from_one_connection_are_slowed_after_forty_an_hour(store: Store) -> None:
    guard = Guard(store, "signup")
    room = "203.0.113.7"
    allowed = [guard.enter(room, NOW + timedelta(seconds=n)).allowed for n in range(45)]
    assert allowed == [True] * POLICIES["signup"].limit + [False] * 5
    refused = guard.enter(room, NOW + timedelta(seconds=50))
    assert timedelta(0) < refused.wait <= timedelta(seconds=30)
    assert guard.enter("198.51.100.1", NOW).allowed  # another connection signs up freely


DATA = CertificateData(
    learner_name="Zoé Martin",
    course_title="Formation aux réseaux sociaux",
    completed_on=date(2026, 11, 23),
    percent=87.0,
    modules=("Bases",),
    organisation="Maison des associations",
    signatory_name="Camille Durand",
    signatory_role="Responsable",
    verification_code="",
    verification_url="https://formation.example.org/verification",
)


def test_the_certificate_pdf_is_built_once_and_again_only_when_it_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner, _ = store.learners.create("Zoé Martin")
    issued = store.certificates.issue(learner, "Formation aux réseaux sociaux", 87.0, ["Bases"])
    data = replace(DATA, verification_code=issued.code)
    builds: list[CertificateData] = []
    real_build = pdf_module.build_certificate_pdf

    def counted(printed: CertificateData) -> bytes:
        builds.append(printed)
        return real_build(printed)

    monkeypatch.setattr(pdf_module, "build_certificate_pdf", counted)
    first = certificate_pdf(store, data)
    assert first.startswith(b"%PDF") and certificate_pdf(store, data) == first
    assert len(builds) == 1  # downloaded twice, drawn once
    moved = replace(data, verification_url="https://nouvelle.example.org/verification")
    assert certificate_pdf(store, moved) != first and len(builds) == 2
    store.learners.delete(learner.id)  # erasure takes the kept PDF with the certificate
    assert store.certificates.pdf(issued.code, "") is None
    with store.transaction() as db:
        assert db.exec_driver_sql("SELECT count(*) FROM certificate_pdfs").scalar() == 0
