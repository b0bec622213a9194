"""Open Badges 2.0 documents for hosted verification: issuer profile, badge class, assertion.

Hosted verification means a verifier fetches each document's `id` URL and must get its JSON
back, from the same origin as the issuer's `id`. Streamlit pages cannot answer JSON, but its
static file serving (`server.enableStaticServing`) serves `static/` at `/app/static/`: so every
document lives at `{base}/app/static/badges/<name>.json`, and the app writes the file there when
it shows an issued certificate (`write_hosted_badge`; `badge_path` gives the file's path under
`static/`). Both come from `badge_path`: change the scheme there, and only there.

The Content-Type, checked in Streamlit 1.67's source (`create_app_static_serving_routes` and
`guess_content_type` in streamlit/web/server): each file is sent with the type Python's
`mimetypes` gives its extension, so `.json` is `application/json` (no charset: JSON is UTF-8 by
RFC 8259), with `X-Content-Type-Options: nosniff` and `Access-Control-Allow-Origin: *`. An
unknown extension would be `application/octet-stream`; older Streamlit releases served only an
allow-list of types (JSON among them) and everything else as `text/plain`. With `nosniff` a
wrong type is never corrected by the browser, so the documents must keep the `.json` extension,
and a host whose `mimetypes` tables lack it would break verification: `tests/e2e` checks the
header on a real server. The files are read on every request (no cache in Streamlit), so a
removed assertion answers 404 at once: that is how a badge is withdrawn here (erasure, retention
purge). Open Badges 2.0 would rather have `410 Gone` or `"revoked": true`; static serving cannot
answer 410, and a stub kept after an erasure would keep data the learner asked us to erase, so a
verifier reports such a badge as not found (unverifiable) rather than as revoked with a reason.

The recipient is a salted SHA-256 hash (`sha256$…`), never the plain identity: the learner's
e-mail address when they gave one (lower-cased, as backpacks compare them), otherwise the public
verification URL of their certificate with the type `url` (a profile property Open Badges 2.0
accepts as identity). A backpack that matches badges by e-mail only takes the first kind.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from course.content.models import CourseSettings

CONTEXT = "https://w3id.org/openbadges/v2"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
BADGE_IMAGE = PROJECT_ROOT / "assets" / "badges" / "attestation.svg"
BADGE_ID = "formation"  # the course's one badge class: badges/badge-formation.json
Kind = Literal["issuer", "badge", "assertion"]
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def badge_path(kind: Kind, key: str = "") -> str:
    """Where a document is served under the app: `badges/assertion-<badge id>.json`."""
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
    assertion_id: str,
    badge_id: str,
    issued_on: date | datetime,
    verification_url: str,
    email: str | None = None,
    salt: str | None = None,
) -> dict[str, Any]:
    """One learner's badge (`Assertion`), hosted at the URL named by its certificate's random
    `assertion_id` (never the verification code: a URL answering 200 or 404 would tell whether a
    code exists, past the verification page's limiter).

    The certificate's verification page is the evidence, and the recipient's identity when the
    learner gave no e-mail address.
    """
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": badge_url(base_url, "assertion", assertion_id),
        "recipient": recipient(email, verification_url, salt),
        "badge": badge_url(base_url, "badge", badge_id),
        "verification": {"type": "hosted"},
        "issuedOn": _iso_moment(issued_on),
        "evidence": verification_url,
    }


# --- The hosted files under static/badges/ ----------------------------------------------------

# An orphan assertion is removed only once it is this old: another server process may have
# issued it after this one read the certificate codes and before it listed the folder.
PRUNE_GRACE = timedelta(hours=1)
_ASSERTION_FILE = re.compile(r"assertion-([0-9a-f]{32})\.json")
# Before revision 0005 assertions were named after the certificate's code.
_LEGACY_FILE = re.compile(r"assertion-([0-9A-Z]{4}-[0-9A-Z]{4})\.json")
_ASSERTION_ID = re.compile(r"[0-9a-f]{32}")
_TEMPORARY_PREFIX = ".tmp-"


def static_dir() -> Path:
    """The folder Streamlit serves at `/app/static/`: `static/` next to app.py.

    $COURSE_STATIC_DIR moves it, for tests only (AppTest must not write into the checkout):
    Streamlit serves nothing but `static/` next to app.py.
    """
    return Path(os.environ.get("COURSE_STATIC_DIR") or PROJECT_ROOT / "static")


def course_documents(
    settings: CourseSettings, base_url: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The issuer and the badge class described in reglages.yaml (`certificate`, `badge`)."""
    issuer = issuer_profile(
        base_url,
        name=settings.certificate.organisation,
        url=settings.badge.issuer_url,
        email=settings.badge.issuer_email,
    )
    badge = badge_class(
        base_url,
        badge_id=BADGE_ID,
        name=settings.badge.name,
        description=settings.badge.description,
        image=default_badge_image(),
        criteria_narrative=settings.badge.criteria,
    )
    return issuer, badge


def _checked(assertion_id: str) -> str:
    """A file name is only ever built from a certificate's badge id: 32 lower-case hex digits."""
    if not _ASSERTION_ID.fullmatch(assertion_id):
        raise ValueError(f"not a badge id: {assertion_id!r}")
    return assertion_id


def _dumps(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _write(path: Path, document: Mapping[str, Any]) -> None:
    """Write the document unless the file already holds it; a reader never sees half a file."""
    if _read(path) == document:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_TEMPORARY_PREFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(_dumps(document))
        os.chmod(temporary, 0o644)  # served by Streamlit, or by a proxy in front of it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_hosted_badge(
    directory: Path,
    settings: CourseSettings,
    base_url: str,
    *,
    assertion_id: str,
    issued_on: datetime,
    verification_url: str,
    email: str | None,
) -> bytes:
    """Write the issuer, badge class and assertion of the certificate whose badge id is
    `assertion_id` under `directory/badges/`; returns the assertion's JSON, the learner's
    download.

    Called each time the certificate is shown, so it is cheap and stable: an assertion already
    written keeps its salt (the same file every time) and is rewritten only when something it
    says has changed (the public address, the e-mail). Raises OSError if the folder is not
    writable.
    """
    issuer, badge = course_documents(settings, base_url)
    _write(directory / badge_path("issuer"), issuer)
    _write(directory / badge_path("badge", BADGE_ID), badge)
    path = directory / badge_path("assertion", _checked(assertion_id))
    old = _read(path)
    salt = old.get("recipient", {}).get("salt") if isinstance(old, dict) else None
    earned = assertion(
        base_url,
        assertion_id=assertion_id,
        badge_id=BADGE_ID,
        issued_on=issued_on,
        verification_url=verification_url,
        email=email,
        salt=salt if isinstance(salt, str) and salt else None,
    )
    _write(path, earned)
    return _dumps(earned)


def remove_hosted_badge(directory: Path, assertion_id: str) -> bool:
    """Withdraw a certificate's assertion (its URL answers 404 from now on)."""
    path = directory / badge_path("assertion", _checked(assertion_id))
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def prune_badges(
    directory: Path,
    valid_ids: Collection[str],
    *,
    now: datetime | None = None,
    grace: timedelta = PRUNE_GRACE,
) -> list[str]:
    """Remove the assertions whose certificate is no longer on record (erased learners, the
    retention purge), files still named after a code (`rename_legacy_assertions` moved those
    on record), and leftover temporary files; returns the badge ids (or codes) removed.

    Only files older than `grace` go (see PRUNE_GRACE); the issuer and badge class stay.
    """
    folder = directory / "badges"
    cutoff = (now or datetime.now(UTC)).timestamp() - grace.total_seconds()
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _ASSERTION_FILE.fullmatch(entry.name) or _LEGACY_FILE.fullmatch(entry.name)
        orphan = match is not None and match.group(1) not in valid_ids
        if not (orphan or entry.name.startswith(_TEMPORARY_PREFIX)):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        if match is not None:
            removed.append(match.group(1))
    return sorted(removed)


def rename_legacy_assertions(directory: Path, badge_ids: Mapping[str, str]) -> list[str]:
    """Move each assertion still named after its certificate's code (before revision 0005) to
    its badge id, its `id` URL changed to match, so it keeps verifying at its new address;
    `badge_ids` maps codes to badge ids. Returns the codes moved; run when a server opens the
    store, harmless to repeat."""
    moved: list[str] = []
    try:
        entries = list(os.scandir(directory / "badges"))
    except OSError:
        return moved
    for entry in entries:
        match = _LEGACY_FILE.fullmatch(entry.name)
        badge = badge_ids.get(match.group(1)) if match else None
        document = _read(Path(entry.path)) if badge else None
        if match is None or badge is None or not isinstance(document, dict):
            continue
        document = dict(document)
        old_id = str(document.get("id", ""))
        if old_id.endswith("/" + badge_path("assertion", match.group(1))):
            document["id"] = old_id[: -len(entry.name)] + f"assertion-{_checked(badge)}.json"
        _write(directory / badge_path("assertion", badge), document)
        Path(entry.path).unlink(missing_ok=True)
        moved.append(match.group(1))
    return sorted(moved)
