"""Nothing is fetched from the internet: every request a browser makes, on every page and in
the states where pages load more (a quiz in progress, a glossary search, the trainer's
dashboard and results, a phone in a workshop, the resume QR code), goes to the course's own
server. A workshop room may have no internet, and a remote font or icon would tell a third
party who is taking the course."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    TRAINER_PASSWORD,
    new_context,
    open_app_page,
    wait_for_rerun,
    wait_until_loaded,
)
from tests.helpers import shipped_course
from tools.streamlit_server import Server

COURSE = shipped_course()
LOCAL_SCHEMES = {"data", "blob", "about"}  # drawn by the browser itself, no network


class Recorder:
    """Every URL requested by the pages of a browser context (websockets included)."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def follow(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self.urls.append(ws.url)))

    def elsewhere(self, server: Server) -> list[str]:
        """The URLs whose host is not the server's."""
        ours = urlsplit(server.url).netloc
        return sorted(
            {
                url
                for url in self.urls
                if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != ours
            }
        )


@pytest.fixture
def recorded(browser: Browser) -> Iterator[tuple[Recorder, Page, Page]]:
    """A desktop page and a phone page, each request of both recorded."""
    recorder = Recorder()
    desktop = new_context(browser, DESKTOP)
    phone = new_context(browser, PHONE, has_touch=False)
    for context in (desktop, phone):
        recorder.follow(context)
    yield recorder, desktop.new_page(), phone.new_page()
    desktop.close()
    phone.close()


def _glossary_search(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/glossaire")
    page.get_by_label("Rechercher un terme").fill("abonné")
    page.keyboard.press("Enter")
    wait_for_rerun(page)
    expect(page.get_by_text("trouvé").first).to_be_visible()


def _quiz_in_progress_and_journey(page: Page, server: Server) -> None:
    quiz = next(iter(COURSE.quizzes))
    open_app_page(page, f"{server.url}/evaluation?quiz={quiz}")
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill("Zoé Hors-Ligne")
    for button in ("Commencer mon parcours", "Commencer le quiz"):
        page.get_by_role("button", name=button).click()
        wait_for_rerun(page)
    page.get_by_role("button", name="Question suivante").click()
    wait_until_loaded(page)
    page.get_by_role("link", name="Mon parcours").click()  # in the session: not a new page load
    wait_for_rerun(page)
    page.get_by_role("switch", name="Afficher mon code et mon lien de reprise").press("Space")
    wait_until_loaded(page)
    expect(page.get_by_role("img", name="QR code de votre lien de reprise")).to_be_visible()


def _trainer_and_phone(desktop: Page, phone: Page, server: Server) -> None:
    open_app_page(desktop, f"{server.url}/espace-formateur")
    desktop.get_by_label("Mot de passe formateur").fill(TRAINER_PASSWORD)
    desktop.get_by_role("button", name="Entrer").click()
    wait_for_rerun(desktop)
    desktop.get_by_label("Titre de l'atelier").fill("Atelier hors ligne")
    desktop.get_by_role("button", name="Ouvrir l'atelier").click()
    wait_until_loaded(desktop)
    # The join card's QR code is drawn (st.html drops an inline <svg>: it is an <img>).
    expect(
        desktop.get_by_role("img", name="QR code du lien pour rejoindre l’atelier")
    ).to_be_visible()
    link = desktop.get_by_test_id("stCode").filter(has_text="atelier=").first.inner_text()
    found = re.search(r"atelier=([0-9A-Z]{3}-[0-9A-Z]{3})", link)
    assert found, link
    open_app_page(phone, f"{server.url}/atelier?atelier={found.group(1)}")
    phone.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill("Léo Téléphone")
    phone.get_by_role("button", name="Commencer mon parcours").click()
    wait_for_rerun(phone)
    expect(phone.get_by_label("Code de l'atelier")).to_have_value(found.group(1))
    phone.get_by_role("button", name="Rejoindre l'atelier").click()
    expect(phone.get_by_text("La première question s'affichera ici")).to_be_visible(timeout=15_000)
    for tab in ("Résultats du groupe", "Exports", "Quiz sur papier"):
        desktop.get_by_role("tab", name=tab).click()
        wait_until_loaded(desktop)
    open_app_page(desktop, f"{server.url}/presentation")


def test_a_search_a_quiz_and_the_resume_qr_code_fetch_nothing_from_elsewhere(
    recorded: tuple[Recorder, Page, Page], fresh_server: Server
) -> None:
    recorder, desktop, _ = recorded
    _glossary_search(desktop, fresh_server)
    _quiz_in_progress_and_journey(desktop, fresh_server)
    assert recorder.elsewhere(fresh_server) == []


def test_the_trainer_and_a_phone_in_a_workshop_fetch_nothing_from_elsewhere(
    recorded: tuple[Recorder, Page, Page], fresh_server: Server
) -> None:
    recorder, desktop, phone = recorded
    _trainer_and_phone(desktop, phone, fresh_server)
    assert recorder.elsewhere(fresh_server) == []
