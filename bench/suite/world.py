"""The world the pages are measured in: a fresh store, learners, attempts and workshops.

Besides the learner of each page, BURST_SESSIONS participants, each with a started quiz and a
few modules visited and done (0 to 5, so « Mon parcours » differs from one to the next), all
joined to one workshop (`room`) whose live question is open and half answered: the page bursts,
the trainer's dashboard and the phones polling it (bench/suite/bursts.py, phones.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from bench.suite.plan import BURST_SESSIONS, PASSWORD
from course.content.course import Course
from course.content.loader import content_dir_from_env, load_course
from course.storage.learners import Learner
from course.storage.secret import server_secret
from course.storage.store import Store
from course.workshop.workshops import Workshop, Workshops

# --- The world the pages are measured in ----------------------------------------------------


@dataclass
class World:
    """A temporary data folder with the learners each page needs, and the course."""

    folder: Path
    course: Course
    store: Store
    quiz_code: str = ""
    results_code: str = ""
    journey_code: str = ""
    burst_codes: list[str] = field(default_factory=list)
    burst_learners: list[Learner] = field(default_factory=list)
    room: Workshop | None = None  # the burst learners joined, a live question open

    @property
    def env(self) -> dict[str, str]:
        return {
            "COURSE_DATA_DIR": str(self.folder / "data"),
            "COURSE_STATIC_DIR": str(self.folder / "static"),
            "COURSE_DATABASE_URL": "",  # the SQLite file of COURSE_DATA_DIR, whatever is set
            "COURSE_TRAINER_PASSWORD": PASSWORD,
        }

    def logs(self) -> Path:
        path = self.folder / "logs"
        path.mkdir(exist_ok=True)
        return path


def build_world(folder: Path) -> World:
    from bench.suite_data import (
        finished_attempt,
        learner_with_progress,
        live_workshop,
        started_attempt,
    )

    (folder / "data").mkdir()
    (folder / "static").mkdir()
    course = load_course(content_dir_from_env())
    # The servers' secret (the data folder's, unless one is configured): codes digested alike.
    secret = server_secret(folder=folder / "data")
    store = Store(f"sqlite:///{folder / 'data' / 'course.sqlite3'}", secret=secret)
    world = World(folder, course, store)
    learner, world.quiz_code = store.learners.create("Dominique Quiz")
    started_attempt(store, course, "bases", learner.id, answered=2)
    learner, world.results_code = store.learners.create("Sacha Résultats")
    finished_attempt(store, course, "bases", learner.id, random.Random(1))
    _, world.journey_code = learner_with_progress(store, course, modules=5)
    for number in range(BURST_SESSIONS):
        learner, code = store.learners.create(f"Participant {number + 1:02d}")
        started_attempt(store, course, "bases", learner.id, answered=2)
        for lesson in course.lessons[: number % 6]:
            store.learners.record_visit(learner.id, lesson.id, 0)
            store.learners.record_visit(learner.id, lesson.id, 600 + 60 * number)
            store.learners.complete_lesson(learner.id, lesson.id)
        world.burst_codes.append(code)
        world.burst_learners.append(learner)
    world.room = Workshops(store).open_workshop("Salle du banc d'essai")
    live_workshop(store, course, world.room.id, world.burst_learners, BURST_SESSIONS // 2)
    return world
