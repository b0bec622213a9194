"""A workshop in real browsers, on two servers sharing one PostgreSQL database.

One trainer (desktop) on server A; three participants on phone-sized screens, two through
server B and one through A, as behind a load balancer. The question launched on A reaches the
phones without a reload, their answers reach the trainer, the reveal reaches everyone, and the
answers land in each participant's own record and in the CSV, XLSX and xAPI exports.

With $COURSE_E2E_ARTIFACTS set, the run is recorded there: Playwright traces (screenshots and
DOM snapshots, open them with `playwright show-trace FILE`) and screenshots
(tests/e2e/captures.py). The exports are written to a temporary folder.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from course.storage.store import Store
from course.workshop.questions import LiveQuestions
from tests.e2e.captures import capture_screen, traced
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    assert_no_exception,
    new_context,
    open_app_page,
    wait_for_rerun,
)
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.helpers import run_course, shipped_course
from tools.postgres_server import PostgresServer
from tools.streamlit_server import Server, kill_server, start_server

PASSWORD = "Atelier-e2e-2026"
COURSE = shipped_course()
QUESTION = COURSE.quizzes["bases"].questions[0]  # single choice, the first one offered
RIGHT = next(i for i, o in enumerate(QUESTION.options) if o.correct)  # type: ignore[union-attr]
WRONG = next(i for i, o in enumerate(QUESTION.options) if not o.correct)  # type: ignore[union-attr]
SEEN_WITHIN = 10_000  # ms: generous for a loaded CI machine; the bench measures the real wait


@pytest.fixture(scope="module")
def workshop_database_url(postgres_server: PostgresServer) -> str:
    return postgres_server.create_database("workshop")


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, workshop_database_url: str
) -> Iterator[tuple[Server, Server]]:
    env = {"COURSE_DATABASE_URL": workshop_database_url, "COURSE_TRAINER_PASSWORD": PASSWORD}
    logs = tmp_path_factory.mktemp("workshop-logs")
    first = start_server(logs, env=env)
    try:
        second = start_server(logs, env=env)
    except Exception:
        kill_server(first)
        raise
    yield first, second
    kill_server(first)
    kill_server(second)


def _sign_in_trainer(page: Page, server: Server) -> str:
    """Sign in, open a workshop; returns its join code."""
    open_app_page(page, f"{server.url}/espace-formateur")
    page.get_by_label("Mot de passe formateur").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    wait_for_rerun(page)
    page.get_by_label("Titre de l'atelier").fill("Atelier de la Croix-Rouge")
    page.get_by_role("button", name="Ouvrir l'atelier").click()
    wait_for_rerun(page)
    link = page.get_by_test_id("stCode").filter(has_text="atelier=").first.inner_text()
    found = re.search(r"atelier=([0-9A-Z]{3}-[0-9A-Z]{3})", link)
    assert found, link
    return found.group(1)


def _polls(page: Page) -> list[float]:
    """The moments the page asks for a timed rerun of a fragment (its polls), read from the
    messages it sends on Streamlit's websocket; to call before the page opens the app."""
    moments: list[float] = []

    def sent(payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = BackMsg.FromString(payload)
            if message.WhichOneof("type") == "rerun_script" and message.rerun_script.is_auto_rerun:
                moments.append(time.monotonic())

    def opened(socket: WebSocket) -> None:
        socket.on("framesent", sent)

    page.on("websocket", opened)
    return moments


def _label(choice: int) -> str:
    """An option as the phones show it, lettered like the projected question."""
    return f"{chr(ord('A') + choice)}. {QUESTION.options[choice].text}"  # type: ignore[union-attr]


def _keeps_a_choice_not_sent(phone: Page, polls: list[float], choice: int) -> None:
    """A participant picks an option and waits: the polls redraw the form, the choice stays."""
    phone.get_by_text(_label(choice), exact=True).click()
    picked = phone.get_by_role("radio", name=_label(choice))
    expect(picked).to_be_checked()
    before, deadline = len(polls), time.monotonic() + SEEN_WITHIN / 1000
    while len(polls) < before + 3 and time.monotonic() < deadline:  # 3 asked: 2 drawn, at least
        phone.wait_for_timeout(100)
    assert len(polls) >= before + 3, f"{len(polls) - before} poll(s) in {SEEN_WITHIN} ms"
    wait_for_rerun(phone)
    expect(picked).to_be_checked()
    checked = phone.locator("input[type=radio]:checked")
    expect(checked).to_have_count(1)


def _join(page: Page, server: Server, code: str, name: str) -> None:
    """A phone that scanned the QR code: the link carries the code; the participant signs up."""
    open_app_page(page, f"{server.url}/atelier?atelier={code}")
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill(name)
    page.get_by_role("button", name="Commencer mon parcours").click()
    wait_for_rerun(page)
    expect(page.get_by_label("Code de l'atelier")).to_have_value(code)
    page.get_by_role("button", name="Rejoindre l'atelier").click()
    expect(page.get_by_text("La première question s'affichera ici")).to_be_visible(timeout=15_000)


def test_a_live_question_from_launch_to_reveal_across_two_servers(
    browser: Browser,
    servers: tuple[Server, Server],
    workshop_database_url: str,
    tmp_path: Path,
) -> None:
    first, second = servers
    people = [
        ("Zoé Martin", second, RIGHT),
        ("Léo Dupont", second, RIGHT),
        ("Inès Haddad", first, WRONG),
    ]
    with ExitStack() as closing:
        screens = [("formateur", DESKTOP)] + [(f"telephone-{n}", PHONE) for n in (1, 2, 3)]
        contexts = [
            closing.enter_context(traced(new_context(browser, screen), f"trace-{name}"))
            for name, screen in screens
        ]
        trainer, *phones = (context.new_page() for context in contexts)
        polls = _polls(phones[0])
        code = _sign_in_trainer(trainer, first)
        for phone, (name, server, _) in zip(phones, people, strict=True):
            _join(phone, server, code, name)
        expect(trainer.get_by_text("3 participants")).to_be_visible(timeout=SEEN_WITHIN)
        capture_screen(trainer, "1-formateur-salle", full_page=True)

        trainer.get_by_role("button", name="Lancer la question").click()
        for phone in phones:  # no reload: the phones' polling picks the question up
            expect(phone.get_by_role("heading", name="Question 1")).to_be_visible(
                timeout=SEEN_WITHIN
            )
        capture_screen(phones[0], "2-telephone-question", full_page=True)
        _keeps_a_choice_not_sent(phones[0], polls, people[0][2])
        for phone, (_, _, choice) in zip(phones, people, strict=True):
            phone.get_by_text(_label(choice), exact=True).click()
            phone.get_by_role("button", name="Envoyer ma réponse").click()
            expect(phone.get_by_text("Réponse envoyée")).to_be_visible(timeout=SEEN_WITHIN)

        expect(trainer.get_by_text("3 réponse(s) sur 3 participant(s)")).to_be_visible(
            timeout=SEEN_WITHIN
        )
        capture_screen(trainer, "3-formateur-reponses", full_page=True)
        trainer.get_by_role("button", name="Révéler la réponse").click()
        wait_for_rerun(trainer)
        expect(trainer.get_by_text("Bonne réponse").first).to_be_visible()
        for phone, (_, _, choice) in zip(phones, people, strict=True):
            outcome = "Bravo, c'est juste" if choice == RIGHT else "Ce n'était pas la bonne réponse"
            expect(phone.get_by_text(outcome)).to_be_visible(timeout=SEEN_WITHIN)
            expect(phone.get_by_text(QUESTION.explanation)).to_be_visible()
            assert_no_exception(phone)
        capture_screen(phones[2], "4-telephone-revelation", full_page=True)

        for page in (trainer, phones[0]):
            blocking = [
                v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING
            ]
            assert not blocking, describe(blocking)
        width = phones[0].evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE.width, f"the live page scrolls sideways on a phone ({width} px)"

    store = Store(workshop_database_url)
    try:
        live = LiveQuestions(store)
        for name, _, choice in people:
            learner = store.learners.named(name)[0]
            answers = live.answers_of(learner.id)
            assert [(q.question_id, a.response) for q, a in answers] == [(QUESTION.id, choice)]
    finally:
        store.engine.dispose()
    _answers_are_in_every_export(
        code, workshop_database_url, tmp_path, [name for name, _, _ in people]
    )


def _export(format_: str, code: str, database_url: str, out: Path) -> None:
    """`python -m course export` on the servers' database, as an administrator would run it
    (inside the test process: tests.helpers.run_course)."""
    ran = run_course(
        "export",
        "--format",
        format_,
        "--workshop",
        code,
        "--out",
        str(out),
        env={"COURSE_DATABASE_URL": database_url},
    )
    assert ran.returncode == 0, ran.stderr


def _answers_are_in_every_export(
    code: str, database_url: str, folder: Path, names: list[str]
) -> None:
    files = {format_: folder / f"atelier.{format_}" for format_ in ("csv", "xlsx", "xapi")}
    for format_, out in files.items():
        _export(format_, code, database_url, out)
    with files["csv"].open(encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table, delimiter=";"))
    live_rows = [row for row in rows if "direct" in " ".join(row.values()).lower()]
    assert sorted({row_name(row, names) for row in live_rows}) == sorted(names)
    book = openpyxl.load_workbook(files["xlsx"])
    cells = {str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row}
    assert set(names) <= cells
    statements = json.loads(files["xapi"].read_text(encoding="utf-8"))
    answered = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    assert {s["actor"]["name"] for s in answered} == set(names)


def row_name(row: dict[str, str], names: list[str]) -> str:
    """The participant named in a CSV row."""
    return next(value for value in row.values() if value in names)
