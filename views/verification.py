"""Vérifier une attestation: anyone with the code (from the PDF or its QR code), no identity needed.

Only the name, the course, the date and the score are shown; an unknown code says so and
nothing more; repeated wrong codes from one client are slowed down.
"""

from __future__ import annotations

import streamlit as st

from course.certificates.issuing import local_day
from course.formatting import format_long_date, format_percent
from course.storage.guard import Guard, retry_in
from course.text import escape_markdown
from views.kept import get_store
from views.page import client_address, url_value


def verification_page() -> None:
    """Draw the verification page."""
    st.title("Vérifier une attestation")
    st.markdown(
        "Saisissez le code de vérification imprimé sur l'attestation (ou suivez son QR code)."
    )
    with st.form("verification"):
        typed = st.text_input(
            "Code de vérification",
            value=url_value("code")[:20],
            max_chars=20,
            placeholder="K7QF-29XM",
        )
        sent = st.form_submit_button("Vérifier", type="primary")
    code = typed.strip() if sent else url_value("code").strip()
    if code:
        _verify(code)


def _verify(code: str) -> None:
    store = get_store()
    guard = Guard(store, "verify")  # waits grow after 10 unknown codes (guard.POLICIES)
    attempt = guard.enter(client_address())
    if not attempt.allowed:
        st.error(
            f"Trop de codes inconnus depuis cet appareil. {retry_in(attempt.wait)}",
            icon=":material/lock_clock:",
        )
        return
    certificate = store.certificates.by_code(code)
    if certificate is None:
        guard.failed(attempt)
        st.error(
            "Aucune attestation ne correspond à ce code. Vérifiez-le\u202f: il a la forme "
            "«\u00a0K7QF-29XM\u00a0».",
            icon=":material/cancel:",
        )
        return
    guard.passed(attempt)
    day = local_day(certificate.issued_at)
    st.success("Attestation authentique.", icon=":material/verified:")
    st.markdown(
        f"- **Délivrée à**\u202f: {escape_markdown(certificate.learner_name)}\n"
        f"- **Formation**\u202f: {escape_markdown(certificate.course_title)}\n"
        f"- **Date**\u202f: {format_long_date(day)}\n"
        f"- **Score**\u202f: {format_percent(certificate.percent)}"
    )
