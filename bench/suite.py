"""The benchmark suite: every figure beside the hello-world app (bench/hello_app.py), one command.

How to run it, from the project folder (Chromium at /usr/bin/chromium or $COURSE_CHROMIUM):

    .venv/bin/python -m bench.suite            # full run (about 5 minutes on 2 cores)
    .venv/bin/python -m bench.suite --quick    # fewer repetitions (about 2 minutes)
    .venv/bin/python -m bench.suite --only pages,burst --no-profile   # some parts, printed only

It prints a Markdown table (French) and, when every part ran, writes it to bench/RESULTS.md with
the machine, the load average at the start and the date; under the table, for each missed
target, why, and the top of a pyinstrument profile. Note the load average: other work on the
machine slows everything down. Nothing here asserts a timing: these are measurements, not tests.

Every figure is measured in the same run as hello-world's, interleaved with it where it can be,
so that a machine busy with other work slows both alike:

1. Rerun time of each kind of page, over real websocket sessions against `streamlit run`
   (bench/ws_pages.py speaks the browser's protocol): a rerun is timed from the request to the
   server's « script finished », so it counts all the server's work for a run: the script,
   serialising and queueing every element, the session's bookkeeping. AppTest would time the
   script alone, with no serialisation for a browser. Each page has its own session, in the
   state named: a visitor on the home page, on module 3 (`chiffres`, with its charts) and
   typing in the glossary's search box; a signed-in learner (`?reprise=`) on a quiz with a
   started attempt, on a finished quiz's results and on « Mon parcours » with five modules done;
   the trainer (COURSE_TRAINER_PASSWORD set, signed in through the form) on the dashboard with a
   workshop opened from its form, 30 participants and a live question, and on the presentation
   page. Median and p95 of `--reruns` reruns each, round-robin with hello-world's session.
   A session never reruns within 100 ms of its previous run: with this Streamlit, a rerun asked
   less than about 45 ms after the last one waits some 40 ms more, hello-world's too, which
   nobody clicking sees but would drown a 3 ms floor.
2. A burst: 50 sessions (50 learners, each with a started attempt) rerunning the quiz page at
   once, several rounds, against 50 sessions of hello-world; p50, p95, the server's CPU time
   per run (/proc/<pid>/stat), and its resident memory (VmRSS of /proc/<pid>/status) with one
   warm session, then with the 50 more after the rounds: the cost of each extra session.
3. Cold start: from starting `streamlit run` to the home page drawn in Chromium (the PAGE_DRAWN
   condition of tests/e2e/conftest.py; for hello-world, its title and no running script), a
   new browser context each time; « serveur prêt » is when /_stcore/health first answers.
4. Batch work, in this process: `python -m course validate` as a subprocess (what an author
   waits for, Python's start-up included) and in process (`validate()`: load_course and its
   cross-reference checks); grading 10 000 filled-in quizzes with grade_quiz; reading 10 000
   finished attempts (bulk-inserted in a temporary SQLite store, bench/suite_data.py) as group
   results and exporting them to CSV and XLSX (course/results/exports/spreadsheets.py); 100 certificates
   in a zip (bench/certificates.py's names and data), after the process's first certificate.
   No hello-world ratio means anything there: the table says « sans objet ».

Profiles of the pages are taken inside a real server (bench/profiled_app.py runs app.py under
pyinstrument, one profile per run); the cold start's is that of the server's first run.
Each run of the suite uses a fresh SQLite database and static folder in a temporary directory,
filled through the course's own Store, Attempt and Workshops APIs (bench/suite_data.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.ws_pages import PageSession, Run, pressed, text_value
from course.content.course import Course
from course.content.loader import content_dir_from_env, load_course
from course.storage.store import Learner, Store
from course.workshop.workshops import Workshops
from tools.streamlit_server import PROJECT_ROOT, Server, free_port, start_server, stop_server

RESULTS = PROJECT_ROOT / "bench" / "RESULTS.md"
APP = PROJECT_ROOT / "app.py"
HELLO = PROJECT_ROOT / "bench" / "hello_app.py"
SKELETON = PROJECT_ROOT / "bench" / "skeleton_app.py"
PROFILED = PROJECT_ROOT / "bench" / "profiled_app.py"
PASSWORD = "Banc-d-essai-formateur-2026"
GLOSSARY_QUERY = "abonné"
BURST_SESSIONS = 50
WORKSHOP_MEMBERS = 30
LIVE_ANSWERS = 20
NOT_APPLICABLE = "sans objet"
PAUSE = 0.1  # seconds between two reruns of one session (see the docstring)
PROFILE_LINES = 45


@dataclass(frozen=True)
class Plan:
    """How many times each thing is measured."""

    reruns: int
    burst_rounds: int
    cold_starts: int
    batch_repeats: int
    profile_runs: int


QUICK = Plan(reruns=15, burst_rounds=3, cold_starts=2, batch_repeats=1, profile_runs=8)
FULL = Plan(reruns=100, burst_rounds=10, cold_starts=7, batch_repeats=3, profile_runs=30)


# --- French figures -------------------------------------------------------------------------


def fr(value: float, digits: int = 0) -> str:
    """A French number: decimal comma, narrow no-break space between thousands."""
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def ms(seconds: float) -> str:
    milliseconds = seconds * 1000
    return f"{fr(milliseconds, 1 if milliseconds < 10 else 0)}\u00a0ms"


def secs(seconds: float) -> str:
    return f"{fr(seconds, 2)}\u00a0s"


def times(value: float) -> str:
    return f"{fr(value, 2)}\u00a0×"


def mib(size: float) -> str:
    return f"{fr(size / 2**20, 1)}\u00a0Mio"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def yes_no(met: bool) -> str:
    return "oui" if met else "non"


@dataclass
class Row:
    """One line of the table (French)."""

    what: str
    value: str
    hello: str
    ratio: str
    target: str
    met: str
    profile: str | None = None  # where the time goes, when the target is missed
    reason: str = ""  # why, read from that profile (French)


def table(rows: list[Row]) -> str:
    lines = [
        "| Mesure | Valeur(s) | Hello-world | Ratio | Objectif | Atteint\u202f? |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    lines += [
        f"| {r.what} | {r.value} | {r.hello} | {r.ratio} | {r.target} | {r.met} |" for r in rows
    ]
    return "\n".join(lines)


# --- Why targets are missed, read from the profiles below the table (24/11/2026) -------------

COMMON = (
    "Hello-world dessine un titre et une ligne. Le squelette du cours sans son contenu "
    "(bench/skeleton_app.py\u202f: la configuration de la page, deux `st.html`, 20 pages dans "
    "`st.navigation` et une barre latérale de 20 `st.page_link`), écrit sans une ligne du "
    "cours, coûte déjà de 2,4 à 3,2 fois hello-world selon les exécutions (ligne «\u00a0squelette"
    "\u00a0» du tableau)\u202f: l'objectif de 3\u00a0× ne laisse au contenu d'une page qu'une ou "
    "deux millisecondes, ou rien, moins que l'envoi d'une dizaine d'éléments. Le code du cours ne pèse presque plus dans un passage "
    "(«\u00a0course/\u00a0» et «\u00a0views/\u00a0»\u202f: 1 à 5\u00a0% du temps propre sous profileur)"
    "\u202f: le cours chargé est gardé dans un dictionnaire et ses fichiers regardés une fois par "
    "seconde au plus, les figures et tableaux des graphiques sont faits une fois par version "
    "du contenu, l'apprenant est lu une fois par passage, et seul l'onglet ouvert de l'espace "
    "formateur est calculé. Le reste est le travail de Streamlit pour chaque élément envoyé "
    "(`DeltaGenerator._enqueue`, puis `socket.send` qui réveille sa boucle d'évènements)"
    "\u202f: un coût proportionnel au nombre d'éléments de la page, et, pour un apprenant, "
    "trois requêtes SQL (l'apprenant, ses tentatives, ses visites). Les profils ci-dessous "
    "sont pris dans un vrai serveur (bench/profiled_app.py), en pourcentage du temps des "
    "passages\u202f; le profileur les ralentit."
)
REASONS = {
    "accueil": "Une soixantaine d'éléments (dix cartes de module) en plus du squelette\u202f: "
    "la quasi-totalité du temps propre est dans Streamlit et la bibliothèque standard "
    "(mise en file et envoi des éléments), presque rien dans le code du cours.",
    "graphiques": "Les figures et leurs tableaux ne sont plus refaits, mais à chaque passage "
    "`st.plotly_chart` copie chaque figure (`to_dict`, `deepcopy`) et la sérialise en JSON, et "
    "`st.table` convertit chaque tableau en Arrow (environ 70\u00a0% du passage, dans Streamlit, "
    "Plotly et pyarrow). Streamlit ne permet pas de ne pas les renvoyer\u202f: un élément non "
    "redessiné pendant un passage disparaît de la page.",
    "glossaire": "Le repli des accents et de la casse est gardé en mémoire (`fold`)\u202f; reste "
    "le dessin des fiches trouvées, un conteneur, un titre, une définition et un exemple "
    "chacune (environ 50\u00a0%), et le squelette.",
    "quiz": "La barre latérale (environ 25\u00a0%), la question et ses boutons (environ "
    "20\u00a0%), l'apprenant et sa progression (environ 15\u00a0%), la tentative lue en base "
    "(environ 15\u00a0%).",
    "résultats": "La correction détaillée\u202f: un expander par question avec sa rétroaction "
    "(environ 45\u00a0%) et les nombres formatés par Babel (environ 5\u00a0%), en plus du squelette.",
    "parcours": "Le graphique de progression n'est refait que si la progression change, mais "
    "`st.plotly_chart` le copie et le sérialise à chaque passage (environ 20\u00a0%)\u202f; puis "
    "«\u00a0Mes données\u00a0», le plan d'action et les ateliers, avec leurs requêtes SQL.",
    "formateur": "Seul l'onglet ouvert est calculé. La question en direct, les réponses et leur "
    "figure (environ 30\u00a0%, dans le fragment relancé chaque seconde), la liste des "
    "participants (environ 9\u00a0%) et le sélecteur de question parmi toutes celles du cours "
    "(environ 10\u00a0%).",
    "présentation": "Le squelette et la barre d'outils de la présentation (sélecteur, cases à "
    "cocher, boutons) pour une diapositive de quelques éléments\u202f: tout est dans Streamlit.",
    "rafale": "Le p95 d'une rafale suit le CPU d'un passage\u202f: les 50 passages se partagent "
    "un seul interpréteur (GIL), donc p95 ≈ 50 × CPU d'un passage, sur hello-world comme sur le "
    "cours. Le rapport des p95 est celui du CPU par passage (voir la colonne Valeur), donc celui "
    "des relances\u202f: le squelette seul en prend déjà plus de deux fois celui de hello-world. "
    "Ce n'est pas la base de données\u202f: un essai (23/11/2026) avec des lectures en `BEGIN` "
    "différé n'a pas changé le p95 sans profileur.",
    "démarrage": "Le serveur est prêt aussi vite que hello-world (voir «\u00a0serveur "
    "prêt\u00a0»)\u202f: l'écart est le premier passage du script (voir la colonne Valeur). "
    "L'accueil n'importe plus ni pandas, ni fpdf2 et fontTools, ni openpyxl, alembic ou segno "
    "(chaque page importe son module quand on l'ouvre), et le contenu est lu par libyaml\u202f; "
    "restent les imports de SQLAlchemy et pydantic, la construction des modèles et la lecture "
    "du contenu.",
    "attestations": "Chaque PDF est mis en page par fpdf2 avec sa police découpée (fontTools)\u202f; "
    "voir bench/RESULTS-certificates.md pour le détail par écriture.",
}


# --- The world the pages are measured in ----------------------------------------------------


@dataclass
class World:
    """A temporary data folder with the learners each page needs, and the course."""

    folder: Path
    course: Course
    store: Store
    quiz_code: str = ""
    results_code: str = ""
    journey_code: str = ""
    burst_codes: list[str] = field(default_factory=list)
    burst_learners: list[Learner] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {
            "COURSE_DATA_DIR": str(self.folder / "data"),
            "COURSE_STATIC_DIR": str(self.folder / "static"),
            "COURSE_DATABASE_URL": "",  # the SQLite file of COURSE_DATA_DIR, whatever is set
            "COURSE_TRAINER_PASSWORD": PASSWORD,
        }

    def logs(self) -> Path:
        path = self.folder / "logs"
        path.mkdir(exist_ok=True)
        return path


def build_world(folder: Path) -> World:
    from bench.suite_data import finished_attempt, learner_with_progress, started_attempt

    (folder / "data").mkdir()
    (folder / "static").mkdir()
    course = load_course(content_dir_from_env())
    store = Store(f"sqlite:///{folder / 'data' / 'course.sqlite3'}")
    world = World(folder, course, store)
    learner, world.quiz_code = store.create_learner("Dominique Quiz")
    started_attempt(store, course, "bases", learner.id, answered=2)
    learner, world.results_code = store.create_learner("Sacha Résultats")
    finished_attempt(store, course, "bases", learner.id, random.Random(1))
    _, world.journey_code = learner_with_progress(store, course, modules=5)
    for number in range(BURST_SESSIONS):
        learner, code = store.create_learner(f"Participant {number + 1:02d}")
        started_attempt(store, course, "bases", learner.id, answered=2)
        world.burst_codes.append(code)
        world.burst_learners.append(learner)
    return world


# --- 1. Reruns of every kind of page --------------------------------------------------------

Prepare = Callable[[PageSession], Awaitable[list[WidgetState]]]


@dataclass
class PageCase:
    """A page in a given state: how to open it, what each rerun sends, what it must show."""

    label: str
    url_path: str
    query: str = ""
    expect: tuple[str, ...] = ()
    prepare: Prepare | None = None
    reason: str = ""  # what its profile shows, said under the table when it misses its target


async def _trainer_sign_in(session: PageSession, expect: str) -> Run:
    """Type the trainer password in the page's form and press « Entrer »."""
    form = await session.run(expect=["Mot de passe formateur"])
    typed = text_value(form.widget("text_input", "Mot de passe formateur"), PASSWORD)
    return await session.run([typed, pressed(form.widget("button", "Entrer"))], [expect])


