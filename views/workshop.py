"""Rejoindre un atelier: participants join the trainer's workshop on their phones and answer.

Joining needs a learner record (name and resume code, as everywhere in the course), so live
answers count in the participant's own record. The join code comes from the QR code's link
(`?atelier=K7Q-F29`) or is typed; wrong codes are slowed down per client.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from course.content.models import Scoring
from course.content.questions import Question
from course.formatting import format_number
from course.journey.learners import InvalidIdentity, clean_name
from course.logs import log_workshop_joined
from course.quiz.attempts import presented_order
from course.storage.guard import Guard, retry_in
from course.storage.learners import Learner
from course.text import escape_markdown
from course.workshop.live import right_answer_text, score_live_answer
from course.workshop.questions import LiveAnswer, LiveQuestion, LiveQuestions
from course.workshop.workshops import Workshop, Workshops, normalise_join_code
from views.identity import sign_in
from views.kept import get_course, get_store
from views.live import find_question, follow
from views.page import client_address, url_value
from views.quiz import UNANSWERED, question_widget, validated_response
from views.site import Site

URL_KEY = "atelier"
JOINED_KEY = "workshop:joined"
SEEN_KEY = "workshop:seen"  # what the polling fragment last read (views.live.follow)
TRIED_KEY = "workshop:tried"  # the live question whose form was sent at least once
LATE_KEY = "workshop:late"  # the live question whose answer came after it was closed


def workshop_page(site: Site) -> None:
    """Join a workshop with its code, then answer the live questions."""
    st.title("Rejoindre un atelier")
    learner = sign_in(
        "Pour participer à l'atelier, indiquez votre nom (il figurera sur votre attestation) "
        "ou reprenez votre parcours avec votre code personnel."
    )
    if learner is None:
        return
    workshops = Workshops(get_store())
    workshop = _joined(workshops, learner) or _join_form(workshops, learner)
    if workshop is not None:
        _live(LiveQuestions(get_store()), workshop, learner)


def _joined(workshops: Workshops, learner: Learner) -> Workshop | None:
    """The workshop this session joined, or the one in the link if the learner is a member."""
    workshop_id = st.session_state.get(JOINED_KEY)
    if workshop_id is None and url_value(URL_KEY):
        found = workshops.by_code(url_value(URL_KEY))
        workshop_id = found.id if found else None
    if workshop_id is None or not workshops.is_member(workshop_id, learner.id):
        return None
    return workshops.workshop(workshop_id)


def _first_name(name: str) -> str:
    return name.split()[0][:30] if name.split() else name[:30]


def _join_form(workshops: Workshops, learner: Learner) -> Workshop | None:
    with st.form("rejoindre"):
        typed = st.text_input(
            "Code de l'atelier",
            value=url_value(URL_KEY)[:12],
            max_chars=12,
            placeholder="K7Q-F29",
        )
        shown = st.text_input(
            "Nom affiché à la salle (prénom ou pseudonyme)",
            value=_first_name(learner.name),
            max_chars=30,
            help="Seul ce nom apparaît dans le classement projeté, jamais votre nom complet.",
        )
        sent = st.form_submit_button("Rejoindre l'atelier", type="primary")
    if not sent:
        return None
    guard = Guard(get_store(), "workshop")  # waits grow after 10 wrong codes (guard.POLICIES)
    attempt = guard.enter(client_address())
    if not attempt.allowed:
        st.error(
            f"Trop de codes erronés depuis cet appareil. {retry_in(attempt.wait)}",
            icon=":material/lock_clock:",
        )
        return None
    workshop = workshops.by_code(typed) if normalise_join_code(typed) else None
    if workshop is None:
        guard.failed(attempt)
        st.error(
            "Aucun atelier ne correspond à ce code. Vérifiez-le\u202f: il a la forme "
            "«\u00a0K7Q-F29\u00a0» et s'affiche sur l'écran du formateur.",
            icon=":material/error:",
        )
        return None
    guard.passed(attempt)
    if not workshop.open:
        st.warning("Cet atelier est terminé.", icon=":material/event_busy:")
        return None
    try:
        display_name = clean_name(shown)
    except InvalidIdentity:
        display_name = _first_name(learner.name)
    workshops.join(workshop.id, learner.id, display_name[:30])
    log_workshop_joined(workshop.id, learner.id)
    st.session_state[JOINED_KEY] = workshop.id
    st.query_params[URL_KEY] = workshop.code
    st.rerun()
    return None  # not reached: st.rerun() stops this run


@dataclass
class _Seen:
    """What the phone last read: the current live question and the participant's answer."""

    current: LiveQuestion | None
    answer: LiveAnswer | None


