"""What live questions share between the trainer's screen and the participants' phones.

Both learn about a change (a question launched, closed or revealed) by polling once a second, in
a small fragment, the workshop's (question, state), cached for a quarter of a second per server:
however many screens poll, a server reads it at most four times a second per workshop.

A phone draws the live question inside its polling fragment (`follow`): a change is drawn by the
next poll, without rerunning the page, and the phone reads the database only when the cached
(question, state) differs from what it last drew. The trainer's dashboard (`watch`) reruns its
page when something changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import streamlit as st

from course.content.course import Course
from course.content.questions import Question, Quiz
from course.workshop.questions import LiveQuestion, LiveQuestions
from course.workshop.workshops import Workshops
from views.kept import get_store
from views.resilience import database_guarded

# Measured with bench/live_latency.py (bench/RESULTS-live.md): polling every half second saves
# a quarter of a second with 5 phones, nothing with 30 (the phones redraw twice as often) and
# costs the server half as much CPU again; the shorter cache costs at most 4 reads a second.
POLL_EVERY = timedelta(seconds=1)
SIGNATURE_TTL = 0.25  # seconds; the database reads per server and workshop stay bounded by it
WORKSHOP_CLOSED = ("", "workshop-closed")
PHONE_FRAGMENT = "question-en-direct"  # the phone's polling fragment, for tests

T = TypeVar("T")


@st.cache_data(ttl=SIGNATURE_TTL, show_spinner=False, max_entries=200)
def live_signature(workshop_id: str) -> tuple[str, str] | None:
    """(question id, state) of the workshop's latest question, or a closed workshop's mark."""
    store = get_store()
    workshop = Workshops(store).workshop(workshop_id)
    if workshop is None or not workshop.open:
        return WORKSHOP_CLOSED
    current = LiveQuestions(store).current_question(workshop_id)
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


def follow(
    workshop_id: str, state_key: str, load: Callable[[], T], draw: Callable[[T], None]
) -> None:
    """Draw the workshop's live question inside a polling fragment, so a change needs no page rerun.

    At every poll `draw` redraws the fragment (its widgets keep their keys, so a choice not yet
    sent survives the poll) from what `load` read. `load` reads the database only on a page run
    and when the cached (question, state) changed since; its result is kept in the session
    under `state_key`, and `draw` may update it (an answer just stored). When the workshop
    closes, the page reruns (and no longer follows it).
    """

    @st.fragment(run_every=POLL_EVERY, key=PHONE_FRAGMENT)
    @database_guarded("live")
    def poll() -> None:
        signature = live_signature(workshop_id)
        if signature == WORKSHOP_CLOSED:
            st.rerun(scope="app")
        seen = st.session_state.get(state_key)
        if seen is None or seen[0] != signature:
            seen = (signature, load())
            st.session_state[state_key] = seen
        draw(seen[1])

    st.session_state.pop(state_key, None)  # a page run reads the database afresh
    poll()


def find_question(course: Course, quiz_id: str, question_id: str) -> tuple[Quiz, Question] | None:
    """The quiz and question a live question refers to (None if the content changed since)."""
    quiz = course.quizzes.get(quiz_id)
    if quiz is None:
        return None
    question = next((q for q in quiz.questions if q.id == question_id), None)
    return None if question is None else (quiz, question)
