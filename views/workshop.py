"""Rejoindre un atelier: participants join the trainer's workshop on their phones."""

from __future__ import annotations

import streamlit as st

from views.site import Site


def workshop_page(site: Site) -> None:
    """Join a workshop with its code, then answer the live questions."""
    st.title("Rejoindre un atelier")
    st.info("Les ateliers en direct arrivent bientôt.", icon=":material/construction:")
