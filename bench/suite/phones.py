"""5. A room's phones on a live question: how long until each sees the trainer's next question.

BURST_SESSIONS phones, each a websocket session (bench/ws_pages.py) of a participant of the
world's workshop on « Rejoindre un atelier », do what the browser does with the page's polling
fragment (views/live.py): rerun it every POLL_EVERY, each on its own phase. The bench launches a
question in the database, as the trainer's « Lancer la question » does, and notes when each
phone's poll first brings « Question N »; each phone then answers it (the first option, sent
with the form, a rerun of the fragment) after a pause of 1 to 4 s, as people read and tap, while
the others keep polling (one that comes after the next question is refused, as in a room).
Then a random pause (launches fall anywhere in the polling cycles) and
the next question. As bench/live_latency.py measures with Chromium, but 50 websocket sessions
fit on 2 cores where 50 browsers do not. Served by one process, then two behind nginx.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.suite.burst import Target, cpu
from bench.suite.cases import confirm_learner
from bench.suite.plan import APP, BURST_SESSIONS, Plan
from bench.suite.report import Row, ms, p95, secs, yes_no
from bench.suite.world import World
from bench.ws_pages import PageSession, pressed, text_value
from course.content.questions import SingleChoice
from course.workshop.questions import LiveQuestions
from tools.nginx_balancer import start_balanced, stop_balanced
from tools.streamlit_server import start_server, stop_server
from views.live import POLL_EVERY

SEEN_WITHIN = 1.5  # seconds, at p95 (issue 16)
HEADING = re.compile(r"Question (\d+)")


@dataclass
class Phone:
    """One participant's phone, polling the live question and answering it."""

    session: PageSession
    fragment: str
    rng: random.Random
    seen: dict[int, float] = field(default_factory=dict)  # question number → first seen at
    answer: tuple[int, str] | None = None  # (question number, option label) to send
    answer_at: float = 0.0
    answered: int = 0

    async def follow(self, stop: asyncio.Event) -> None:
        period = POLL_EVERY.total_seconds()
        tick = time.perf_counter() + self.rng.uniform(0, period)
        while not stop.is_set():
            await asyncio.sleep(max(0.0, tick - time.perf_counter()))
            tick = max(tick + period, time.perf_counter())
            run = await self.session.run(fragment=self.fragment, poll=True)
            self._note(run.raw)
            if self.answer is not None and time.perf_counter() >= self.answer_at:
                await self._send_answer(run.elements)

    def _note(self, raw: list[bytes]) -> None:
        """Note the first time a « Question N » heading is drawn."""
        for chunk in raw:
            if b"Question " not in chunk:
                continue
            forward = ForwardMsg.FromString(chunk)
            if forward.WhichOneof("type") != "delta":
                continue
            element = forward.delta.new_element
            if element.WhichOneof("type") == "heading":
                found = HEADING.fullmatch(element.heading.body)
                if found and int(found.group(1)) not in self.seen:
                    self.seen[int(found.group(1))] = time.perf_counter()

    async def _send_answer(self, elements: list[tuple[str, str, str]]) -> None:
        _, label = self.answer or (0, "")
        self.answer = None
        radio = next((i for k, i, lab in elements if k == "radio"), None)
        button = next((i for k, i, lab in elements if lab == "Envoyer ma réponse"), None)
        if radio is None or button is None:  # closed, or answered from another poll
            return
        sent = [text_value(radio, label), pressed(button)]
        run = await self.session.run(sent, fragment=self.fragment)
        self.answered += run.shows("Réponse envoyée")  # else: the next question came first


async def _open_phones(target: Target, world: World, rng: random.Random) -> list[Phone]:
    assert world.room is not None
    phones = []
    for code in world.burst_codes:
        query = f"atelier={world.room.code}&reprise={code}"
        session = await PageSession.on_page(target.url, "atelier", query)
        await confirm_learner(session)
        run = await session.run(expect=["Question"])
        if not run.polled:
            raise RuntimeError("the workshop page polls no fragment")
        phones.append(Phone(session, run.polled[0], random.Random(rng.random())))
    return phones


@dataclass
class Watched:
    waits: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    wall: float = 0.0
    answers: int = 0  # answers stored (a few may come after the next question, as in a room)


