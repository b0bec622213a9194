"""Logs say what happened without personal data: no name, email, code or address in a line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from course.logs import (
    LOGGER_NAME,
    configure_logging,
    log_certificate_issued,
    log_database_error,
    log_event,
    log_level,
    log_refused,
    log_resume,
    log_sign_up,
    log_workshop_joined,
    pseudonym,
)
from course.storage.store import Store
from course.workshop.workshops import Workshops

NAME, EMAIL = "Zoé Martin-Lefèvre", "zoe.martin@asso-exemple.fr"


@pytest.fixture(autouse=True)
def default_level() -> Iterator[None]:
    """Each test leaves the `course` logger at its default level."""
    yield
    configure_logging({})


@pytest.fixture
def course_logger() -> Iterator[io.StringIO]:
    """The configured `course` logger, its handler writing to a buffer for the test."""
    logger = configure_logging({"COURSE_LOG_LEVEL": "INFO"})
    handler = next(
        h
        for h in logger.handlers
        if isinstance(h, logging.StreamHandler) and getattr(h, "course_logs_handler", False)
    )
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_sign_up_certificate_and_workshop_lines_name_no_one(
    store: Store, caplog: pytest.LogCaptureFixture, course_logger: io.StringIO
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    learner, resume_code = store.learners.create(NAME, EMAIL)
    log_sign_up(learner.id, with_email=True)
    log_resume(learner.id)
    certificate = store.certificates.issue(
        learner, "Formation aux réseaux sociaux", 87.5, ["bases"]
    )
    log_certificate_issued(learner.id, certificate.percent)
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier de Zoé")
    workshops.join(workshop.id, learner.id, "Zoé")
    log_workshop_joined(workshop.id, learner.id)

    lines = [record.getMessage() for record in caplog.records]
    assert [line.split()[0] for line in lines] == [
        "sign_up",
        "resume",
        "certificate_issued",
        "workshop_joined",
    ]
    written = caplog.text + course_logger.getvalue()
    secrets = [NAME, "Zoé", "Martin", EMAIL, "asso-exemple", resume_code, certificate.code]
    secrets += [workshop.code, learner.id, workshop.id, "Atelier"]
    assert not [secret for secret in secrets if secret in written]
    # …yet one learner can be followed from line to line.
    assert all(f"learner={pseudonym(learner.id)}" in line for line in lines)
    assert "percent=87.5" in lines[2] and f"workshop={pseudonym(workshop.id)}" in lines[3]
    assert course_logger.getvalue().count("\n") == 4  # the configured handler wrote each line


def test_free_text_is_refused_as_a_log_detail() -> None:
    with pytest.raises(ValueError, match="free text"):
        log_event("sign_up", note=NAME)
    with pytest.raises(ValueError, match="free text"):
        log_event("code_refused", typed="K7QF-29XM")
    with pytest.raises(ValueError, match="event names"):
        log_event("Bienvenue Zoé")


def test_a_code_email_or_address_in_any_course_message_is_masked(
    course_logger: io.StringIO,
) -> None:
    logging.getLogger("course.certificates.pdf").warning(
        "Badge not written for %s (%s, from %s, workshop %s)",
        "K7QF-29XM",
        EMAIL,
        "203.0.113.42",
        "K7Q-F29",
    )
    line = course_logger.getvalue()
    assert "Badge not written for [masqué]" in line
    assert not [s for s in ("K7QF-29XM", EMAIL, "203.0.113.42", "K7Q-F29") if s in line]


def test_refusals_and_database_errors_say_what_not_who(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    log_refused("resume")
    log_refused("trainer", blocked=True)
    error = RuntimeError(f"could not insert {NAME} <{EMAIL}>")
    log_database_error(error, where="page")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "code_refused scope=resume"),
        ("WARNING", "guard_blocked scope=trainer"),
        ("ERROR", "database_error kind=runtimeerror where=page"),
    ]


@pytest.mark.parametrize(
    ("setting", "level"),
    [
        (None, logging.INFO),
        ("debug", logging.DEBUG),
        (" WARNING ", logging.WARNING),
        ("ERROR", logging.ERROR),
        ("bavard", logging.INFO),  # unknown: the default, never a crash at start-up
    ],
)
def test_the_level_comes_from_course_log_level(setting: str | None, level: int) -> None:
    environ = {} if setting is None else {"COURSE_LOG_LEVEL": setting}
    assert log_level(environ) == level
    assert configure_logging(environ).level == level
    assert len(configure_logging(environ).handlers) == 1  # configured twice, one handler
