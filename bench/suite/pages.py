"""1. Reruns of every kind of page, each in its own websocket session, beside hello-world's."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from bench.suite.cases import HELLO_CASE, SKELETON_CASE, PageCase, open_case, page_cases
from bench.suite.plan import (
    APP,
    HELLO,
    PAUSE,
    SKELETON,
    Plan,
)
from bench.suite.profiles import profile_pages
from bench.suite.report import Row, ms, p95, times, yes_no
from bench.suite.world import World
from tools.streamlit_server import start_server, stop_server

# --- 1. Reruns of every kind of page --------------------------------------------------------


async def rerun_pages(
    course_url: str, floors: dict[str, str], cases: list[PageCase], reruns: int
) -> dict[str, list[float]]:
    """Seconds of each rerun, per page label; round-robin with hello-world and the skeleton
    (`floors`: their labels and server URLs)."""
    floor_cases = {HELLO_CASE.label: HELLO_CASE, SKELETON_CASE.label: SKELETON_CASE}
    opened = {
        label: (floor_cases[label], *await open_case(url, floor_cases[label]))
        for label, url in floors.items()
    }
    for case in cases:
        opened[case.label] = (case, *await open_case(course_url, case))
    measured: dict[str, list[float]] = {label: [] for label in opened}
    finished = dict.fromkeys(opened, 0.0)
    try:
        for _ in range(reruns):
            for label, (case, session, widgets) in opened.items():
                await asyncio.sleep(max(0.0, finished[label] + PAUSE - time.perf_counter()))
                measured[label].append((await session.run(widgets, case.expect)).seconds)
                finished[label] = time.perf_counter()
    finally:
        for _, session, _ in opened.values():
            await session.close()
    return measured


def measure_pages(world: World, plan: Plan, profile: bool) -> list[Row]:
    cases = page_cases(world)
    course = start_server(world.logs(), APP, env=world.env)
    hello = start_server(world.logs(), HELLO, env=world.env)
    skeleton = start_server(world.logs(), SKELETON, env=world.env)
    floors = {HELLO_CASE.label: hello.url, SKELETON_CASE.label: skeleton.url}
    try:
        measured = asyncio.run(rerun_pages(course.url, floors, cases, plan.reruns))
    finally:
        for server in (course, hello, skeleton):
            stop_server(server)
    floor, bare = measured[HELLO_CASE.label], measured[SKELETON_CASE.label]
    rows = [
        Row(
            f"Relance (n\u00a0=\u00a0{plan.reruns})\u202f: hello-world",
            f"médiane {ms(statistics.median(floor))} · p95 {ms(p95(floor))}",
            "—",
            times(1),
            "—",
            "—",
        ),
        Row(
            f"Relance\u202f: {SKELETON_CASE.label}",
            f"médiane {ms(statistics.median(bare))} · p95 {ms(p95(bare))}",
            f"médiane {ms(statistics.median(floor))}",
            times(statistics.median(bare) / statistics.median(floor)),
            "repère",
            "—",
        ),
    ]
    missed = []
    for case in cases:
        values = measured[case.label]
        ratio = statistics.median(values) / statistics.median(floor)
        skeleton = statistics.median(values) / statistics.median(bare)
        met = ratio <= 3 and skeleton <= 2
        rows.append(
            Row(
                f"Relance\u202f: {case.label}",
                f"médiane {ms(statistics.median(values))} · p95 {ms(p95(values))}",
                f"médiane {ms(statistics.median(floor))}",
                f"{times(ratio)} (squelette\u202f: {times(skeleton)})",
                "≤\u00a03\u00a0×, et ≤\u00a02\u00a0× le squelette",
                yes_no(met),
            )
        )
        if not met:
            rows[-1].reason = case.reason
            missed.append((rows[-1], case))
    if profile and missed:
        print(f"Profils de {len(missed)} page(s)…", file=sys.stderr)
        profiles = profile_pages(world, [case for _, case in missed], plan.profile_runs)
        for row, case in missed:
            row.profile = profiles[case.label]
    return rows