def page_cases(world: World) -> list[PageCase]:
    from bench.suite_data import live_workshop

    async def search(session: PageSession) -> list[WidgetState]:
        page = await session.run(expect=["Rechercher un terme"])
        return [text_value(page.widget("text_input", "Rechercher un terme"), GLOSSARY_QUERY)]

    async def trainer(session: PageSession) -> list[WidgetState]:
        page = await _trainer_sign_in(session, "Atelier en direct")
        await session.run(
            [pressed(page.widget("button", "Ouvrir l'atelier"))], ["Question en direct"]
        )
        workshop = next(w for w in Workshops(world.store).recent() if w.open)
        members = world.burst_learners[:WORKSHOP_MEMBERS]
        live_workshop(world.store, world.course, workshop.id, members, LIVE_ANSWERS)
        return []

    async def presentation(session: PageSession) -> list[WidgetState]:
        await _trainer_sign_in(session, "Mode présentation")
        return []

    lessons = list(world.course.lessons)
    chart_lesson = next(lesson for lesson in lessons if lesson.id == "chiffres")
    info = world.course.info
    return [
        PageCase(
            "accueil",
            "accueil",
            expect=(info.title if info else "Les modules",),
            reason=REASONS["accueil"],
        ),
        PageCase(
            f"module 3 « {chart_lesson.meta.title} » (graphiques)",
            chart_lesson.id,
            expect=(chart_lesson.meta.title,),
            reason=REASONS["graphiques"],
        ),
        PageCase(
            f"glossaire, recherche «\u00a0{GLOSSARY_QUERY}\u00a0»",
            "glossaire",
            expect=("trouvé",),
            prepare=search,
            reason=REASONS["glossaire"],
        ),
        PageCase(
            "quiz en cours (apprenant, 2 réponses sur 14)",
            "evaluation",
            f"quiz=bases&reprise={world.quiz_code}",
            ("Question 3 sur 14",),
            reason=REASONS["quiz"],
        ),
        PageCase(
            "résultats d'un quiz",
            "evaluation",
            f"quiz=bases&reprise={world.results_code}",
            ("Votre résultat",),
            reason=REASONS["résultats"],
        ),
        PageCase(
            "«\u00a0Mon parcours\u00a0» (5 modules faits)",
            "mon-parcours",
            f"reprise={world.journey_code}",
            ("Mon parcours",),
            reason=REASONS["parcours"],
        ),
        PageCase(
            f"espace formateur (atelier ouvert, {WORKSHOP_MEMBERS} participants, question en direct)",
            "espace-formateur",
            expect=("ouverte, la salle répond", f"{LIVE_ANSWERS} réponse(s) sur"),
            prepare=trainer,
            reason=REASONS["formateur"],
        ),
        PageCase(
            "mode présentation (formateur)",
            "presentation",
            expect=("Mode présentation",),
            prepare=presentation,
            reason=REASONS["présentation"],
        ),
    ]


