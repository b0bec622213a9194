"""Accueil: what the course is, for whom, its modules, where to start."""

from __future__ import annotations

import streamlit as st

from course.content import BrokenLesson
from course.formatting import format_minutes
from views.common import get_course
from views.site import Site


def home_page(site: Site) -> None:
    """Draw the home page."""
    course = get_course()
    info = course.info
    st.title(info.title if info else "Formation aux réseaux sociaux")
    if info is None:
        st.error("Le fichier course.yaml est illisible : lancez `python -m course validate`.")
    else:
        st.markdown(f"**{info.tagline}**")
        st.markdown(f"**Pour qui ?** {info.audience}")
        st.markdown(info.description)
    modules = course.modules
    total = sum(m.meta.duration for m in course.lessons)
    st.header("Par où commencer ?")
    st.markdown(
        (info.start_advice if info and info.start_advice else "")
        + f" Le parcours compte {len(modules)} modules, environ {format_minutes(total)} en tout."
    )
    if course.lessons:
        first = course.lessons[0]
        st.page_link(
            site.lessons[first.id],
            label=f"Commencer : {first.meta.title}",
            icon=":material/play_arrow:",
        )
    st.header("Les modules")
    for number, module in enumerate(modules, start=1):
        with st.container(border=True):
            if isinstance(module, BrokenLesson):
                st.subheader(f"Module {number}")
                st.warning("Ce module est momentanément indisponible (erreur dans son fichier).")
                continue
            st.subheader(f"Module {number} · {module.meta.title}")
            st.caption(f"Durée : {format_minutes(module.meta.duration)}")
            if module.meta.summary:
                st.markdown(module.meta.summary)
            st.markdown(
                "**Objectifs :**\n" + "\n".join(f"- {o.text}" for o in module.meta.objectives)
            )
            st.page_link(
                site.lessons[module.id], label="Ouvrir le module", icon=":material/arrow_forward:"
            )
