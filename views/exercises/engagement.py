"""« Calculez et lisez un taux d'engagement »: the widgets (course/exercises/engagement.py computes)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from course.content.course import Course
from course.exercises import engagement
from views.exercises.state import keep, keep_and_show, widget_key


def draw(course: Course) -> None:
    ident = engagement.EXERCISE_ID
    st.markdown(engagement.INTRO)
    with st.form(f"exercise:{ident}:form"):
        interactions = st.text_input(
            engagement.INTERACTIONS_FIELD,
            key=widget_key(ident, "interactions", ""),
            max_chars=engagement.MAX_INPUT,
            placeholder="Par exemple 60",
            help=engagement.INTERACTIONS_HELP,
        )
        chosen = st.radio(
            engagement.BASE_QUESTION,
            list(engagement.BASES),
            key=widget_key(ident, "base", engagement.DEFAULT_BASE),
            format_func=lambda base_id: engagement.BASES[base_id].label,
        )
        st.caption(engagement.BASES_HINT)
        counts = {
            base.id: st.text_input(
                base.field,
                key=widget_key(ident, base.id, ""),
                max_chars=engagement.MAX_INPUT,
                placeholder="Par exemple 1200",
            )
            for base in engagement.BASES.values()
        }
        st.form_submit_button("Calculer le taux", type="primary")
    keep(ident, "interactions", interactions)
    keep(ident, "base", chosen)
    for base_id, text in counts.items():
        keep(ident, base_id, text)
    if not interactions.strip():
        st.caption(engagement.PROMPT)
        return
    keep_and_show(ident, lambda: engagement.engagement_result(interactions, counts, chosen), _show)


def _show(result: dict[str, Any]) -> None:
    st.metric("Taux d'engagement", result["rate_label"], help=result["formula"])
    st.success(result["meaning"], icon=":material/insights:")
    st.markdown(f"**Le calcul** : {result['calculation']}\n\n{result['reading']}")
    if result["others"]:
        st.markdown(
            "**Sur les autres bases que vous avez indiquées**\n"
            + "\n".join(
                f"- {other['label']} : {other['rate_label']} ({other['formula']})"
                for other in result["others"]
            )
        )
        st.info(result["others_note"], icon=":material/info:")
    for warning in result["warnings"]:
        st.warning(warning, icon=":material/warning:")
    st.markdown("**Et maintenant ?**\n" + "\n".join(f"- {tip}" for tip in result["advice"]))
    with st.expander("Et un « bon » taux d'engagement ?"):
        st.markdown(engagement.NO_BENCHMARK)
