"""Taking a quiz: one question at a time or all at once, answers saved as they are validated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, assert_never

import streamlit as st

from course.content.course import Course
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.formatting import (
    format_clock,
    format_minutes,
    format_number,
    format_percent,
    format_time_left,
)
from course.journey.progress import counted_attempt
from course.logs import log_attempt_finished
from course.quiz.attempts import Attempt, presented_order
from course.quiz.grading import QuizResult, grade_question, parse_french_number
from course.quiz.labels import option_letter
from course.storage.attempts import FinishedAttempt
from course.storage.store import Store
from views.identity import sign_in
from views.kept import get_store

TRUE_FALSE = ["Vrai", "Faux"]
UNANSWERED = object()


def question_widget(question: Question, order: list[int], key: str, lettered: bool = False) -> Any:
    """Draw the input for one question, its options in `order`; returns the response in
    `grade` form, or UNANSWERED. `lettered` prefixes options with A, B, C… (live questions)."""
    match question:
        case SingleChoice():
            picked = st.radio(
                "Votre réponse",
                order,
                index=None,
                key=key,
                format_func=_labeller(question, lettered),
            )
            return UNANSWERED if picked is None else picked
        case MultipleChoice():
            st.caption("Plusieurs réponses possibles.")
            label = _labeller(question, lettered)
            return [i for i in order if st.checkbox(label(i), key=f"{key}-{i}")]
        case TrueFalse():
            verdict = st.radio("Votre réponse", TRUE_FALSE, index=None, key=key, horizontal=True)
            return UNANSWERED if verdict is None else verdict == "Vrai"
        case Matching():
            return _matching_widget(question, order, key)
        case Ordering():
            return _ordering_widget(question, order, key)
        case ShortText() | Numeric():
            text = st.text_input("Votre réponse", key=key, max_chars=200)
            if isinstance(question, Numeric) and question.unit:
                st.caption(f"Unité\u202f: {question.unit}")
            return text if text.strip() else UNANSWERED
        case _:
            assert_never(question)


def _labeller(question: SingleChoice | MultipleChoice, lettered: bool) -> Callable[[int], str]:
    """An option's label by its index: its text, after its letter (A., B.…) on live questions."""

    def label(i: int) -> str:
        text = question.options[i].text
        return f"{option_letter(i)}. {text}" if lettered else text

    return label


def _matching_widget(question: Matching, order: list[int], key: str) -> Any:
    rights = [question.pairs[i].right for i in order]
    chosen = {
        pair.left: st.selectbox(
            pair.left, rights, index=None, key=f"{key}-{n}", placeholder="Choisir…"
        )
        for n, pair in enumerate(question.pairs)
    }
    return {left: right for left, right in chosen.items() if right is not None}


def _ordering_widget(question: Ordering, order: list[int], key: str) -> Any:
    items = [question.items[i] for i in order]
    st.caption("Choisissez l'élément qui va à chaque place, de la première à la dernière.")
    ranked = [
        st.selectbox(f"Place {n}", items, index=None, key=f"{key}-{n}", placeholder="Choisir…")
        for n in range(1, len(items) + 1)
    ]
    if None in ranked or len(set(ranked)) != len(ranked):
        return UNANSWERED
    return ranked


def validated_response(question: Question, response: Any) -> Any:
    """Check a response before saving it; shows a French message and returns UNANSWERED when unusable."""
    if response is UNANSWERED:
        message = (
            "Choisissez chaque élément une seule fois."
            if isinstance(question, Ordering)
            else "Répondez avant de valider."
        )
        st.warning(message)
        return UNANSWERED
    if isinstance(question, Numeric):
        try:
            parse_french_number(response)
        except ValueError:
            st.warning("Écrivez un nombre, par exemple 610 ou 1\u202f234,5.")
            return UNANSWERED
    return response


def _show_feedback(question: Question, response: Any, quiz: Quiz) -> None:
    fraction = grade_question(question, response, quiz.scoring)
    if fraction >= 1:
        st.success("Bonne réponse.", icon=":material/check_circle:")
    elif fraction > 0:
        st.warning(
            f"Réponse en partie juste ({format_percent(fraction * 100)}).",
            icon=":material/adjust:",
        )
    else:
        st.error("Ce n'est pas la bonne réponse.", icon=":material/cancel:")
    if isinstance(question, SingleChoice | MultipleChoice):
        picked = [response] if isinstance(response, int) else list(response)
        notes = [question.options[i].feedback for i in picked if question.options[i].feedback]
        for note in notes:
            st.markdown(f"- {note}")
    if isinstance(question, TrueFalse):
        note = question.feedback_true if response else question.feedback_false
        if note:
            st.markdown(note)
    st.info(question.explanation, icon=":material/lightbulb:")


