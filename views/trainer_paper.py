"""Espace formateur, « Quiz sur papier »: print a quiz sheet and its answer key, then type each
participant's answers in a grid (or upload it as CSV/XLSX); every row is graded and recorded at
once (course/paper/answer_grid.py). views/trainer.py puts this in its own tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from course.content.course import Course
from course.content.questions import Quiz
from course.journey.learners import NAME_MAX
from course.paper.answer_files import (
    MAX_FILE_BYTES,
    XLSX_MIME,
    UnreadableFile,
    header,
    read_answer_file,
    template_csv,
    template_file_name,
    template_xlsx,
)
from course.paper.answer_grid import (
    MAX_ROWS,
    NAME_COLUMN,
    GridRow,
    RowOutcome,
    located,
    record_grid,
)
from course.paper.files import quiz_sheet_file_name, quiz_sheet_pdf
from course.paper.sheet_codes import sheet_code
from course.paper.typed_answers import CELL_MAX, column_help
from course.results.group import quiz_order
from course.storage.store import Store
from course.text import escape_markdown
from course.workshop.workshops import Workshop, Workshops

BLANK_ROWS = 10  # rows of an empty grid (more can be added)
# Pixels: a letter or two per answer cell, so a quiz of some fifteen questions fits the page
# without scrolling sideways (longer answers show whole in the cell's editor).
NAME_WIDTH, ANSWER_WIDTH = 120, 38
OUTCOMES_KEY = "paper-outcomes"
CODES_KEY = "paper-new-codes"


def show_paper_quizzes(course: Course, store: Store, current: Workshop | None) -> None:
    """Pick a quiz (and a workshop), download its sheet, then type or upload the answers."""
    st.subheader("Quiz sur papier")
    quiz_ids = quiz_order(course)
    if not quiz_ids:
        st.info("Aucun quiz dans ce cours.")
        return
    left, right = st.columns(2)
    quiz_id = left.selectbox(
        "Quiz",
        quiz_ids,
        format_func=lambda chosen: course.quizzes[chosen].title,
        key="paper-quiz",
    )
    workshop = _pick_workshop(right, store, current)
    quiz = course.quizzes[quiz_id]
    quiz_hash = course.quiz_hashes.get(quiz_id, "")
    code = sheet_code(quiz.id, quiz_hash)
    names = [m.name for m in Workshops(store).roster(workshop.id)] if workshop else []
    _downloads(course, quiz, code, names)
    st.markdown("#### Saisir les réponses")
    st.caption(
        f"Le code imprimé sur les feuilles doit être **{escape_markdown(code)}**\u202f: sinon le "
        "quiz a changé depuis l'impression. Une ligne par participant, une colonne par question "
        "numérotée comme sur la feuille\u00a0: la lettre cochée (B), les lettres cochées (A C), "
        "V ou F, pour une association une lettre par élément numéroté (1B 2A 3C), pour un ordre "
        "les lettres dans l'ordre (CAB), les mots écrits ou le nombre. Une case vide\u00a0: pas "
        "de réponse. Saisir deux fois la même feuille ne la compte qu'une fois."
    )
    _grid(store, quiz, quiz_hash, names, workshop)
    st.markdown("#### Ou importer un fichier")
    _upload(store, quiz, quiz_hash, workshop)
    _show_last_outcomes(quiz)


def _pick_workshop(
    column: DeltaGenerator, store: Store, current: Workshop | None
) -> Workshop | None:
    workshops = Workshops(store).recent()
    if current is not None and current.id not in {w.id for w in workshops}:
        workshops.insert(0, current)
    choices: list[Workshop | None] = [None, *workshops]
    index = next((i for i, w in enumerate(choices) if w and current and w.id == current.id), 0)
    return column.selectbox(
        "Atelier (pour préremplir les noms)",
        choices,
        index=index,
        format_func=lambda w: "Aucun" if w is None else f"{w.title} · {w.code}",
        key="paper-workshop",
        help="Les participants de l'atelier sont reconnus à leur nom exact\u202f; un nouveau nom "
        "crée un participant et l'inscrit à l'atelier.",
    )


def _downloads(course: Course, quiz: Quiz, code: str, names: Sequence[str]) -> None:
    sheet, key, csv_column, xlsx_column = st.columns(4)
    sheet.download_button(
        "Feuille à imprimer (PDF)",
        data=lambda: quiz_sheet_pdf(course, quiz.id),
        file_name=quiz_sheet_file_name(course, quiz.id),
        mime="application/pdf",
        on_click="ignore",
        icon=":material/print:",
    )
    key.download_button(
        "Corrigé (PDF)",
        data=lambda: quiz_sheet_pdf(course, quiz.id, answer_key=True),
        file_name=quiz_sheet_file_name(course, quiz.id, answer_key=True),
        mime="application/pdf",
        on_click="ignore",
        icon=":material/fact_check:",
    )
    csv_column.download_button(
        "Modèle de grille (CSV)",
        data=lambda: template_csv(quiz, names),
        file_name=template_file_name(code, "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/table_view:",
        help="Pour Excel\u00a0: une ligne par participant, «\u00a0Nom\u00a0» puis une colonne par question.",
    )
    xlsx_column.download_button(
        "Modèle de grille (XLSX)",
        data=lambda: template_xlsx(quiz, names),
        file_name=template_file_name(code, "xlsx"),
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/grid_on:",
        help="Avec une feuille «\u00a0Mode d'emploi\u00a0»\u00a0: ce qu'il faut écrire pour chaque question.",
    )


def _grid(
    store: Store, quiz: Quiz, quiz_hash: str, names: Sequence[str], workshop: Workshop | None
) -> None:
    columns = header(quiz)
    rows = [[name, *[""] * (len(columns) - 1)] for name in names] or [
        [""] * len(columns) for _ in range(BLANK_ROWS)
    ]
    helps = column_help(quiz)
    config = {
        NAME_COLUMN: st.column_config.TextColumn(
            NAME_COLUMN,
            max_chars=NAME_MAX,
            help="Le nom exact du participant.",
            pinned=True,
            width=NAME_WIDTH,
        ),
        **{
            number: st.column_config.TextColumn(
                number, max_chars=CELL_MAX, help=helps[number], width=ANSWER_WIDTH
            )
            for number in columns[1:]
        },
    }
    edited = st.data_editor(
        pd.DataFrame(rows, columns=columns, dtype="string"),
        column_config=config,
        num_rows="dynamic",
        hide_index=True,
        key=f"paper-grid-{quiz.id}-{workshop.id if workshop else 'aucun'}",
        placeholder="",
        on_change="ignore",  # typing a sheet reruns nothing; the save button sends the grid
    )
    if st.button("Enregistrer les réponses", type="primary", icon=":material/save:"):
        grid = [
            GridRow(
                line,
                _text(record[NAME_COLUMN]),
                {n: _text(record[n]) for n in columns[1:]},
            )
            for line, record in enumerate(edited.to_dict("records"), start=1)
        ]
        _record(store, quiz, quiz_hash, grid, workshop, "Ligne")


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def _upload(store: Store, quiz: Quiz, quiz_hash: str, workshop: Workshop | None) -> None:
    uploaded = st.file_uploader(
        f"Grille remplie (CSV ou XLSX, {MAX_ROWS}\u00a0participants au plus)",
        type=["csv", "xlsx"],
        key=f"paper-file-{quiz.id}",
        max_upload_size=1,
    )
    if uploaded is None or not st.button("Enregistrer le fichier", icon=":material/upload_file:"):
        return
    try:
        if uploaded.size > MAX_FILE_BYTES:
            raise UnreadableFile("fichier trop volumineux (1\u00a0Mo au plus).")
        read = read_answer_file(uploaded.getvalue(), uploaded.name, quiz)
    except UnreadableFile as problem:
        st.error(f"Fichier non lu\u202f: {problem}", icon=":material/error:")
        return
    for message in read.problems:
        st.warning(escape_markdown(message), icon=":material/warning:")
    _record(store, quiz, quiz_hash, read.rows, workshop, "Ligne")


def _record(
    store: Store,
    quiz: Quiz,
    quiz_hash: str,
    rows: Sequence[GridRow],
    workshop: Workshop | None,
    noun: str,
) -> None:
    try:
        outcomes = record_grid(store, quiz, quiz_hash, rows, workshop.id if workshop else None)
    except ValueError as problem:
        st.error(str(problem), icon=":material/error:")
        return
    if not outcomes:
        st.info("Aucune ligne remplie\u202f: rien à enregistrer.")
        return
    # The outcomes stay on screen until the next save (each edit of the grid reruns the page),
    # and a new participant's code stays beside their name for this session: a save run again
    # (a double click, a rerun that interrupted it) finds the sheet already recorded.
    codes: dict[str, str] = st.session_state.setdefault(CODES_KEY, {})
    codes.update({o.name: o.new_code for o in outcomes if o.new_code})
    st.session_state[OUTCOMES_KEY] = (
        quiz.id,
        noun,
        [replace(o, new_code=codes.get(o.name)) if o.status != "refused" else o for o in outcomes],
    )


def _show_last_outcomes(quiz: Quiz) -> None:
    """The outcomes of this session's last save of this quiz, if any."""
    kept = st.session_state.get(OUTCOMES_KEY)
    if kept is not None and kept[0] == quiz.id:
        _show_outcomes(kept[2], kept[1])


