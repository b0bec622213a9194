"""How long participants wait to see a live question: 30 phones connected to `streamlit run`.

Run from the project folder: .venv/bin/python -m bench.live_latency [--phones 30 --rounds 5]
[--out FILE]

A real server (SQLite in a temporary folder) and Debian's Chromium: each phone is a page of its
own browser context (its own Streamlit session) on the participant's screen, already joined.
For each round, the question is launched in the database, as the trainer's « Lancer la
question » does, and each page notes the moment « Question N » appears (a MutationObserver,
same machine clock); a random pause between questions, so that launches fall anywhere in
the phones' polling cycles. Also noted: the load average before and after (the machine may be
shared) and the server process's CPU time over the rounds, what the phones' polling costs.
Prints a Markdown section; --out writes it to a file. bench/RESULTS-live.md gathers such
sections, before and after a change, by hand: the script never overwrites it.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from course.content.loader import content_dir_from_env, load_course
from course.storage.secret import server_secret
from course.storage.store import Store
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshops
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tools.streamlit_server import start_server, stop_server
from views.live import POLL_EVERY, SIGNATURE_TTL

FOREGROUND = [
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
# One observer a page: the previous round's, still looking for « Question N-1 » (on screen until
# the new question replaces it), would note the first change of the page as the arrival.
WATCH = """number => {
    window.__seen = null;
    window.__watch?.disconnect();
    const mark = () => {
        if (window.__seen === null && [...document.querySelectorAll('h3')]
                .some(h => h.innerText.trim() === `Question ${number}`)) {
            window.__seen = Date.now();
        }
    };
    window.__watch = new MutationObserver(mark);
    window.__watch.observe(document.body, {subtree: true, childList: true, characterData: true});
    mark();
}"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    waits: list[float]
    load_before: float
    load_after: float
    server_cpu: float  # share of one core used by the server during the rounds


def measure(phones: int, rounds: int) -> Measured:
    load_before = os.getloadavg()[0]
    course = load_course(content_dir_from_env())
    quiz = course.quizzes["bases"]
    waits: list[float] = []
    pace = random.Random(phones * 1000 + rounds)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        # The server's secret (the data folder's, unless one is configured): codes digested alike.
        store = Store(f"sqlite:///{data / 'course.sqlite3'}", secret=server_secret(folder=data))
        workshops = Workshops(store)
        workshop = workshops.open_workshop("Banc d'essai")
        codes = []
        for number in range(phones):
            learner, code = store.learners.create(f"Participant {number + 1}")
            workshops.join(workshop.id, learner.id, f"P{number + 1}")
            codes.append(code)
        logs = Path(tempfile.mkdtemp(prefix="bench-live-"))  # kept: read it if a round fails
        server = start_server(logs, env={"COURSE_DATA_DIR": str(data)})
        try:
            with sync_playwright() as playwright:
                # Every page is a phone in the foreground: no timer throttling of "background" tabs.
                args = [*CHROMIUM_ARGS, *FOREGROUND]
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
                pages: list[Page] = []
                for code in codes:
                    context = browser.new_context(
                        locale="fr-FR", viewport={"width": 375, "height": 800}
                    )
                    page = context.new_page()
                    page.goto(f"{server.url}/atelier?atelier={workshop.code}&reprise={code}")
                    # A resume link opens the record once the visitor says it is theirs.
                    page.get_by_role("button", name="C'est moi").click(timeout=60_000)
                    pages.append(page)
                for page in pages:
                    page.get_by_text("La première question s'affichera ici").wait_for(
                        timeout=60_000
                    )
                time.sleep(2)
                cpu_start, wall_start = _cpu_seconds(server.process.pid), time.monotonic()
                for number in range(1, rounds + 1):
                    for page in pages:
                        page.evaluate(WATCH, number)
                    launched = time.time() * 1000
                    LiveQuestions(store).launch(
                        workshop.id, quiz.id, quiz.questions[number % len(quiz.questions)].id
                    )
                    deadline = time.monotonic() + 30
                    seen: list[float | None] = [None] * len(pages)
                    while None in seen and time.monotonic() < deadline:
                        for index, page in enumerate(pages):
                            if seen[index] is None:
                                seen[index] = page.evaluate("window.__seen")
                        time.sleep(0.1)
                    for index, moment in enumerate(seen):
                        if moment is None:
                            pages[index].screenshot(path=f"/tmp/missed-{number}-{index}.png")
                            print(index, pages[index].evaluate("document.body.innerText")[:400])
                    if None in seen:
                        print(f"Journal du serveur : {server.log}")
                        raise RuntimeError(
                            f"round {number}: {seen.count(None)} phone(s) never saw the question"
                        )
                    this_round = [(moment - launched) / 1000 for moment in seen if moment]
                    waits += this_round
                    print(
                        f"question {number}: médiane {statistics.median(this_round):.2f} s, "
                        f"pire {max(this_round):.2f} s, charge {os.getloadavg()[0]:.2f}",
                        file=sys.stderr,
                    )
                    # A random pause: launches fall anywhere in the phones' polling cycles
                    # (a fixed one locks onto the cycle and measures one phase only).
                    time.sleep(pace.uniform(1.5, 3.5))
                cpu = (_cpu_seconds(server.process.pid) - cpu_start) / (
                    time.monotonic() - wall_start
                )
                browser.close()
        finally:
            stop_server(server)
            store.engine.dispose()
    return Measured(waits, load_before, os.getloadavg()[0], cpu)


def report(phones: int, rounds: int, measured: Measured) -> str:
    def seconds(value: float) -> str:
        return f"{value:.2f} s".replace(".", ",")

    waits = measured.waits
    rows = [
        ("Médiane", seconds(statistics.median(waits))),
        ("95e centile", seconds(_percentile(waits, 0.95))),
        ("Pire", seconds(max(waits))),
        ("Meilleure", seconds(min(waits))),
    ]
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    poll = f"{POLL_EVERY.total_seconds():g}".replace(".", ",")
    ttl = f"{SIGNATURE_TTL:g}".replace(".", ",")
    return (
        f"## {phones} téléphones\n\n"
        f"{phones} téléphones connectés (Chromium, une session Streamlit chacun), {rounds} questions "
        f"lancées, {len(waits)} mesures. Les téléphones interrogent le serveur toutes les "
        f"{poll} s (cache de {ttl} s par serveur).\n\n"
        f"| Mesure | Attente |\n| --- | --- |\n{table}\n\n"
        f"Machine\u202f: {platform.platform()}, {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}. Charge moyenne (1 min) au départ\u202f: "
        f"{measured.load_before:.2f}, à la fin\u202f: {measured.load_after:.2f}. "
        f"CPU du serveur pendant les questions\u202f: {measured.server_cpu:.0%} d'un cœur. "
        f"Mesuré le {datetime.now():%d/%m/%Y à %H:%M}.\n"
    ).replace("%", "\u202f%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the section to this file")
    arguments = parser.parse_args()
    measured = measure(arguments.phones, arguments.rounds)
    text = report(arguments.phones, arguments.rounds, measured)
    if arguments.out is not None:
        arguments.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
