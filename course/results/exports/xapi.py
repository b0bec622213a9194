"""Group results as xAPI 1.0.3 statements, for a learning record store (LRS).

One « answered » statement per question of a finished attempt, then « passed » or « failed »
for the attempt; one « answered » per live answer; one « completed » per learner who completed
the course (course/journey/progress.py). Each statement's id is a UUID derived from the row it comes
from, so exporting again gives the same ids and the LRS keeps each statement once.

Actors are accounts on the course's public address (reglages.yaml `certificate.public_url`,
or $COURSE_PUBLIC_URL), named by the learner's id; activity ids live under that address.
Answers to questions no longer in the quiz are left out (their text and points are unknown).
Every text (names, typed answers, titles) is cleaned so that any consumer takes the JSON: no
control character but tab, line feed and carriage return, no lone UTF-16 surrogate.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from course.content.questions import Question
from course.journey.links import public_url
from course.quiz.response_text import describe_response
from course.results.data import AttemptRecord, LiveAnswerRecord
from course.results.group import GroupResults, Participant, find_question, quiz_title

XAPI_VERSION = "1.0.3"
LANGUAGE = "fr-FR"
# Fixed forever: statement ids are UUIDs in this namespace, derived from the source rows.
STATEMENT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:formation-reseaux-sociaux:xapi")
VERBS = {
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "a répondu"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "a réussi"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "a échoué"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "a terminé"),
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "workshop": "http://adlnet.gov/expapi/activities/meeting",
}

# Valid in JSON once escaped, yet refused by many consumers (PostgreSQL jsonb refuses \u0000,
# XML-based stores every C0 control): C0 controls but tab, LF and CR, DEL and the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Halves of UTF-16 surrogate pairs: a lone one cannot be encoded in UTF-8 at all.
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text every JSON consumer accepts: control characters (but tab, line feed, carriage
    return) dropped; surrogate halves that make a pair joined, a lone one replaced by U+FFFD."""
    if _SURROGATES.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROLS.sub("", text)


