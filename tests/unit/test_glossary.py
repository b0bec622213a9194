"""Glossary search, A–Z index and the `[[terme]]` links in lessons."""

from __future__ import annotations

import pytest

from course.content import glossary
from course.content.models import GlossaryTerm
from course.text import fold

TERMS = [
    GlossaryTerm(id="ecran", term="Écran", definition="Ce que l'on regarde."),
    GlossaryTerm(
        id="abonne", term="Abonné", definition="Personne qui suit un compte.", synonyms=["follower"]
    ),
    GlossaryTerm(
        id="mur",
        term="Mur",
        definition="Espace où les amis laissent des messages.",
        example="Le mur d'une ONG.",
    ),
    GlossaryTerm(
        id="oeuvre", term="Œuvre", definition="Travail d'un artiste ; un abonné peut la partager."
    ),
]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Écran", "ecran"),
        ("  ABONNÉS  ", "abonnes"),
        ("Œuvre d’art", "oeuvre d’art"),
        ("fil   d'actu", "fil d'actu"),
    ],
)
def test_fold_ignores_case_accents_ligatures_and_extra_spaces(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ecran", ["Écran"]),
        ("ÉCRAN", ["Écran"]),
        ("abonne", ["Abonné", "Œuvre"]),  # name matches first, then definitions
        ("FOLLOWER", ["Abonné"]),
        ("oeuvre", ["Œuvre"]),
        ("ONG", ["Mur"]),
        ("zzz", []),
        ("", ["Abonné", "Écran", "Mur", "Œuvre"]),
    ],
)
def test_search_is_accent_and_case_insensitive(query: str, found: list[str]) -> None:
    assert [term.term for term in glossary.search(TERMS, query)] == found


def test_letters_file_accented_terms_under_their_plain_letter() -> None:
    assert glossary.letters(TERMS) == ["A", "E", "M", "O"]


def test_links_point_to_the_glossary_with_the_definition_as_title() -> None:
    index = glossary.term_index(TERMS)
    linked = glossary.link_glossary_terms(
        "Un [[abonné]], des [[follower|followers]], un [[inconnu]].", index
    )
    assert linked == (
        'Un [abonné](glossaire?terme=abonne "Personne qui suit un compte."), '
        'des [followers](glossaire?terme=abonne "Personne qui suit un compte."), un inconnu.'
    )


def test_terms_in_lists_each_linked_term_once_in_order() -> None:
    index = glossary.term_index(TERMS)
    found = glossary.terms_in("[[mur]] puis [[Abonné]] puis [[mur|le mur]]", index)
    assert [term.id for term in found] == ["mur", "abonne"]


def test_a_term_id_wins_over_another_terms_synonym() -> None:
    terms = [
        GlossaryTerm(id="partage", term="Partage", definition="Republier.", synonyms=["retweet"]),
        GlossaryTerm(id="retweet", term="Retweet", definition="Partage sur Twitter."),
    ]
    index = glossary.term_index(terms)
    assert (index["retweet"].id, index["partage"].id) == ("retweet", "partage")
