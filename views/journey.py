"""Mon parcours: progress, the next step, the certificate, the resume code and personal data."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

from course.certificates.badges import (
    badge_url,
    remove_hosted_badge,
    static_dir,
    write_hosted_badge,
)
from course.certificates.issuing import certificate_data, issue_certificate, local_day
from course.certificates.stored_pdf import certificate_pdf
from course.content.course import Course
from course.content.exercise_registry import EXERCISES
from course.content.models import CourseSettings
from course.formatting import (
    DISPLAY_TIMEZONE,
    format_long_date,
    format_minutes,
    format_number,
    format_percent,
)
from course.journey.action_plan import action_plan
from course.journey.links import public_url, verification_url
from course.journey.progress import Progress
from course.journey.progress_chart import progress_figure, progress_summary, progress_table
from course.logs import LOGGER_NAME, log_learner_erased
from course.storage.certificates import Certificate
from course.storage.learners import Learner
from course.storage.personal_data import learner_data
from course.storage.store import Store
from course.text import escape_markdown
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshops
from views.charts import PLOTLY_CONFIG
from views.identity import SESSION_KEY, show_code, sign_in, sign_out_button
from views.kept import get_course, get_store
from views.site import Site

if TYPE_CHECKING:
    import pandas as pd

# Under the `course` logger: its handler's filter masks codes in messages and tracebacks.
LOGGER = logging.getLogger(f"{LOGGER_NAME}.{__name__}")


def journey_page(site: Site) -> None:
    """Draw « Mon parcours »."""
    st.title("Mon parcours")
    if st.session_state.pop("learner:erased", False):
        st.success("Votre parcours a été effacé.", icon=":material/delete:")
    learner = sign_in(
        "Indiquez votre nom pour commencer votre parcours, ou reprenez-le avec votre code "
        "personnel\u202f: vos modules, vos scores et votre attestation vous suivent sur tous vos "
        "appareils."
    )
    if learner is None:
        st.page_link(site.page("privacy"), label="Confidentialité", icon=":material/shield:")
        return
    course, store = get_course(), get_store()
    progress = site.progress_of(course, learner)
    st.markdown(f"Parcours de **{escape_markdown(learner.name)}**")
    _summary(progress)
    st.subheader("Prochaine étape")
    show_next_step(progress, site, on_journey=True)
    _chart(progress)
    _workshops(store, learner)
    _certificate(course, store, learner, progress)
    _action_plan(store, learner, progress)
    st.header("Votre code personnel")
    show_code()
    if st.button("Me donner un nouveau code", icon=":material/autorenew:"):
        code = store.learners.new_resume_code(learner.id)
        st.session_state[SESSION_KEY] = {"id": learner.id, "code": code}
        st.rerun()
    st.caption("L'ancien code cesse alors de fonctionner.")
    sign_out_button()
    _my_data(store, learner, site)


def _workshops(store: Store, learner: Learner) -> None:
    """The workshops joined and the points won on live questions, when there are any."""
    joined = Workshops(store).workshops_of(learner.id)
    if not joined:
        return
    answers = [answer for _, answer in LiveQuestions(store).answers_of(learner.id)]
    right = sum(1 for answer in answers if answer.fraction >= 1)
    points = sum(answer.points for answer in answers)
    st.subheader("Vos ateliers")
    names = ", ".join(f"«\u00a0{escape_markdown(w.title)}\u00a0»" for w in joined)
    st.markdown(
        f"Ateliers suivis\u202f: {names}. Questions en direct\u202f: {len(answers)} réponse(s), "
        f"dont {right} juste(s), {format_number(points)} point(s)."
    )


def _summary(progress: Progress) -> None:
    total = len(progress.modules)
    opened = sum(1 for module in progress.modules if module.visited)
    first, second, third = st.columns(3)
    first.metric("Modules ouverts", f"{opened} sur {total}")
    second.metric("Quiz réussis", f"{progress.quizzes_passed} sur {total}")
    third.metric("Temps passé", format_minutes(progress.seconds // 60))


def show_next_step(progress: Progress, site: Site, on_journey: bool = False) -> None:
    """A link to the learner's next step (a module, a quiz, or their certificate)."""
    step = progress.next_step
    if step.lesson_id is not None and step.lesson_id in site.lessons:
        st.page_link(
            site.lessons[step.lesson_id], label=step.label, icon=":material/arrow_forward:"
        )
    elif step.quiz_id is not None:
        st.page_link(
            site.page("evaluation"),
            label=step.label,
            icon=":material/quiz:",
            query_params={"quiz": step.quiz_id},
        )
    elif on_journey:
        st.markdown(f"{step.label} ci-dessous.")
    else:
        st.page_link(site.page("journey"), label=step.label, icon=":material/workspace_premium:")


def _chart(progress: Progress) -> None:
    summary = progress_summary(progress)
    st.markdown(summary)
    figure, table = _chart_parts(progress)
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key="progression")
    st.caption(f"Graphique de votre progression. {summary}")
    with st.expander("Voir le détail par module"):
        st.table(table)


@functools.lru_cache(maxsize=256)  # progress is immutable; it changes far less often than reruns
def _chart_parts(progress: Progress) -> tuple[go.Figure, pd.DataFrame]:
    """The progress chart and its table, built again only when the progress changed (neither is
    modified after: Streamlit copies the figure before sending it)."""
    return progress_figure(progress), progress_table(progress).set_index("Module")


