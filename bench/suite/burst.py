"""2. Bursts: many sessions rerunning a page at once, on one server or several behind nginx.

The machinery; which pages, and the table's rows, are in bench/suite/bursts.py.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.suite.cases import PageCase, open_case, prepared
from bench.suite.plan import PAUSE
from bench.ws_pages import PageSession
from tools.nginx_balancer import Balanced
from tools.streamlit_server import Server

# --- Where a burst is sent ------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """An address the sessions open, and the Streamlit processes that serve it."""

    url: str
    pids: tuple[int, ...]

    @classmethod
    def direct(cls, server: Server) -> Target:
        return cls(server.url, (server.process.pid,))

    @classmethod
    def balanced(cls, balanced: Balanced) -> Target:
        return cls(balanced.url, tuple(balanced.pids))


def rss(target: Target) -> int:
    """Resident memory of the target's processes, in bytes."""
    total = 0
    for pid in target.pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def cpu(target: Target) -> float:
    """CPU seconds the target's processes have used so far (user + system, every thread)."""
    total = 0.0
    for pid in target.pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


# --- A burst --------------------------------------------------------------------------------


@dataclass
class Burst:
    """Sessions rerunning one page together: one per query string, each prepared by the case's
    `prepare` (a search typed, the trainer signed in) and sending its widgets at every run."""

    target: Target
    case: PageCase
    queries: list[str]
    sessions: list[tuple[PageSession, list[WidgetState]]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0  # used by the target's processes during the measured rounds
    rss_before: int = 0
    rss_after: int = 0

    @property
    def cpu_per_run(self) -> float:
        return self.cpu_seconds / len(self.times)

    async def open(self) -> None:
        self.sessions.append(await open_case(self.target.url, self.case))  # one already there
        await asyncio.sleep(0.5)
        self.rss_before = rss(self.target)
        for query in self.queries:
            session = await PageSession.on_page(self.target.url, self.case.url_path, query)
            widgets = await prepared(session, self.case)
            self.sessions.append((session, widgets))
        await self.round()  # every new session's first run (after its preparation)
        await asyncio.sleep(PAUSE)
        await self.round()  # and a warm one

    async def round(self) -> list[float]:
        runs = await asyncio.gather(
            *(session.run(widgets, self.case.expect) for session, widgets in self.sessions[1:])
        )
        return [run.seconds for run in runs]

    async def measured_round(self) -> None:
        await asyncio.sleep(PAUSE)
        used = cpu(self.target)
        self.times += await self.round()
        self.cpu_seconds += cpu(self.target) - used

    async def close(self) -> None:
        await asyncio.gather(*(session.close() for session, _ in self.sessions))
        self.sessions.clear()


async def run_together(bursts: list[Burst], floor: Burst, rounds: int) -> None:
    """Open `bursts`, then `rounds` times a round of each and one of `floor` (already open):
    alternated, so that other work on the machine slows them alike. Closes `bursts`."""
    try:
        for burst in bursts:
            await burst.open()
        for _ in range(rounds):
            for burst in [*bursts, floor]:
                await burst.measured_round()
        await asyncio.sleep(0.5)
        for burst in bursts:
            burst.rss_after = rss(burst.target)
    finally:
        for burst in bursts:
            await burst.close()
