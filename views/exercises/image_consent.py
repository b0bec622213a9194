"""« Une autorisation de droit à l'image »: the consent form's widgets
(course/exercises/image_consent.py builds the form; course/certificates/forms.py prints it)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from course.content.course import Course
from course.exercises import image_consent
from views.exercises.state import keep, keep_and_show, stored, widget_key

FILE_STEM = "autorisation-droit-image"


def _labels(choices: tuple[image_consent.Choice, ...]) -> dict[str, str]:
    return {choice.id: choice.label for choice in choices}


def _pdf(text: str) -> bytes:
    from course.certificates.forms import text_form_pdf  # fpdf2 only when the PDF is asked for

    return text_form_pdf(text, bold=(image_consent.NOT_LEGAL_ADVICE,))


def draw(course: Course) -> None:
    ident = image_consent.EXERCISE_ID
    uses, durations, media = (
        _labels(image_consent.USES),
        _labels(image_consent.DURATIONS),
        _labels(image_consent.MEDIA),
    )
    st.markdown(
        "Préparez l'autorisation que signeront les personnes photographiées lors d'un "
        "événement de votre association. Vos choix deviennent un formulaire à télécharger, "
        "à adapter et à faire relire."
    )
    st.warning(
        f"**{image_consent.NOT_LEGAL_ADVICE}** Le formulaire applique les règles générales de "
        "ce module\u202f; il ne remplace pas l'avis d'un juriste.",
        icon=":material/gavel:",
    )
    with st.form(f"exercise:{ident}:form"):
        association = st.text_input(
            "Le nom de votre association",
            key=widget_key(ident, "association", ""),
            max_chars=image_consent.MAX_ASSOCIATION,
            placeholder="Par exemple\u202f: Les Amis du parc",
        )
        event = st.text_input(
            "L'événement photographié",
            key=widget_key(ident, "evenement", ""),
            max_chars=image_consent.MAX_EVENT,
            placeholder="Par exemple\u202f: la fête de quartier du 14 juin",
        )
        purpose = st.text_input(
            "Dans quel but publierez-vous les images\u202f?",
            key=widget_key(ident, "but", image_consent.DEFAULT_PURPOSE),
            max_chars=image_consent.MAX_PURPOSE,
        )
        kind = st.radio(
            "Les images",
            list(media),
            key=widget_key(ident, "images", "photos"),
            format_func=lambda choice: media[choice].capitalize(),
            horizontal=True,
        )
        supports = st.multiselect(
            "Où les images paraîtront-elles\u202f?",
            list(uses),
            key=widget_key(ident, "supports", []),
            format_func=uses.__getitem__,
            placeholder="Choisir un ou plusieurs supports",
            select_all=False,  # Streamlit's « Select all » option is in English
            help="La personne cochera, sur le formulaire, chaque support qu'elle accepte.",
        )
        other = st.text_input(
            "Un autre support (facultatif)",
            key=widget_key(ident, "autre", ""),
            max_chars=image_consent.MAX_OTHER_USE,
            placeholder="Par exemple\u202f: le calendrier annuel de l'association",
        )
        duration = st.radio(
            "Pendant combien de temps\u202f?",
            list(durations),
            key=widget_key(ident, "duree", "1-an"),
            format_func=durations.__getitem__,
            horizontal=True,
        )
        contact = st.text_input(
            "À quelle adresse écrire pour retirer son accord\u202f?",
            key=widget_key(ident, "contact", ""),
            max_chars=image_consent.MAX_CONTACT,
            placeholder="Par exemple\u202f: contact@votre-association.fr",
        )
        minors = st.checkbox(
            "Des mineurs seront photographiés\u202f: l'autorisation sera signée par leurs parents",
            key=widget_key(ident, "mineurs", False),
        )
        asked = st.form_submit_button("Préparer l'autorisation", type="primary")
    for name, value in (
        ("association", association),
        ("evenement", event),
        ("but", purpose),
        ("images", kind),
        ("supports", supports),
        ("autre", other),
        ("duree", duration),
        ("contact", contact),
        ("mineurs", minors),
    ):
        keep(ident, name, value)
    if asked:
        keep(ident, "demande", True)
    if not st.session_state.get(stored(ident, "demande")):
        st.caption(
            "Remplissez le formulaire puis choisissez «\u00a0Préparer l'autorisation\u00a0»."
        )
        return
    keep_and_show(
        ident,
        lambda: image_consent.consent_form(
            association,
            event,
            supports,
            duration,
            contact,
            minors=minors,
            purpose=purpose,
            media=kind,
            other_use=other,
        ),
        _show,
    )


def _show(result: dict[str, Any]) -> None:
    st.success(result["summary"], icon=":material/task_alt:")
    with st.container(border=True):
        title, _, body = result["markdown"].partition("\n")
        st.markdown(f"**{title.removeprefix('# ')}**\n{body}")
    markdown, text, pdf = st.columns(3)
    markdown.download_button(
        "Télécharger (Markdown)",
        data=result["markdown"],
        file_name=f"{FILE_STEM}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
    )
    text.download_button(
        "Télécharger (texte)",
        data=result["text"],
        file_name=f"{FILE_STEM}.txt",
        mime="text/plain",
        icon=":material/description:",
        on_click="ignore",
    )
    pdf.download_button(
        "Télécharger (PDF)",
        data=lambda: _pdf(result["text"]),
        file_name=f"{FILE_STEM}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    st.markdown(
        "**Avant l'événement**\n" + "\n".join(f"- {reminder}" for reminder in result["reminders"])
    )
