"""Profiles of the pages that miss their target (pyinstrument inside a real server)."""

from __future__ import annotations

import asyncio
import textwrap
import time
from collections.abc import Callable
from typing import Any

from bench.suite.cases import PageCase, open_case
from bench.suite.plan import PAUSE, PROFILE_LINES, PROFILED
from bench.suite.report import fr
from bench.suite.world import World
from bench.ws_pages import PageSession
from tools.streamlit_server import PROJECT_ROOT, start_server, stop_server

# --- Profiles of missed targets -------------------------------------------------------------


def _bucket(file_path: str) -> str:
    """Which library (or which folder of ours) a source file belongs to."""
    path = file_path.replace("\\", "/")
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    root = str(PROJECT_ROOT) + "/"
    if path.startswith(root):
        inside = path.removeprefix(root)
        return inside.split("/", 1)[0] + "/" if "/" in inside else inside
    if path.startswith("<") or not path:
        return ""
    return "bibliothèque standard"


def breakdown(session: Any) -> str:
    """Self time by library, the biggest first: where a run spends its time."""
    totals: dict[str, float] = {}

    def walk(frame: Any, owner: str) -> None:
        bucket = _bucket(frame.file_path or "") or owner
        own = frame.time - sum(child.time for child in frame.children)
        totals[bucket] = totals.get(bucket, 0.0) + max(own, 0.0)
        for child in frame.children:
            walk(child, bucket)

    root = session.root_frame()
    walk(root, "bibliothèque standard")
    whole = sum(totals.values()) or 1.0
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    return " · ".join(f"{name} {fr(100 * t / whole)}\u00a0%" for name, t in ranked[:8] if t)


def render_profile(session: Any, runs: int = 1, tree: bool = True, functions: int = 12) -> str:
    """Self time by library, the top of the call tree (frames over 2 %), the top functions."""
    from pyinstrument.renderers import ConsoleRenderer

    options = {"filter_threshold": 0.02}
    drawn = ConsoleRenderer(
        unicode=True, color=False, time="percent_of_total", processor_options=options
    ).render(session)
    lines = [line for line in drawn.splitlines() if line.strip()] if tree else []
    start = next(
        (i for i, line in enumerate(lines) if "app.py:1" in line and "profiled" not in line), 0
    )
    flat = ConsoleRenderer(unicode=True, color=False, flat=True, time="percent_of_total").render(
        session
    )
    flat_lines = [line for line in flat.splitlines() if "%" in line or line.strip()[:1].isdigit()]
    head = f"{runs} exécution(s) cumulée(s), {fr(session.duration, 2)}\u00a0s sous profileur"
    top = textwrap.dedent("\n".join(lines[start : start + PROFILE_LINES]))
    shown = top + "\n\n" if tree else ""
    return (
        f"{head}.\nTemps propre par bibliothèque\u202f: {breakdown(session)}\n\n"
        + shown
        + "Fonctions au plus grand temps propre\u202f:\n"
        + "\n".join(flat_lines[:functions])
    )


def profile_call(action: Callable[[], object]) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    with profiler:
        action()
    return render_profile(profiler.last_session)


class ProfiledServer:
    """The course served by bench/profiled_app.py: one pyinstrument profile file per run."""

    def __init__(self, world: World) -> None:
        self.folder = world.folder / f"profiles-{time.time_ns()}"
        self.folder.mkdir()
        env = {**world.env, "BENCH_PROFILE_DIR": str(self.folder)}
        self.server = start_server(world.logs(), PROFILED, env=env)

    def forget(self) -> None:
        """Drop the profiles so far (sign-in, warm-up): they are not what is measured."""
        for path in self.folder.iterdir():
            path.unlink()

    def report(self, first_only: bool = False, tree: bool = True) -> str:
        from pyinstrument.session import Session as ProfileSession

        paths = sorted(self.folder.iterdir())[: 1 if first_only else None]
        sessions = [ProfileSession.load(str(path)) for path in paths]
        combined = sessions[0]
        for other in sessions[1:]:
            combined = ProfileSession.combine(combined, other)
        return render_profile(combined, len(sessions), tree, 12 if tree else 20)

    def stop(self) -> None:
        stop_server(self.server)


def profile_pages(world: World, cases: list[PageCase], runs: int) -> dict[str, str]:
    """Each page's runs profiled inside a real server, combined."""
    profiled = ProfiledServer(world)
    found: dict[str, str] = {}

    async def drive(case: PageCase) -> None:
        session, widgets = await open_case(profiled.server.url, case)
        try:
            profiled.forget()
            for _ in range(runs):
                await asyncio.sleep(PAUSE)
                await session.run(widgets, case.expect)
        finally:
            await session.close()
        found[case.label] = profiled.report()

    try:
        for case in cases:
            asyncio.run(drive(case))
    finally:
        profiled.stop()
    return found


def profile_first_run(world: World) -> str:
    """The server's first run of the home page: imports, course loading, database opening."""
    profiled = ProfiledServer(world)

    async def drive() -> None:
        session = await PageSession.on_page(profiled.server.url, "accueil")
        try:
            await session.run()
        finally:
            await session.close()

    try:
        asyncio.run(drive())
        return "Premier passage du script après le démarrage du serveur.\n" + profiled.report(
            first_only=True
        )
    finally:
        profiled.stop()
