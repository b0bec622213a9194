"""Backup and restore as docs/exploitation.md describes them: SQLite's online backup while the
course runs, then a restore by copying the file; pg_dump and pg_restore for PostgreSQL. The
restored database holds the same learners, results, certificates and workshops."""

from __future__ import annotations

import secrets
import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path
from typing import Any

import psycopg

from course.storage.personal_data import learner_data
from course.storage.store import Store
from tests.unit.group_data import Group, group_course, make_group
from tools.postgres_server import PostgresServer, postgres_bin_dir


def everything(store: Store, group: Group) -> dict[str, Any]:
    """What each learner of the group would get from « Télécharger mes données »."""
    return {
        learner.name: learner_data(store, learner.id)
        for learner in (group.zoe, group.leo, group.ana)
    }


def with_certificate(store: Store) -> tuple[Group, str]:
    group = make_group(store, group_course())
    issued = store.certificates.issue(group.zoe, "Formation aux réseaux sociaux", 91.0, ["bases"])
    return group, issued.code


def online_backup(database: Path, target: Path) -> None:
    """What `sqlite3 var/course.sqlite3 ".backup 'target'"` does: SQLite's backup API, a
    consistent copy while other connections keep reading and writing."""
    source, copy = sqlite3.connect(database), sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()


def test_a_sqlite_backup_taken_while_learners_work_restores_everything(
    sqlite_store: Store, data_dir: Path, tmp_path: Path
) -> None:
    store = sqlite_store
    group, code = with_certificate(store)
    before = everything(store, group)
    busy = store.learners.add("Apprenant pendant la sauvegarde")
    stop, writing = threading.Event(), threading.Event()

    def keep_writing() -> None:  # the course keeps running during the backup
        while not stop.is_set():
            store.learners.record_visit(busy, "bases", 1)
            writing.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    writing.wait(10)
    backup = tmp_path / "sauvegardes" / "course-2026-11-23.sqlite3"
    backup.parent.mkdir()
    try:
        online_backup(data_dir / "course.sqlite3", backup)
    finally:
        stop.set()
        writer.join()
    store.engine.dispose()  # the course is stopped for the restore

    restored_file = tmp_path / "restauration" / "course.sqlite3"
    restored_file.parent.mkdir()
    shutil.copy(backup, restored_file)  # the backup alone: no -wal or -shm file needed
    with sqlite3.connect(restored_file) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored = Store(f"sqlite:///{restored_file}")
    assert everything(restored, group) == before
    assert len(before["Zoé Martin"]["quiz"]) == 2 and before["Zoé Martin"]["ateliers"]
    certificate = restored.certificates.by_code(code)
    assert certificate is not None and certificate.learner_name == "Zoé Martin"
    assert restored.learners.exists(busy)  # and what was written up to the backup
    restored.engine.dispose()


def run(tool: str, *args: str) -> None:
    subprocess.run(
        [str(postgres_bin_dir() / tool), *args], check=True, capture_output=True, timeout=120
    )


def test_a_postgresql_dump_restores_into_a_new_database(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    names = [f"backup_{secrets.token_hex(4)}", f"restored_{secrets.token_hex(4)}"]
    with psycopg.connect(
        host="127.0.0.1",
        port=postgres_server.port,
        user="postgres",
        dbname="course",
        autocommit=True,
    ) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    base = postgres_server.url.rsplit("/", 1)[0]
    store = Store(f"{base}/{names[0]}")
    group, code = with_certificate(store)
    before = everything(store, group)

    dump = tmp_path / "course.dump"
    server = ["-h", "127.0.0.1", "-p", str(postgres_server.port), "-U", "postgres"]
    run("pg_dump", *server, "--format=custom", f"--file={dump}", names[0])  # while it is open
    store.engine.dispose()
    run("pg_restore", *server, "--no-owner", f"--dbname={names[1]}", str(dump))

    restored = Store(f"{base}/{names[1]}")
    assert everything(restored, group) == before
    assert restored.certificates.by_code(code) is not None
    restored.engine.dispose()
