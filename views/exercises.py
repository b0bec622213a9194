"""The interactive exercises a lesson embeds: widgets only, the core (course/exercises/) computes.

A learner's inputs and last result are kept in `st.session_state` under `exercise:<id>:<name>`
(the widgets themselves use `exercise:<id>:<name>:widget`), so they survive a visit to another
page. Anything the learner typed is shown with st.text or escaped before it reaches Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from course.content import Course
from course.errors import ContentError
from course.exercises import (
    EXERCISES,
    InvalidInput,
    advisor,
    checklist,
    escape_markdown,
    gift,
    networks,
    tweet,
)
from course.formatting import format_stat_date
from views.common import get_store
from views.identity import current_learner

RESULT = "resultat"


def _stored(exercise_id: str, name: str) -> str:
    return f"exercise:{exercise_id}:{name}"


def _widget_key(exercise_id: str, name: str, default: Any) -> str:
    """The widget's key, seeded from the kept value when the learner comes back to the page."""
    key = f"{_stored(exercise_id, name)}:widget"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(_stored(exercise_id, name), default)
    return key


def _keep(exercise_id: str, name: str, value: Any) -> None:
    """Keep a value for this session; a result is also saved to a signed-in learner's record
    (their action plan is built from it), once per change."""
    st.session_state[_stored(exercise_id, name)] = value
    if name != RESULT:
        return
    learner = current_learner()
    saved = f"{_stored(exercise_id, name)}:saved"
    if learner is not None and st.session_state.get(saved) != (learner.id, value):
        get_store().save_exercise(learner.id, exercise_id, value)
        st.session_state[saved] = (learner.id, value)


def _listed(label: str, items: list[str], prefix: str = "") -> None:
    """« Hashtags : #a, #b » with the learner's words escaped, or « aucun »."""
    shown = ", ".join(escape_markdown(prefix + item) for item in items) if items else "aucun"
    st.markdown(f"**{label}** : {shown}")


# --- Tweet composer --------------------------------------------------------------------------


def _composer(course: Course) -> None:
    ident = tweet.EXERCISE_ID
    st.markdown(
        "Écrivez un tweet pour votre association, puis comptez ses caractères. Chaque lien "
        "compte pour 23 caractères, quelle que soit sa longueur réelle."
    )
    with st.form(f"exercise:{ident}:form"):
        text = st.text_area(
            "Votre tweet",
            key=_widget_key(ident, "texte", ""),
            height=120,
            max_chars=2000,
            placeholder="#Collecte – 2 tonnes de denrées récoltées ce week-end, merci à tous ! "
            "monasso.fr/collecte",
        )
        st.form_submit_button("Compter les caractères", type="primary")
    _keep(ident, "texte", text)
    if not text.strip():
        st.caption("Écrivez votre tweet puis choisissez « Compter les caractères ».")
        return
    result = tweet.compose_tweet(text)
    _keep(ident, RESULT, result)
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
    _listed("Hashtags repérés", result["hashtags"], "#")
    _listed("Mentions repérées", result["mentions"], "@")
    _listed("Liens repérés (23 caractères chacun)", result["links"])
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


# --- Gift simulator --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_settings(root: str, modified: int) -> tuple[gift.GiftSettings | None, list[ContentError]]:
    return gift.load_gift_settings(Path(root))


def gift_settings(course: Course) -> tuple[gift.GiftSettings | None, list[ContentError]]:
    """The simulator's settings, read again when the file changes."""
    path = course.root / gift.SETTINGS_FILE
    modified = path.stat().st_mtime_ns if path.is_file() else 0
    return _load_settings(str(course.root), modified)


ORGANISATION_LABELS = {
    "aide": "Aide aux personnes en difficulté (repas, soins, logement)",
    "interet-general": "Autre organisme d'intérêt général",
}


def _show_settings(settings: gift.GiftSettings) -> None:
    st.caption(
        f"Réglages pour les {settings.applies_to}, vérifiés en "
        f"{format_stat_date(settings.checked_on)}. Ils changent avec les lois de finances : "
        "vérifiez-les chaque année sur impots.gouv.fr ou service-public.fr avant de les annoncer."
    )
    with st.expander("Taux, plafond et sources"):
        st.markdown(
            f"- **{settings.help_rate} %** : {settings.help_organisations}, jusqu'à "
            f"{gift.format_euros(gift.Decimal(settings.help_ceiling))} de dons par an ; "
            f"au-delà, {settings.general_rate} %.\n"
            f"- **{settings.general_rate} %** : {settings.general_organisations}, dans la "
            f"limite de {settings.income_limit} % du revenu imposable.\n"
            "- Une réduction d'impôt ne profite qu'aux foyers imposables, dans la limite de "
            "l'impôt dû."
        )
        if settings.previously:
            st.markdown(settings.previously)
        st.markdown("**Sources**\n" + "\n".join(f"- {source}" for source in settings.sources))


def _source_example(settings: gift.GiftSettings) -> None:
    example = gift.SOURCE_EXAMPLE
    result = gift.simulate_gift(example["amount"], example["organisation"], settings)
    with st.container(border=True):
        st.markdown(
            f"**L'exemple du texte source.** En décembre 2012, {example['who']} écrivait : "
            f"« {example['quote']} » Au taux de {settings.help_rate} %, le calcul tient "
            f"toujours : {result['summary'][0].lower()}{result['summary'][1:]}"
        )


