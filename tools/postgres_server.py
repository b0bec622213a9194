"""A throwaway PostgreSQL server for tests and benchmarks: initdb in a temporary folder, loopback only.

Debian's `postgresql` package provides the binaries (scripts/setup --dev installs it). PostgreSQL
refuses to run as root, so under root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tools.streamlit_server import free_port


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL binaries are missing: the French message says how to install them."""


def postgres_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl, newest PostgreSQL version first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version, reverse=True)
    if found:
        return Path(found[0]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL est introuvable (initdb). Lancez scripts/setup --dev, qui installe le "
        "paquet Debian « postgresql »."
    )


def _version(initdb: str) -> int:
    version = Path(initdb).parent.parent.name
    return int(version) if version.isdigit() else 0


@dataclass
class PostgresServer:
    """A running server; `url` is a SQLAlchemy URL to its `course` database."""

    data_dir: Path
    port: int
    bin_dir: Path
    user: str | None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/course"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def create_database(self, prefix: str = "test", copy_of: str | None = None) -> str:
        """A new database with a random name (`prefix_…`), empty or a copy of the database
        `copy_of` (a name, which no connection may hold open); its SQLAlchemy URL."""
        name = f"{prefix}_{secrets.token_hex(6)}"
        template = f' TEMPLATE "{copy_of}"' if copy_of else ""
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="course", autocommit=True
        ) as admin:
            admin.execute(f'CREATE DATABASE "{name}"{template}')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """initdb a fresh cluster (trust authentication on loopback) and start it on a free port."""
    bin_dir = postgres_bin_dir()
    user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="course-pg-"))
    data_dir, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (root, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(data_dir, free_port(), bin_dir, user)
    try:
        server._run(
            "initdb",
            "-D",
            str(data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-p {server.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        server._run(
            "pg_ctl", "start", "-D", str(data_dir), "-o", options, "-w", "-l", str(root / "log")
        )
        server._run(
            "createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "course"
        )
    except subprocess.CalledProcessError as error:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(
            f"Le serveur PostgreSQL de test n'a pas démarré : {error.stderr}{log}"
        ) from error
    return server
