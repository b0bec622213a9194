"""Entry point: `streamlit run app.py`. Page config and navigation built from the course."""

import streamlit as st

from views.common import get_course, set_page_language
from views.site import build_site

st.set_page_config(
    page_title="Formation aux réseaux sociaux", page_icon=":material/forum:", layout="centered"
)
set_page_language()
site, sections = build_site(get_course())
st.navigation(sections).run()
