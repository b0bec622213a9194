"""« Quel réseau pour mon association ? »: the advisor's widgets (course/exercises/advisor.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from course.content.course import Course
from course.exercises import advisor, networks
from views.exercises.state import RESULT, keep, stored, widget_key


def _labels(
    choices: tuple[networks.Choice, ...] | tuple[networks.TimeBudget, ...],
) -> dict[str, str]:
    return {choice.id: choice.label for choice in choices}


def draw(course: Course) -> None:
    ident = advisor.EXERCISE_ID
    causes, audiences, goals = (
        _labels(networks.CAUSES),
        _labels(networks.AUDIENCES),
        _labels(networks.GOALS),
    )
    times = _labels(networks.TIMES)
    st.markdown(
        "Décrivez votre association : le conseiller classe les réseaux qui lui conviennent, avec "
        "les raisons tirées du cours."
    )
    with st.form(f"exercise:{ident}:form"):
        cause = st.selectbox(
            "La cause de votre association",
            list(causes),
            key=widget_key(ident, "cause", "solidarite"),
            format_func=causes.__getitem__,
            placeholder="Choisir une cause",
        )
        public = st.multiselect(
            "Le public que vous voulez toucher",
            list(audiences),
            key=widget_key(ident, "publics", []),
            format_func=audiences.__getitem__,
            placeholder="Choisir un ou plusieurs publics",
            select_all=False,  # Streamlit's « Select all » option is in English
        )
        wanted = st.multiselect(
            "Vos objectifs",
            list(goals),
            key=widget_key(ident, "objectifs", []),
            format_func=goals.__getitem__,
            placeholder="Choisir un ou plusieurs objectifs",
            select_all=False,  # Streamlit's « Select all » option is in English
        )
        time = st.radio(
            "Le temps dont vous disposez chaque semaine",
            list(times),
            key=widget_key(ident, "temps", "1-2h"),
            format_func=times.__getitem__,
        )
        asked = st.form_submit_button("Voir les réseaux conseillés", type="primary")
    for name, value in (
        ("cause", cause),
        ("publics", public),
        ("objectifs", wanted),
        ("temps", time),
    ):
        keep(ident, name, value)
    if asked:
        keep(ident, "demande", True)
    if not st.session_state.get(stored(ident, "demande")):
        return
    result = advisor.advise(cause, public, wanted, time)
    keep(ident, RESULT, result)
    _show_advice(result)


def _show_advice(result: dict[str, Any]) -> None:
    st.markdown("**Les réseaux conseillés pour votre association**")
    for network in result["recommended"]:
        with st.container(border=True):
            st.markdown(f"**{network['rank_label']} : {network['name']}**\n\n{network['summary']}")
            if network["reasons"]:
                st.markdown(
                    "Pourquoi pour vous :\n"
                    + "\n".join(f"- {reason}" for reason in network["reasons"])
                )
            if network["today"]:
                st.info(f"**Et aujourd'hui ?** {network['today']}", icon=":material/update:")
    st.markdown(result["time_advice"])
    if result["reserve"]:
        st.markdown(
            f"**À garder pour plus tard** : {', '.join(result['reserve'])}. {result['reserve_advice']}"
        )
