"""The page sessions measured: each page in the state a visitor, a learner or the trainer sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.suite.plan import (
    CHART_LESSON,
    GLOSSARY_QUERY,
    LIVE_ANSWERS,
    PASSWORD,
    PAUSE,
    TEXT_LESSON,
    WORKSHOP_MEMBERS,
)
from bench.suite.report import REASONS
from bench.suite.world import World
from bench.ws_pages import PageSession, Run, pressed, text_value
from course.content.lesson import Lesson
from course.text import fold
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


async def search(session: PageSession) -> list[WidgetState]:
    """Type GLOSSARY_QUERY in the glossary's search box."""
    page = await session.run(expect=["Rechercher un terme"])
    return [text_value(page.widget("text_input", "Rechercher un terme"), GLOSSARY_QUERY)]


def resume_room(world: World) -> Prepare:
    """The trainer signs in and resumes the world's workshop (its live question open)."""
    assert world.room is not None
    label = f"{world.room.title} · {world.room.code}"

    async def resume(session: PageSession) -> list[WidgetState]:
        page = await _trainer_sign_in(session, "Atelier en direct")
        pick = text_value(page.widget("selectbox", "Atelier en cours"), label)
        shown = await session.run([pick], ["Reprendre cet atelier"])
        chosen = [pick, pressed(shown.widget("button", "Reprendre cet atelier"))]
        await session.run(chosen, ["Question en direct"])
        return []

    return resume


def glossary_ends(world: World) -> tuple[str, ...]:
    """The first and last terms by name: both shown means the whole list is."""
    names = sorted((term.term for term in world.course.glossary), key=fold)
    return (names[0], names[-1])


def page_cases(world: World) -> list[PageCase]:
    from bench.suite_data import live_workshop

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

    text_lesson, chart_lesson = lesson(world, TEXT_LESSON), lesson(world, CHART_LESSON)
    info = world.course.info
    return [
        PageCase(
            "accueil",
            "accueil",
            expect=(info.title if info else "Les modules",),
            reason=REASONS["accueil"],
        ),
        PageCase(
            f"module 1 « {text_lesson.meta.title} » (texte)",
            text_lesson.id,
            expect=(text_lesson.meta.title,),
            reason=REASONS["texte"],
        ),
        PageCase(
            f"module 3 « {chart_lesson.meta.title} » (graphiques)",
            chart_lesson.id,
            expect=(chart_lesson.meta.title,),
            reason=REASONS["graphiques"],
        ),
        PageCase(
            "Chiffres clés (tous les graphiques du cours)",
            "chiffres-cles",
            expect=("Chiffres clés",),
            reason=REASONS["graphiques"],
        ),
        PageCase(
            "glossaire à l'ouverture (tous les termes)",
            "glossaire",
            expect=glossary_ends(world),
            reason=REASONS["glossaire complet"],
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


def lesson(world: World, lesson_id: str) -> Lesson:
    return next(lesson for lesson in world.course.lessons if lesson.id == lesson_id)


HELLO_CASE = PageCase("hello-world", "", expect=("Hello world",))


SKELETON_CASE = PageCase(
    "squelette du cours sans contenu (20 pages dans le menu de Streamlit ; bench/skeleton_app.py)",
    "accueil",
    expect=("Hello world",),
)


async def confirm_learner(session: PageSession) -> None:
    """A resume link (`?reprise=`) opens a record once the visitor says « C'est moi »
    (views/identity.py): press it, as the learner does once per session."""
    page = await session.run(expect=["C'est moi"])
    await session.run([pressed(page.widget("button", "C'est moi"))])


async def prepared(session: PageSession, case: PageCase) -> list[WidgetState]:
    """The session in the case's state: its learner confirmed, then the case's `prepare`."""
    if "reprise=" in session.query:
        await confirm_learner(session)
    return await case.prepare(session) if case.prepare else []


async def open_case(base_url: str, case: PageCase) -> tuple[PageSession, list[WidgetState]]:
    session = await PageSession.on_page(base_url, case.url_path, case.query)
    widgets = await prepared(session, case)
    for _ in range(2):  # warm-up: first run of the session, caches filled
        await asyncio.sleep(PAUSE)
        await session.run(widgets, case.expect)
    return session, widgets
