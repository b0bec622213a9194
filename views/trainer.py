"""Espace formateur: the workshop run live, group results and exports, behind a password."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from course.certificates.issuing import local_day
from course.content.course import Course
from course.formatting import format_long_date
from course.text import escape_markdown
from course.workshop.live import (
    answer_distribution,
    distribution_figure,
    distribution_summary,
    right_answer_text,
)
from course.workshop.questions import LiveQuestion, LiveQuestions
from course.workshop.workshops import Workshop, Workshops
from views.charts import PLOTLY_CONFIG
from views.join_card import CURRENT_KEY, current_workshop, show_join_card
from views.kept import get_course, get_store
from views.live import find_question, signature_of, watch
from views.resilience import database_guarded
from views.site import Site
from views.trainer_access import trainer_gate, trainer_sign_out_button
from views.trainer_paper import show_paper_quizzes
from views.trainer_results import show_exports, show_group_results

ROSTER_SHOWN = 60  # names listed on the dashboard; the count is always complete
LEADERBOARD_SIZE = 10


def trainer_page(site: Site) -> None:
    """The trainer's dashboard, once signed in."""
    st.title("Espace formateur")
    if not trainer_gate():
        return
    course, workshops = get_course(), Workshops(get_store())
    workshop = current_workshop()
    # Only the open tab is computed (a click on another reruns the page): the live tab reruns
    # often during a workshop, and the results and exports need not be drawn each time.
    live, results, exports, paper = st.tabs(
        ["Atelier en direct", "Résultats du groupe", "Exports", "Quiz sur papier"],
        key="onglet",
        on_change="rerun",
    )
    scope = workshop.id if workshop else None
    if live.open:
        with live:
            if workshop is None:
                _choose_workshop(workshops)
            else:
                _run_workshop(course, workshops, workshop)
    if results.open:
        with results:
            show_group_results(course, get_store(), scope)
    if exports.open:
        with exports:
            show_exports(course, get_store(), scope)
    if paper.open:
        with paper:
            show_paper_quizzes(course, get_store(), workshop)
    st.divider()
    st.page_link(
        site.page("presentation"), label="Ouvrir le mode présentation", icon=":material/slideshow:"
    )
    trainer_sign_out_button()


# --- Opening a workshop -------------------------------------------------------------------------


def _choose_workshop(workshops: Workshops) -> None:
    st.markdown(
        "Ouvrez un atelier\u202f: la salle le rejoint sur ses téléphones avec un code ou un QR "
        "code, et les réponses aux questions en direct comptent dans le parcours de chacun."
    )
    today = format_long_date(local_day(datetime.now(UTC)))
    with st.form("ouvrir-atelier"):
        title = st.text_input("Titre de l'atelier", value=f"Atelier du {today}", max_chars=120)
        leaderboard = st.checkbox(
            "Afficher un classement (prénoms ou pseudonymes seulement)", value=False
        )
        opened = st.form_submit_button("Ouvrir l'atelier", type="primary")
    if opened:
        workshop = workshops.open_workshop(title.strip() or f"Atelier du {today}", leaderboard)
        st.session_state[CURRENT_KEY] = workshop.id
        st.rerun()
    running = [w for w in workshops.recent() if w.open]
    if running:
        st.markdown("**Ou reprenez un atelier en cours**")
        picked = st.selectbox(
            "Atelier en cours",
            running,
            index=None,
            format_func=lambda w: f"{w.title} · {w.code}",
            placeholder="Choisir…",
        )
        if picked is not None and st.button("Reprendre cet atelier"):
            st.session_state[CURRENT_KEY] = picked.id
            st.rerun()


# --- Running it ---------------------------------------------------------------------------------


def _run_workshop(course: Course, workshops: Workshops, workshop: Workshop) -> None:
    st.subheader(escape_markdown(workshop.title))
    questions = LiveQuestions(get_store())
    current = questions.current_question(workshop.id)
    with st.expander("Code, lien et QR code pour rejoindre", expanded=current is None):
        show_join_card(workshop)
    _roster(workshops, workshop)
    st.markdown("#### Question en direct")
    _launcher(course, questions, workshop)
    if current is not None:
        _current_question(course, workshops, questions, workshop, current)
    if workshop.leaderboard:
        _leaderboard(questions, workshop)
    st.divider()
    left, right = st.columns(2)
    if left.button("Quitter cet atelier (il reste ouvert)"):
        st.session_state.pop(CURRENT_KEY, None)
        st.rerun()
    if right.button("Terminer l'atelier", help="Plus personne ne peut le rejoindre ni répondre."):
        workshops.close_workshop(workshop.id)
        st.session_state.pop(CURRENT_KEY, None)
        st.rerun()