HELLO_CASE = PageCase("hello-world", "", expect=("Hello world",))
SKELETON_CASE = PageCase(
    "squelette du cours sans contenu (20 pages, barre latérale de liens ; bench/skeleton_app.py)",
    "accueil",
    expect=("Hello world",),
)


async def open_case(base_url: str, case: PageCase) -> tuple[PageSession, list[WidgetState]]:
    session = await PageSession.on_page(base_url, case.url_path, case.query)
    widgets = await case.prepare(session) if case.prepare else []
    for _ in range(2):  # warm-up: first run of the session, caches filled
        await asyncio.sleep(PAUSE)
        await session.run(widgets, case.expect)
    return session, widgets


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
        rows.append(
            Row(
                f"Relance\u202f: {case.label}",
                f"médiane {ms(statistics.median(values))} · p95 {ms(p95(values))}",
                f"médiane {ms(statistics.median(floor))}",
                times(ratio),
                "≤\u00a03\u00a0×",
                yes_no(ratio <= 3),
            )
        )
        if ratio > 3:
            rows[-1].reason = case.reason
            missed.append((rows[-1], case))
    if profile and missed:
        print(f"Profils de {len(missed)} page(s)…", file=sys.stderr)
        profiles = profile_pages(world, [case for _, case in missed], plan.profile_runs)
        for row, case in missed:
            row.profile = profiles[case.label]
    return rows


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

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PAGE_DRAWN

    course_drawn = f"() => !!document.querySelector('h1') && ({PAGE_DRAWN})()"
    apps = {"course": (APP, course_drawn), "hello": (HELLO, HELLO_DRAWN)}
    measured: dict[str, list[float]] = {name: [] for name in apps}
    healthy: dict[str, list[float]] = {name: [] for name in apps}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for number in range(plan.cold_starts):
                for name, (script, drawn) in apps.items():
                    context = browser.new_context(
                        locale="fr-FR", viewport={"width": 1280, "height": 900}
                    )
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


