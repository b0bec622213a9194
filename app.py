"""Entry point: `streamlit run app.py`. Page config and navigation built from the course."""

import streamlit as st

from course.logs import configure_logging
from views.identity import confirm_resume, current_learner, new_run, open_resume_link, track_time
from views.kept import get_course
from views.page import set_up_page
from views.resilience import database_guard
from views.site import Site, build_site, show_sidebar

# The tab's icon is an emoji, drawn by the browser from a data: URL; a « :material/… » icon would
# make every browser fetch it from fonts.gstatic.com (nothing is fetched from the internet).
st.set_page_config(page_title="Formation aux réseaux sociaux", page_icon="💬", layout="centered")
set_up_page()
configure_logging()
course = get_course()
new_run()
site: Site | None = None
with database_guard():  # the database not answering: a French message and « Réessayer »
    open_resume_link()  # a resume link: its code leaves the URL, the record awaits « C'est moi »
    confirm_resume()
    site, sections = build_site(course, current_learner())  # the menu says the learner's progress
database_answered = site is not None
if site is None:  # the database is down: the menu without progress, and no page under the message
    site, sections = build_site(course, None)
current = st.navigation(sections, position="sidebar", expanded=True)
show_sidebar(course, site.learner)
if database_answered:
    with database_guard():
        track_time(current.url_path if current.url_path in site.lessons else None)
        current.run()
