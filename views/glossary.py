"""Glossaire: accent- and case-insensitive search, A–Z index, each term with its context."""

from __future__ import annotations

from itertools import groupby

import streamlit as st

from course.content import glossary
from course.content.course import Course
from course.content.models import GlossaryTerm
from views.evaluation import shown_url_value
from views.kept import get_course
from views.page import url_value
from views.site import Site

ALL_LETTERS = "Toutes"


def _show_term(term: GlossaryTerm, course: Course, site: Site) -> None:
    with st.container(border=True):
        st.subheader(term.term, anchor=term.id)
        st.markdown(term.definition)
        if term.example:
            st.markdown(f"*Exemple :* {term.example}")
        if term.synonyms:
            st.caption("Synonymes : " + ", ".join(term.synonyms))
        related = [r for r in (course.glossary_index.get(i) for i in term.related) if r]
        if related:
            st.markdown("Voir aussi :")
            columns = st.columns(min(len(related), 3))
            for index, other in enumerate(related):
                columns[index % len(columns)].page_link(
                    site.page("glossary"), label=other.term, query_params={"terme": other.id}
                )


def _term_markdown(term: GlossaryTerm, course: Course) -> str:
    """A term as Markdown, built once per loaded course: its `###` heading, definition, example,
    synonyms and links to related terms (`?terme=`, as a lesson's glossary links)."""

    def build() -> str:
        parts = [f"### {term.term}", term.definition]
        if term.example:
            parts.append(f"*Exemple\u202f:* {term.example}")
        if term.synonyms:
            parts.append("*Synonymes\u202f:* " + ", ".join(term.synonyms))
        related = [r for r in (course.glossary_index.get(i) for i in term.related) if r]
        if related:
            links = ", ".join(f"[[{other.id}|{other.term}]]" for other in related)
            parts.append(
                "Voir aussi\u202f: " + glossary.link_glossary_terms(links, course.glossary_index)
            )
        return "\n\n".join(parts)

    return course.derived(("glossary-markdown", term.id), build)


def _show_terms(terms: list[GlossaryTerm], course: Course) -> None:
    """The terms in their order, one Markdown element per run of terms filed under the same
    letter (the whole glossary: about twenty elements, not a dozen per term)."""
    for _, group in groupby(terms, key=glossary.initial):
        st.markdown("\n\n---\n\n".join(_term_markdown(term, course) for term in group))


def glossary_page(site: Site) -> None:
    """Draw the glossary."""
    course = get_course()
    st.title("Glossaire")
    st.markdown(
        f"Les {len(course.glossary)} mots du cours, avec un exemple tiré du monde associatif."
    )
    asked = url_value("terme")
    wanted = course.glossary_index.get(asked)
    if wanted is not None:
        st.header("Le terme demandé")
        _show_term(wanted, course, site)
    elif asked.strip():
        st.warning(
            f"Le terme «\u00a0{shown_url_value(asked)}\u00a0» n'est pas (ou plus) dans le "
            "glossaire\u202f: voici tous les termes.",
            icon=":material/search_off:",
        )
    st.header("Tous les termes")
    query = st.text_input(
        "Rechercher un terme",
        placeholder="ex. abonné, hashtag, mur…",
        max_chars=glossary.QUERY_MAX,
    )
    letter = st.pills(
        "Index alphabétique",
        [ALL_LETTERS, *glossary.letters(course.glossary)],
        default=ALL_LETTERS,
        key="glossary-letter",
    )
    found = glossary.search(course.glossary, query)
    if letter and letter != ALL_LETTERS:
        found = [t for t in found if glossary.initial(t) == letter]
    st.caption(
        f"{len(found)} terme{'s' if len(found) > 1 else ''} trouvé{'s' if len(found) > 1 else ''}."
    )
    if not found:
        st.info("Aucun terme ne correspond. Essayez un autre mot ou une autre lettre.")
    _show_terms(found, course)
