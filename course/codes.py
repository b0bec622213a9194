"""Short random codes people copy by hand: resume codes, certificate and workshop codes.

Symbols come from Crockford's base 32 (digits and capitals without I, L, O, U), so each symbol
carries 5 bits: the default « K7QF-29XM » (2 groups of 4) holds 8 × 5 = 40 random bits, drawn
with `secrets`. What a person types is forgiven: case, spaces, missing or extra dashes, and the
letters that look like a digit of the alphabet (O → 0, I and L → 1).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SEPARATOR = "-"
LOOKALIKES = {"O": "0", "I": "1", "L": "1"}
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_."  # what phones and word processors type
DEFAULT_GROUPS = 2
DEFAULT_SIZE = 4


def code_bits(groups: int = DEFAULT_GROUPS, size: int = DEFAULT_SIZE) -> float:
    """Random bits in a code of `groups` × `size` symbols (40.0 for the default)."""
    return groups * size * math.log2(len(ALPHABET))


def new_code(groups: int = DEFAULT_GROUPS, size: int = DEFAULT_SIZE) -> str:
    """A fresh random code such as « K7QF-29XM »: `groups` groups of `size` symbols."""
    if groups < 1 or size < 1:
        raise ValueError("a code needs at least one group of one symbol")
    return SEPARATOR.join(
        "".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups)
    )


def normalise_code(text: str, groups: int = DEFAULT_GROUPS, size: int = DEFAULT_SIZE) -> str | None:
    """The canonical form of what a person typed, or None when it cannot be such a code."""
    if not isinstance(text, str) or len(text) > 4 * groups * size + 20:
        return None
    folded = unicodedata.normalize("NFKC", text).upper()
    symbols = []
    for char in folded:
        if char.isspace() or char in DASHES:
            continue
        char = LOOKALIKES.get(char, char)
        if char not in ALPHABET:
            return None
        symbols.append(char)
    if len(symbols) != groups * size:
        return None
    return SEPARATOR.join(
        "".join(symbols[start : start + size]) for start in range(0, len(symbols), size)
    )


def code_digest(code: str, pepper: bytes = b"") -> str:
    """SHA-256 hex digest of a canonical code (HMAC-SHA-256 keyed by `pepper` when given).

    Store digests of resume codes, never the codes. With 40 bits a leaked table of plain digests
    can be searched exhaustively, so pass a server-side secret as `pepper` where one exists.
    """
    if not code or any(char not in ALPHABET and char != SEPARATOR for char in code):
        raise ValueError("code_digest expects a canonical code: call normalise_code first")
    data = code.encode("ascii")
    if pepper:
        return hmac.new(pepper, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()
