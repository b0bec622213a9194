"""Mock-up cards of the source's screenshots and SVG illustrations, drawn as escaped HTML."""

from __future__ import annotations

import base64
import re
from html import escape

import streamlit as st

from course.content.course import Course
from course.content.mockups import (
    CoverBannerCard,
    DonationTabCard,
    FacebookPostCard,
    Mockup,
    PageTabCard,
    TweetCard,
)

# A neutral look in the course's palette, no logo; every text colour is WCAG AA on its background.
MOCKUP_STYLE = """<style>
.cm-figure { margin: 0 0 1rem; max-width: 36rem; }
.cm-figure.cm-presenting { max-width: 60rem; font-size: 1.5rem; }
.cm-card { box-sizing: border-box; max-width: 100%; border: 1px solid #B8C4DA; border-radius: 12px;
  background: #FFFFFF; color: #1B2333; padding: 0.8em 1em; line-height: 1.45;
  overflow-wrap: anywhere; }
.cm-card p { margin: 0.45em 0; }
.cm-network { font-size: 0.75em; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase;
  color: #4A5160; margin-bottom: 0.5em; }
.cm-head { display: flex; gap: 0.6em; align-items: center; flex-wrap: wrap; }
.cm-head > div { flex: 1 1 10em; min-width: 0; }
.cm-avatar { flex: none; width: 2.6em; height: 2.6em; border-radius: 50%; background: #1F4E9A;
  display: flex; align-items: center; justify-content: center; }
.cm-avatar img { width: 60%; height: 60%; }
.cm-name { font-weight: 700; }
.cm-meta, .cm-note, .cm-retweet, .cm-actions, .cm-counts { color: #4A5160; font-size: 0.88em; }
.cm-tag { color: #1F4E9A; font-weight: 600; }
.cm-url { color: #1F4E9A; text-decoration: underline; }
.cm-counts, .cm-actions { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; margin-top: 0.4em; }
.cm-preview { border: 1px solid #B8C4DA; border-radius: 8px; background: #F3F6FB;
  padding: 0.5em 0.8em; margin: 0.5em 0; }
.cm-preview-title { font-weight: 700; }
.cm-reply { border-top: 1px solid #DDE3EE; padding-top: 0.45em; margin-top: 0.45em; }
.cm-banner { border-radius: 8px; background: #1F4E9A; color: #FFFFFF; padding: 1.2em 1em;
  margin-bottom: 0.7em; }
.cm-headline { font-size: 1.3em; font-weight: 700; }
.cm-title { font-size: 1.15em; font-weight: 700; color: #1F4E9A; }
.cm-buttons, .cm-amounts { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.5em 0; }
.cm-button { display: inline-block; background: #1F4E9A; color: #FFFFFF; border-radius: 6px;
  padding: 0.3em 0.9em; font-weight: 600; }
.cm-field { display: inline-block; border: 1px solid #6B7487; border-radius: 6px;
  padding: 0.3em 0.8em; color: #4A5160; background: #FFFFFF; }
.cm-amount { display: inline-block; border: 2px solid #1F4E9A; color: #1F4E9A; border-radius: 6px;
  padding: 0.2em 0.8em; font-weight: 700; }
.cm-caption { font-size: 0.875em; color: #4A5160; margin-top: 0.4em; }
.cm-label { display: inline-block; background: #FFF1C7; color: #4D3800; border-radius: 4px;
  padding: 0 0.4em; font-weight: 600; margin-right: 0.3em; }
.cm-illustration { margin: 0 0 1rem; max-width: 40rem; }
.cm-illustration.cm-presenting { max-width: 64rem; }
.cm-illustration img { display: block; width: 100%; height: auto; }
</style>"""

_PERSON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="8" r="4.5" '
    'fill="#FFFFFF"/><path d="M3 22c0-5 4-8 9-8s9 3 9 8z" fill="#FFFFFF"/></svg>'
)
_TOKENS = re.compile(
    r"(?P<url>(?<![\w@.])(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?)"
    r"|(?P<tag>(?<![\w&])#\w+)"
    r"|(?P<mention>(?<![\w])@\w+)"
)


def svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI, for <img>: st.html's sanitiser drops inline <svg> but keeps these."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_AVATAR = f'<span class="cm-avatar"><img src="{svg_data_uri(_PERSON)}" alt=""></span>'


def highlighted(text: str) -> str:
    """One line of text, escaped, with links, #hashtags and @mentions wrapped in spans."""
    parts, last = [], 0
    for match in _TOKENS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        css = "cm-url" if match.lastgroup == "url" else "cm-tag"
        parts.append(f'<span class="{css}">{escape(match.group())}</span>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def paragraphs(text: str) -> str:
    """Blank-line separated paragraphs as <p>, line breaks kept, every text escaped."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(
        "<p>" + "<br>".join(highlighted(line) for line in block.splitlines()) + "</p>"
        for block in blocks
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def _tweet(card: TweetCard) -> str:
    meta = " · ".join(escape(part) for part in (card.handle, card.date) if part)
    counts = [
        _plural(n, one, many)
        for n, one, many in (
            (card.replies, "réponse", "réponses"),
            (card.retweets, "retweet", "retweets"),
            (card.likes, "j'aime", "j'aime"),
        )
        if n is not None
    ]
    return (
        '<div class="cm-network">Twitter · tweet</div>'
        f'<div class="cm-head">{_AVATAR}<div><span class="cm-name">{escape(card.name)}</span> '
        f'<span class="cm-meta">{meta}</span></div></div>'
        f"{paragraphs(card.text)}"
        + (
            f'<div class="cm-retweet">↻ Retweeté par {escape(card.retweeted_by)}</div>'
            if card.retweeted_by
            else ""
        )
        + (
            '<div class="cm-counts">'
            + "".join(f"<span>{escape(c)}</span>" for c in counts)
            + "</div>"
            if counts
            else ""
        )
    )


def _facebook_post(card: FacebookPostCard) -> str:
    action = f" {escape(card.action)}" if card.action else ""
    date = f'<div class="cm-meta">{escape(card.date)}</div>' if card.date else ""
    preview = ""
    if card.link is not None:
        preview = (
            f'<div class="cm-preview"><div class="cm-preview-title">{escape(card.link.title)}</div>'
            f'<div class="cm-meta">{escape(card.link.domain)}</div>'
            + (paragraphs(card.link.excerpt) if card.link.excerpt else "")
            + "</div>"
        )
    counts = []
    if card.likes is not None:
        counts.append(_plural(card.likes, "personne aime ça.", "personnes aiment ça."))
    if card.comments is not None:
        counts.append(_plural(card.comments, "commentaire", "commentaires"))
    replies = "".join(
        f'<div class="cm-reply"><span class="cm-name">{escape(reply.author)}</span>'
        f"{paragraphs(reply.text)}"
        + (f'<div class="cm-meta">{escape(reply.date)}</div>' if reply.date else "")
        + "</div>"
        for reply in card.replies
    )
    return (
        '<div class="cm-network">Facebook · publication</div>'
        f'<div class="cm-head">{_AVATAR}<div><span class="cm-name">{escape(card.page)}</span>'
        f"{action}{date}</div></div>"
        f"{paragraphs(card.text)}{preview}"
        '<div class="cm-actions"><span>J\'aime</span><span>Commenter</span><span>Partager</span></div>'
        + (
            '<div class="cm-counts">'
            + "".join(f"<span>{escape(c)}</span>" for c in counts)
            + "</div>"
            if counts
            else ""
        )
        + (f'<div class="cm-meta">{escape(card.liked_by)}</div>' if card.liked_by else "")
        + replies
    )


def _cover_banner(card: CoverBannerCard) -> str:
    tagline = f"<p>{escape(card.tagline)}</p>" if card.tagline else ""
    category = f'<div class="cm-meta">{escape(card.category)}</div>' if card.category else ""
    action = (
        f'<span class="cm-button">{escape(card.call_to_action)}</span>'
        if card.call_to_action
        else ""
    )
    return (
        '<div class="cm-network">Facebook · bandeau de couverture</div>'
        f'<div class="cm-banner"><p class="cm-headline">{escape(card.headline)}</p>{tagline}</div>'
        f'<div class="cm-head">{_AVATAR}<div><span class="cm-name">{escape(card.page)}</span>'
        f"{category}</div>{action}</div>"
    )


def _buttons(labels: list[str], field: str | None = None) -> str:
    items = [f'<span class="cm-field">{escape(field)}</span>'] if field else []
    items += [f'<span class="cm-button">{escape(label)}</span>' for label in labels]
    return f'<div class="cm-buttons">{"".join(items)}</div>' if items else ""


def _page_tab(card: PageTabCard) -> str:
    tagline = f'<p class="cm-name">{escape(card.tagline)}</p>' if card.tagline else ""
    note = f'<p class="cm-note">{escape(card.note)}</p>' if card.note else ""
    return (
        f'<div class="cm-network">Facebook · onglet de la page {escape(card.page)}</div>'
        f'<p class="cm-title">{escape(card.title)}</p>{tagline}'
        f"{paragraphs(card.text)}{_buttons(card.buttons, card.field)}{note}"
    )


def _donation_tab(card: DonationTabCard) -> str:
    amounts = "".join(f'<span class="cm-amount">{escape(a)}</span>' for a in card.amounts)
    tax = f'<p class="cm-note">{escape(card.tax_note)}</p>' if card.tax_note else ""
    return (
        f'<div class="cm-network">Facebook · onglet de dons de la page {escape(card.page)}</div>'
        f'<p class="cm-title">{escape(card.title)}</p>{paragraphs(card.text)}'
        + (f'<div class="cm-amounts">{amounts}</div>' if amounts else "")
        + f"{_buttons([card.button])}{tax}"
    )


def card_body(card: Mockup) -> str:
    """The inside of a card, by type."""
    if isinstance(card, TweetCard):
        return _tweet(card)
    if isinstance(card, FacebookPostCard):
        return _facebook_post(card)
    if isinstance(card, CoverBannerCard):
        return _cover_banner(card)
    if isinstance(card, PageTabCard):
        return _page_tab(card)
    return _donation_tab(card)


def caption_text(card: Mockup) -> str:
    """« Maquette reconstituée d'après le texte source (date) », plain text."""
    return f"Maquette reconstituée d'après le texte source ({card.source.date})"


def card_html(card: Mockup, caption: str = "", presenting: bool = False) -> str:
    """A card as a figure: `alt` is its accessible name; the caption says what it recreates."""
    label = '<span class="cm-label">Exemple reconstitué</span>' if card.illustrative else ""
    extra = f"<br>{escape(caption)}" if caption else ""
    size = " cm-presenting" if presenting else ""
    return (
        f'<figure class="cm-figure{size}" data-mockup="{escape(card.id)}">'
        f'<div class="cm-card cm-{card.type.replace("_", "-")}" role="img" '
        f'aria-label="{escape(card.alt)}">{card_body(card)}</div>'
        f'<figcaption class="cm-caption">{label}{escape(caption_text(card))}. '
        f"D'après : {escape(card.source.part)}{extra}</figcaption></figure>"
    )


def illustration_html(svg: str, alt: str, presenting: bool = False) -> str:
    """An SVG illustration as an image whose text alternative is `alt` (served inline, offline)."""
    size = " cm-presenting" if presenting else ""
    return (
        f'<figure class="cm-illustration{size}">'
        f'<img src="{svg_data_uri(svg)}" alt="{escape(alt)}"></figure>'
    )


def show_mockup(
    course: Course, mockup_id: str, caption: str = "", presenting: bool = False
) -> None:
    """A mock-up card of data/maquettes.yaml, or a French warning if it is missing."""
    card = course.mockup(mockup_id)
    if card is None:
        st.warning(f"Maquette « {mockup_id} » introuvable.")
        return
    st.html(MOCKUP_STYLE)
    st.html(card_html(card, caption, presenting))


def show_illustration(course: Course, name: str, alt: str, presenting: bool = False) -> None:
    """An SVG illustration of assets/illustrations/, or a French warning if it is missing."""
    svg = course.illustrations.get(name)
    if svg is None:
        st.warning(f"Illustration « {name} » introuvable.")
        return
    st.html(MOCKUP_STYLE)
    st.html(illustration_html(svg, alt, presenting))
