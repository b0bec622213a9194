"""Espace formateur: workshops, live questions, group results and exports, behind a password."""

from __future__ import annotations

import streamlit as st

from views.site import Site
from views.trainer_access import trainer_gate, trainer_sign_out_button


def trainer_page(site: Site) -> None:
    """The trainer's dashboard, once signed in."""
    st.title("Espace formateur")
    if not trainer_gate():
        return
    st.success("Vous êtes connecté à l'espace formateur.", icon=":material/co_present:")
    trainer_sign_out_button()
