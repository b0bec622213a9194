"""Versioned migrations: the schema is built and upgraded automatically, and results survive."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from course.storage.database import LATEST_REVISION, MIGRATIONS, migrate, normalized_url
from course.storage.schema import metadata
from course.storage.store import Store

STARTED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SUBMITTED = datetime(2026, 11, 2, 9, 12, tzinfo=UTC)


def head_revision() -> str:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def build_first_schema_with_a_result(url: str) -> None:
    """A database as the first release left it: revision 0001 and one finished attempt."""
    engine = create_engine(normalized_url(url))
    with engine.begin() as db:
        migrate(db, "0001")
        db.execute(
            text("INSERT INTO learners (id, name, created_at) VALUES ('l1', 'Zoé', :at)"),
            {"at": STARTED},
        )
        db.execute(
            text(
                "INSERT INTO attempts (id, learner_id, quiz_id, quiz_hash, seed, question_ids,"
                " started_at, submitted_at, score, max_score, percent, passed)"
                " VALUES ('a1', 'l1', 'bases', 'h', 7, '[\"q1\"]', :start, :end, 7, 8, 87.5, :ok)"
            ),
            {"start": STARTED, "end": SUBMITTED, "ok": True},
        )
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_code_uses(database_url: str) -> None:
    store = Store(database_url)
    with store.engine.connect() as db:
        differences = compare_metadata(MigrationContext.configure(db), metadata)
        version = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store.engine.dispose()
    assert differences == []
    assert version == head_revision()


def test_the_revision_the_store_skips_alembic_at_is_the_newest_migration() -> None:
    assert head_revision() == LATEST_REVISION


@pytest.mark.integration
def test_a_database_already_up_to_date_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'course.db'}"
    Store(url).engine.dispose()  # created and migrated: alembic runs
    opened_again = (
        "import sys; from course.storage.store import Store; Store(sys.argv[1]); "
        "print('alembic' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", opened_again, url], capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"


def test_an_upgrade_keeps_the_results_already_stored(database_url: str) -> None:
    build_first_schema_with_a_result(database_url)
    store = Store(database_url)  # opening the store upgrades it
    finished = store.attempts.finished("l1", "bases")
    tables = set(inspect(store.engine).get_table_names())
    store.engine.dispose()
    assert [(f.id, f.score, f.percent, f.passed, f.submitted_at) for f in finished] == [
        ("a1", 7.0, 87.5, True, SUBMITTED)
    ]
    assert "schema_version" not in tables  # revision 0002 ran


def test_a_database_from_before_migrations_is_adopted_and_kept(database_url: str) -> None:
    build_first_schema_with_a_result(database_url)
    engine = create_engine(normalized_url(database_url))
    with engine.begin() as db:
        db.execute(text("DROP TABLE alembic_version"))  # the first release had no Alembic
    engine.dispose()
    store = Store(database_url)
    assert [f.id for f in store.attempts.finished("l1")] == ["a1"]
    store.engine.dispose()


def test_two_servers_opening_a_new_database_at_once_both_succeed(database_url: str) -> None:
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(database_url).engine.dispose()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
