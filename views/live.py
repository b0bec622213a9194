"""What live questions share between the trainer's screen and the participants' phones.

Phones and the trainer's dashboard learn about a change (a question launched, closed or
revealed) by polling the database once a second in a small fragment; the page reruns only when
something changed. The poll is cached for half a second per server, so fifty phones cost two
queries a second, not fifty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import streamlit as st

from course.content import Course
from course.models import Question, Quiz
from course.workshops import LiveQuestion, Workshops
from views.common import get_store
from views.resilience import database_guarded

POLL_EVERY = timedelta(seconds=1)


@st.cache_data(ttl=0.5, show_spinner=False, max_entries=200)
def live_signature(workshop_id: str) -> tuple[str, str] | None:
    """(question id, state) of the workshop's latest question, or a closed workshop's mark."""
    workshops = Workshops(get_store())
    workshop = workshops.workshop(workshop_id)
    if workshop is None or not workshop.open:
        return ("", "workshop-closed")
    current = workshops.current_question(workshop_id)
    return None if current is None else (current.id, current.state)


def signature_of(current: LiveQuestion | None) -> tuple[str, str] | None:
    return None if current is None else (current.id, current.state)


def watch(
    workshop_id: str, drawn: tuple[str, str] | None, extra: Callable[[], None] | None = None
) -> None:
    """Rerun the page as soon as the workshop's live question changes from what was drawn.

    `extra` runs inside the polling fragment, e.g. to refresh an answer count.
    """

    @st.fragment(run_every=POLL_EVERY)
    @database_guarded("live")
    def poll() -> None:
        if live_signature(workshop_id) != drawn:
            st.rerun(scope="app")
        if extra is not None:
            extra()

    poll()


def find_question(course: Course, quiz_id: str, question_id: str) -> tuple[Quiz, Question] | None:
    """The quiz and question a live question refers to (None if the content changed since)."""
    quiz = course.quizzes.get(quiz_id)
    if quiz is None:
        return None
    question = next((q for q in quiz.questions if q.id == question_id), None)
    return None if question is None else (quiz, question)