def _live(live: LiveQuestions, workshop: Workshop, learner: Learner) -> None:
    """The participant's screen: waiting, the open question, or the answer revealed."""
    st.caption(
        f"Atelier «\u00a0{escape_markdown(workshop.title)}\u00a0» · code {workshop.code} · "
        f"vous participez en tant que {escape_markdown(learner.name)}"
    )
    if not workshop.open:
        st.info("Cet atelier est terminé. Merci de votre participation\u202f!")
        return

    def load() -> _Seen:
        current = live.current_question(workshop.id)
        answer = None if current is None else live.answer_of(current.id, learner.id)
        return _Seen(current, answer)

    follow(workshop.id, SEEN_KEY, load, lambda seen: _live_question(live, seen, learner))


def _live_question(live: LiveQuestions, seen: _Seen, learner: Learner) -> None:
    """Drawn at every poll. One keyed container per question: when the question changes, its
    content is replaced as a whole (the key is distinct from the form's and the widgets')."""
    current = seen.current
    with st.container(key=f"question-direct-{current.id if current else 0}"):
        if current is None:
            st.info(
                "Vous avez rejoint l'atelier. La première question s'affichera ici dès que le "
                "formateur la lancera.",
                icon=":material/hourglass_top:",
            )
            return
        found = find_question(get_course(), current.quiz_id, current.question_id)
        if found is None:
            st.warning("Cette question n'existe plus dans le cours. Attendez la suivante.")
            return
        quiz, question = found
        st.subheader(f"Question {current.number}")
        st.markdown(question.prompt)
        if current.state == "revealed":
            _reveal(question, seen.answer)
        elif seen.answer is not None:
            _sent()
        elif current.state == "closed" or st.session_state.get(LATE_KEY) == current.id:
            _closed(late=st.session_state.get(LATE_KEY) == current.id)
        else:
            _answer_form(live, seen, current, question, quiz.scoring, learner)


def _sent() -> None:
    st.success(
        "Réponse envoyée. Le formateur révélera la bonne réponse dans un instant.",
        icon=":material/send:",
    )


def _closed(late: bool) -> None:
    if late:
        st.warning(
            "La question vient d'être close\u202f: votre réponse n'a pas pu être prise en compte."
        )
    st.info(
        "La question est close\u202f: les réponses ne sont plus acceptées. Attendez la "
        "révélation de la bonne réponse.",
        icon=":material/lock:",
    )


def _answer_form(
    live: LiveQuestions,
    seen: _Seen,
    current: LiveQuestion,
    question: Question,
    scoring: Scoring,
    learner: Learner,
) -> None:
    """The form, redrawn at every poll with the same keys while the question is the same, so a
    choice made but not sent stays selected. Sending it reruns the polling fragment only."""
    slot = st.empty()
    with slot.container(), st.form(f"live-form-{current.id}"):
        # Options in the author's order, lettered as on the projector; items to order and
        # right-hand sides still shuffled (the same way on every phone).
        order = presented_order(question, int(current.id[:12], 16), shuffle=False)
        response = question_widget(question, order, f"live-{current.id}", lettered=True)
        sent = st.form_submit_button("Envoyer ma réponse", type="primary")
    # An unusable response's message stays at the next polls (the form's values are the sent ones).
    if not sent and st.session_state.get(TRIED_KEY) != current.id:
        return
    st.session_state[TRIED_KEY] = current.id
    response = validated_response(question, response)
    if not sent or response is UNANSWERED:
        return
    fraction, points = score_live_answer(question, response, scoring)
    live.answer(current.id, learner.id, response, fraction, points)
    # Stored now, or earlier from another tab: sent. Neither: the question closed first.
    seen.answer = live.answer_of(current.id, learner.id)
    if seen.answer is None:
        st.session_state[LATE_KEY] = current.id
    with slot.container():
        if seen.answer is None:
            _closed(late=True)
        else:
            _sent()


def _reveal(question: Question, answer: LiveAnswer | None) -> None:
    st.markdown(f"**Bonne réponse\u202f:** {escape_markdown(right_answer_text(question))}")
    if answer is None:
        st.info("Vous n'avez pas répondu à cette question.")
    elif answer.fraction >= 1:
        st.success(
            f"Bravo, c'est juste\u202f! +{format_number(answer.points)} point(s)",
            icon=":material/celebration:",
        )
    elif answer.fraction > 0:
        st.warning(
            f"En partie juste\u202f: +{format_number(answer.points)} point(s)",
            icon=":material/adjust:",
        )
    else:
        st.error("Ce n'était pas la bonne réponse.", icon=":material/cancel:")
    st.info(question.explanation, icon=":material/lightbulb:")
