"""Mode présentation: a module as slides for the room (built with the workshop tools)."""

from __future__ import annotations

import streamlit as st

from views.site import Site
from views.trainer_access import trainer_gate


def presentation_page(site: Site) -> None:
    """Slides of a module, for the trainer only."""
    st.title("Mode présentation")
    if not trainer_gate():
        return
    st.info("Le mode présentation arrive bientôt.", icon=":material/construction:")
