"""« Votre page Facebook est-elle complète ? »: the checklist's widgets (course/exercises/checklist.py)."""

from __future__ import annotations

import streamlit as st

from course.content.course import Course
from course.exercises import checklist
from views.exercises.state import RESULT, keep, widget_key


def draw(course: Course) -> None:
    ident = checklist.EXERCISE_ID
    st.markdown(
        "Cochez ce que la page Facebook de votre association a déjà, d'après les pages des ONG "
        "du module 7. Vous obtenez un score et les prochaines actions à mener."
    )
    ticked = []
    for group in checklist.GROUPS:
        st.markdown(f"**{group}**")
        for item in (i for i in checklist.ITEMS if i.group == group):
            if st.checkbox(item.label, key=widget_key(ident, item.id, False)):
                ticked.append(item.id)
            keep(ident, item.id, item.id in ticked)
    result = checklist.check_page(ticked)
    keep(ident, RESULT, result)
    st.metric("Votre score", result["score_label"])
    st.progress(
        result["percent"] / 100, text=f"{result['score']} éléments cochés sur {result['total']}"
    )
    st.markdown(result["message"])
    st.markdown(
        f"**Les six objectifs du module 7** ({result['objectives_served']} sur 6 servis) :\n"
        + "\n".join(
            f"- {'oui' if o['served'] else 'pas encore'} : {o['label']}"
            for o in result["objectives"]
        )
    )
    if result["next_actions"]:
        st.markdown(
            "**Vos prochaines actions**\n"
            + "\n".join(f"{n}. {action}" for n, action in enumerate(result["next_actions"], 1))
        )
