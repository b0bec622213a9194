"""The page sessions measured: each page in the state a visitor, a learner or the trainer sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.suite.plan import (
    GLOSSARY_QUERY,
    LIVE_ANSWERS,
    PASSWORD,
    PAUSE,
    WORKSHOP_MEMBERS,
)
from bench.suite.report import REASONS
from bench.suite.world import World
from bench.ws_pages import PageSession, Run, pressed, text_value
from course.workshop.workshops import Workshops

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
