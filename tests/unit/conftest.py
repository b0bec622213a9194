"""tests/unit is pure: a test here starts no process and opens no network port, unless it says so
with `@pytest.mark.integration` (the PostgreSQL tests are marked `postgres`, hence integration,
automatically). `pytest tests/unit -m "not integration"` runs the pure ones, in process."""

from __future__ import annotations

import socket
import subprocess
from typing import NoReturn

import pytest


def _refuse(what: str) -> object:
    def refused(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError(
            f"A unit test {what}: mark it @pytest.mark.integration (see tests/unit/conftest.py)."
        )

    return refused


@pytest.fixture(autouse=True)
def pure_unless_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse subprocesses and sockets to the tests not marked integration."""
    if request.node.get_closest_marker("integration"):
        return
    monkeypatch.setattr(subprocess, "Popen", _refuse("starts a process"))
    for method in ("bind", "connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, method, _refuse("opens a network socket"))
