"""2. A room's burst on every kind of page, with one process and with two behind nginx.

For each page kind, BURST_SESSIONS sessions rerun the page together, `burst_rounds` times,
against the course served two ways in the same run:

- one process, direct: `streamlit run` as `scripts/run` serves it, and as hello-world is served,
  so that the ratio is the same measure as before (and as issue 16's table); nginx would add a
  hop the single-process course never has;
- two processes behind nginx (tools/nginx_balancer.py, as `scripts/run-multi 2`): the sessions
  carry no cookie, so nginx shares them round-robin, 25 on each process.

Between the rounds of each page, a round of BURST_SESSIONS hello-world sessions (one process,
direct, opened once): the ratio is a page's p95 over hello-world's burst p95, pooled over the
whole run. Also measured on the quiz page with one process: the server's resident memory with
one warm session, then with BURST_SESSIONS more (the cost of each extra session).
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass

from bench.suite.burst import Burst, Target, rss, run_together
from bench.suite.cases import (
    HELLO_CASE,
    PageCase,
    glossary_ends,
    lesson,
    resume_room,
    search,
)
from bench.suite.plan import (
    APP,
    BURST_SESSIONS,
    CHART_LESSON,
    GLOSSARY_QUERY,
    HELLO,
    TEXT_LESSON,
    Plan,
)
from bench.suite.report import REASONS, Row, mib, ms, p95, times, yes_no
from bench.suite.world import World
from tools.nginx_balancer import start_balanced, stop_balanced
from tools.streamlit_server import start_server, stop_server

# Targets of issue 16: a page's burst p95 over hello-world's, by number of processes.
TARGETS = {1: 6.0, 2: 3.0}


@dataclass(frozen=True)
class BurstCase:
    """A page kind: the case, and the query string of each of the BURST_SESSIONS sessions."""

    case: PageCase
    queries: list[str]


def burst_cases(world: World) -> list[BurstCase]:
    """Every page kind, each session its own learner where the page has one."""
    assert world.room is not None
    everyone = [""] * BURST_SESSIONS
    text, chart = lesson(world, TEXT_LESSON), lesson(world, CHART_LESSON)
    info = world.course.info
    answered = f"{BURST_SESSIONS // 2} réponse(s) sur {BURST_SESSIONS}"
    return [
        BurstCase(  # first: the memory row is read on it
            PageCase(
                "quiz en cours (2 réponses sur 14)",
                "evaluation",
                f"quiz=bases&reprise={world.quiz_code}",  # the warm session's learner
                ("Question 3 sur 14",),
            ),
            [f"quiz=bases&reprise={code}" for code in world.burst_codes],
        ),
        BurstCase(
            PageCase("accueil", "accueil", expect=(info.title if info else "Les modules",)),
            everyone,
        ),
        BurstCase(PageCase("module 1 (texte)", text.id, expect=(text.meta.title,)), everyone),
        BurstCase(
            PageCase("module 3 (graphiques)", chart.id, expect=(chart.meta.title,)), everyone
        ),
        BurstCase(PageCase("Chiffres clés", "chiffres-cles", expect=("Chiffres clés",)), everyone),
        BurstCase(
            PageCase(
                "glossaire à l'ouverture (tous les termes)",
                "glossaire",
                expect=glossary_ends(world),
            ),
            everyone,
        ),
        BurstCase(
            PageCase(
                f"glossaire, recherche «\u00a0{GLOSSARY_QUERY}\u00a0»",
                "glossaire",
                expect=("trouvé",),
                prepare=search,
            ),
            everyone,
        ),
        BurstCase(
            PageCase(
                "«\u00a0Mon parcours\u00a0» (0 à 5 modules faits)",
                "mon-parcours",
                f"reprise={world.journey_code}",
                ("Mon parcours",),
            ),
            [f"reprise={code}" for code in world.burst_codes],
        ),
        BurstCase(
            PageCase(
                f"espace formateur (question en direct, {BURST_SESSIONS} participants)",
                "espace-formateur",
                expect=("Question en direct", answered),
                prepare=resume_room(world),
            ),
            everyone,
        ),
    ]


@dataclass
class Measured:
    """One page kind's bursts: by number of processes."""

    label: str
    bursts: dict[int, Burst]


