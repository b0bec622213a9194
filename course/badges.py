"""Open Badges 2.0 documents for hosted verification: issuer profile, badge class, assertion.

Hosted verification means a verifier fetches each document's `id` URL and must get its JSON
back, from the same origin as the issuer's `id`. Streamlit pages cannot answer JSON, but its
static file serving (`server.enableStaticServing`) serves `static/` at `/app/static/` with the
`application/json` type: so every document lives at `{base}/app/static/badges/<name>.json`, and
the app writes the file there when it issues a badge (`badge_path` gives the file's path under
`static/`). Both come from `badge_path`: change the scheme there, and only there.

The recipient is a salted SHA-256 hash (`sha256$…`), never the plain identity: the learner's
e-mail address when they gave one (lower-cased, as backpacks compare them), otherwise the public
verification URL of their certificate with the type `url` (a profile property Open Badges 2.0
accepts as identity). A backpack that matches badges by e-mail only takes the first kind.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

CONTEXT = "https://w3id.org/openbadges/v2"
BADGE_IMAGE = Path(__file__).resolve().parent.parent / "assets" / "badges" / "attestation.svg"
Kind = Literal["issuer", "badge", "assertion"]
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def badge_path(kind: Kind, key: str = "") -> str:
    """Where a document is served under the app: `badges/assertion-K7QF-29XM.json`."""
    if kind == "issuer":
        return "badges/issuer.json"
    if not _KEY.fullmatch(key):
        raise ValueError(f"badge {kind} key must be letters, digits and dashes: {key!r}")
    return f"badges/{kind}-{key}.json"


def badge_url(base_url: str, kind: Kind, key: str = "") -> str:
    """The public URL of a document: `{base}/app/static/` + `badge_path(kind, key)`."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"the public base URL must be http(s)://host[/path]: {base_url!r}")
    return f"{base_url.rstrip('/')}/app/static/{badge_path(kind, key)}"


def svg_data_uri(svg: bytes | str) -> str:
    """An SVG as a `data:` URI, to embed a badge image without hosting it."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def default_badge_image() -> str:
    """The course's own badge drawing (assets/badges/attestation.svg) as a `data:` URI."""
    return svg_data_uri(BADGE_IMAGE.read_bytes())


def issuer_profile(
    base_url: str,
    *,
    name: str,
    url: str,
    email: str | None = None,
    description: str | None = None,
    image: str | None = None,
) -> dict[str, Any]:
    """The issuing organisation (`Issuer`); `url` is its own website."""
    profile: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": badge_url(base_url, "issuer"),
        "name": name,
        "url": url,
    }
    optional = {"email": email, "description": description, "image": image}
    profile.update({key: value for key, value in optional.items() if value})
    return profile


def badge_class(
    base_url: str,
    *,
    badge_id: str,
    name: str,
    description: str,
    image: str,
    criteria_narrative: str,
    criteria_url: str | None = None,
    tags: Sequence[str] = (),
) -> dict[str, Any]:
    """The achievement (`BadgeClass`): what it means and what earns it, in French."""
    criteria: dict[str, str] = {"narrative": criteria_narrative}
    if criteria_url:
        criteria["id"] = criteria_url
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_url(base_url, "badge", badge_id),
        "name": name,
        "description": description,
        "image": image,
        "criteria": criteria,
        "issuer": badge_url(base_url, "issuer"),
    }
    if tags:
        document["tags"] = list(tags)
    return document


def hashed_identity(identity: str, salt: str) -> str:
    """`sha256$` and the hex SHA-256 of the identity followed by the salt (Open Badges 2.0)."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def recipient(email: str | None, verification_url: str, salt: str | None = None) -> dict[str, Any]:
    """The hashed `IdentityObject`: the e-mail address if any, else the verification URL."""
    salt = salt if salt is not None else secrets.token_hex(16)
    email = (email or "").strip().lower()
    kind, identity = ("email", email) if email else ("url", verification_url)
    return {"type": kind, "hashed": True, "salt": salt, "identity": hashed_identity(identity, salt)}


def recipient_matches(identity_object: Mapping[str, Any], identity: str) -> bool:
    """Whether a hashed recipient is `identity` (an e-mail address is compared lower-cased)."""
    if identity_object.get("type") == "email":
        identity = identity.strip().lower()
    expected = hashed_identity(identity, str(identity_object.get("salt", "")))
    return hmac.compare_digest(str(identity_object.get("identity", "")), expected)


def _iso_moment(moment: date | datetime) -> str:
    """ISO 8601 with a time zone; a day alone means its midnight UTC."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(), tzinfo=UTC)
    if moment.tzinfo is None:
        raise ValueError("issuedOn needs a time zone: pass an aware datetime")
    return moment.isoformat()


def assertion(
    base_url: str,
    *,
    code: str,
    badge_id: str,
    issued_on: date | datetime,
    verification_url: str,
    email: str | None = None,
    salt: str | None = None,
) -> dict[str, Any]:
    """One learner's badge (`Assertion`), hosted at the URL of its certificate `code`.

    The certificate's verification page is the evidence, and the recipient's identity when the
    learner gave no e-mail address.
    """
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": badge_url(base_url, "assertion", code),
        "recipient": recipient(email, verification_url, salt),
        "badge": badge_url(base_url, "badge", badge_id),
        "verification": {"type": "hosted"},
        "issuedOn": _iso_moment(issued_on),
        "evidence": verification_url,
    }
