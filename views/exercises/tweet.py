"""« Rédigez un tweet »: the composer's widgets (course/exercises/tweet.py counts)."""

from __future__ import annotations

import streamlit as st

from course.content.course import Course
from course.exercises import tweet
from views.exercises.state import RESULT, keep, listed, widget_key


def draw(course: Course) -> None:
    ident = tweet.EXERCISE_ID
    st.markdown(
        "Écrivez un tweet pour votre association, puis comptez ses caractères. Chaque lien "
        "compte pour 23 caractères, quelle que soit sa longueur réelle."
    )
    with st.form(f"exercise:{ident}:form"):
        text = st.text_area(
            "Votre tweet",
            key=widget_key(ident, "texte", ""),
            height=120,
            max_chars=2000,
            placeholder="#Collecte – 2 tonnes de denrées récoltées ce week-end, merci à tous ! "
            "monasso.fr/collecte",
        )
        st.form_submit_button("Compter les caractères", type="primary")
    keep(ident, "texte", text)
    if not text.strip():
        st.caption("Écrivez votre tweet puis choisissez « Compter les caractères ».")
        return
    result = tweet.compose_tweet(text)
    keep(ident, RESULT, result)
    st.markdown("**Votre tweet, tel que vous l'avez écrit :**")
    st.text(text)
    for column, limit in zip(st.columns(2), result["limits"], strict=True):
        with column:
            st.metric(
                f"Limite de {limit['limit']} caractères",
                f"{limit['length']} sur {limit['limit']}",
                help=limit["label"],
            )
            if limit["fits"]:
                st.success(f"Ça tient. {limit['verdict']}", icon=":material/check_circle:")
            else:
                st.error(f"Ça ne tient pas. {limit['verdict']}", icon=":material/cancel:")
    listed("Hashtags repérés", result["hashtags"], "#")
    listed("Mentions repérées", result["mentions"], "@")
    listed("Liens repérés (23 caractères chacun)", result["links"])
    with st.expander("Comment les caractères sont comptés"):
        st.markdown(
            "- **Jusqu'au 7 novembre 2017 (140)** : chaque caractère compte 1, émojis compris "
            "(un émoji composé, comme une famille ou une couleur de peau, en compte plusieurs).\n"
            "- **Depuis (280)** : les lettres latines, accents compris, comptent 1 ; les "
            "idéogrammes, certains symboles et chaque émoji comptent 2.\n"
            "- **Les liens** comptent toujours 23 caractères : Twitter les raccourcit.\n"
            "- **Un hashtag** commence par # et s'arrête au premier espace ou signe de "
            "ponctuation : #Solidarité, avec ses accents, est un seul hashtag. **Une mention** "
            "est un @ suivi du nom d'un compte."
        )