def _ask(
    question: Question, number: int, total: int, attempt: Attempt, quiz: Quiz, store: Store
) -> Attempt:
    """One question in a form; validating saves the answer as the attempt's next step."""
    st.subheader(f"Question {number} sur {total}")
    with st.form(f"form-{attempt.id}-{question.id}"):
        st.markdown(question.prompt)
        order = presented_order(question, attempt.seed, quiz.shuffle)
        response = question_widget(question, order, f"{attempt.id}-{question.id}")
        sent = st.form_submit_button("Valider ma réponse", type="primary")
    if sent:
        response = validated_response(question, response)
        if response is not UNANSWERED and attempt.answers_full:
            st.warning(
                f"Cette tentative a déjà enregistré {attempt.most_answers}\u00a0réponses, le "
                "maximum\u202f: terminez-la pour voir votre score, puis recommencez le quiz "
                "si vous le souhaitez.",
                icon=":material/block:",
            )
        elif response is not UNANSWERED:
            attempt = store.attempts.record_step(
                attempt, attempt.next_step, "answer", question.id, response
            )
            if attempt.expired(datetime.now(UTC)):
                st.rerun()  # too late: the next run closes the attempt and says so
            if quiz.feedback == "immediate":
                _show_feedback(question, response, quiz)
            else:
                st.success("Réponse enregistrée.", icon=":material/save:")
    elif question.id in attempt.responses():
        st.caption("Réponse déjà enregistrée : vous pouvez la modifier.")
    return attempt


def show_attempt(quiz: Quiz, attempt: Attempt, store: Store) -> Attempt:
    """The questions of an unfinished attempt, then the button that ends it."""
    questions = attempt.questions(quiz)
    answered = attempt.responses()
    if attempt.deadline is not None:
        _show_time_left(attempt.deadline)
    progress = st.empty()  # filled last, so it counts the answer saved in this run
    if quiz.display == "all":
        for number, question in enumerate(questions, start=1):
            attempt = _ask(question, number, len(questions), attempt, quiz, store)
    else:
        index = st.session_state.setdefault(
            f"position-{attempt.id}", _first_unanswered(questions, answered)
        )
        attempt = _ask(questions[index], index + 1, len(questions), attempt, quiz, store)
        previous, following = st.columns(2)
        if previous.button("Question précédente", disabled=index == 0, key=f"prev-{attempt.id}"):
            st.session_state[f"position-{attempt.id}"] = index - 1
            st.rerun()
        if following.button(
            "Question suivante", disabled=index + 1 == len(questions), key=f"next-{attempt.id}"
        ):
            st.session_state[f"position-{attempt.id}"] = index + 1
            st.rerun()
    saved = len(attempt.responses())
    progress.progress(saved / len(questions), text=f"{saved} réponse(s) sur {len(questions)}")
    missing = len(questions) - saved
    label = "Terminer et voir mon score" + (f" ({missing} sans réponse)" if missing else "")
    if st.button(label, type="primary", key=f"submit-{attempt.id}"):
        attempt = store.attempts.record_step(attempt, attempt.next_step, "submit")
        result = attempt.grade(quiz)
        store.attempts.finish(attempt, result)
        log_attempt_finished(attempt.learner_id, quiz.id, result.percent, result.passed)
        st.rerun()
    return attempt


def _show_time_left(deadline: datetime) -> None:
    """The time left, refreshed every 20 seconds; at the deadline the whole page reruns and closes."""

    @st.fragment(run_every=timedelta(seconds=20))
    def countdown() -> None:
        left = deadline - datetime.now(UTC)
        if left <= timedelta(0):
            st.rerun(scope="app")
        st.info(
            f"Temps restant : {format_time_left(left)}, à terminer avant {format_clock(deadline)}. "
            "Les réponses validées après l'heure ne comptent pas.",
            icon=":material/timer:",
        )

    countdown()


def close_expired(attempt: Attempt, quiz: Quiz, store: Store) -> None:
    """Submit an attempt whose time is up, with the answers saved in time."""
    submitted = store.attempts.record_step(attempt, attempt.next_step, "submit")
    store.attempts.finish(submitted, submitted.grade(quiz))


