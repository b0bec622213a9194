"""Before/after of a speed lever, in one run: the same pages rerun on two copies of the course.

    cp -r the tree to /tmp/before (without .venv), change the tree, then:
    .venv/bin/python -m bench.levers --before /tmp/before [--reruns 30] [--burst 20]

Three servers run side by side (hello-world, the course as it was in `--before`, the course of
this tree), each page opened in its own websocket session on each, and reruns go round-robin
over all sessions, so a noisy shared machine weighs on before and after alike. With `--burst N`,
N sessions per page and server also rerun all at once, three times, for a burst's p50/p95.
Prints a table: page, before, after (median and p95 of the rerun) and hello-world's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.suite.cases import HELLO_CASE, PageCase, open_case
from bench.suite.plan import APP, GLOSSARY_QUERY, HELLO, PAUSE
from bench.suite.report import ms, p95
from bench.suite.world import World, build_world
from bench.ws_pages import PageSession, text_value
from tools.streamlit_server import start_server, stop_server


def lever_cases(world: World) -> list[PageCase]:
    """The pages the levers of issue 16 touch, as a visitor first opens them."""

    async def search(session: PageSession) -> list:  # type: ignore[type-arg]
        page = await session.run(expect=["Rechercher un terme"])
        return [text_value(page.widget("text_input", "Rechercher un terme"), GLOSSARY_QUERY)]

    first = world.course.lessons[0]
    charts = next(lesson for lesson in world.course.lessons if lesson.id == "chiffres")
    return [
        PageCase("accueil", "accueil", expect=("Les modules",)),
        PageCase("module 1 (texte)", first.id, expect=(first.meta.title,)),
        PageCase("module 3 (graphiques)", charts.id, expect=(charts.meta.title,)),
        PageCase("chiffres clés", "chiffres-cles", expect=("Chiffres clés",)),
        PageCase("glossaire (tous les termes)", "glossaire", expect=("Glossaire",)),
        PageCase("glossaire (recherche)", "glossaire", expect=("trouvé",), prepare=search),
    ]


async def reruns(servers: dict[str, str], cases: list[PageCase], count: int) -> dict:  # type: ignore[type-arg]
    """Seconds of each rerun per (server, page), round-robin over every session."""
    opened = {
        ("hello", HELLO_CASE.label): (HELLO_CASE, *await open_case(servers["hello"], HELLO_CASE))
    }
    for name in ("before", "after"):
        for case in cases:
            opened[(name, case.label)] = (case, *await open_case(servers[name], case))
    measured: dict = {key: [] for key in opened}  # type: ignore[type-arg]
    try:
        for _ in range(count):
            for key, (case, session, widgets) in opened.items():
                await asyncio.sleep(PAUSE)
                measured[key].append((await session.run(widgets, case.expect)).seconds)
    finally:
        for _, session, _ in opened.values():
            await session.close()
    return measured


async def burst(url: str, case: PageCase, sessions: int, rounds: int = 3) -> list[float]:
    """`sessions` sessions rerun the page all at once, `rounds` times: every run's seconds."""
    opened = [await open_case(url, case) for _ in range(sessions)]
    seconds: list[float] = []
    try:
        for _ in range(rounds):
            runs = await asyncio.gather(*(s.run(w, case.expect) for s, w in opened))
            seconds += [run.seconds for run in runs]
            await asyncio.sleep(0.5)
    finally:
        for session, _ in opened:
            await session.close()
    return seconds


def cell(values: list[float]) -> str:
    return f"{ms(statistics.median(values))} · p95 {ms(p95(values))}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a copy of the tree before")
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--burst", type=int, default=0, help="sessions per page in a burst")
    parser.add_argument("--only", default="", help="pages whose label contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-levers-") as folder:
        world = build_world(Path(folder))
        cases = [c for c in lever_cases(world) if args.only in c.label]
        scripts = {"hello": HELLO, "before": args.before.resolve() / "app.py", "after": APP}
        started = {
            name: start_server(world.logs(), s, env=world.env) for name, s in scripts.items()
        }
        servers = {name: server.url for name, server in started.items()}
        try:
            clock = time.perf_counter()
            measured = asyncio.run(reruns(servers, cases, args.reruns))
            print(f"Relances (n = {args.reruns}, {time.perf_counter() - clock:.0f} s)")
            hello = measured[("hello", HELLO_CASE.label)]
            print("| page | avant | après | hello-world |\n| --- | --- | --- | --- |")
            for case in cases:
                before, after = measured[("before", case.label)], measured[("after", case.label)]
                print(f"| {case.label} | {cell(before)} | {cell(after)} | {cell(hello)} |")
            if args.burst:
                print(f"\nRafale ({args.burst} sessions × 3 tours)")
                print("| page | avant | après | hello-world |\n| --- | --- | --- | --- |")
                for case in cases:
                    row = [
                        asyncio.run(burst(servers[n], case, args.burst))
                        for n in ("before", "after")
                    ]
                    floor = asyncio.run(burst(servers["hello"], HELLO_CASE, args.burst))
                    print(f"| {case.label} | {cell(row[0])} | {cell(row[1])} | {cell(floor)} |")
        finally:
            for server in started.values():
                stop_server(server)


if __name__ == "__main__":
    main()
