"""« Décrivez une image »: the description checker's widgets (course/exercises/image_description.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from course.content.course import Course
from course.exercises import escape_markdown, image_description
from views.exercises.state import keep, keep_and_show, widget_key


def draw(course: Course) -> None:
    ident = image_description.EXERCISE_ID
    st.markdown(
        f"{image_description.SCENE} Cinq règles sont vérifiées : aller droit au but, dire qui, "
        "dire ce que font les personnes, une longueur qui convient, et ni hashtag, ni lien, "
        "ni émoji."
    )
    with st.form(f"exercise:{ident}:form"):
        text = st.text_area(
            "Votre description (texte alternatif)",
            key=widget_key(ident, "texte", ""),
            height=110,
            max_chars=image_description.MAX_INPUT,
            placeholder="Qui fait quoi, et où ? Une ou deux phrases.",
        )
        st.form_submit_button("Vérifier ma description", type="primary")
    keep(ident, "texte", text)
    if not text.strip():
        st.caption("Écrivez votre description puis choisissez « Vérifier ma description ».")
        return
    keep_and_show(
        ident,
        lambda: image_description.check_description(text),
        lambda result: _show(text, result),
    )


def _show(text: str, result: dict[str, Any]) -> None:
    st.markdown("**Votre description, telle que vous l'avez écrite :**")
    st.text(text)
    st.metric("Règles respectées", f"{result['passed']} sur {result['total']}")
    for check in result["checks"]:
        line = f"**{check['label']}** : {escape_markdown(check['message'])}"
        if check["ok"]:
            st.success(line, icon=":material/check_circle:")
        else:
            st.warning(line, icon=":material/edit:")
    st.markdown(escape_markdown(result["verdict"]))
    with st.expander("Un exemple de description pour cette illustration"):
        st.markdown(
            f"« {image_description.EXAMPLE} »\n\n"
            "Il y a d'autres bonnes réponses : l'essentiel est de dire qui fait quoi, "
            "en une ou deux phrases."
        )
