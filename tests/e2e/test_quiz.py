"""A learner takes a quiz of every question type in Chromium, with the mouse and the keyboard."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_exception, open_app_page, wait_for_rerun
from tests.helpers import MATCHES, ORDER
from tools.streamlit_server import Server


def choose(page: Page, label: str, value: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=value, exact=True).click()


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_for_rerun(page)


def test_a_quiz_of_every_type_completes_in_the_browser(
    page: Page, every_type_server: Server
) -> None:
    open_app_page(page, f"{every_type_server.url}/evaluation?quiz=tous-les-types")
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill("Zoé Testeuse")
    click(page, "Commencer mon parcours")
    click(page, "Commencer le quiz")
    page.get_by_text("Un site où l'on crée un profil pour échanger").click()
    click(page, "Valider ma réponse")
    click(page, "Question suivante")
    for text in ("Récolter des dons", "Recruter des bénévoles", "Sensibiliser à une cause"):
        page.get_by_text(text).click()
    click(page, "Valider ma réponse")
    click(page, "Question suivante")
    page.get_by_text("Faux", exact=True).click()
    click(page, "Valider ma réponse")
    click(page, "Question suivante")
    for left, right in MATCHES.items():
        choose(page, left, right)
    click(page, "Valider ma réponse")
    click(page, "Question suivante")
    for place, item in enumerate(ORDER, start=1):
        choose(page, f"Place {place}", item)
    click(page, "Valider ma réponse")
    click(page, "Question suivante")
    for answer in ("abonnés", "1 234,5", "2023"):
        field = page.get_by_label("Votre réponse")
        field.fill(answer)
        field.press("Enter")  # the keyboard submits the form
        wait_for_rerun(page)
        if answer != "2023":
            click(page, "Question suivante")
    expect(page.get_by_text("8 réponse(s) sur 8")).to_be_visible()
    click(page, "Terminer et voir mon score")
    expect(page.get_by_test_id("stMetricValue")).to_have_text(
        "89\u202f%"
    )  # 8 of 9 points: 1 234,5 is wrong
    expect(page.get_by_text("Quiz réussi")).to_be_visible()
    assert_no_exception(page)