def _first_unanswered(questions: list[Question], answered: dict[str, Any]) -> int:
    return next((i for i, question in enumerate(questions) if question.id not in answered), 0)


def show_result(quiz: Quiz, attempt: Attempt, result: QuizResult) -> None:
    """Score, pass or fail, and each question reviewed with its explanation."""
    st.subheader("Votre résultat")
    st.metric(
        "Score",
        f"{format_percent(result.percent)}",
        help=f"{format_number(result.score)} point(s) sur {format_number(result.max_score)}",
    )
    if result.passed:
        st.success(
            f"Quiz réussi : il fallait {format_percent(quiz.pass_mark)}.",
            icon=":material/celebration:",
        )
    else:
        st.warning(
            f"Pas encore : il faut {format_percent(quiz.pass_mark)} pour réussir.",
            icon=":material/refresh:",
        )
    responses = attempt.responses()
    for number, (question, graded) in enumerate(
        zip(attempt.questions(quiz), result.questions, strict=True), start=1
    ):
        mark = "✓" if graded.fraction >= 1 else ("½" if graded.fraction > 0 else "✗")
        with st.expander(
            f"{mark} Question {number} : {format_number(graded.points)} / {format_number(graded.max_points)}"
        ):
            st.markdown(question.prompt)
            if question.id in responses:
                _show_feedback(question, responses[question.id], quiz)
            else:
                st.caption("Sans réponse.")
                st.info(question.explanation, icon=":material/lightbulb:")


def _show_counted_result(quiz: Quiz, finished: list[FinishedAttempt]) -> None:
    """After several attempts, say which one counts for the learner's progress."""
    counted = counted_attempt(finished, quiz.attempt_counts)
    if counted is None or len(finished) < 2:
        return
    which = "votre meilleure" if quiz.attempt_counts == "best" else "votre dernière"
    st.caption(
        f"Résultat retenu pour votre parcours\u202f: {format_percent(counted.percent)}, "
        f"{which} tentative sur {len(finished)}."
    )


def take_quiz(course: Course, quiz: Quiz) -> None:
    """The whole quiz experience for one learner."""
    store = get_store()
    signed_in = sign_in(
        "Pour enregistrer vos réponses et votre score, indiquez votre nom ou reprenez votre "
        "parcours avec votre code personnel."
    )
    if signed_in is None:
        return
    learner = signed_in.id
    finished = store.attempts.finished(learner, quiz.id)
    attempt = store.attempts.in_progress(learner, quiz.id)
    if attempt is not None and attempt.expired(datetime.now(UTC)):
        close_expired(attempt, quiz, store)
        st.warning(
            "Le temps imparti est écoulé : le quiz est terminé avec les réponses validées à temps.",
            icon=":material/timer_off:",
        )
        attempt, finished = None, store.attempts.finished(learner, quiz.id)
        st.session_state[f"review-{quiz.id}"] = True
    if attempt is None and finished and st.session_state.get(f"review-{quiz.id}", True):
        last = store.attempts.load(finished[-1].id)
        if last is not None:
            show_result(quiz, last, last.grade(quiz))
        _show_counted_result(quiz, finished)
        remaining = None if quiz.max_attempts is None else quiz.max_attempts - len(finished)
        if remaining == 0:
            st.info("Vous avez utilisé toutes vos tentatives pour ce quiz.")
            return
        if remaining is not None:
            st.caption(f"Tentatives restantes\u202f: {remaining}.")
        if st.button("Recommencer le quiz", key=f"retry-{quiz.id}"):
            st.session_state[f"review-{quiz.id}"] = False
            st.rerun()
        return
    if attempt is None:
        count = quiz.draw or len(quiz.questions)
        limit = f" · {format_minutes(quiz.time_limit)} pour répondre" if quiz.time_limit else ""
        st.markdown(
            f"{count} questions · réussite à partir de {format_percent(quiz.pass_mark)}{limit}."
        )
        if not st.button("Commencer le quiz", type="primary", key=f"start-{quiz.id}"):
            return
        attempt = Attempt.start(quiz, course.quiz_hashes[quiz.id], learner)
        store.attempts.save_new(attempt)
        st.session_state[f"review-{quiz.id}"] = True
        st.rerun()  # the attempt alone, without the button and the summary drawn above it
    show_attempt(quiz, attempt, store)