# --- 4. Batch work --------------------------------------------------------------------------


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Median seconds of `repeats` calls."""
    durations = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def batch_row(what: str, seconds: float, target: str = "—", met: str = "—") -> Row:
    return Row(what, secs(seconds), "—", NOT_APPLICABLE, target, met)


def measure_batch(world: World, plan: Plan, profile: bool) -> list[Row]:
    from bench.certificates import SAMPLE, learners
    from bench.suite_data import bulk_finished_attempts, response_sets
    from course.certificates.pdf import build_certificate_pdf, build_certificates_zip
    from course.cli import validate
    from course.quiz.grading import grade_quiz
    from course.results.exports.spreadsheets import results_csv, results_xlsx
    from course.results.group import load_group_results

    rows = []
    command = [sys.executable, "-m", "course", "validate"]

    def validate_subprocess() -> None:
        subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)

    rows.append(
        batch_row(
            "`python -m course validate`, sous-processus (démarrage de Python compris)",
            best_of(plan.batch_repeats, validate_subprocess),
        )
    )

    def validate_here() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert validate(content_dir_from_env()) == 0

    rows.append(
        batch_row(
            "validation du contenu dans le processus (load_course + renvois)",
            best_of(plan.batch_repeats, validate_here),
        )
    )

    sets = response_sets(world.course, 10_000)
    answers = sum(len(responses) for _, responses in sets)
    rows.append(
        batch_row(
            f"correction de 10\u202f000 quiz remplis (grade_quiz\u202f; {fr(answers)} réponses)",
            best_of(plan.batch_repeats, lambda: [grade_quiz(q, r) for q, r in sets]),
        )
    )

    exports = Store(f"sqlite:///{world.folder / 'exports.sqlite3'}")
    start = time.perf_counter()
    count = bulk_finished_attempts(exports, world.course, 10_000)
    filled = time.perf_counter() - start
    results = load_group_results(world.course, exports, None)
    assert len(results.lines) == 10_000, len(results.lines)
    rows.append(
        batch_row(
            f"lecture des résultats de groupe (10\u202f000 tentatives, {fr(count)} apprenants\u202f; "
            f"base remplie en {secs(filled)})",
            best_of(plan.batch_repeats, lambda: load_group_results(world.course, exports, None)),
        )
    )
    rows.append(
        batch_row(
            "export CSV de 10\u202f000 tentatives (à partir des résultats lus)",
            best_of(plan.batch_repeats, lambda: results_csv(results)),
        )
    )
    rows.append(
        batch_row(
            "export XLSX de 10\u202f000 tentatives (4 feuilles, à partir des résultats lus)",
            best_of(plan.batch_repeats, lambda: results_xlsx(results)),
        )
    )
    exports.engine.dispose()

    first = best_of(1, lambda: build_certificate_pdf(SAMPLE))  # the font cut, once per process
    items = learners(100)
    seconds = best_of(plan.batch_repeats, lambda: build_certificates_zip(items))
    row = batch_row(
        "zip de 100 attestations (noms latins), après la 1re attestation du processus "
        f"({secs(first)}, coupe des polices comprise)",
        seconds,
        "<\u00a03\u00a0s",
        yes_no(seconds < 3),
    )
    if seconds >= 3:
        row.reason = REASONS["attestations"]
    if seconds >= 3 and profile:
        row.profile = profile_call(lambda: build_certificates_zip(items))
    rows.append(row)
    return rows


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


# --- Report ---------------------------------------------------------------------------------

SECTIONS = ("pages", "burst", "cold", "batch")


def machine(load: float) -> str:
    return (
        f"Machine\u202f: {platform.platform()} ({platform.node()}), {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}\u202f; charge moyenne au départ\u202f: {fr(load, 2)}."
    )


def report(rows: list[Row], plan_name: str, load: float, started: datetime, took: float) -> str:
    missed = [row for row in rows if row.met == "non"]
    profiles = []
    if any(row.what.startswith("Relance") for row in missed):
        title = "Ce que toute page du cours fait de plus que hello-world"
        profiles.append(f"### {title}\n\n{COMMON}\n")
    for row in missed:
        why = f"**Pourquoi\u202f?** {row.reason}\n\n" if row.reason else ""
        shown = f"```text\n{row.profile}\n```\n" if row.profile else ""
        profiles.append(f"### {row.what}\n\n{why}{shown}")
    end_load = os.getloadavg()[0]
    text = (
        "# Banc d'essai\u202f: le cours à côté d'une application hello-world\n\n"
        f"Mesuré le {started:%d/%m/%Y à %H:%M} ({plan_name}, {fr(took / 60, 1)}\u00a0min). "
        f"{machine(load)} Charge à la fin\u202f: {fr(end_load, 2)}. "
        "Commande\u202f: `.venv/bin/python -m bench.suite"
        f"{' --quick' if plan_name == 'rapide' else ''}` (voir la docstring de bench/suite.py).\n\n"
        + table(rows)
        + "\n\nRatio\u202f: valeur du cours ÷ valeur de hello-world mesurée dans la même exécution. "
        "Les traitements par lots n'ont pas d'équivalent hello-world\u202f: ratio sans objet.\n"
    )
    if profiles:
        text += "\n## Profils des objectifs manqués\n\n" + "\n".join(profiles)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (< 5 min)")
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
            "burst": lambda: measure_burst(world, plan, profile),
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
