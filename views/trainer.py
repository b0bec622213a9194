"""Espace formateur: workshops, live questions and exports (arrives with the workshop tools)."""

from __future__ import annotations

import streamlit as st


def trainer_page() -> None:
    """Explain what this page will hold and how it will be protected."""
    st.title("Espace formateur")
    st.info(
        "Bientôt ici : le mode présentation, les questions en direct sur les téléphones de la "
        "salle, les résultats du groupe et les exports. Cet espace sera protégé par un mot de "
        "passe que vous choisirez : aucun mot de passe n'est fourni par défaut.",
        icon=":material/construction:",
    )
