"""A burst of oversized glossary searches: does it cost the server memory or slow other visitors?

    .venv/bin/python -m bench.oversized_queries [--sessions 50] [--megabytes 25]

Starts `streamlit run app.py` (a throwaway data folder), opens a control session on the
glossary that searches « abonné » again and again, then 50 sessions (no sign-up needed), each
typing one different query as large as the server accepts (`--megabytes`, 25 by default:
Streamlit's own limit; the course sets `server.maxWidgetStateSize` lower, and a larger message
is refused and its connection closed). It prints, before, during and after the burst, the
server's resident memory (VmRSS of /proc/<pid>/status) and the control session's rerun time,
and how many oversized sessions were answered. These are measurements, not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.ws_pages import PageSession, text_value
from tools.streamlit_server import start_server, stop_server

SEARCH_LABEL = "Rechercher un terme"
PAGE = "glossaire"
PROTOCOL_ROOM = 4096  # bytes left for the rest of the message under the limit


def rss_mb(pid: int) -> float:
    """The process's resident memory in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Phase:
    """What was seen in one phase: control reruns (seconds) and memory samples (MB)."""

    name: str
    reruns: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)


async def control_loop(
    base: str, phase: list[Phase], ready: asyncio.Event, stop: asyncio.Event
) -> None:
    """The other visitor: searches the glossary every 100 ms, each rerun timed (after three
    warm-up runs, so that « avant » times a warm page)."""
    session = await PageSession.on_page(base, PAGE)
    widget = (await session.run()).widget("text_input", SEARCH_LABEL)
    for _ in range(3):
        await session.run([text_value(widget, "abonné")], expect=["trouvé"])
    ready.set()
    while not stop.is_set():
        run = await session.run([text_value(widget, "abonné")], expect=["trouvé"])
        phase[0].reruns.append(run.seconds)
        await asyncio.sleep(0.1)
    await session.close()


async def memory_loop(pid: int, phase: list[Phase], stop: asyncio.Event) -> None:
    while not stop.is_set():
        phase[0].rss.append(rss_mb(pid))
        await asyncio.sleep(0.2)


async def oversized(base: str, number: int, size: int, limit: asyncio.Semaphore) -> bool:
    """One visitor sending one huge query; True when the server drew the page for it."""
    async with limit:
        try:
            session = await PageSession.on_page(base, PAGE)
            widget = (await session.run()).widget("text_input", SEARCH_LABEL)
            # Accented letters, different for every session (no cache can share them).
            query = f"{number:03d} " + "é" * ((size - PROTOCOL_ROOM) // 2)
            await asyncio.wait_for(session.run([text_value(widget, query)]), timeout=300)
            await session.close()
            return True
        except Exception:  # refused by the server (message too large: connection closed)
            return False


async def measure(base: str, pid: int, sessions: int, size: int) -> tuple[list[Phase], int, float]:
    """The three phases, how many oversized queries were answered, the burst's seconds."""
    phases = [Phase("avant"), Phase("pendant la rafale"), Phase("après")]
    current = [phases[0]]
    ready, stop = asyncio.Event(), asyncio.Event()
    loops = [asyncio.create_task(control_loop(base, current, ready, stop))]
    await ready.wait()
    loops.append(asyncio.create_task(memory_loop(pid, current, stop)))
    await asyncio.sleep(5)
    current[0] = phases[1]
    limit = asyncio.Semaphore(10)  # ten uploads at a time: the client's memory stays sane
    started = time.perf_counter()
    answered = await asyncio.gather(*(oversized(base, n, size, limit) for n in range(sessions)))
    seconds = time.perf_counter() - started
    current[0] = phases[2]
    await asyncio.sleep(8)
    stop.set()
    await asyncio.gather(*loops)
    return phases, sum(answered), seconds


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def table(phases: list[Phase], answered: int, sessions: int, seconds: float) -> str:
    lines = [
        "| phase | mémoire du serveur (Mo, max) | relances de contrôle | médiane (ms) | max (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for phase in phases:
        reruns = [r * 1000 for r in phase.reruns] or [float("nan")]
        lines.append(
            f"| {phase.name} | {number(max(phase.rss or [float('nan')]))} | {len(phase.reruns)} "
            f"| {number(statistics.median(reruns))} | {number(max(reruns))} |"
        )
    lines.append(
        f"\n{answered} requêtes surdimensionnées sur {sessions} traitées par le serveur; "
        f"rafale en {seconds:.1f} s; mémoire finale {number(phases[-1].rss[-1])} Mo."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--megabytes", type=float, default=25)
    args = parser.parse_args(argv)
    size = int(args.megabytes * 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        env = {"COURSE_DATA_DIR": folder, "COURSE_STATIC_DIR": folder}
        server = start_server(Path(folder), env=env)
        try:
            phases, answered, seconds = asyncio.run(
                measure(server.url, server.process.pid, args.sessions, size)
            )
        finally:
            stop_server(server)
    print(table(phases, answered, args.sessions, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
