"""« Simulez le coût réel d'un don »: the simulator's widgets (course/exercises/gift.py computes)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import streamlit as st

from course.content.course import Course
from course.content.errors import ContentError
from course.exercises import gift
from course.formatting import format_stat_date
from views.exercises.state import keep, keep_and_show, widget_key
from views.page import show_content_errors


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
            f"{gift.format_euros(Decimal(settings.help_ceiling))} de dons par an ; "
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


def draw(course: Course) -> None:
    ident = gift.EXERCISE_ID
    settings, errors = gift_settings(course)
    if settings is None:
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
            key=widget_key(ident, "montant", ""),
            max_chars=20,
            placeholder="Par exemple 100",
        )
        organisation = st.radio(
            "L'organisme qui reçoit le don",
            gift.ORGANISATIONS,
            key=widget_key(ident, "organisme", "aide"),
            format_func=lambda o: (
                f"{ORGANISATION_LABELS[o]} : "
                f"{settings.help_rate if o == 'aide' else settings.general_rate} %"
            ),
        )
        income = st.text_input(
            "Votre revenu imposable de l'année, en euros (facultatif)",
            key=widget_key(ident, "revenu", ""),
            max_chars=20,
            help=f"Il sert à appliquer la limite de {settings.income_limit} % du revenu imposable.",
        )
        st.form_submit_button("Calculer le coût réel", type="primary")
    for name, value in (("montant", amount), ("organisme", organisation), ("revenu", income)):
        keep(ident, name, value)
    if amount.strip():
        keep_and_show(
            ident, lambda: gift.gift_result(amount, organisation, income, settings), _show_gift
        )
    _show_settings(settings)


def _show_gift(result: dict[str, Any]) -> None:
    euros = gift.format_euros
    cost, reduction = st.columns(2)
    cost.metric("Coût réel du don", euros(Decimal(str(result["cost"]))))
    reduction.metric("Réduction d'impôt", euros(Decimal(str(result["reduction"]))))
    st.success(result["summary"], icon=":material/savings:")
    st.markdown("**Le calcul**\n" + "\n".join(f"- {step}" for step in result["steps"]))
    if result["ceiling_crossed"]:
        st.info(
            "Plafond du taux de 75 % dépassé : la part au-delà est comptée à 66 %.",
            icon=":material/info:",
        )
