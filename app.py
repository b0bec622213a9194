"""Entry point: `streamlit run app.py`. Page config and navigation built from the course."""

import streamlit as st

from views.common import get_course, set_up_page
from views.site import build_site, show_sidebar

st.set_page_config(
    page_title="Formation aux réseaux sociaux", page_icon=":material/forum:", layout="centered"
)
set_up_page()
course = get_course()
site, sections = build_site(course)
current = st.navigation(sections, position="hidden")
show_sidebar(course, sections)
current.run()
