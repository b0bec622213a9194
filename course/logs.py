"""Logs that say what happened, never who: events of the `course` logger, learners pseudonymised.

One line per event, `event key=value …`, on stderr (where `streamlit run`, systemd and Docker
collect it). A learner appears only as a short digest of their id, the same in every line, so
an administrator can follow one record without seeing a name, an email, a code or an address.
Details are numbers, booleans or content identifiers (quiz, module); free text is refused.
A last filter masks anything shaped like a code or an email that a message might still carry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from collections.abc import Mapping

LOGGER_NAME = "course"
LEVEL_VARIABLE = "COURSE_LOG_LEVEL"
DEFAULT_LEVEL = "INFO"
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

EVENTS = logging.getLogger(f"{LOGGER_NAME}.events")
_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_.]*$")
# Content identifiers (quiz ids, module slugs, scopes): lower-case ASCII, digits and dashes.
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# What must never reach a log line, should a message carry it anyway: resume and certificate
# codes (K7QF-29XM), join codes (K7Q-F29), emails, IPv4 and IPv6 addresses (full, or with ::).
_HEX_GROUPS = r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*"
_SECRETS = (
    re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}\b"),
    re.compile(r"\b[0-9A-Z]{3}-[0-9A-Z]{3}\b"),
    re.compile(r"[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+"),
    re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b"),
    re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"),
    re.compile(rf"(?<![\w:])(?:{_HEX_GROUPS})?::(?:{_HEX_GROUPS})?(?:%\w+)?(?![\w:])"),
)
_HANDLER_MARK = "course_logs_handler"

Detail = int | float | bool | str | None


def _masked(text: str) -> str:
    for pattern in _SECRETS:
        text = pattern.sub("[masqué]", text)
    return text


class Redact(logging.Filter):
    """Masks codes, emails and IPv4 addresses in a record's final message, and in the text of
    its exception and stack (an OSError quotes a file name, a driver's error a value)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = _masked(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:  # the formatter prints exc_text as it is, once it is set
            record.exc_text = _masked(record.exc_text)
        if record.stack_info:
            record.stack_info = _masked(record.stack_info)
        return True


def log_level(environ: Mapping[str, str] | None = None) -> int:
    """The level named by $COURSE_LOG_LEVEL (DEBUG, INFO, WARNING, ERROR), INFO by default."""
    name = (environ if environ is not None else os.environ).get(LEVEL_VARIABLE) or DEFAULT_LEVEL
    level = logging.getLevelName(name.strip().upper())
    return level if isinstance(level, int) else logging.INFO


def configure_logging(environ: Mapping[str, str] | None = None) -> logging.Logger:
    """The `course` logger at $COURSE_LOG_LEVEL, writing one line per record to stderr, with the
    redacting filter; calling it again only updates the level."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(log_level(environ))
    if not any(getattr(handler, _HANDLER_MARK, False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        handler.addFilter(Redact())
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)  # Streamlit leaves the root logger alone: no double lines
    return logger


def pseudonym(identifier: str) -> str:
    """A short, stable digest of an id (learner, workshop): the same record, never its name."""
    return hashlib.sha256(f"course-log:{identifier}".encode()).hexdigest()[:12]


def _value(key: str, value: Detail) -> str:
    if value is None or isinstance(value, bool | int | float):
        return str(value)
    if _IDENTIFIER.match(value):
        return value
    raise ValueError(f"log detail {key!r} is free text: pass an identifier, a number or a flag")


def log_event(
    event: str,
    *,
    learner_id: str | None = None,
    workshop_id: str | None = None,
    level: int = logging.INFO,
    **details: Detail,
) -> None:
    """Log `event` (e.g. `sign_up`) with the learner and workshop pseudonymised; `details` are
    numbers, flags or content identifiers (quiz=bases), never names or codes."""
    if not _EVENT_NAME.match(event):
        raise ValueError(f"event names are lower-case identifiers, not {event!r}")
    parts = [event]
    if learner_id is not None:
        parts.append(f"learner={pseudonym(learner_id)}")
    if workshop_id is not None:
        parts.append(f"workshop={pseudonym(workshop_id)}")
    parts += [f"{key}={_value(key, value)}" for key, value in sorted(details.items())]
    EVENTS.log(level, " ".join(parts))


# --- The events the app reports -------------------------------------------------------------


def log_sign_up(learner_id: str, with_email: bool) -> None:
    """A learner started a record."""
    log_event("sign_up", learner_id=learner_id, email_given=with_email)


def log_resume(learner_id: str) -> None:
    """A resume code opened a learner's record."""
    log_event("resume", learner_id=learner_id)


def log_refused(scope: str, blocked: bool = False) -> None:
    """A wrong code or password (scope: resume, verify, workshop, trainer); `blocked` when the
    client has used up its tries."""
    log_event("guard_blocked" if blocked else "code_refused", scope=scope, level=logging.WARNING)


def log_attempt_finished(learner_id: str, quiz_id: str, percent: float, passed: bool) -> None:
    """A quiz attempt was submitted and graded."""
    log_event(
        "attempt_finished",
        learner_id=learner_id,
        quiz=quiz_id,
        percent=round(percent, 1),
        passed=passed,
    )


def log_certificate_issued(learner_id: str, percent: float) -> None:
    """A learner's certificate was issued (or handed out again)."""
    log_event("certificate_issued", learner_id=learner_id, percent=round(percent, 1))


def log_workshop_joined(workshop_id: str, learner_id: str) -> None:
    """A participant joined a live workshop."""
    log_event("workshop_joined", learner_id=learner_id, workshop_id=workshop_id)


def log_learner_erased(learner_id: str) -> None:
    """A learner erased their record (right to erasure)."""
    log_event("learner_erased", learner_id=learner_id)


def log_database_error(error: BaseException, where: str = "page") -> None:
    """The database failed: its kind only (the driver's message may quote names or codes)."""
    log_event("database_error", kind=type(error).__name__.lower(), where=where, level=logging.ERROR)