def _certificate(course: Course, store: Store, learner: Learner, progress: Progress) -> None:
    st.header("Votre attestation")
    if not progress.complete:
        st.markdown(
            "Pour obtenir l'attestation de fin de formation, il vous reste à\u202f:\n"
            + "\n".join(f"- {item}" for item in progress.missing)
        )
        return
    settings = course.settings
    if settings is None or course.info is None:
        st.error("Les réglages du cours sont illisibles\u202f: lancez `python -m course validate`.")
        return
    issued = issue_certificate(course, store, learner, progress)
    st.success(
        f"Félicitations\u202f! Formation terminée avec un score de {format_percent(issued.percent)}.",
        icon=":material/workspace_premium:",
    )
    data = certificate_data(issued, settings)
    document = _hosted_badge(settings, learner, issued)
    pdf, badge = st.columns(2)
    pdf.download_button(
        "Télécharger mon attestation (PDF)",
        data=lambda: certificate_pdf(store, data),
        file_name=f"attestation-{issued.code}.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )
    if document is not None:
        badge.download_button(
            "Télécharger mon badge (Open Badges)",
            data=document,
            file_name=f"badge-{issued.code}.json",
            mime="application/json",
            icon=":material/verified:",
            on_click="ignore",
        )
    st.markdown(
        f"Code de vérification\u202f: **{issued.code}**. Toute personne peut vérifier "
        f"l'attestation à l'adresse {verification_url(settings, issued.code)}"
    )
    if document is not None:
        _explain_badge(settings, learner, issued)


def _hosted_badge(settings: CourseSettings, learner: Learner, issued: Certificate) -> bytes | None:
    """The Open Badges 2.0 assertion, written (with its badge class and issuer) under
    static/badges/ so that its URL verifies; None and a French warning if that fails."""
    try:
        return write_hosted_badge(
            static_dir(),
            settings,
            public_url(settings),
            assertion_id=issued.badge_id,
            issued_on=issued.issued_at,
            verification_url=verification_url(settings, issued.code),
            email=learner.email,
        )
    except (OSError, ValueError):  # a read-only folder, or a public URL badges cannot use
        LOGGER.exception("Open Badges documents not written")
        st.warning(
            "Le badge numérique est momentanément indisponible. Votre attestation, elle, "
            "reste valable.",
            icon=":material/warning:",
        )
        return None


def _explain_badge(settings: CourseSettings, learner: Learner, issued: Certificate) -> None:
    address = badge_url(public_url(settings), "assertion", issued.badge_id)
    how = (
        "**Le badge numérique** (format Open Badges\u00a02.0) atteste votre formation sur "
        "Internet\u202f: importez le fichier téléchargé dans un portefeuille de badges en ligne "
        "(par exemple Canvas Credentials, anciennement Badgr) pour l'afficher sur votre profil ou "
        "votre CV. Toute personne qui le consulte peut vérifier qu'il a bien été délivré par ce "
        f"cours. Certains portefeuilles demandent plutôt son adresse\u202f: {address}"
    )
    if learner.email is None:
        how += (
            "\n\nVous n'avez pas donné d'adresse e-mail\u202f: le badge est rattaché au lien de "
            "vérification de votre attestation, et les portefeuilles qui reconnaissent les "
            "badges par l'adresse e-mail ne pourront pas le relier automatiquement à votre compte."
        )
    st.caption(how)


def _action_plan(store: Store, learner: Learner, progress: Progress) -> None:
    st.header("Votre plan d'action")
    answers = store.learners.exercise_answers(learner.id)
    st.markdown(
        f"Vos réponses à {len(answers)} exercice(s) sur {len(EXERCISES)} deviennent un plan "
        "pour votre association\u202f: réseaux à privilégier, page Facebook à compléter, "
        "messages, dons, images."
    )
    today = datetime.now(DISPLAY_TIMEZONE).date()
    st.download_button(
        "Télécharger mon plan d'action (Markdown)",
        data=lambda: action_plan(learner.name, progress, answers, today),
        file_name="plan-d-action-reseaux-sociaux.md",
        mime="text/markdown",
        on_click="ignore",
        icon=":material/checklist:",
    )


def _my_data(store: Store, learner: Learner, site: Site) -> None:
    st.header("Vos données")
    st.page_link(
        site.page("privacy"), label="Ce qui est enregistré et pourquoi", icon=":material/shield:"
    )
    st.download_button(
        "Télécharger toutes mes données (JSON)",
        data=lambda: json.dumps(learner_data(store, learner.id), ensure_ascii=False, indent=2),
        file_name="mes-donnees-formation.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
    )
    with st.expander("Effacer mon parcours"):
        st.markdown(
            "L'effacement supprime votre nom, vos réponses, vos scores et votre attestation, "
            "qui ne pourra plus être vérifiée. **Il est définitif.**"
        )
        sure = st.checkbox("Je comprends que l'effacement est définitif.")
        if st.button("Effacer mon parcours", disabled=not sure, icon=":material/delete:"):
            certificate = store.certificates.of(learner.id)
            store.learners.delete(learner.id)
            log_learner_erased(learner.id)
            if certificate is not None:  # its badge URL answers 404 from now on
                with contextlib.suppress(OSError):  # else the next start's prune removes it
                    remove_hosted_badge(static_dir(), certificate.badge_id)
            st.session_state.clear()  # nothing of the erased record stays in the session
            st.session_state["learner:erased"] = True
            st.rerun()
    st.caption(f"Parcours commencé le {format_long_date(local_day(learner.created_at))}.")
