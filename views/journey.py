"""Mon parcours: the learner's progress (arrives with learner records)."""

from __future__ import annotations

import streamlit as st


def journey_page() -> None:
    """Explain what this page will show."""
    st.title("Mon parcours")
    st.info(
        "Bientôt ici : les modules lus, les quiz réussis, votre meilleur score et votre "
        "attestation de fin de formation. Vous pourrez reprendre votre parcours sur un autre "
        "appareil grâce à un code personnel.",
        icon=":material/construction:",
    )
