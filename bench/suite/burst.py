"""2. A burst: 50 sessions rerunning a page at once, beside 50 of hello-world."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.suite.cases import HELLO_CASE, PageCase, open_case
from bench.suite.plan import APP, BURST_SESSIONS, HELLO, PAUSE, Plan
from bench.suite.profiles import profile_pages
from bench.suite.report import REASONS, Row, mib, ms, p95, secs, times, yes_no
from bench.suite.world import World
from bench.ws_pages import PageSession
from tools.streamlit_server import Server, start_server, stop_server

# --- 2. A burst of 50 sessions --------------------------------------------------------------


def rss(server: Server) -> int:
    """Resident memory of the server process, in bytes."""
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def cpu(server: Server) -> float:
    """CPU seconds the server process has used so far (user + system, every thread)."""
    fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Burst:
    """Sessions rerunning one page together, on one server."""

    server: Server
    case: PageCase
    queries: list[str]
    sessions: list[PageSession] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0  # used by the server during the measured rounds
    rss_before: int = 0
    rss_after: int = 0

    @property
    def cpu_per_run(self) -> float:
        return self.cpu_seconds / len(self.times)

    async def open(self) -> None:
        warm, _ = await open_case(self.server.url, self.case)  # one session already there
        self.sessions.append(warm)
        await asyncio.sleep(0.5)
        self.rss_before = rss(self.server)
        for query in self.queries:
            session = await PageSession.on_page(self.server.url, self.case.url_path, query)
            self.sessions.append(session)
        await self.round()  # every new session's first run
        await asyncio.sleep(PAUSE)
        await self.round()  # and a warm one

    async def round(self) -> list[float]:
        runs = await asyncio.gather(*(s.run(expect=self.case.expect) for s in self.sessions[1:]))
        return [run.seconds for run in runs]

    async def close(self) -> None:
        await asyncio.gather(*(session.close() for session in self.sessions))


async def run_bursts(bursts: list[Burst], rounds: int) -> None:
    try:
        for burst in bursts:
            await burst.open()
        for _ in range(rounds):
            for burst in bursts:  # alternate: load on the machine hits both alike
                await asyncio.sleep(PAUSE)
                used = cpu(burst.server)
                burst.times += await burst.round()
                burst.cpu_seconds += cpu(burst.server) - used
        await asyncio.sleep(0.5)
        for burst in bursts:
            burst.rss_after = rss(burst.server)
    finally:
        for burst in bursts:
            await burst.close()


def measure_burst(world: World, plan: Plan, profile: bool) -> list[Row]:
    quiz_case = PageCase(
        "quiz", "evaluation", f"quiz=bases&reprise={world.quiz_code}", ("réponse(s) sur 14",)
    )
    queries = [f"quiz=bases&reprise={code}" for code in world.burst_codes]
    course = start_server(world.logs(), APP, env=world.env)
    hello = start_server(world.logs(), HELLO, env=world.env)
    try:
        bursts = [
            Burst(course, quiz_case, queries),
            Burst(hello, HELLO_CASE, [""] * BURST_SESSIONS),
        ]
        asyncio.run(run_bursts(bursts, plan.burst_rounds))
    finally:
        stop_server(course)
        stop_server(hello)
    ours, floor = bursts
    ratio = p95(ours.times) / p95(floor.times)
    per_session = (ours.rss_after - ours.rss_before) / BURST_SESSIONS
    floor_per_session = (floor.rss_after - floor.rss_before) / BURST_SESSIONS
    samples = f"{BURST_SESSIONS}\u00a0sessions × {plan.burst_rounds}\u00a0tours"

    def memory(burst: Burst, each: float) -> str:
        return f"{mib(burst.rss_before)} → {mib(burst.rss_after)}, soit {mib(each)} par session"

    rows = [
        Row(
            f"Rafale\u202f: {samples}, page de quiz (p95)",
            f"p50 {ms(statistics.median(ours.times))} · p95 {ms(p95(ours.times))} "
            f"(CPU du serveur\u202f: {ms(ours.cpu_per_run)} par exécution)",
            f"p50 {ms(statistics.median(floor.times))} · p95 {ms(p95(floor.times))} "
            f"(CPU\u202f: {ms(floor.cpu_per_run)} par exécution)",
            times(ratio),
            "≤\u00a02\u00a0× (p95)",
            yes_no(ratio <= 2),
        ),
        Row(
            f"Mémoire du serveur (RSS), 1 puis {BURST_SESSIONS + 1} sessions",
            memory(ours, per_session),
            memory(floor, floor_per_session),
            times(per_session / floor_per_session) if floor_per_session > 0 else "—",
            "<\u00a01\u00a0Mio par session supplémentaire",
            yes_no(per_session < 2**20),
        ),
    ]
    if ratio > 2:
        rows[0].reason = REASONS["rafale"]
    if profile and ratio > 2:
        print("Profil de la page de la rafale…", file=sys.stderr)
        rows[0].profile = (
            f"Un seul fil exécute du Python à la fois (GIL)\u202f: {BURST_SESSIONS} exécutions de "
            f"{ms(ours.cpu_per_run)} de CPU chacune occupent le serveur "
            f"{secs(BURST_SESSIONS * ours.cpu_per_run)}, d'où le p95. Profil d'une session seule "
            "sur la même page\u202f:\n"
            + profile_pages(world, [quiz_case], plan.profile_runs)[quiz_case.label]
        )
    if profile and per_session >= 2**20:
        rows[1].profile = (
            "Pas de profil de temps pour la mémoire\u202f: mesurez avec tracemalloc dans le "
            "serveur (PYTHONTRACEMALLOC=1)."
        )
    return rows
