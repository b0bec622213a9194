"""Open Badges 2.0 hosted documents: required fields, URLs on the issuer's origin, hashed
recipients that verify with their salt, dates, and the badge image."""

from __future__ import annotations

import base64
import hashlib
import json
import xml.dom.minidom
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import pytest

from course.badges import (
    CONTEXT,
    assertion,
    badge_class,
    badge_path,
    badge_url,
    default_badge_image,
    issuer_profile,
    recipient,
    recipient_matches,
    svg_data_uri,
)

BASE = "https://formation.example.org"
VERIFY = f"{BASE}/?page=verifier&code=K7QF-29XM"
REQUIRED = {
    "Issuer": {"@context", "type", "id", "name", "url"},
    "BadgeClass": {"@context", "type", "id", "name", "description", "image", "criteria", "issuer"},
    "Assertion": {"@context", "type", "id", "recipient", "badge", "verification", "issuedOn"},
}


def documents(email: str | None = "Zoe.Martin@Example.org") -> list[dict[str, Any]]:
    issuer = issuer_profile(
        BASE,
        name="Maison des associations de Lyon",
        url="https://mda-lyon.example.org",
        email="contact@mda-lyon.example.org",
        description="Formations au numérique pour les bénévoles.",
    )
    badge = badge_class(
        BASE,
        badge_id="formation-reseaux-sociaux",
        name="Formation aux réseaux sociaux",
        description="A suivi la formation aux réseaux sociaux pour les associations.",
        image=default_badge_image(),
        criteria_narrative="Réussir le quiz de chaque module et l’évaluation finale.",
        tags=["réseaux sociaux", "associations"],
    )
    earned = assertion(
        BASE,
        code="K7QF-29XM",
        badge_id="formation-reseaux-sociaux",
        issued_on=date(2026, 11, 23),
        verification_url=VERIFY,
        email=email,
        salt="sel-de-test",
    )
    return [issuer, badge, earned]


@pytest.mark.parametrize("document", documents(), ids=lambda d: str(d["type"]))
def test_every_document_has_the_required_fields(document: dict[str, Any]) -> None:
    assert document["@context"] == CONTEXT
    assert REQUIRED[document["type"]] <= document.keys()
    assert all(value not in (None, "", [], {}) for value in document.values())
    json.dumps(document)  # plain JSON, nothing else


def test_documents_link_to_each_other_on_the_issuer_origin() -> None:
    issuer, badge, earned = documents()
    assert badge["issuer"] == issuer["id"]
    assert earned["badge"] == badge["id"]
    origins = {urlsplit(url).netloc for url in (issuer["id"], badge["id"], earned["id"])}
    assert origins == {"formation.example.org"}
    assert earned["id"] == f"{BASE}/app/static/badges/assertion-K7QF-29XM.json"


def test_the_assertion_is_hosted_and_dated_in_iso_8601() -> None:
    earned = documents()[2]
    assert earned["verification"] == {"type": "hosted"}
    assert datetime.fromisoformat(earned["issuedOn"]) == datetime(2026, 11, 23, tzinfo=UTC)
    assert earned["evidence"] == VERIFY


def test_issued_on_keeps_an_aware_moment_and_refuses_a_naive_one() -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 23, 14, 5, tzinfo=paris)
    earned = assertion(
        BASE, code="K7QF-29XM", badge_id="b", issued_on=moment, verification_url=VERIFY
    )
    assert earned["issuedOn"] == "2026-11-23T14:05:00+01:00"
    with pytest.raises(ValueError):
        assertion(
            BASE,
            code="K7QF-29XM",
            badge_id="b",
            issued_on=datetime(2026, 1, 1),
            verification_url=VERIFY,
        )


def test_a_hashed_email_verifies_with_its_salt() -> None:
    identity = documents()[2]["recipient"]
    assert identity["type"] == "email"
    assert identity["hashed"] is True
    assert identity["salt"] == "sel-de-test"
    expected = hashlib.sha256(b"zoe.martin@example.orgsel-de-test").hexdigest()
    assert identity["identity"] == f"sha256${expected}"
    assert recipient_matches(identity, "zoe.martin@example.org")
    assert recipient_matches(identity, " ZOE.MARTIN@example.org ")
    assert not recipient_matches(identity, "zoe@example.org")
    assert "zoe" not in json.dumps(identity).lower()


def test_without_email_the_recipient_is_the_hashed_verification_url() -> None:
    identity = documents(email=None)[2]["recipient"]
    assert identity["type"] == "url"
    assert recipient_matches(identity, VERIFY)
    assert not recipient_matches(identity, VERIFY + "x")


def test_each_recipient_gets_a_fresh_random_salt() -> None:
    salts = {recipient("a@example.org", VERIFY)["salt"] for _ in range(100)}
    assert len(salts) == 100
    assert all(len(salt) == 32 for salt in salts)


@pytest.mark.parametrize(
    ("kind", "key", "path"),
    [
        ("issuer", "", "badges/issuer.json"),
        ("badge", "formation-reseaux-sociaux", "badges/badge-formation-reseaux-sociaux.json"),
        ("assertion", "K7QF-29XM", "badges/assertion-K7QF-29XM.json"),
    ],
)
def test_badge_paths(kind: Any, key: str, path: str) -> None:
    assert badge_path(kind, key) == path
    assert badge_url(BASE + "/", kind, key) == f"{BASE}/app/static/{path}"


@pytest.mark.parametrize("key", ["", "../etc/passwd", "a/b", "a b", "-x", "é", "x" * 65])
def test_badge_keys_cannot_leave_the_badges_folder(key: str) -> None:
    with pytest.raises(ValueError):
        badge_path("assertion", key)


@pytest.mark.parametrize(
    "base",
    [
        "formation.example.org",
        "javascript:alert(1)",
        "ftp://example.org",
        f"{BASE}/?page=x",
        f"{BASE}#x",
    ],
)
def test_the_base_url_must_be_a_plain_http_url(base: str) -> None:
    with pytest.raises(ValueError):
        badge_url(base, "issuer")


def test_a_base_url_with_a_path_keeps_it() -> None:
    url = badge_url("https://example.org/formation/", "issuer")
    assert url == "https://example.org/formation/app/static/badges/issuer.json"


def test_the_badge_image_is_our_svg_as_a_data_uri() -> None:
    uri = default_badge_image()
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1])
    document = xml.dom.minidom.parseString(svg)
    assert document.documentElement.tagName == "svg"
    assert document.getElementsByTagName("title")[0].firstChild is not None
    assert svg_data_uri(svg.decode("utf-8")) == uri
