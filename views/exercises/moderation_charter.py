"""« La charte de modération de mon association »: its widgets (course/exercises/moderation_charter.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import streamlit as st

from course.content.course import Course
from course.exercises import moderation_charter as charter
from course.exercises import moderation_options as choices
from views.exercises.state import keep, keep_and_show, stored, widget_key

WELCOME_DEFAULT = {"questions", "avis"}
REMOVED_DEFAULT = {"publicite", "hors-sujet", "coordonnees"}
_HEADING = re.compile(r"^(#{1,2}) ", re.MULTILINE)


def _ticked(
    ident: str, group: str, options: tuple[choices.Option, ...], defaults: set[str]
) -> list[str]:
    """One checkbox per option; the ids ticked, each box kept under `<group>-<id>`."""
    ticked = []
    for option in options:
        name = f"{group}-{option.id}"
        if st.checkbox(option.label, key=widget_key(ident, name, option.id in defaults)):
            ticked.append(option.id)
    return ticked


def _labels(options: tuple[choices.Option, ...]) -> dict[str, str]:
    return {option.id: option.label for option in options}


def draw(course: Course) -> None:
    ident = charter.EXERCISE_ID
    warnings, schedules = _labels(choices.WARNINGS), _labels(choices.SCHEDULES)
    st.markdown(
        "Faites vos choix, rubrique par rubrique : l'exercice rédige la charte de modération de "
        "votre association, prête à publier et à télécharger."
    )
    with st.form(f"exercise:{ident}:form"):
        name = st.text_input(
            "Le nom de votre association (facultatif)",
            key=widget_key(ident, "nom", ""),
            max_chars=charter.MAX_NAME,
            placeholder="Par exemple : Les Restos du quartier",
        )
        st.markdown("**1. Ce qui est bienvenu**")
        welcome = _ticked(ident, "bienvenu", choices.WELCOME, WELCOME_DEFAULT)
        other = st.text_input(
            "Autre chose de bienvenu (facultatif)",
            key=widget_key(ident, "bienvenu-autre", ""),
            max_chars=charter.MAX_OTHER,
            placeholder="Par exemple : vos photos de nos événements, si chacun y a consenti",
        )
        st.markdown(
            "**2. Ce que vous retirez**\n\nLes propos illégaux sont toujours retirés. Ajoutez :"
        )
        removed = _ticked(ident, "retire", choices.REMOVED, REMOVED_DEFAULT)
        st.markdown("**3. Comment vous prévenez les auteurs**")
        warning = st.radio(
            "Quand vous retirez un message qui n'est pas illégal",
            list(warnings),
            key=widget_key(ident, "prevenir", "rappel-prive"),
            format_func=warnings.__getitem__,
        )
        block_after = st.number_input(
            "Au bout de combien de messages retirés l'auteur peut-il être bloqué\u202f?",
            min_value=charter.BLOCK_AFTER[0],
            max_value=charter.BLOCK_AFTER[1],
            step=1,
            key=widget_key(ident, "blocage", 3),
        )
        st.markdown("**4. Qui modère, et quand**")
        who = st.text_input(
            "Qui modère\u202f?",
            key=widget_key(ident, "qui", ""),
            max_chars=charter.MAX_WHO,
            placeholder="Par exemple : deux bénévoles de l'équipe communication",
        )
        moderators = st.number_input(
            "Combien de personnes modèrent\u202f?",
            min_value=1,
            max_value=charter.MAX_MODERATORS,
            step=1,
            key=widget_key(ident, "nombre", 2),
        )
        schedule = st.radio(
            "Quand les commentaires sont-ils lus\u202f?",
            list(schedules),
            key=widget_key(ident, "quand", "soirs"),
            format_func=schedules.__getitem__,
        )
        st.markdown("**5. Comment vous contacter ou contester**")
        contact = st.text_input(
            "Une adresse e-mail ou un autre moyen de vous écrire",
            key=widget_key(ident, "contact", ""),
            max_chars=charter.MAX_CONTACT,
            placeholder="Par exemple : contact@mon-asso.fr",
            help="Laissé vide, la charte renvoie à la messagerie de la page.",
        )
        st.markdown("**6. Ce que vous signalez**")
        st.checkbox(
            choices.REPORTS[0].label, value=True, disabled=True, key=f"exercise:{ident}:toujours"
        )
        reports = _ticked(
            ident,
            "signale",
            choices.REPORTS[1:],
            {option.id for option in choices.REPORTS[1:]},
        )
        asked = st.form_submit_button("Rédiger ma charte", type="primary")
    for key, value in (
        ("nom", name),
        ("bienvenu-autre", other),
        ("prevenir", warning),
        ("blocage", block_after),
        ("qui", who),
        ("nombre", moderators),
        ("quand", schedule),
        ("contact", contact),
    ):
        keep(ident, key, value)
    for group, options, ticked in (
        ("bienvenu", choices.WELCOME, welcome),
        ("retire", choices.REMOVED, removed),
        ("signale", choices.REPORTS[1:], reports),
    ):
        for option in options:
            keep(ident, f"{group}-{option.id}", option.id in ticked)
    if asked:
        keep(ident, "demande", True)
    if not st.session_state.get(stored(ident, "demande")):
        return
    keep_and_show(
        ident,
        lambda: charter.build_charter(
            association=name,
            welcome=welcome,
            welcome_other=other,
            removed=removed,
            warning=warning,
            block_after=int(block_after),
            who=who,
            moderators=int(moderators),
            schedule=schedule,
            contact=contact,
            reports=reports,
            today=date.today(),
        ),
        _show,
    )


def _show(result: dict[str, Any]) -> None:
    st.success(result["summary"], icon=":material/gavel:")
    if result["advice"]:
        st.info(
            "**Ce que le cours vous suggère**\n\n"
            + "\n".join(f"- {advice}" for advice in result["advice"]),
            icon=":material/lightbulb:",
        )
    st.markdown("**Votre charte, prête à publier**")
    with st.container(border=True):
        # The charter's own headings sit below the exercise's title on the lesson page.
        st.markdown(_HEADING.sub(lambda m: "#" * (len(m.group(1)) + 3) + " ", result["markdown"]))
    markdown_column, text_column = st.columns(2)
    markdown_column.download_button(
        "Télécharger pour un site web (Markdown)",
        data=result["markdown"],
        file_name="charte-de-moderation.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
    )
    text_column.download_button(
        "Télécharger le texte (.txt)",
        data=result["text"],
        file_name="charte-de-moderation.txt",
        mime="text/plain",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(
        "Publiez-la dans la présentation de votre page ou dans une publication épinglée. "
        "Ce cours n'est pas un conseil juridique : relisez-la chaque année."
    )
