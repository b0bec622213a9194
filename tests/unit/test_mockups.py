"""Mock-up cards and illustrations: author text is always escaped, never run or rendered."""

from __future__ import annotations

import base64
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from course.content.lesson import illustration_path
from course.content.mockups import MockupEntry
from views.mockups import card_html, highlighted, illustration_html

HOSTILE = '<script>alert(1)</script> **x** & "guillemets"'
SOURCE = {"part": "« Sur Twitter »", "date": "décembre 2012"}
CARDS: dict[str, dict[str, Any]] = {
    "tweet": {"name": HOSTILE, "date": HOSTILE, "text": HOSTILE, "retweeted_by": HOSTILE},
    "facebook_post": {
        "page": HOSTILE,
        "action": HOSTILE,
        "text": HOSTILE,
        "link": {"title": HOSTILE, "domain": HOSTILE, "excerpt": HOSTILE},
        "liked_by": HOSTILE,
        "replies": [{"author": HOSTILE, "text": HOSTILE, "date": HOSTILE}],
    },
    "cover_banner": {
        "page": HOSTILE,
        "headline": HOSTILE,
        "tagline": HOSTILE,
        "category": HOSTILE,
        "call_to_action": HOSTILE,
    },
    "page_tab": {
        "page": HOSTILE,
        "title": HOSTILE,
        "tagline": HOSTILE,
        "text": HOSTILE,
        "field": HOSTILE,
        "buttons": [HOSTILE],
        "note": HOSTILE,
    },
    "donation_tab": {
        "page": HOSTILE,
        "title": HOSTILE,
        "text": HOSTILE,
        "amounts": [HOSTILE],
        "button": HOSTILE,
        "tax_note": HOSTILE,
    },
}


def card(kind: str, **fields: Any) -> Any:
    data = {"id": "carte", "type": kind, "alt": HOSTILE, "source": SOURCE, **CARDS[kind]}
    return MockupEntry.model_validate({**data, **fields}).root


@pytest.mark.parametrize("kind", sorted(CARDS))
def test_every_text_of_a_card_is_escaped(kind: str) -> None:
    html = card_html(card(kind), caption=HOSTILE)
    assert "<script" not in html and "</script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**x**" in html and "<strong>" not in html and "<em>" not in html
    assert (
        'aria-label="&lt;script&gt;alert(1)&lt;/script&gt; **x** &amp; &quot;guillemets&quot;"'
        in html
    )
    assert html.count("&lt;script&gt;") >= len(CARDS[kind]) + 1  # every field, and the alt


def test_a_card_is_a_figure_named_by_its_alt_with_a_visible_caption() -> None:
    html = card_html(card("tweet", alt="Un tweet de RSF."), caption="Légende du module.")
    assert html.startswith('<figure class="cm-figure" data-mockup="carte">')
    assert 'role="img" aria-label="Un tweet de RSF."' in html
    assert "<figcaption" in html
    assert "Maquette reconstituée d'après le texte source (décembre 2012)" in unescape(html)
    assert "Légende du module." in html
    assert "Exemple reconstitué" not in html
    assert "Exemple reconstitué" in card_html(card("tweet", illustrative=True))


def test_presentation_mode_draws_the_card_bigger() -> None:
    assert 'class="cm-figure cm-presenting"' in card_html(card("tweet"), presenting=True)


def test_links_hashtags_and_mentions_are_highlighted() -> None:
    html = highlighted("#Iran - Anar remis en liberté bit.ly/KwhLfB merci @CroixRouge !")
    assert '<span class="cm-tag">#Iran</span>' in html
    assert '<span class="cm-url">bit.ly/KwhLfB</span>' in html
    assert '<span class="cm-tag">@CroixRouge</span>' in html
    assert highlighted("1,5 million, M23, e-mail") == "1,5 million, M23, e-mail"
    assert highlighted("<b>#a</b>") == '&lt;b&gt;<span class="cm-tag">#a</span>&lt;/b&gt;'


def test_tweet_counts_and_retweet_are_in_french() -> None:
    html = card_html(
        card("tweet", text="Bonjour", retweeted_by="Croix-Rouge fr", replies=1, retweets=2, likes=0)
    )
    assert "Retweeté par Croix-Rouge fr" in html
    assert "1 réponse" in html and "2 retweets" in html and "0 j'aime" in unescape(html)


def test_an_illustration_is_an_image_named_by_its_alt() -> None:
    svg = '<svg viewBox="0 0 1 1"><title>Té</title></svg>'
    html = illustration_html(svg, 'Un "profil" <b>')
    assert html.startswith('<figure class="cm-illustration"><img src="data:image/svg+xml;base64,')
    assert html.endswith(' alt="Un &quot;profil&quot; &lt;b&gt;"></figure>')
    encoded = html.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded).decode("utf-8") == svg


@pytest.mark.parametrize(
    "name",
    ["../secret.svg", "../../course.yaml", "/etc/passwd.svg", "a/../../b.svg", "..\\b.svg", ""],
)
def test_an_illustration_path_cannot_leave_its_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "assets" / "illustrations").mkdir(parents=True)
    assert illustration_path(tmp_path, name) is None


def test_a_symlink_out_of_the_illustrations_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "assets" / "illustrations"
    folder.mkdir(parents=True)
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "lien.svg").symlink_to(tmp_path / "secret.svg")
    (folder / "profil.svg").write_text("<svg/>", encoding="utf-8")
    assert illustration_path(tmp_path, "lien.svg") is None
    assert illustration_path(tmp_path, "profil.svg") == (folder / "profil.svg").resolve()
