"""Open Badges 2.0 hosted documents: required fields, URLs on the issuer's origin, hashed
recipients that verify with their salt, dates, and the badge image."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import xml.dom.minidom
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from course.certificates.badges import (
    CONTEXT,
    assertion,
    badge_class,
    badge_path,
    badge_url,
    default_badge_image,
    issuer_profile,
    prune_badges,
    recipient,
    recipient_matches,
    remove_hosted_badge,
    static_dir,
    svg_data_uri,
    write_hosted_badge,
)
from course.content.models import CourseSettings
from tests.helpers import PROJECT_ROOT

ID, ID_B, ID_C = (
    "5f0c9e7a1b2d4c6e8f0a1b2c3d4e5f60",
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "cccccccccccccccccccccccccccccccc",
)  # badge ids: random hex, never a code
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
        assertion_id=ID,
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
    assert earned["id"] == f"{BASE}/app/static/badges/assertion-{ID}.json"


def test_the_assertion_is_hosted_and_dated_in_iso_8601() -> None:
    earned = documents()[2]
    assert earned["verification"] == {"type": "hosted"}
    assert datetime.fromisoformat(earned["issuedOn"]) == datetime(2026, 11, 23, tzinfo=UTC)
    assert earned["evidence"] == VERIFY


def test_issued_on_keeps_an_aware_moment_and_refuses_a_naive_one() -> None:
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 23, 14, 5, tzinfo=paris)
    earned = assertion(
        BASE, assertion_id=ID, badge_id="b", issued_on=moment, verification_url=VERIFY
    )
    assert earned["issuedOn"] == "2026-11-23T14:05:00+01:00"
    with pytest.raises(ValueError):
        assertion(
            BASE,
            assertion_id=ID,
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
        ("assertion", ID, f"badges/assertion-{ID}.json"),
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


# --- The hosted files -------------------------------------------------------------------------

SETTINGS = CourseSettings.model_validate(
    {
        "certificate": {
            "organisation": "Maison des associations de Lyon",
            "signatory_name": "Camille Durand",
            "signatory_role": "Responsable de la formation",
            "public_url": BASE,
        },
        "badge": {
            "name": "Formation aux réseaux sociaux",
            "description": "A suivi la formation aux réseaux sociaux.",
            "criteria": "Réussir le quiz de chaque module et l'examen final.",
            "issuer_url": "https://mda-lyon.example.org",
        },
        "data": {"controller": "MDA", "contact": "l'accueil", "retention_months": 24},
    }
)
ISSUED = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)


def write(folder: Path, key: str = ID, email: str | None = None) -> bytes:
    return write_hosted_badge(
        folder,
        SETTINGS,
        BASE,
        assertion_id=key,
        issued_on=ISSUED,
        verification_url=f"{BASE}/verification?code=K7QF-29XM",
        email=email,
    )


def test_the_three_documents_are_written_where_their_ids_point(tmp_path: Path) -> None:
    downloaded = json.loads(write(tmp_path, email="Zoe@Example.org"))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert files == [
        "badges",
        f"badges/assertion-{ID}.json",
        "badges/badge-formation.json",
        "badges/issuer.json",
    ]
    hosted = {
        f"{BASE}/app/static/{path}": json.loads((tmp_path / path).read_text(encoding="utf-8"))
        for path in files[1:]
    }
    assert all(document["id"] == url for url, document in hosted.items())
    assertion_file = hosted[downloaded["id"]]
    assert assertion_file == downloaded
    assert hosted[downloaded["badge"]]["name"] == "Formation aux réseaux sociaux"
    assert hosted[downloaded["badge"]]["criteria"]["narrative"].startswith("Réussir le quiz")
    issuer = hosted[hosted[downloaded["badge"]]["issuer"]]
    assert issuer["name"] == "Maison des associations de Lyon"
    assert issuer["url"] == "https://mda-lyon.example.org"
    assert (tmp_path / f"badges/assertion-{ID}.json").stat().st_mode & 0o777 == 0o644


def test_with_an_email_the_recipient_is_the_salted_hash_of_the_email(tmp_path: Path) -> None:
    earned = json.loads(write(tmp_path, email="Zoe.Martin@Example.org"))
    identity = earned["recipient"]
    assert identity["type"] == "email" and identity["hashed"] is True
    salted = ("zoe.martin@example.org" + identity["salt"]).encode()
    assert identity["identity"] == "sha256$" + hashlib.sha256(salted).hexdigest()
    assert "zoe" not in (tmp_path / f"badges/assertion-{ID}.json").read_text().lower()


def test_without_an_email_the_recipient_is_the_verification_url(tmp_path: Path) -> None:
    earned = json.loads(write(tmp_path))
    identity = earned["recipient"]
    assert identity["type"] == "url"
    assert recipient_matches(identity, f"{BASE}/verification?code=K7QF-29XM")
    assert earned["evidence"] == f"{BASE}/verification?code=K7QF-29XM"


def test_writing_again_gives_the_same_file_and_keeps_its_salt(tmp_path: Path) -> None:
    first = write(tmp_path, email="zoe@example.org")
    path = tmp_path / f"badges/assertion-{ID}.json"
    written_at = path.stat().st_mtime_ns
    assert write(tmp_path, email="zoe@example.org") == first == path.read_bytes()
    assert path.stat().st_mtime_ns == written_at  # not rewritten when nothing changed


def test_a_changed_public_address_rewrites_the_documents(tmp_path: Path) -> None:
    write(tmp_path)
    moved = write_hosted_badge(
        tmp_path,
        SETTINGS,
        "https://nouvelle.example.org",
        assertion_id=ID,
        issued_on=ISSUED,
        verification_url="https://nouvelle.example.org/verification?code=K7QF-29XM",
        email=None,
    )
    stored = json.loads((tmp_path / f"badges/assertion-{ID}.json").read_text())
    assert stored == json.loads(moved)
    assert stored["id"].startswith("https://nouvelle.example.org/app/static/badges/")
    issuer = json.loads((tmp_path / "badges/issuer.json").read_text())
    assert issuer["id"].startswith("https://nouvelle.example.org/")


@pytest.mark.parametrize(
    "key", ["K7QF-29XM", ID.upper(), f"../{ID}", f"{ID}/x", ID[:-1], ""], ids=repr
)
def test_file_names_come_from_badge_ids_only(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError):
        write(tmp_path, key=key)
    with pytest.raises(ValueError):
        remove_hosted_badge(tmp_path, key)
    assert not list(tmp_path.rglob("assertion-*"))


def test_an_erased_learner_s_assertion_is_removed(tmp_path: Path) -> None:
    write(tmp_path, ID)
    write(tmp_path, ID_B)
    assert remove_hosted_badge(tmp_path, ID)
    assert not remove_hosted_badge(tmp_path, ID)
    names = sorted(p.name for p in (tmp_path / "badges").iterdir())
    assert names == [f"assertion-{ID_B}.json", "badge-formation.json", "issuer.json"]


def _age(path: Path, hours: float) -> None:
    moment = datetime.now(UTC).timestamp() - hours * 3600
    os.utime(path, (moment, moment))


def test_pruning_removes_old_orphans_and_leftovers_only(tmp_path: Path) -> None:
    for key in (ID, ID_B, ID_C):
        write(tmp_path, key)
    folder = tmp_path / "badges"
    (folder / "notes.json").write_text("{}")
    (folder / ".tmp-abandoned").write_text("{")
    for path in folder.iterdir():
        _age(path, 2)
    _age(folder / f"assertion-{ID_C}.json", 0.1)  # just issued by another process
    removed = prune_badges(tmp_path, {ID})
    assert removed == [ID_B]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        f"assertion-{ID}.json",
        f"assertion-{ID_C}.json",
        "badge-formation.json",
        "issuer.json",
        "notes.json",
    ]
    later = datetime.now(UTC) + timedelta(hours=1)
    assert prune_badges(tmp_path, {ID}, now=later) == [ID_C]


def test_pruning_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    assert prune_badges(tmp_path / "absent", set()) == []


def test_the_static_folder_is_next_to_app_py_unless_a_test_moves_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("COURSE_STATIC_DIR", raising=False)
    assert static_dir() == PROJECT_ROOT / "static"
    assert (PROJECT_ROOT / "app.py").exists()
    monkeypatch.setenv("COURSE_STATIC_DIR", str(tmp_path))
    assert static_dir() == tmp_path
