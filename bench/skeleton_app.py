"""The course's skeleton without the course: a second floor, measured beside hello-world.

What every page of the course draws whatever its content, written with nothing of ours: the
page configuration, two `st.html` blocks (a script and a style sheet, as views/page.py
set_up_page), 20 pages in five sections of Streamlit's navigation shown in the sidebar, and the
course's title under it (as app.py and views/site.py show_sidebar). The page itself is
hello-world's title and line. Its rerun time, divided by hello-world's, is what Streamlit charges
for this navigation alone, before any content or any of our code runs. (Until 2 December 2026
the course drew its own sidebar of 20 `st.page_link`, and so did this skeleton.)
"""

import streamlit as st

MODULES = 10
SECTIONS = {
    "": 1,
    "Modules": MODULES,
    "Outils": 2,
    "Votre parcours": 3,
    "À propos": 2,
    "Formateur": 2,
}


def hello() -> None:
    st.title("Hello world")
    st.write("Bonjour !")


st.set_page_config(page_title="Squelette", layout="centered")
st.html("<script>document.documentElement.lang = 'fr';</script>", unsafe_allow_javascript=True)
st.html("<style>[data-testid='InputInstructions'] { display: none; }</style>")
pages = {
    label: [
        st.Page(hello, title=f"{label or 'Accueil'} {number}", url_path=f"p{index}-{number}")
        for number in range(count)
    ]
    for index, (label, count) in enumerate(SECTIONS.items())
}
pages[""][0] = st.Page(hello, title="Accueil", url_path="accueil", default=True)
current = st.navigation(pages, position="sidebar", expanded=True)
with st.sidebar:
    st.markdown("**Formation**")
current.run()
