"""What an exercise keeps: a learner's inputs and last result in `st.session_state`.

They live under `exercise:<id>:<name>` (the widgets themselves use `exercise:<id>:<name>:widget`),
so they survive a visit to another page; a result is also saved to a signed-in learner's record,
where their action plan reads it. Anything the learner typed is shown with st.text or escaped
before it reaches Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from course.exercises import InvalidInput, escape_markdown
from views.identity import current_learner
from views.kept import get_store

RESULT = "resultat"


def stored(exercise_id: str, name: str) -> str:
    return f"exercise:{exercise_id}:{name}"


def widget_key(exercise_id: str, name: str, default: Any) -> str:
    """The widget's key, seeded from the kept value when the learner comes back to the page."""
    key = f"{stored(exercise_id, name)}:widget"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(stored(exercise_id, name), default)
    return key


def keep(exercise_id: str, name: str, value: Any) -> None:
    """Keep a value for this session; a result is also saved to a signed-in learner's record
    (their action plan is built from it), once per change."""
    st.session_state[stored(exercise_id, name)] = value
    if name != RESULT:
        return
    learner = current_learner()
    saved = f"{stored(exercise_id, name)}:saved"
    if learner is not None and st.session_state.get(saved) != (learner.id, value):
        get_store().learners.save_exercise(learner.id, exercise_id, value)
        st.session_state[saved] = (learner.id, value)


def keep_and_show(
    exercise_id: str,
    compute: Callable[[], dict[str, Any]],
    show: Callable[[dict[str, Any]], None],
) -> None:
    """Compute the exercise's result, keep it (see `keep`) and show it; input the core refuses
    (InvalidInput) is shown as its French message instead, escaped."""
    try:
        result = compute()
    except InvalidInput as problem:
        st.error(escape_markdown(str(problem)), icon=":material/error:")
        return
    keep(exercise_id, RESULT, result)
    show(result)


def listed(label: str, items: list[str], prefix: str = "") -> None:
    """« Hashtags : #a, #b » with the learner's words escaped, or « aucun »."""
    shown = ", ".join(escape_markdown(prefix + item) for item in items) if items else "aucun"
    st.markdown(f"**{label}** : {shown}")
