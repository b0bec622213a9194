"""Names and emails as learners type them, and the guard against guessing codes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from course.journey.learners import NAME_MAX, InvalidIdentity, clean_email, clean_name

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Zoé   N’Diaye-Łukasiewicz ", "Zoé N’Diaye-Łukasiewicz"),
        ("O'Connor", "O'Connor"),
        ("Ἀριστοτέλης", "Ἀριστοτέλης"),
        ("Анна Каренина", "Анна Каренина"),
        ("محمد علي", "محمد علي"),
        ("שרה לוי", "שרה לוי"),
        ("李小龍", "李小龍"),
        ("Zoe\u0301", "Zoé"),  # an accent typed apart becomes one letter
        ("Léa\x00\x07\nMartin", "Léa Martin"),  # control characters never reach a PDF
        ("Admin\u202eenilno", "Adminenilno"),  # a right-to-left override cannot disguise a name
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # kept, escaped when shown
    ],
)
def test_names_keep_every_script_and_lose_control_characters(typed: str, kept: str) -> None:
    assert clean_name(typed) == kept


@pytest.mark.parametrize("typed", ["", "   ", "1234", "---", "x" * (NAME_MAX + 1)])
def test_unusable_names_get_a_french_message(typed: str) -> None:
    with pytest.raises(InvalidIdentity, match="nom"):
        clean_name(typed)


def test_the_email_is_optional_and_checked_when_given() -> None:
    assert clean_email("  ") is None
    assert clean_email(" zoe@asso.fr ") == "zoe@asso.fr"
    for bad in ("zoe", "zoe@asso", "a b@c.fr", "x@" + "a" * 320 + ".fr"):
        with pytest.raises(InvalidIdentity, match="adresse e-mail"):
            clean_email(bad)


def test_a_forged_forwarded_for_header_does_not_make_one_client_many() -> None:
    from course.storage.guard import client_address_from

    # Straight from the internet: the header is the visitor's own writing, ignored.
    assert client_address_from("203.0.113.7", "198.51.100.1, 203.0.113.7") == "203.0.113.7"
    # Through the local reverse proxy: the address it saw, the last one, not the forged first.
    assert client_address_from("127.0.0.1", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    # A proxy elsewhere counts only when listed.
    proxies = frozenset({"10.0.0.5"})
    assert client_address_from("10.0.0.5", "203.0.113.7", proxies) == "203.0.113.7"
    assert client_address_from("10.0.0.5", None, proxies) == "10.0.0.5"
    assert client_address_from(None, None) is None