def _cleaned(value: Any) -> Any:
    """A statement, or any part of one, with every text (keys too) through clean_text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(item) for item in value]
    return value


def statement_id(*source: str) -> str:
    """The same UUID for the same source row, at every export."""
    return str(uuid.uuid5(STATEMENT_NAMESPACE, "\x1f".join(source)))


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration: 252 → « PT4M12S », 3725.5 → « PT1H2M5.5S »."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, fraction = divmod(rest, 100)
    second_text = f"{whole}.{fraction:02d}".rstrip("0").rstrip(".") if fraction else str(whole)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    return "PT" + "".join(parts) + (f"{second_text}S" if rest or not (hours or minutes) else "")


def iso_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds: « 2026-11-23T10:00:00.000Z »."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StatementBuilder:
    """Statements of one set of group results, under one public address."""

    def __init__(self, results: GroupResults) -> None:
        self.results = results
        self.base = public_url(results.course.settings)
        info = results.course.info
        self.course_title = info.title if info else "Formation aux réseaux sociaux"
        self.names = {p.learner_id: p.name for p in results.participants}

    # --- Parts ------------------------------------------------------------------------------

    def actor(self, learner_id: str) -> dict[str, Any]:
        return {
            "objectType": "Agent",
            "name": self.names.get(learner_id, learner_id),
            "account": {"homePage": self.base, "name": learner_id},
        }

    def activity(self, kind: str, path: str, name: str) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/xapi/{path}",
            "definition": {"name": {LANGUAGE: name}, "type": ACTIVITY_TYPES[kind]},
        }

    def course_activity(self) -> dict[str, Any]:
        return self.activity("course", "cours", self.course_title)

    def quiz_activity(self, quiz_id: str) -> dict[str, Any]:
        title = quiz_title(self.results.course, quiz_id)
        return self.activity("quiz", f"quiz/{quote(quiz_id, safe='')}", title)

    def question_activity(self, quiz_id: str, question: Question) -> dict[str, Any]:
        path = f"quiz/{quote(quiz_id, safe='')}/question/{quote(question.id, safe='')}"
        return self.activity("question", path, question.prompt)

    def workshop_activity(self, workshop_id: str, title: str) -> dict[str, Any]:
        return self.activity("workshop", f"atelier/{quote(workshop_id, safe='')}", title)

    @staticmethod
    def verb(key: str) -> dict[str, Any]:
        verb_id, display = VERBS[key]
        return {"id": verb_id, "display": {LANGUAGE: display}}

    @staticmethod
    def score(raw: float, maximum: float) -> dict[str, float]:
        scaled = min(1.0, max(0.0, raw / maximum)) if maximum > 0 else 0.0
        return {"scaled": round(scaled, 4), "raw": raw, "min": 0.0, "max": maximum}

    def statement(
        self, key: tuple[str, ...], learner_id: str, verb: str, target: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "id": statement_id(*key),
            "version": XAPI_VERSION,
            "actor": self.actor(learner_id),
            "verb": self.verb(verb),
            "object": target,
        }

    # --- Statements -------------------------------------------------------------------------

    def answered_in_attempt(
        self, record: AttemptRecord, question: Question, fraction: float
    ) -> dict[str, Any]:
        attempt = record.finished
        return {
            **self.statement(
                ("attempt", attempt.id, "question", question.id),
                record.learner_id,
                "answered",
                self.question_activity(attempt.quiz_id, question),
            ),
            "result": {
                "score": self.score(fraction * question.points, float(question.points)),
                "success": fraction >= 1 - 1e-9,
                "completion": question.id in record.responses,
                "response": describe_response(question, record.responses.get(question.id)),
            },
            "timestamp": iso_timestamp(attempt.submitted_at),
            "context": self.context(attempt.id, parent=self.quiz_activity(attempt.quiz_id)),
        }

    def attempt_result(self, record: AttemptRecord) -> dict[str, Any]:
        attempt = record.finished
        duration = (attempt.submitted_at - attempt.started_at).total_seconds()
        return {
            **self.statement(
                ("attempt", attempt.id),
                record.learner_id,
                "passed" if attempt.passed else "failed",
                self.quiz_activity(attempt.quiz_id),
            ),
            "result": {
                "score": self.score(attempt.score, attempt.max_score),
                "success": attempt.passed,
                "completion": True,
                "duration": iso_duration(duration),
            },
            "timestamp": iso_timestamp(attempt.submitted_at),
            "context": self.context(attempt.id),
        }

    def live_answered(self, answer: LiveAnswerRecord, question: Question) -> dict[str, Any]:
        duration = (answer.answered_at - answer.launched_at).total_seconds()
        return {
            **self.statement(
                ("live", answer.live_question_id, answer.learner_id),
                answer.learner_id,
                "answered",
                self.question_activity(answer.quiz_id, question),
            ),
            "result": {
                "score": self.score(answer.points, float(question.points)),
                "success": answer.fraction >= 1 - 1e-9,
                "completion": True,
                "response": describe_response(question, answer.response),
                "duration": iso_duration(duration),
            },
            "timestamp": iso_timestamp(answer.answered_at),
            "context": self.context(
                None,
                parent=self.quiz_activity(answer.quiz_id),
                grouping=self.workshop_activity(answer.workshop_id, answer.workshop_title),
            ),
        }

    def completed(self, participant: Participant, at: datetime) -> dict[str, Any]:
        progress = participant.progress
        return {
            **self.statement(
                ("completed", participant.learner_id),
                participant.learner_id,
                "completed",
                self.course_activity(),
            ),
            "result": {
                "score": self.score(progress.score, 100.0),
                "success": True,
                "completion": True,
                "duration": iso_duration(progress.seconds),
            },
            "timestamp": iso_timestamp(at),
            "context": {"language": LANGUAGE, "platform": self.course_title},
        }

    def context(
        self,
        attempt_id: str | None,
        parent: dict[str, Any] | None = None,
        grouping: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The course as grouping; the quiz as parent of a question; one registration (a UUID)
        per attempt, shared by its statements."""
        activities: dict[str, Any] = {"grouping": [self.course_activity()]}
        if grouping is not None:
            activities["grouping"].append(grouping)
        if parent is not None:
            activities["parent"] = [parent]
        context: dict[str, Any] = {
            "contextActivities": activities,
            "language": LANGUAGE,
            "platform": self.course_title,
        }
        if attempt_id is not None:
            context["registration"] = statement_id("registration", attempt_id)
        return context


def _completion_moment(participant: Participant) -> datetime | None:
    """When the course was completed: the latest counted attempt or module completion."""
    progress = participant.progress
    standings = [m.quiz for m in progress.modules] + [progress.exam]
    moments = [s.counted.submitted_at for s in standings if s is not None and s.counted]
    moments += [m.visit.completed_at for m in progress.modules if m.visit and m.visit.completed_at]
    return max(moments, default=None)


def _statements(builder: StatementBuilder) -> Iterator[dict[str, Any]]:
    results = builder.results
    course = results.course
    for record in results.data.attempts:
        for question_id, fraction in record.fractions.items():
            question = find_question(course, record.finished.quiz_id, question_id)
            if question is not None:
                yield builder.answered_in_attempt(record, question, float(fraction))
        yield builder.attempt_result(record)
    for answer in results.data.live_answers:
        question = find_question(course, answer.quiz_id, answer.question_id)
        if question is not None:
            yield builder.live_answered(answer, question)
    for participant in results.participants:
        moment = _completion_moment(participant)
        if participant.progress.complete and moment is not None:
            yield builder.completed(participant, moment)


def xapi_statements(results: GroupResults) -> list[dict[str, Any]]:
    """Every statement of the group's results, oldest source rows first, its texts cleaned."""
    return [_cleaned(statement) for statement in _statements(StatementBuilder(results))]


def xapi_json(results: GroupResults) -> bytes:
    """The statements as a JSON list (UTF-8), ready to POST to an LRS's /statements."""
    text = json.dumps(xapi_statements(results), ensure_ascii=False, indent=2)
    return text.encode("utf-8")
