"""« Repérer l'hameçonnage »: the messages to sort and the result (course/exercises/phishing.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from course.content.course import Course
from course.content.errors import ContentError
from course.exercises import InvalidInput, escape_markdown, phishing
from views.exercises.state import RESULT, keep, stored, widget_key
from views.page import show_content_errors


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_messages(
    root: str, modified: int
) -> tuple[phishing.PhishingSet | None, list[ContentError]]:
    return phishing.load_phishing_set(Path(root))


def phishing_messages(course: Course) -> tuple[phishing.PhishingSet | None, list[ContentError]]:
    """The exercise's messages, read again when the file changes."""
    path = course.root / phishing.MESSAGES_FILE
    modified = path.stat().st_mtime_ns if path.is_file() else 0
    return _load_messages(str(course.root), modified)


def _paragraphs(text: str) -> str:
    """A message's text as Markdown paragraphs, shown exactly as written (no markup, no link)."""
    return "  \n".join(escape_markdown(line) for line in text.strip().splitlines())


def _show_message(number: int, message: phishing.PhishingMessage) -> None:
    sender = escape_markdown(message.sender)
    if message.address:
        sender += f" ({escape_markdown(message.address)})"
    lines = [f"**Message {number}** — {escape_markdown(message.channel)}", f"De\u202f: {sender}"]
    if message.subject:
        lines.append(f"Objet\u202f: {escape_markdown(message.subject)}")
    st.markdown("  \n".join(lines))
    if message.context:
        st.caption(f"Contexte\u202f: {escape_markdown(message.context)}")
    st.markdown(_paragraphs(message.body))


def _show_result(result: dict[str, Any]) -> None:
    st.metric("Messages bien classés", result["score_label"])
    if result["trusted_traps"]:
        st.warning(result["verdict"], icon=":material/phishing:")
    else:
        st.success(result["verdict"], icon=":material/verified_user:")
    st.markdown("**Le corrigé, message par message**")
    for number, message in enumerate(result["messages"], start=1):
        mark = (
            ":material/check_circle: Bien classé"
            if message["correct"]
            else ":material/cancel: Mal classé"
        )
        st.markdown(
            f"**Message {number}, {escape_markdown(message['sender'])}**\u202f: "
            f"{message['kind_label'].lower()}. {mark} (votre réponse\u202f: "
            f"{message['answer_label'].lower()}).\n"
            + "\n".join(f"- {escape_markdown(sign)}" for sign in message["signs"])
            + f"\n\n{escape_markdown(message['explanation'])}"
        )
    st.markdown(
        "**Le bon réflexe devant un message qui vous presse**\n"
        + "\n".join(f"{n}. {reflex}" for n, reflex in enumerate(result["reflexes"], start=1))
    )


def draw(course: Course) -> None:
    ident = phishing.EXERCISE_ID
    messages, errors = phishing_messages(course)
    if messages is None:
        show_content_errors(
            errors, "L'exercice ne peut pas s'afficher\u202f: ses messages ont un problème."
        )
        return
    st.markdown(
        "Voici des messages comme en reçoivent les administrateurs d'une page. Tous sont "
        "inventés pour le cours. Pour chacun, décidez s'il est authentique ou s'il s'agit "
        "d'hameçonnage, puis affichez le résultat\u202f: vous verrez les signes qui le montrent."
    )
    labels = phishing.KIND_LABELS
    answers: dict[str, str | None] = {}
    with st.form(f"exercise:{ident}:form", border=False):
        for number, message in enumerate(messages.messages, start=1):
            with st.container(border=True):
                _show_message(number, message)
                answers[message.id] = st.radio(
                    f"Le message {number} est…",
                    phishing.KINDS,
                    format_func=labels.__getitem__,
                    horizontal=True,
                    key=widget_key(ident, message.id, None),
                )
        submitted = st.form_submit_button("Voir le résultat", type="primary")
    for message_id, answer in answers.items():
        keep(ident, message_id, answer)
    try:
        result = phishing.sort_messages(answers, messages)
    except InvalidInput as problem:
        if submitted:
            st.warning(escape_markdown(str(problem)), icon=":material/rule:")
        elif stored(ident, RESULT) not in st.session_state:
            st.caption("Classez chaque message, puis choisissez «\u00a0Voir le résultat\u00a0».")
        return
    keep(ident, RESULT, result)
    _show_result(result)
    with st.expander("D'où viennent ces signes d'alerte"):
        st.markdown("\n".join(f"- {escape_markdown(source)}" for source in messages.sources))
