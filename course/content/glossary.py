"""Glossary look-ups: resolve a lesson's `[[terme]]`, search, A–Z index, links in Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from course.content.lesson import GLOSSARY_LINK
from course.content.models import GlossaryTerm
from course.text import fold

GLOSSARY_URL_PATH = "glossaire"
# Longest search kept: no term, synonym or phrase of a definition is longer, and a longer query
# would only make every keystroke fold megabytes (issue 15). The search box takes no more.
QUERY_MAX = 100


def term_index(terms: Iterable[GlossaryTerm]) -> dict[str, GlossaryTerm]:
    """Folded id, term and synonyms → term, so `[[Followers]]` finds « abonnés ».

    Ids win over names, and names over synonyms: a term's own id is never hijacked by
    another term that lists it as a synonym.
    """
    listed = list(terms)
    index: dict[str, GlossaryTerm] = {}
    for term in listed:
        index.setdefault(fold(term.id), term)
    for term in listed:
        index.setdefault(fold(term.term), term)
    for term in listed:
        for synonym in term.synonyms:
            index.setdefault(fold(synonym), term)
    return index


def search(terms: Sequence[GlossaryTerm], query: str) -> list[GlossaryTerm]:
    """Terms matching `query` (its first QUERY_MAX characters) in name or synonyms first, then in
    definition or example."""
    wanted = fold(query[:QUERY_MAX])
    if not wanted:
        return sorted(terms, key=lambda t: fold(t.term))
    by_name = [t for t in terms if any(wanted in fold(n) for n in (t.term, *t.synonyms))]
    by_text = [
        t for t in terms if t not in by_name and wanted in fold(f"{t.definition} {t.example or ''}")
    ]
    return sorted(by_name, key=lambda t: fold(t.term)) + sorted(by_text, key=lambda t: fold(t.term))


def initial(term: GlossaryTerm) -> str:
    """Letter the term is filed under in the A–Z index (« Écran » under E)."""
    folded = fold(term.term)
    return folded[0].upper() if folded and folded[0].isalpha() else "#"


def letters(terms: Iterable[GlossaryTerm]) -> list[str]:
    """The letters that have at least one term, in order."""
    return sorted({initial(term) for term in terms})


def _escape_link_text(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def link_glossary_terms(markdown: str, index: dict[str, GlossaryTerm]) -> str:
    """Turn `[[terme|texte]]` into a Markdown link to the glossary whose title is the definition."""

    def replace(match: re.Match[str]) -> str:
        target, label = match.group(1).strip(), (match.group(2) or match.group(1)).strip()
        term = index.get(fold(target))
        if term is None:
            return label
        tooltip = term.definition.replace('"', "'")
        return (
            f'[{_escape_link_text(label)}]({GLOSSARY_URL_PATH}?terme={quote(term.id)} "{tooltip}")'
        )

    return GLOSSARY_LINK.sub(replace, markdown)


def terms_in(markdown: str, index: dict[str, GlossaryTerm]) -> list[GlossaryTerm]:
    """The glossary terms linked in `markdown`, once each, in order of appearance."""
    found: list[GlossaryTerm] = []
    for match in GLOSSARY_LINK.finditer(markdown):
        term = index.get(fold(match.group(1)))
        if term is not None and term not in found:
            found.append(term)
    return found