def _roster(workshops: Workshops, workshop: Workshop) -> None:
    @st.fragment(run_every=2)
    @database_guarded("roster")
    def roster() -> None:
        members = workshops.roster(workshop.id)
        noun = "participant" if len(members) < 2 else "participants"
        st.markdown(f"**{len(members)} {noun}**")
        if members:
            names = ", ".join(escape_markdown(m.name) for m in members[:ROSTER_SHOWN])
            more = (
                f" et {len(members) - ROSTER_SHOWN} autres" if len(members) > ROSTER_SHOWN else ""
            )
            st.caption(names + more)

    roster()


def _question_label(number: int, prompt: str) -> str:
    short = prompt if len(prompt) <= 90 else prompt[:87].rstrip() + "…"
    return f"Q{number}. {short}"


def _launcher(course: Course, questions: LiveQuestions, workshop: Workshop) -> None:
    quizzes = list(course.quizzes.values())
    left, right = st.columns([1, 2])
    quiz = left.selectbox("Quiz", quizzes, format_func=lambda q: q.title, key="live-quiz")
    if quiz is None:
        return
    numbered = list(enumerate(quiz.questions, start=1))
    picked = right.selectbox(
        "Question",
        numbered,
        format_func=lambda pair: _question_label(pair[0], pair[1].prompt),
        key=f"live-question-{quiz.id}",
    )
    if picked is not None and st.button(
        "Lancer la question", type="primary", icon=":material/campaign:"
    ):
        questions.launch(workshop.id, quiz.id, picked[1].id)
        st.rerun()


STATE_LABELS = {
    "open": "ouverte, la salle répond",
    "closed": "close",
    "revealed": "réponse révélée",
}


def _current_question(
    course: Course,
    workshops: Workshops,
    questions: LiveQuestions,
    workshop: Workshop,
    current: LiveQuestion,
) -> None:
    found = find_question(course, current.quiz_id, current.question_id)
    if found is None:
        st.warning("Cette question n'existe plus dans le cours.")
        return
    _, question = found
    with st.container(border=True):
        st.markdown(f"**Question {current.number}** · {STATE_LABELS[current.state]}")
        st.markdown(question.prompt)

        def answers_so_far() -> None:
            answers = questions.answers(current.id)
            total = len(workshops.roster(workshop.id))
            distribution = answer_distribution(
                question, [(a.response, a.fraction) for a in answers]
            )
            st.markdown(f"**{len(answers)} réponse(s) sur {total} participant(s)**")
            figure, table = _distribution_parts(tuple(distribution))
            st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"live-chart-{current.id}")
            st.caption(
                f"Description du graphique\u202f: {distribution_summary(distribution, len(answers))}"
            )
            with st.expander("Voir les données du graphique"):
                st.table(table)

        watch(workshop.id, signature_of(current), answers_so_far)
        close, reveal = st.columns(2)
        if current.state == "open" and close.button("Clore la question", icon=":material/lock:"):
            questions.close_question(current.id)
            st.rerun()
        if current.state != "revealed" and reveal.button(
            "Révéler la réponse", type="primary", icon=":material/visibility:"
        ):
            questions.reveal(current.id)
            st.rerun()
        if current.state == "revealed":
            st.success(
                f"Bonne réponse\u202f: {escape_markdown(right_answer_text(question))}",
                icon=":material/check_circle:",
            )
            st.info(question.explanation, icon=":material/lightbulb:")


@functools.lru_cache(maxsize=64)  # polled every second; the counts change far less often
def _distribution_parts(distribution: tuple[tuple[str, int], ...]) -> tuple[Any, pd.DataFrame]:
    """The answers chart and its table, built again only when the counts change (neither is
    modified after: Streamlit copies the figure before sending it)."""
    table = pd.DataFrame(list(distribution), columns=["Réponse", "Nombre"]).set_index("Réponse")
    return distribution_figure(list(distribution)), table


def _leaderboard(questions: LiveQuestions, workshop: Workshop) -> None:
    ranking = questions.leaderboard(workshop.id)[:LEADERBOARD_SIZE]
    if not ranking:
        return
    st.markdown("#### Classement")
    st.dataframe(
        pd.DataFrame(
            [(rank, name, points) for rank, (name, points) in enumerate(ranking, start=1)],
            columns=["Rang", "Participant", "Points"],
        ),
        hide_index=True,
    )
