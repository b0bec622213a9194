"""Resume, certificate and workshop codes: alphabet, randomness, what people type, digests."""

from __future__ import annotations

import hashlib
import math
import re

import pytest

from course.codes import ALPHABET, code_bits, code_digest, new_code, normalise_code

AMBIGUOUS = set("OIL") | {"U"}


def test_alphabet_has_32_distinct_unambiguous_symbols() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not AMBIGUOUS & set(ALPHABET)
    assert ALPHABET.upper() == ALPHABET


def test_default_code_looks_like_k7qf_29xm() -> None:
    code = new_code()
    assert re.fullmatch(f"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)


def test_default_code_carries_at_least_40_bits() -> None:
    assert code_bits() == pytest.approx(8 * math.log2(len(ALPHABET)))
    assert code_bits() >= 40


@pytest.mark.parametrize(
    ("groups", "size", "pattern"), [(1, 6, r"\w{6}"), (3, 4, r"\w{4}-\w{4}-\w{4}")]
)
def test_other_shapes(groups: int, size: int, pattern: str) -> None:
    code = new_code(groups, size)
    assert re.fullmatch(pattern, code)
    assert normalise_code(code.lower(), groups, size) == code


def test_workshop_code_of_6_symbols_has_30_bits() -> None:
    assert code_bits(1, 6) == pytest.approx(30)


def test_ten_thousand_codes_are_unique_and_use_the_whole_alphabet() -> None:
    codes = {new_code() for _ in range(10_000)}
    assert len(codes) == 10_000
    assert set("".join(codes)) - {"-"} == set(ALPHABET)


def test_new_code_refuses_empty_shapes() -> None:
    with pytest.raises(ValueError):
        new_code(0, 4)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("K7QF-29XM", "K7QF-29XM"),
        ("k7qf-29xm", "K7QF-29XM"),
        ("K7QF29XM", "K7QF-29XM"),
        (" k7qf 29xm ", "K7QF-29XM"),
        ("K7-QF-29-XM", "K7QF-29XM"),
        ("K7QF--29XM", "K7QF-29XM"),
        ("K7QF\u201329XM", "K7QF-29XM"),  # en dash from a word processor
        ("K7QF_29XM", "K7QF-29XM"),
        ("ＫＱ７Ｆ－２９ＸＭ", "KQ7F-29XM"),  # full-width, from a phone keyboard
        ("OOOO-IIII", "0000-1111"),
        ("oool-llii", "0001-1111"),
        ("K7QF-29XM\n", "K7QF-29XM"),
    ],
)
def test_normalise_forgives_what_people_type(typed: str, canonical: str) -> None:
    assert normalise_code(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "K7QF-29X",  # too short
        "K7QF-29XMA",  # too long
        "K7QF-29XU",  # U is not in the alphabet
        "K7QF-29X!",
        "K7QF-29XÉ",
        "K7QF/29XM",
        "<script>",
        "K" * 10_000,
        "' OR 1=1 --",
    ],
)
def test_normalise_returns_none_for_what_cannot_be_a_code(typed: str) -> None:
    assert normalise_code(typed) is None


def test_normalise_with_a_workshop_shape() -> None:
    assert normalise_code("ab 12 cd", groups=1, size=6) == "AB12CD"
    assert normalise_code("AB12-CD34", groups=1, size=6) is None


def test_digest_is_the_sha256_of_the_canonical_code() -> None:
    code = "K7QF-29XM"
    assert code_digest(code) == hashlib.sha256(b"K7QF-29XM").hexdigest()
    assert code_digest(normalise_code("k7qf 29xm") or "") == code_digest(code)
    assert len(code_digest(code)) == 64


def test_digest_with_a_pepper_is_a_keyed_hmac() -> None:
    assert code_digest("K7QF-29XM", pepper=b"secret") != code_digest("K7QF-29XM")
    assert code_digest("K7QF-29XM", pepper=b"secret") == code_digest("K7QF-29XM", pepper=b"secret")


@pytest.mark.parametrize("text", ["", "k7qf-29xm", "K7QF 29XM"])
def test_digest_refuses_what_is_not_canonical(text: str) -> None:
    with pytest.raises(ValueError):
        code_digest(text)
