"""Rerun time of a module page with `runner.postScriptGC` on and off, against hello-world.

Run from the project folder: .venv/bin/python -m bench.rerun_gc [--runs 40] [--sessions 20]
Starts real `streamlit run` servers (the course, and bench/hello_app.py as the floor) with the
option on, then off, and asks for reruns over the websocket as a browser does:
- one session rerunning the page `--runs` times (what one learner feels);
- `--sessions` sessions rerunning at once, 5 times each (a room pressing « Valider » together).
Prints a Markdown table and writes it to bench/RESULTS-rerun-gc.md with the machine and date.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
from datetime import datetime
from pathlib import Path

from tools.streamlit_server import PROJECT_ROOT, start_server, stop_server
from tools.ws_session import Session, rerun_times

APPS = {
    "hello-world": (PROJECT_ROOT / "bench" / "hello_app.py", ""),
    "page d'un module": (PROJECT_ROOT / "app.py", "bases"),
}


async def burst(base_url: str, url_path: str, sessions: int, reruns: int = 5) -> list[float]:
    """Rerun times when `sessions` sessions rerun together, `reruns` times each."""
    opened = [await Session.open(base_url, url_path) for _ in range(sessions)]
    try:
        await asyncio.gather(*(session.rerun() for session in opened))  # warm-up
        times: list[float] = []
        for _ in range(reruns):
            times += await asyncio.gather(*(session.rerun() for session in opened))
        return times
    finally:
        await asyncio.gather(*(session.close() for session in opened))


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def measure(runs: int, sessions: int) -> dict[tuple[str, str], tuple[list[float], list[float]]]:
    results = {}
    with tempfile.TemporaryDirectory() as logs:
        for setting in ("true", "false"):
            for name, (script, url_path) in APPS.items():
                server = start_server(Path(logs), script, options={"runner.postScriptGC": setting})
                try:
                    alone = asyncio.run(rerun_times(server.url, url_path, runs))
                    together = asyncio.run(burst(server.url, url_path, sessions))
                finally:
                    stop_server(server)
                results[(name, setting)] = (alone, together)
    return results


def table(results: dict[tuple[str, str], tuple[list[float], list[float]]], sessions: int) -> str:
    lines = [
        f"| page | postScriptGC | 1 session : médiane (ms) | p95 (ms) | {sessions} sessions : médiane (ms) "
        "| p95 (ms) | ratio à hello-world (médiane, 1 session / rafale) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (name, setting), (alone, together) in results.items():
        floor_alone, floor_together = results[("hello-world", setting)]
        ratio_alone = statistics.median(alone) / statistics.median(floor_alone)
        ratio_together = statistics.median(together) / statistics.median(floor_together)
        lines.append(
            f"| {name} | {'on' if setting == 'true' else 'off'} | {statistics.median(alone) * 1000:.0f} "
            f"| {p95(alone) * 1000:.0f} | {statistics.median(together) * 1000:.0f} | {p95(together) * 1000:.0f} "
            f"| {ratio_alone:.2f} / {ratio_together:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    report = table(measure(args.runs, args.sessions), args.sessions)
    header = (
        f"Mesuré le {datetime.now():%Y-%m-%d %H:%M} sur {platform.node()} ({platform.machine()}, "
        f"Python {platform.python_version()}) : {args.runs} relances d'une session, puis "
        f"{args.sessions} sessions × 5 relances simultanées, par un vrai serveur `streamlit run`.\n\n"
    )
    print(header + report)
    out = PROJECT_ROOT / "bench" / "RESULTS-rerun-gc.md"
    out.write_text(
        "# Relance d'une page et `runner.postScriptGC`\n\n" + header + report + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
