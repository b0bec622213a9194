"""The command: parse the options, run the parts asked for, print the table and write it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bench.suite.batch import measure_batch
from bench.suite.bursts import measure_bursts
from bench.suite.cold_start import measure_cold_start
from bench.suite.pages import measure_pages
from bench.suite.phones import measure_phones
from bench.suite.plan import FULL, QUICK, RESULTS
from bench.suite.report import SECTIONS, Row, machine, report, table
from bench.suite.world import build_world
from tools.streamlit_server import PROJECT_ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--reruns", type=int, help="reruns of each page (default 100, quick 15)")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated parts: {','.join(SECTIONS)}"
    )
    parser.add_argument("--no-profile", action="store_true", help="do not profile misses")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.reruns:
        plan = replace(plan, reruns=args.reruns)
    only = [part for part in args.only.split(",") if part]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    load, started, clock = os.getloadavg()[0], datetime.now(), time.perf_counter()
    print(machine(load), file=sys.stderr)
    profile = not args.no_profile
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as folder:
        world = build_world(Path(folder))
        steps: dict[str, Callable[[], list[Row]]] = {
            "pages": lambda: measure_pages(world, plan, profile),
            "burst": lambda: measure_bursts(world, plan, profile),
            "phones": lambda: measure_phones(world, plan, profile),
            "cold": lambda: measure_cold_start(world, plan, profile),
            "batch": lambda: measure_batch(world, plan, profile),
        }
        for part in SECTIONS:
            if part in only:
                print(f"Mesure\u202f: {part}…", file=sys.stderr)
                rows += steps[part]()
                print(table(rows), file=sys.stderr)
        text = report(
            rows, "rapide" if args.quick else "complet", load, started, time.perf_counter() - clock
        )
        world.store.engine.dispose()
    print(text)
    if set(only) == set(SECTIONS):
        RESULTS.write_text(text, encoding="utf-8")
        print(f"Écrit dans {RESULTS.relative_to(PROJECT_ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