def _simulator(course: Course) -> None:
    ident = gift.EXERCISE_ID
    settings, errors = gift_settings(course)
    if settings is None:
        from views.common import show_content_errors

        show_content_errors(
            errors, "Le simulateur de dons ne peut pas s'afficher : ses réglages ont un problème."
        )
        return
    st.markdown(
        "Combien un don coûte-t-il vraiment à un donateur imposable ? Indiquez un montant et "
        "le type d'organisme : le simulateur applique la réduction d'impôt."
    )
    _source_example(settings)
    with st.form(f"exercise:{ident}:form"):
        amount = st.text_input(
            "Montant du don, en euros",
            key=_widget_key(ident, "montant", ""),
            max_chars=20,
            placeholder="Par exemple 100",
        )
        organisation = st.radio(
            "L'organisme qui reçoit le don",
            gift.ORGANISATIONS,
            key=_widget_key(ident, "organisme", "aide"),
            format_func=lambda o: (
                f"{ORGANISATION_LABELS[o]} : "
                f"{settings.help_rate if o == 'aide' else settings.general_rate} %"
            ),
        )
        income = st.text_input(
            "Votre revenu imposable de l'année, en euros (facultatif)",
            key=_widget_key(ident, "revenu", ""),
            max_chars=20,
            help=f"Il sert à appliquer la limite de {settings.income_limit} % du revenu imposable.",
        )
        st.form_submit_button("Calculer le coût réel", type="primary")
    for name, value in (("montant", amount), ("organisme", organisation), ("revenu", income)):
        _keep(ident, name, value)
    if amount.strip():
        try:
            result = gift.gift_result(amount, organisation, income, settings)
        except InvalidInput as problem:
            st.error(escape_markdown(str(problem)), icon=":material/error:")
        else:
            _keep(ident, RESULT, result)
            _show_gift(result)
    _show_settings(settings)


def _show_gift(result: dict[str, Any]) -> None:
    euros = gift.format_euros
    cost, reduction = st.columns(2)
    cost.metric("Coût réel du don", euros(gift.Decimal(str(result["cost"]))))
    reduction.metric("Réduction d'impôt", euros(gift.Decimal(str(result["reduction"]))))
    st.success(result["summary"], icon=":material/savings:")
    st.markdown("**Le calcul**\n" + "\n".join(f"- {step}" for step in result["steps"]))
    if result["ceiling_crossed"]:
        st.info(
            "Plafond du taux de 75 % dépassé : la part au-delà est comptée à 66 %.",
            icon=":material/info:",
        )


# --- Which network? --------------------------------------------------------------------------


def _labels(
    choices: tuple[networks.Choice, ...] | tuple[networks.TimeBudget, ...],
) -> dict[str, str]:
    return {choice.id: choice.label for choice in choices}


def _advisor(course: Course) -> None:
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
            key=_widget_key(ident, "cause", "solidarite"),
            format_func=causes.__getitem__,
            placeholder="Choisir une cause",
        )
        public = st.multiselect(
            "Le public que vous voulez toucher",
            list(audiences),
            key=_widget_key(ident, "publics", []),
            format_func=audiences.__getitem__,
            placeholder="Choisir un ou plusieurs publics",
        )
        wanted = st.multiselect(
            "Vos objectifs",
            list(goals),
            key=_widget_key(ident, "objectifs", []),
            format_func=goals.__getitem__,
            placeholder="Choisir un ou plusieurs objectifs",
        )
        time = st.radio(
            "Le temps dont vous disposez chaque semaine",
            list(times),
            key=_widget_key(ident, "temps", "1-2h"),
            format_func=times.__getitem__,
        )
        asked = st.form_submit_button("Voir les réseaux conseillés", type="primary")
    for name, value in (
        ("cause", cause),
        ("publics", public),
        ("objectifs", wanted),
        ("temps", time),
    ):
        _keep(ident, name, value)
    if asked:
        _keep(ident, "demande", True)
    if not st.session_state.get(_stored(ident, "demande")):
        return
    result = advisor.advise(cause, public, wanted, time)
    _keep(ident, RESULT, result)
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


# --- Facebook page checklist -------------------------------------------------------------------


def _checklist(course: Course) -> None:
    ident = checklist.EXERCISE_ID
    st.markdown(
        "Cochez ce que la page Facebook de votre association a déjà, d'après les pages des ONG "
        "du module 7. Vous obtenez un score et les prochaines actions à mener."
    )
    ticked = []
    for group in checklist.GROUPS:
        st.markdown(f"**{group}**")
        for item in (i for i in checklist.ITEMS if i.group == group):
            if st.checkbox(item.label, key=_widget_key(ident, item.id, False)):
                ticked.append(item.id)
            _keep(ident, item.id, item.id in ticked)
    result = checklist.check_page(ticked)
    _keep(ident, RESULT, result)
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


DRAWERS: dict[str, Callable[[Course], None]] = {
    tweet.EXERCISE_ID: _composer,
    gift.EXERCISE_ID: _simulator,
    advisor.EXERCISE_ID: _advisor,
    checklist.EXERCISE_ID: _checklist,
}


def show_exercise(exercise_id: str, course: Course) -> None:
    """One exercise in its own box, titled from the registry."""
    draw = DRAWERS.get(exercise_id)
    if draw is None or exercise_id not in EXERCISES:
        st.warning(f"Exercice « {exercise_id} » introuvable.", icon=":material/construction:")
        return
    with st.container(border=True):
        st.subheader(f"Exercice : {EXERCISES[exercise_id]}")
        draw(course)
