"""The course on two processes behind nginx (tools/nginx_balancer.py, as `scripts/run-multi 2`).

One SQLite file shared by both processes, browsers going through nginx. Each browser context
carries the sticky cookie nginx sets (`cours_serveur`), so the test chooses which process serves
whom, as nginx would have chosen for a first visit; each process's log shows who it served.
- A live question launched by the trainer on process 1 reaches a phone served by process 2
  without a reload, and that phone's answer reaches the trainer.
- Wrong workshop codes are counted per device across both processes: a device that typed ten,
  half through each process, waits at its next try, while another device behind the same nginx
  joins at once (the course believes the address nginx forwards, and only that one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from course.storage.secret import server_secret
from course.storage.store import Store
from course.workshop.workshops import Workshops
from tests.e2e.conftest import DESKTOP, PHONE, new_context, open_app_page, wait_for_rerun
from tests.e2e.test_workshop import RIGHT, _label
from tools.nginx_balancer import COOKIE, Balanced, start_balanced, stop_balanced

PASSWORD = "Multi-processus-e2e-2026"
SEEN_WITHIN = 30_000  # ms: generous for a loaded machine; bench/suite/phones.py measures it
WRONG_TRIES = 10  # guard.POLICIES["workshop"].limit: then each try waits


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("multi-data")


@pytest.fixture(scope="module")
def balanced(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Balanced]:
    env = {
        "COURSE_DATA_DIR": str(data_dir),
        "COURSE_DATABASE_URL": "",
        "COURSE_TRAINER_PASSWORD": PASSWORD,
    }
    # A second door on loopback makes a second device: nginx sees it as 127.0.0.2.
    running = start_balanced(2, tmp_path_factory.mktemp("multi-logs"), env, second_device=True)
    yield running
    stop_balanced(running)


def _on_process(browser: Browser, base_url: str, process: int, phone: bool = True) -> Page:
    """A new browser (phone-sized by default) that nginx already sent to `process`."""
    context = new_context(browser, PHONE if phone else DESKTOP)
    context.add_cookies([{"name": COOKIE, "value": str(process), "url": base_url}])
    return context.new_page()


def _sign_up(page: Page, url: str, name: str) -> None:
    open_app_page(page, url)
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill(name)
    page.get_by_role("button", name="Commencer mon parcours").click()
    wait_for_rerun(page)


def _type_code(page: Page, code: str) -> None:
    page.get_by_label("Code de l'atelier").fill(code)
    page.get_by_role("button", name="Rejoindre l'atelier").click()
    wait_for_rerun(page)


def _served(balanced: Balanced, event: str) -> list[int]:
    """How many times each process logged `event` (course.events lines)."""
    return [server.output().count(f" {event} ") for server in balanced.servers]


def test_a_live_question_reaches_a_phone_served_by_the_other_process(
    browser: Browser, balanced: Balanced
) -> None:
    trainer = _on_process(browser, balanced.url, 1, phone=False)
    phones = {process: _on_process(browser, balanced.url, process) for process in (2, 1)}
    try:
        open_app_page(trainer, f"{balanced.url}/espace-formateur")
        trainer.get_by_label("Mot de passe formateur").fill(PASSWORD)
        trainer.get_by_role("button", name="Entrer").click()
        wait_for_rerun(trainer)
        trainer.get_by_role("button", name="Ouvrir l'atelier").click()
        wait_for_rerun(trainer)
        link = trainer.get_by_test_id("stCode").filter(has_text="atelier=").first.inner_text()
        found = re.search(r"atelier=([0-9A-Z]{3}-[0-9A-Z]{3})", link)
        assert found, link
        for process, phone in phones.items():
            _sign_up(phone, f"{balanced.url}/atelier?atelier={found.group(1)}", f"Phone {process}")
            phone.get_by_role("button", name="Rejoindre l'atelier").click()
            expect(phone.get_by_text("La première question s'affichera ici")).to_be_visible(
                timeout=SEEN_WITHIN
            )
        assert _served(balanced, "workshop_joined") == [1, 1]  # one phone on each process
        expect(trainer.get_by_text("2 participants")).to_be_visible(timeout=SEEN_WITHIN)

        trainer.get_by_role("button", name="Lancer la question").click()
        for phone in phones.values():  # no reload: each phone's polling reads the shared file
            expect(phone.get_by_role("heading", name="Question 1")).to_be_visible(
                timeout=SEEN_WITHIN
            )
        other = phones[2]
        other.get_by_text(_label(RIGHT), exact=True).click()
        other.get_by_role("button", name="Envoyer ma réponse").click()
        expect(other.get_by_text("Réponse envoyée")).to_be_visible(timeout=SEEN_WITHIN)
        expect(trainer.get_by_text("1 réponse(s) sur 2 participant(s)")).to_be_visible(
            timeout=SEEN_WITHIN
        )
    finally:
        for page in (trainer, *phones.values()):
            page.context.close()


def test_wrong_codes_count_per_device_across_processes(
    browser: Browser, balanced: Balanced, data_dir: Path
) -> None:
    store = Store(f"sqlite:///{data_dir / 'course.sqlite3'}", secret=server_secret(folder=data_dir))
    try:
        code = Workshops(store).open_workshop("Atelier des codes").code
    finally:
        store.engine.dispose()
    # One device, seen by nginx as 127.0.0.2, in two tabs: one per process.
    device = f"http://127.0.0.1:{balanced.second_device_port}"
    tabs = [_on_process(browser, device, process) for process in (1, 2)]
    elsewhere = _on_process(browser, balanced.url, 2)  # another device: 127.0.0.1
    try:
        for number, tab in enumerate(tabs, start=1):
            _sign_up(tab, f"{device}/atelier", f"Appareil {number}")
        for attempt in range(WRONG_TRIES):
            tab = tabs[attempt % 2]
            _type_code(tab, "ZZZ-ZZ" + str(attempt))
            expect(tab.get_by_text("Aucun atelier ne correspond à ce code")).to_be_visible()
        assert _served(balanced, "code_refused") == [WRONG_TRIES // 2] * 2

        _type_code(tabs[0], code)  # the right code, but this device must wait
        expect(tabs[0].get_by_text("Trop de codes erronés depuis cet appareil")).to_be_visible()

        _sign_up(elsewhere, f"{balanced.url}/atelier", "Autre appareil")
        _type_code(elsewhere, code)
        expect(elsewhere.get_by_text("La première question s'affichera ici")).to_be_visible(
            timeout=SEEN_WITHIN
        )
    finally:
        for page in (*tabs, elsewhere):
            page.context.close()
