"""Tweet composer: count a text as Twitter did in 2011 (140) and does since November 2017 (280).

Counting follows the open-source twitter-text rules, simplified:
- the text is first normalised to Unicode NFC, so « é » typed as e + accent counts once;
- every link counts 23 characters, its t.co length, whatever its real length;
- 140 (before 7 November 2017): every Unicode code point counts 1;
- 280 (since then, « weighted length »): code points of the Latin, Greek, Cyrillic, Hebrew,
  Arabic… blocks (U+0000–U+10FF) and of some punctuation count 1, others (CJK ideographs,
  symbols, U+202F narrow no-break space…) count 2, and each emoji counts 2, however many code
  points it is made of (skin tone, ZWJ family, flag, keycap).
Emoji are spotted by code point ranges rather than the full Unicode emoji data: close enough
for learners, and documented in docs/guide-auteur.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

EXERCISE_ID = "composer-tweet"
LINK_LENGTH = 23
LIMITS = (
    (140, "140 caractères, la limite du texte source (jusqu'au 7 novembre 2017)"),
    (280, "280 caractères, la limite depuis le 7 novembre 2017"),
)
# Code point ranges that count 1 under the 280 rules (twitter-text v3 configuration).
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_GENERIC_TLDS = [
    "com",
    "net",
    "org",
    "info",
    "edu",
    "gov",
    "int",
    "biz",
    "app",
    "dev",
    "ong",
    "ngo",
    "xyz",
    "online",
    "site",
]  # a bare domain with one of these is a link, with or without a path
_COUNTRY_TLDS = [
    "fr",
    "be",
    "ch",
    "ca",
    "lu",
    "mc",
    "eu",
    "ly",
    "co",
    "io",
    "me",
    "tv",
    "fm",
    "gl",
    "uk",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "re",
    "gp",
    "mq",
    "gf",
    "yt",
    "nc",
    "pf",
    "ma",
    "dz",
    "tn",
    "sn",
    "ci",
    "cm",
    "ht",
]  # … and with one of these, as twitter-text does, only when it has a path (bit.ly/abc)
_TLD = "|".join(sorted(_GENERIC_TLDS + _COUNTRY_TLDS, key=len, reverse=True))
_LINK = re.compile(
    r"(?:https?://[^\s<>\"«»]+"
    r"|(?<![\w@./#$-])www\.[^\s<>\"«»]+"
    rf"|(?<![\w@./#$-])(?P<domain>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLD}))(?![\w-])"
    r"(?P<path>/[^\s<>\"«»]*)?)",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?)]}»\"'…"
_HASHTAG = re.compile(r"(?<![\w&#＃])[#＃](\w+)")
_MENTION = re.compile(r"(?<![\w@＠!#$%&*])[@＠]([A-Za-z0-9_]{1,15})(?![\w@＠]|://)")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


def _links(text: str) -> list[_Span]:
    """Links as twitter-text finds them: with a scheme, from www., or a domain with a known TLD."""
    found = []
    for match in _LINK.finditer(text):
        domain, path = match.group("domain"), match.group("path")
        if (
            domain
            and not path
            and domain.count(".") == 1
            and domain.rsplit(".", 1)[1].lower() in (_COUNTRY_TLDS)
        ):
            continue  # « asso.fr » alone is not linked, « asso.fr/agenda » is
        link = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        found.append(_Span(match.start(), match.start() + len(link), link))
    return found


def _outside(spans: list[_Span], start: int) -> bool:
    return not any(span.start <= start < span.end for span in spans)


def _emoji_base(code: int) -> bool:
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2300 <= code <= 0x23FF
        or 0x2B00 <= code <= 0x2BFF
    )


def _emoji_length(text: str, i: int) -> int:
    """Code points of the emoji starting at text[i], or 0 when none starts there."""
    code = ord(text[i])
    following = text[i + 1] if i + 1 < len(text) else ""
    if 0x1F1E6 <= code <= 0x1F1FF and following and 0x1F1E6 <= ord(following) <= 0x1F1FF:
        return 2  # a flag: two regional indicators
    if text[i] in "0123456789#*" and text[i + 1 : i + 3] in ("\ufe0f\u20e3", "\u20e3"):
        return 3 if following == "\ufe0f" else 2  # a keycap
    if not _emoji_base(code) and following != "\ufe0f":
        return 0
    end = i + 1
    while end < len(text):
        nxt = ord(text[end])
        if nxt == 0xFE0F or 0x1F3FB <= nxt <= 0x1F3FF or 0xE0020 <= nxt <= 0xE007F:
            end += 1  # presentation selector, skin tone, tag (flags of regions)
        elif nxt == 0x200D and end + 1 < len(text) and _emoji_base(ord(text[end + 1])):
            end += 2  # zero-width joiner and the next emoji of a sequence
        else:
            break
    return end - i


def _weight(code: int) -> int:
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def _count(text: str, links: list[_Span], weighted: bool) -> int:
    total, i, link_at = 0, 0, {span.start: span for span in links}
    while i < len(text):
        if i in link_at:
            total += LINK_LENGTH
            i = link_at[i].end
            continue
        emoji = _emoji_length(text, i) if weighted else 0
        if emoji:
            total, i = total + 2, i + emoji
        else:
            total, i = total + (_weight(ord(text[i])) if weighted else 1), i + 1
    return total


def _characters(n: int) -> str:
    return f"{n} caractère{'s' if abs(n) > 1 else ''}"


def _verdict(length: int, limit: int) -> str:
    if length == 0:
        return f"Tweet vide : vous disposez de {_characters(limit)}."
    if length <= limit:
        return f"Il reste {_characters(limit - length)} sur {limit}."
    return f"Trop long de {_characters(length - limit)} pour la limite de {limit}."


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def compose_tweet(text: str) -> dict[str, Any]:
    """Lengths of a tweet against 140 and 280, its links, hashtags and mentions, as a plain dict."""
    normal = unicodedata.normalize("NFC", text)
    links = _links(normal)
    hashtags = [
        m.group(1)
        for m in _HASHTAG.finditer(normal)
        if _outside(links, m.start()) and not m.group(1).isdigit()
    ]
    mentions = [m.group(1) for m in _MENTION.finditer(normal) if _outside(links, m.start())]
    counts = {140: _count(normal, links, weighted=False), 280: _count(normal, links, weighted=True)}
    return {
        "exercise": EXERCISE_ID,
        "text": text,
        "limits": [
            {
                "limit": limit,
                "label": label,
                "length": counts[limit],
                "remaining": limit - counts[limit],
                "fits": counts[limit] <= limit,
                "verdict": _verdict(counts[limit], limit),
            }
            for limit, label in LIMITS
        ],
        "links": [span.text for span in links],
        "hashtags": _unique(hashtags),
        "mentions": _unique(mentions),
    }
