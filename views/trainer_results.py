"""Espace formateur: group results (tables and a success chart) and exports, for every learner
or one workshop's members. views/trainer.py puts each section in its own tab.

The trainer's page reruns often (the live workshop refreshes it): tables are cached on a cheap
fingerprint of the results, and export files are built only when their button is clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from course.content.course import Course
from course.results.chart import success_figure, success_summary, success_table
from course.results.data import results_fingerprint
from course.results.exports.certificates import certificates_zip
from course.results.exports.moodle_gift import quiz_to_gift
from course.results.exports.spreadsheets import results_csv, results_xlsx
from course.results.exports.xapi import xapi_json
from course.results.group import GroupResults, load_group_results, quiz_order
from course.results.tables import modules_table, participants_table, questions_table
from course.storage.store import Store
from course.text import escape_markdown
from course.workshop.workshops import Workshops
from views.charts import PLOTLY_CONFIG

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER = st.column_config.NumberColumn(format="localized")


def _content_key(course: Course) -> tuple[Any, ...]:
    """Changes when a quiz or a lesson file does (titles, questions, pass marks)."""
    lessons = tuple((lesson.id, lesson.content_hash) for lesson in course.lessons)
    return (tuple(sorted(course.quiz_hashes.items())), lessons)


# cache_resource, not cache_data: the tables and the chart are only read, so they need not be
# copied at every read (the dashboard reruns every few seconds during a workshop).
@st.cache_resource(show_spinner=False, max_entries=16)
def _view(
    _course: Course,
    _store: Store,
    url: str,
    workshop_id: str | None,
    content: tuple[Any, ...],
    fingerprint: tuple[Any, ...],
) -> dict[str, Any]:
    """Every table and the chart of one scope, computed again only when results change."""
    results = load_group_results(_course, _store, workshop_id)
    return {
        "scope": results.scope_label,
        "participants": participants_table(results),
        "modules": modules_table(results),
        "questions": questions_table(results),
        "chart": success_figure(results),
        "chart_data": success_table(results),
        "summary": success_summary(results),
    }


def _cached_view(course: Course, store: Store, workshop_id: str | None) -> dict[str, Any]:
    fingerprint = results_fingerprint(store, workshop_id)
    return _view(course, store, store.url, workshop_id, _content_key(course), fingerprint)


def _numbers(table: pd.DataFrame) -> dict[str, Any]:
    """French decimals in the browser for every numeric column."""
    return {
        column: NUMBER for column in table.columns if pd.api.types.is_numeric_dtype(table[column])
    }


def _table(table: pd.DataFrame) -> None:
    st.dataframe(table, hide_index=True, column_config=_numbers(table))


def show_group_results(course: Course, store: Store, workshop_id: str | None) -> None:
    """Per participant, per participant and module, per question (with the chart)."""
    view = _cached_view(course, store, workshop_id)
    st.subheader("Résultats du groupe")
    st.caption(f"Portée\u202f: {escape_markdown(view['scope'])}.")
    participants: pd.DataFrame = view["participants"]
    if participants.empty:
        st.info("Aucun participant pour l'instant.", icon=":material/group:")
        return
    done = int((participants["Formation terminée"] == "Oui").sum())
    first, second = st.columns(2)
    first.metric("Participants", len(participants))
    second.metric("Formation terminée", done)
    st.markdown("#### Par participant")
    _table(participants)
    st.markdown("#### Par participant et par module")
    _table(view["modules"])
    st.markdown("#### Par question")
    _show_questions(view, workshop_id)


def _show_questions(view: dict[str, Any], workshop_id: str | None) -> None:
    questions: pd.DataFrame = view["questions"]
    if questions.empty:
        st.info("Aucune réponse aux quiz pour l'instant.", icon=":material/quiz:")
        return
    st.plotly_chart(
        view["chart"], config=PLOTLY_CONFIG, key=f"group-success-{workshop_id or 'tous'}"
    )
    st.markdown(f"**Description du graphique.** {escape_markdown(view['summary'])}")
    with st.expander("Voir les données du graphique"):
        st.dataframe(view["chart_data"], hide_index=True)
    st.caption(
        "Chaque question compte les réponses aux quiz terminés (une question laissée vide y "
        "compte comme «\u00a0Sans réponse\u00a0») et aux questions en direct\u202f; la réponse "
        "fausse la plus fréquente montre ce que le groupe a mal compris."
    )
    _table(questions)


# --- Exports ----------------------------------------------------------------------------------


def _file_stem(store: Store, workshop_id: str | None) -> str:
    workshop = Workshops(store).workshop(workshop_id) if workshop_id else None
    return f"atelier-{workshop.code}" if workshop else "tous-les-apprenants"


def show_exports(course: Course, store: Store, workshop_id: str | None) -> None:
    """Download buttons: results (CSV, XLSX, xAPI), a quiz for Moodle (GIFT), certificates."""
    view = _cached_view(course, store, workshop_id)
    stem = _file_stem(store, workshop_id)
    st.subheader("Exports")
    st.caption(
        f"Portée\u202f: {escape_markdown(view['scope'])}. Les fichiers sont préparés au clic."
    )

    def results() -> GroupResults:
        return load_group_results(course, store, workshop_id)

    st.markdown("#### Résultats")
    csv_column, xlsx_column, xapi_column = st.columns(3)
    csv_column.download_button(
        "Tableur CSV (Excel)",
        data=lambda: results_csv(results()),
        file_name=f"resultats-{stem}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/table_view:",
        help="Une ligne par tentative de quiz et par réponse en direct\u202f; séparateur «\u00a0;\u00a0».",
    )
    xlsx_column.download_button(
        "Classeur XLSX",
        data=lambda: results_xlsx(results()),
        file_name=f"resultats-{stem}.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/grid_on:",
        help="Feuilles «\u00a0Participants\u00a0», «\u00a0Modules\u00a0», «\u00a0Tentatives\u00a0» et «\u00a0Réponses par question\u00a0».",
    )
    xapi_column.download_button(
        "Déclarations xAPI (JSON)",
        data=lambda: xapi_json(results()),
        file_name=f"xapi-{stem}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/data_object:",
        help="Pour un entrepôt d'apprentissage (LRS)\u202f: les identifiants restent les mêmes d'un export à l'autre.",
    )
    _gift_export(course)
    _certificates_export(view, store, stem, results)


def _gift_export(course: Course) -> None:
    st.markdown("#### Un quiz pour Moodle (GIFT)")
    quiz_ids = quiz_order(course)
    if not quiz_ids:
        st.info("Aucun quiz à exporter.")
        return
    quiz_id = st.selectbox(
        "Quiz à exporter",
        quiz_ids,
        format_func=lambda chosen: course.quizzes[chosen].title,
        key="trainer-export-gift-quiz",
    )
    quiz = course.quizzes[quiz_id]
    st.download_button(
        "Télécharger le quiz au format GIFT",
        data=lambda: quiz_to_gift(quiz),
        file_name=f"quiz-{quiz.id}.gift.txt",
        mime="text/plain",
        on_click="ignore",
        icon=":material/download:",
        help="À importer dans la banque de questions de Moodle (format GIFT).",
    )


def _certificates_export(
    view: dict[str, Any], store: Store, stem: str, results: Callable[[], GroupResults]
) -> None:
    st.markdown("#### Attestations")
    participants: pd.DataFrame = view["participants"]
    done = 0 if participants.empty else int((participants["Formation terminée"] == "Oui").sum())
    if not done:
        st.info("Personne n'a encore terminé la formation.", icon=":material/workspace_premium:")
        return
    st.download_button(
        f"Attestations des {done}\u00a0personnes qui ont terminé (ZIP)"
        if done > 1
        else "Attestation de la personne qui a terminé (ZIP)",
        data=lambda: certificates_zip(results(), store),
        file_name=f"attestations-{stem}.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/workspace_premium:",
    )