def _show_outcomes(outcomes: Sequence[RowOutcome], noun: str) -> None:
    st.markdown("#### Résultat de l'enregistrement")
    saved = sum(o.status != "refused" for o in outcomes)
    refused = [o for o in outcomes if o.status == "refused"]
    if saved:
        st.success(
            f"{saved}\u00a0feuille(s) enregistrée(s) dans le parcours des participants.",
            icon=":material/check_circle:",
        )
    if refused:
        st.error(
            f"{len(refused)}\u00a0ligne(s) non enregistrée(s)\u202f: corrigez-les puis "
            "enregistrez de nouveau (les lignes déjà enregistrées ne compteront pas deux fois).",
            icon=":material/error:",
        )
        for outcome in refused:
            for message in located(outcome, noun):
                st.markdown(f"- {escape_markdown(message)}")
    if any(o.new_code for o in outcomes):
        st.warning(
            "Notez les codes de reprise des nouveaux participants maintenant\u202f: ils ne "
            "seront plus affichés.",
            icon=":material/key:",
        )
    # st.table: plain HTML a screen reader reads row by row; its cells are Markdown, so the
    # names and answers typed are escaped.
    st.table(
        pd.DataFrame(
            [(o.line, escape_markdown(o.name), escape_markdown(o.summary())) for o in outcomes],
            columns=[noun, "Participant", "Résultat"],
        ).set_index(noun)
    )
