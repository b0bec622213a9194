"""The trainer's grid of paper answers (participant × question), each row graded and recorded.

A row is a participant's name and one typed cell per printed question number. Each row stands
alone: a row with a typo or an unknown name records nothing and says why, in French, by column
(« Nom » or the question's number); the other rows are recorded. The participant is the
workshop member of that exact name when a workshop is chosen, else the learner of that exact
name, created (with a resume code shown once) when there is none. A sheet typed twice for the
same participant is recorded once (course/paper/recording.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from course.content.questions import Quiz
from course.formatting import format_number, format_percent
from course.journey.learners import InvalidIdentity, clean_name
from course.paper.recording import (
    AttemptsUsedUp,
    record_paper_attempt,
    sheet_identity,
)
from course.paper.sheet_codes import sheet_code
from course.paper.typed_answers import read_row
from course.quiz.grading import QuizResult, ResponseError, grade_quiz
from course.storage.learners import Learner
from course.storage.store import Store
from course.workshop.workshops import Member, Workshops

MAX_ROWS = 200  # participants in one grid or one file
NAME_COLUMN = "Nom"
ROW_COLUMN = ""  # an error about the whole row, not one cell
Status = Literal["recorded", "already", "refused"]


@dataclass(frozen=True)
class GridRow:
    """One participant's line as typed: `line` numbers it in messages (the grid's row, or the
    file's line), `cells` holds the typed answers by printed question number."""

    line: int
    name: str
    cells: Mapping[str, str]

    def is_empty(self) -> bool:
        return not self.name.strip() and not any(cell.strip() for cell in self.cells.values())


@dataclass(frozen=True)
class RowOutcome:
    """What became of a row: recorded (with its grade), already recorded, or refused (with a
    French message per column); `new_code` is a new participant's resume code, shown once."""

    line: int
    name: str
    status: Status
    result: QuizResult | None = None
    errors: dict[str, str] = field(default_factory=dict)
    new_code: str | None = None

    def summary(self) -> str:
        """The row's outcome in one French sentence, for the trainer's result table."""
        if self.status == "refused":
            return " ".join(self.errors.values())
        assert self.result is not None
        grade = score_text(self.result)
        if self.status == "already":
            done = f"{grade}. Déjà enregistrée\u202f: cette feuille ne compte qu'une fois."
        else:
            done = f"{grade}. Enregistrée."
        if self.new_code is not None:
            done += (
                f" Nouveau participant\u00a0: code de reprise {self.new_code} "
                "(à lui remettre, il ne sera plus affiché)."
            )
        return done


def score_text(result: QuizResult) -> str:
    """The score in words, for example « 7 sur 10 (70 %), réussi »."""
    verdict = "réussi" if result.passed else "non réussi"
    return (
        f"{format_number(result.score, 2)} sur {format_number(result.max_score, 2)} "
        f"({format_percent(result.percent)}), {verdict}"
    )


def _refused(row: GridRow, column: str, message: str) -> RowOutcome:
    return RowOutcome(row.line, row.name.strip(), "refused", errors={column: message})


def _quoted(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


class _Participants:
    """Finds (or creates) the participant of a row: a chosen workshop's members first."""

    def __init__(self, store: Store, workshop_id: str | None) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self.members: list[Member] = (
            Workshops(store).roster(workshop_id) if workshop_id is not None else []
        )

    def find(self, name: str) -> list[Learner]:
        """Members of the workshop with exactly this name, else learners with it."""
        members = [m for m in self.members if m.name == name]
        if members:
            found = [self.store.learners.get(m.learner_id) for m in members]
            return [learner for learner in found if learner is not None]
        return self.store.learners.named(name)

    def create(self, name: str) -> tuple[Learner, str]:
        learner, code = self.store.learners.create(name)
        if self.workshop_id is not None:  # so the workshop's results and exports include them
            first = name.split()[0] if name.split() else name
            Workshops(self.store).join(self.workshop_id, learner.id, first[:30])
        return learner, code


def _record_row(
    store: Store,
    quiz: Quiz,
    quiz_hash: str,
    row: GridRow,
    name: str,
    participants: _Participants,
) -> RowOutcome:
    typed = read_row(quiz, row.cells)
    if typed.errors:
        return RowOutcome(row.line, name, "refused", errors=dict(typed.errors))
    try:
        result = grade_quiz(quiz, typed.responses)
    except ResponseError as problem:  # read_row gives well-formed responses: a safety net
        return _refused(row, ROW_COLUMN, str(problem))
    found = participants.find(name)
    if len(found) > 1:
        return _refused(
            row,
            NAME_COLUMN,
            f"{len(found)}\u00a0participants s'appellent {_quoted(name)}\u202f: choisissez "
            "l'atelier où chacun est inscrit, ou enregistrez cette feuille avec "
            "«\u00a0python -m course grade … --code CODE --record\u00a0».",
        )
    learner, new_code = (found[0], None) if found else participants.create(name)
    identity = sheet_identity(
        store.secret, learner.id, quiz.id, sheet_code(quiz.id, quiz_hash), typed.responses
    )
    try:
        recorded = record_paper_attempt(
            store, quiz, quiz_hash, learner, typed.responses, result, identity
        )
    except AttemptsUsedUp:
        return _refused(
            row,
            ROW_COLUMN,
            f"{_quoted(name)} a déjà fait les {quiz.max_attempts}\u00a0tentatives permises à "
            "ce quiz\u202f: rien n'a été enregistré.",
        )
    status: Status = "recorded" if recorded.new else "already"
    return RowOutcome(row.line, name, status, result, new_code=new_code)


def record_grid(
    store: Store,
    quiz: Quiz,
    quiz_hash: str,
    rows: Sequence[GridRow],
    workshop_id: str | None = None,
) -> list[RowOutcome]:
    """Grade and record every non-empty row; one outcome per row, in order.

    Raises ValueError (French) for more than MAX_ROWS participants: nothing is recorded.
    """
    filled = [row for row in rows if not row.is_empty()]
    if len(filled) > MAX_ROWS:
        raise ValueError(
            f"{len(filled)}\u00a0participants\u202f: {MAX_ROWS} au plus à la fois. "
            "Enregistrez-les en plusieurs fois."
        )
    participants = _Participants(store, workshop_id)
    seen: dict[str, int] = {}
    outcomes = []
    for row in filled:
        try:
            name = clean_name(row.name)
        except InvalidIdentity as problem:
            blank = not row.name.strip()
            message = "écrivez le nom du participant." if blank else str(problem)
            outcomes.append(_refused(row, NAME_COLUMN, f"Nom\u00a0: {message}"))
            continue
        if name in seen:
            outcomes.append(
                _refused(
                    row,
                    NAME_COLUMN,
                    f"Nom\u00a0: {_quoted(name)} figure déjà ligne {seen[name]}.",
                )
            )
            continue
        seen[name] = row.line
        outcomes.append(_record_row(store, quiz, quiz_hash, row, name, participants))
    return outcomes


def located(outcome: RowOutcome, noun: str = "Ligne") -> list[str]:
    """A refused row's messages, each prefixed by where it is, for example
    « Ligne 3, colonne « 2 » : … »."""
    where = f"{noun} {outcome.line}"
    return [
        f"{where}, colonne «\u00a0{column}\u00a0»\u00a0: {message}"
        if column
        else f"{where}\u00a0: {message}"
        for column, message in outcome.errors.items()
    ]