async def _watch(target: Target, world: World, rounds: int, seed: int) -> Watched:
    """Open the phones, launch `rounds` questions; the wait of each phone for each one."""
    assert world.room is not None
    rng = random.Random(seed)
    quiz = world.course.quizzes["bases"]
    choices = [q for q in quiz.questions if isinstance(q, SingleChoice)]
    live = LiveQuestions(world.store)
    phones = await _open_phones(target, world, rng)
    stop = asyncio.Event()
    watched = Watched()
    tasks = [asyncio.create_task(phone.follow(stop)) for phone in phones]
    try:
        await asyncio.sleep(2 * POLL_EVERY.total_seconds())
        used, started = cpu(target), time.perf_counter()
        for round_number in range(rounds):
            question = choices[round_number % len(choices)]
            launched_at = time.perf_counter()
            number = live.launch(world.room.id, quiz.id, question.id).number
            deadline = launched_at + 30
            while any(number not in p.seen for p in phones) and time.perf_counter() < deadline:
                await asyncio.sleep(0.05)
                for failed in (task for task in tasks if task.done()):
                    failed.result()  # a phone's error stops the measure, with its message
            late = sum(number not in p.seen for p in phones)
            if late:
                raise RuntimeError(f"question {number}: {late} phone(s) never saw it")
            watched.waits += [p.seen[number] - launched_at for p in phones]
            label = f"A. {question.options[0].text}"
            for phone in phones:
                phone.answer = (number, label)
                phone.answer_at = time.perf_counter() + phone.rng.uniform(1, 4)
            await asyncio.sleep(5.5 + rng.uniform(0, 2 * POLL_EVERY.total_seconds()))
        watched.cpu_seconds = cpu(target) - used
        watched.wall = time.perf_counter() - started
        watched.answers = sum(phone.answered for phone in phones)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(*(phone.session.close() for phone in phones))
    return watched


def phone_row(watched: Watched, processes: int, rounds: int) -> Row:
    waits = watched.waits
    how = "1 processus" if processes == 1 else f"{processes} processus derrière nginx"
    share = watched.cpu_seconds / watched.wall if watched.wall else 0.0
    return Row(
        f"Question en direct ({BURST_SESSIONS}\u00a0téléphones qui interrogent toutes les "
        f"{secs(POLL_EVERY.total_seconds())} et répondent, {rounds}\u00a0questions, {how})"
        "\u202f: lancement → question vue",
        f"p50 {ms(statistics.median(waits))} · p95 {ms(p95(waits))} · pire {ms(max(waits))} "
        f"(CPU des serveurs\u202f: {round(100 * share)}\u00a0% d'un cœur\u202f; "
        f"{watched.answers}\u00a0réponses enregistrées sur {len(waits)})",
        "—",
        "sans objet",
        f"≤\u00a0{secs(SEEN_WITHIN)} (p95)",
        yes_no(p95(waits) <= SEEN_WITHIN),
        reason="" if p95(waits) <= SEEN_WITHIN else PHONES_REASON,
    )


PHONES_REASON = (
    "Une question lancée est vue au prochain passage du fragment de chaque téléphone (toutes les "
    "secondes, à sa phase), après l'expiration du cache de 0,25\u00a0s de la question courante "
    "(views/live.py)\u202f: 1,25\u00a0s au pire sur un serveur au repos. Au-delà, c'est l'attente "
    "des passages des autres téléphones (voir la colonne CPU)."
)


def measure_phones(world: World, plan: Plan, profile: bool) -> list[Row]:
    """The phones on one process, then on two behind nginx (see the module's docstring)."""
    del profile
    rows = []
    for processes in (1, 2):
        if processes == 1:
            server = start_server(world.logs(), APP, env=world.env)
            try:
                watched = asyncio.run(
                    _watch(Target.direct(server), world, plan.phone_rounds, processes)
                )
            finally:
                stop_server(server)
        else:
            balanced = start_balanced(processes, world.logs(), env=world.env)
            try:
                target = Target.balanced(balanced)
                watched = asyncio.run(_watch(target, world, plan.phone_rounds, processes))
            finally:
                stop_balanced(balanced)
        rows.append(phone_row(watched, processes, plan.phone_rounds))
    return rows
