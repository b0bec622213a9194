"""Resume codes are stored as HMAC digests keyed by a server secret kept outside the database;
databases holding the old plain SHA-256 digests keep working, each re-keyed on its next use;
badge assertions are named by a random id, and existing ones are moved to it."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from course.certificates.badges import prune_badges, rename_legacy_assertions
from course.codes import code_digest
from course.storage.database import migrate, normalized_url
from course.storage.schema import certificates, learners
from course.storage.secret import ENV_VARIABLE, FILE_NAME, WeakSecret, server_secret
from course.storage.store import Store

ISSUED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
OLD_CODE = "K7QF-29XM"
BASE = "https://formation.example.org"


def _stored_digest(store: Store, learner_id: str) -> str:
    query = select(learners.c.resume_digest).where(learners.c.id == learner_id)
    row = store.fetch_one(query)
    assert row is not None
    return str(row.resume_digest)


def test_a_resume_code_is_stored_as_a_keyed_digest_only(store: Store) -> None:
    learner, code = store.learners.create("Zoé")
    stored = _stored_digest(store, learner.id)
    assert stored == code_digest(code, pepper=store.secret)
    assert stored != hashlib.sha256(code.encode()).hexdigest()  # no brute force from a backup
    assert store.learners.by_code(code) == learner


def test_another_secret_opens_nothing(store: Store) -> None:
    _, code = store.learners.create("Zoé")
    other = Store(store.url, secret=b"another-server-secret-of-32-chars!")
    assert other.learners.by_code(code) is None
    other.engine.dispose()


def build_release_0004_with_old_digests(url: str) -> None:
    """A database as revision 0004 left it: a learner with a plain SHA-256 resume digest, and
    a certificate (no badge id yet)."""
    engine = create_engine(normalized_url(url))
    with engine.begin() as db:
        migrate(db, "0004")
        db.execute(
            text(
                "INSERT INTO learners (id, name, created_at, resume_digest)"
                " VALUES ('l1', 'Zoé', :at, :digest)"
            ),
            {"at": ISSUED, "digest": hashlib.sha256(OLD_CODE.encode()).hexdigest()},
        )
        db.execute(
            text(
                "INSERT INTO certificates (code, learner_id, learner_name, course_title, percent,"
                " modules, issued_at) VALUES ('AAAA-BBBB', 'l1', 'Zoé', 'Formation', 90, '[]', :at)"
            ),
            {"at": ISSUED},
        )
    engine.dispose()


def test_an_old_plain_digest_opens_its_record_once_and_is_re_keyed(database_url: str) -> None:
    build_release_0004_with_old_digests(database_url)
    store = Store(database_url)  # upgraded to the latest revision
    found = store.learners.by_code(OLD_CODE.lower())  # typed loosely, as before
    assert found is not None and found.id == "l1"
    assert _stored_digest(store, "l1") == code_digest(OLD_CODE, pepper=store.secret)
    assert store.learners.by_code(OLD_CODE) == found  # the keyed digest finds it from now on
    assert store.learners.by_code("AAAA-0000") is None
    store.engine.dispose()


def test_the_secret_is_created_once_in_the_data_folder_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    no_secrets = tmp_path / "absent.toml"
    first = server_secret(no_secrets)
    path = tmp_path / FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64 and server_secret(no_secrets) == first  # kept, never redrawn
    assert not [p for p in tmp_path.iterdir() if p.name != FILE_NAME]  # no temporary left


def test_the_secrets_file_comes_first_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text('secret_key = "' + "s" * 40 + '"\n')
    assert server_secret(secrets_file, {ENV_VARIABLE: "e" * 40}) == b"s" * 40
    assert server_secret(tmp_path / "absent.toml", {ENV_VARIABLE: "e" * 40}) == b"e" * 40
    with pytest.raises(WeakSecret, match="32"):
        server_secret(tmp_path / "absent.toml", {ENV_VARIABLE: "court"})


def test_old_badge_files_move_to_a_random_id_and_keep_verifying(
    database_url: str, tmp_path: Path
) -> None:
    build_release_0004_with_old_digests(database_url)
    folder = tmp_path / "static"
    (folder / "badges").mkdir(parents=True)
    old_url = f"{BASE}/app/static/badges/assertion-AAAA-BBBB.json"
    (folder / "badges" / "assertion-AAAA-BBBB.json").write_text(
        json.dumps({"type": "Assertion", "id": old_url, "evidence": f"{BASE}/verif"})
    )
    store = Store(database_url)
    badge_ids = store.certificates.badge_ids()
    badge = badge_ids["AAAA-BBBB"]
    assert len(badge) == 32 and "AAAA" not in badge.upper()
    assert rename_legacy_assertions(folder, badge_ids) == ["AAAA-BBBB"]
    moved = json.loads((folder / "badges" / f"assertion-{badge}.json").read_text())
    assert moved["id"] == f"{BASE}/app/static/badges/assertion-{badge}.json"
    assert moved["evidence"] == f"{BASE}/verif"
    assert not (folder / "badges" / "assertion-AAAA-BBBB.json").exists()  # no code to probe
    assert rename_legacy_assertions(folder, badge_ids) == []  # harmless when run again
    assert prune_badges(folder, set(badge_ids.values()), now=datetime.now(UTC)) == []
    with store.transaction() as db:
        assert db.execute(select(certificates.c.badge_id)).scalar() == badge
    store.engine.dispose()


def test_a_new_certificate_gets_its_own_random_badge_id(store: Store) -> None:
    first, _ = store.learners.create("Zoé")
    second, _ = store.learners.create("Léo")
    ids = {store.certificates.issue(who, "Formation", 90.0, []).badge_id for who in (first, second)}
    assert len(ids) == 2 and all(len(badge) == 32 for badge in ids)
