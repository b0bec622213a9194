"""Vérifier une attestation: anyone with the code (from the PDF or its QR code), no identity needed.

Only the name, the course, the date and the score are shown; an unknown code says so and
nothing more; repeated wrong codes from one client are slowed down.
"""

from __future__ import annotations

import streamlit as st

from course.certificates.issuing import local_day
from course.formatting import format_long_date, format_percent
from course.storage.guard import Guard, client_key
from course.text import escape_markdown
from views.common import client_address, get_store

TRIES = 20  # per client and quarter of an hour: enough for a recruiter checking a pile of CVs


def verification_page() -> None:
    """Draw the verification page."""
    st.title("Vérifier une attestation")
    st.markdown(
        "Saisissez le code de vérification imprimé sur l'attestation (ou suivez son QR code)."
    )
    with st.form("verification"):
        typed = st.text_input(
            "Code de vérification",
            value=st.query_params.get("code", ""),
            max_chars=20,
            placeholder="K7QF-29XM",
        )
        sent = st.form_submit_button("Vérifier", type="primary")
    code = typed.strip() if sent else st.query_params.get("code", "").strip()
    if code:
        _verify(code)


def _verify(code: str) -> None:
    store = get_store()
    guard, client = Guard(store, "verify", limit=TRIES), client_key(client_address())
    if guard.blocked(client):
        st.error(
            "Trop de codes inconnus depuis cet appareil. Réessayez dans un quart d'heure.",
            icon=":material/lock_clock:",
        )
        return
    certificate = store.certificate(code)
    if certificate is None:
        guard.failed(client)
        st.error(
            "Aucune attestation ne correspond à ce code. Vérifiez-le\u202f: il a la forme "
            "«\u00a0K7QF-29XM\u00a0».",
            icon=":material/cancel:",
        )
        return
    day = local_day(certificate.issued_at)
    st.success("Attestation authentique.", icon=":material/verified:")
    st.markdown(
        f"- **Délivrée à**\u202f: {escape_markdown(certificate.learner_name)}\n"
        f"- **Formation**\u202f: {escape_markdown(certificate.course_title)}\n"
        f"- **Date**\u202f: {format_long_date(day)}\n"
        f"- **Score**\u202f: {format_percent(certificate.percent)}"
    )
