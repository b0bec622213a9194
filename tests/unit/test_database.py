"""The database layer under every repository: aware timestamps and single-row reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select, text

from course.storage.learners import learner_from
from course.storage.schema import learners
from course.storage.store import Store

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
PARIS_WINTER = timezone(timedelta(hours=1))


def test_every_timestamp_comes_back_time_zone_aware(store: Store) -> None:
    learner, _ = store.learners.create("Zoé", now=NOW)
    store.learners.record_visit(learner.id, "bases", 60, NOW)
    found = store.learners.get(learner.id)
    visit = store.learners.visits(learner.id)["bases"]
    assert found is not None and found.created_at == NOW
    assert found.created_at.utcoffset() is not None
    assert visit.first_at.utcoffset() is not None and visit.completed_at is None


def test_a_moment_from_another_zone_is_the_same_instant_read_back(store: Store) -> None:
    learner, _ = store.learners.create("Léo", now=NOW.astimezone(PARIS_WINTER))
    found = store.learners.get(learner.id)
    assert found is not None and found.created_at == NOW


def test_sqlite_keeps_utc_wall_clock_text_as_before(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/course.sqlite3")
    learner, _ = store.learners.create("Ana", now=NOW.astimezone(PARIS_WINTER))
    with store.transaction() as db:
        stored = db.execute(
            text("SELECT created_at FROM learners WHERE id = :id"), {"id": learner.id}
        ).scalar()
    store.engine.dispose()
    assert stored == "2026-11-23 10:00:00.000000"


def test_a_naive_utc_value_already_stored_reads_back_aware(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/course.sqlite3")
    with store.transaction() as db:
        db.execute(
            text("INSERT INTO learners (id, name, created_at) VALUES ('l1', 'Zoé', :at)"),
            {"at": "2026-11-23 10:00:00.000000"},
        )
    found = store.learners.get("l1")
    store.engine.dispose()
    assert found is not None and found.created_at == NOW and found.created_at.tzinfo is UTC


def test_a_sqlite_transaction_waits_ten_seconds_for_another_s_lock(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'course.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            waits = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    finally:
        store.engine.dispose()
    assert waits == 10_000  # ms; the app's fault tests shorten it (tests/app/test_faults.py)


def test_fetch_one_builds_the_first_row_or_gives_none(store: Store) -> None:
    learner, _ = store.learners.create("Zoé", now=NOW)
    query = select(learners).where(learners.c.id == learner.id)
    assert store.fetch_one(query, learner_from) == learner
    row = store.fetch_one(query)
    assert row is not None and row.name == "Zoé"
    assert store.fetch_one(select(learners).where(learners.c.id == "absent"), learner_from) is None
    assert store.fetch_one(select(learners).where(learners.c.id == "absent")) is None