async def _measure(
    cases: list[BurstCase], targets: dict[int, Target], hello: Target, rounds: int
) -> tuple[list[Measured], Burst]:
    floor = Burst(hello, HELLO_CASE, [""] * BURST_SESSIONS)
    await floor.open()
    measured = []
    try:
        for burst_case in cases:
            bursts = {
                processes: Burst(target, burst_case.case, burst_case.queries)
                for processes, target in targets.items()
            }
            await run_together(list(bursts.values()), floor, rounds)
            measured.append(Measured(burst_case.case.label, bursts))
        await asyncio.sleep(0.5)
        floor.rss_after = rss(floor.target)
    finally:
        await floor.close()
    return measured, floor


def _figures(burst: Burst) -> str:
    return (
        f"p50 {ms(statistics.median(burst.times))} · p95 {ms(p95(burst.times))} "
        f"(CPU\u202f: {ms(burst.cpu_per_run)} par exécution)"
    )


def burst_rows(measured: list[Measured], floor: Burst, rounds: int) -> list[Row]:
    """A row per page kind and number of processes, then the memory row."""
    hello = p95(floor.times)
    samples = f"{BURST_SESSIONS}\u00a0sessions × {rounds}\u00a0tours"
    rows = []
    for processes in sorted(TARGETS):
        how = "1 processus" if processes == 1 else f"{processes} processus derrière nginx"
        for found in measured:
            burst = found.bursts[processes]
            ratio = p95(burst.times) / hello
            met = ratio <= TARGETS[processes]
            rows.append(
                Row(
                    f"Rafale ({samples}, {how})\u202f: {found.label}",
                    _figures(burst),
                    _figures(floor),
                    times(ratio),
                    f"≤\u00a0{TARGETS[processes]:g}\u00a0× (p95)",
                    yes_no(met),
                    reason="" if met else REASONS["rafale" if processes == 1 else "rafale à 2"],
                )
            )
    quiz = measured[0].bursts[1]
    each = (quiz.rss_after - quiz.rss_before) / BURST_SESSIONS
    floor_each = (floor.rss_after - floor.rss_before) / BURST_SESSIONS

    def memory(burst: Burst, per_session: float) -> str:
        return (
            f"{mib(burst.rss_before)} → {mib(burst.rss_after)}, soit {mib(per_session)} par session"
        )

    rows.append(
        Row(
            f"Mémoire du serveur (RSS), 1 puis {BURST_SESSIONS + 1} sessions (quiz, 1 processus)",
            memory(quiz, each),
            memory(floor, floor_each),
            times(each / floor_each) if floor_each > 0 else "—",
            "<\u00a01\u00a0Mio par session supplémentaire",
            yes_no(each < 2**20),
        )
    )
    return rows


def measure_bursts(world: World, plan: Plan, profile: bool) -> list[Row]:
    """Every page kind's burst with 1 and 2 processes, beside hello-world's (see the docstring).
    The pages' own profiles (part « pages ») say where a page's time goes; no profile here."""
    del profile
    logs = world.logs()
    course = start_server(logs, APP, env=world.env)
    hello = start_server(logs, HELLO, env=world.env)
    balanced = None
    try:
        balanced = start_balanced(2, logs, env=world.env)
        targets = {1: Target.direct(course), 2: Target.balanced(balanced)}
        measured, floor = asyncio.run(
            _measure(burst_cases(world), targets, Target.direct(hello), plan.burst_rounds)
        )
    finally:
        stop_server(course)
        stop_server(hello)
        if balanced is not None:
            stop_balanced(balanced)
    return burst_rows(measured, floor, plan.burst_rounds)
