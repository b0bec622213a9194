"""3. Cold start: from `streamlit run` to the home page drawn in Chromium."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.suite.plan import APP, HELLO, Plan
from bench.suite.profiles import profile_first_run
from bench.suite.report import REASONS, Row, secs, times, yes_no
from bench.suite.world import World
from bench.ws_pages import PageSession
from tools.streamlit_server import PROJECT_ROOT, free_port, start_server, stop_server

# --- 3. Cold start --------------------------------------------------------------------------

HELLO_DRAWN = """() => [...document.querySelectorAll('h1')].some(h => h.innerText.includes('Hello world'))
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')"""


def _start_process(
    script: Path, env: dict[str, str], log: Path
) -> tuple[str, subprocess.Popen[bytes]]:
    """`streamlit run` as tools/streamlit_server.start_server starts it, without its waiting."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), f"--server.port={port}"]
    command += ["--server.address=127.0.0.1", "--server.headless=true"]
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    return f"http://127.0.0.1:{port}", process


def _healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit run stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("streamlit run not healthy after 60 s")


def first_run(world: World, script: Path, url_path: str) -> float:
    """Seconds of a new server's first script run, over the websocket (no browser)."""
    server = start_server(world.logs(), script, env=world.env)

    async def drive() -> float:
        session = await PageSession.on_page(server.url, url_path)
        try:
            return (await session.run()).seconds
        finally:
            await session.close()

    try:
        return asyncio.run(drive())
    finally:
        stop_server(server)


def measure_cold_start(world: World, plan: Plan, profile: bool) -> list[Row]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PAGE_DRAWN, new_context

    course_drawn = f"() => !!document.querySelector('h1') && ({PAGE_DRAWN})()"
    apps = {"course": (APP, course_drawn), "hello": (HELLO, HELLO_DRAWN)}
    measured: dict[str, list[float]] = {name: [] for name in apps}
    healthy: dict[str, list[float]] = {name: [] for name in apps}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for number in range(plan.cold_starts):
                for name, (script, drawn) in apps.items():
                    context = new_context(browser, DESKTOP)  # PAGE_DRAWN reads its runs
                    page = context.new_page()
                    log = world.logs() / f"cold-{name}-{number}.log"
                    start = time.perf_counter()
                    url, process = _start_process(script, world.env, log)
                    try:
                        _healthy(url, process, log)
                        healthy[name].append(time.perf_counter() - start)
                        page.goto(url)
                        page.wait_for_function(drawn, timeout=60_000)
                        measured[name].append(time.perf_counter() - start)
                    finally:
                        process.terminate()
                        process.wait(timeout=10)
                        context.close()
        finally:
            browser.close()
    course, hello = (statistics.median(measured[name]) for name in apps)
    ratio = course / hello
    first = {
        name: statistics.median(
            first_run(world, script, "accueil" if name == "course" else "")
            for _ in range(min(plan.cold_starts, 3))
        )
        for name, (script, _) in apps.items()
    }

    def value(name: str) -> str:
        return (
            f"médiane {secs(statistics.median(measured[name]))} (serveur prêt à "
            f"{secs(statistics.median(healthy[name]))}\u202f; premier passage du script, "
            f"mesuré à part\u202f: {secs(first[name])})"
        )

    row = Row(
        f"Démarrage à froid (n\u00a0=\u00a0{plan.cold_starts})\u202f: lancement → accueil dessiné dans Chromium",
        value("course"),
        value("hello"),
        times(ratio),
        "≤\u00a01,5\u00a0×",
        yes_no(ratio <= 1.5),
    )
    if ratio > 1.5:
        row.reason = REASONS["démarrage"]
    if profile and ratio > 1.5:
        print("Profil du premier passage…", file=sys.stderr)
        row.profile = profile_first_run(world)
    return [row]
