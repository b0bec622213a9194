"""A learner uses each exercise in Chromium, with the mouse and the keyboard."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    NewTab,
    Screen,
    Server,
    assert_no_exception,
    open_app_page,
    wait_for_rerun,
)
from tests.e2e.test_accessibility import BLOCKING, describe


@pytest.fixture
def phone(new_tab: NewTab) -> Page:
    """A phone-sized page (390 × 844, touch)."""
    return new_tab(Screen(390, 844, touch=True))


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation in the page as it is now."""
    blocking = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def words(text: str) -> re.Pattern[str]:
    """Browsers fold no-break spaces into plain ones in names and text: match any spacing."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_for_rerun(page)


def choose(page: Page, label: str, option: str) -> None:
    """Focus a list, open it with the keyboard (ArrowDown) and pick an option."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    if page.get_by_role("option").count() == 0:
        box.press("ArrowDown")
    page.get_by_role("option", name=option).click()


def test_the_tweet_composer_counts_in_the_browser(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/ong-twitter")
    page.get_by_label("Votre tweet").fill(
        "#Collecte – 2 tonnes récoltées, merci @voisins ! <b>gras</b> asso.fr/photos"
    )
    click(page, "Compter les caractères")
    expect(page.get_by_text(words("Il reste 56 caractères sur 140."))).to_be_visible()
    expect(page.get_by_text(words("Il reste 196 caractères sur 280."))).to_be_visible()
    expect(page.get_by_text(words("Hashtags repérés : #Collecte"))).to_be_visible()
    expect(page.get_by_text(words("Mentions repérées : @voisins"))).to_be_visible()
    expect(page.locator("main b")).to_have_count(0)  # what the learner typed stays text
    assert_accessible(page)
    assert_no_exception(page)


def test_the_gift_simulator_works_with_the_keyboard(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/ong-facebook")
    expect(page.get_by_text(words("Un don de 100 € ne vous coûte que 25 €")).first).to_be_visible()
    page.get_by_text(words("Autre organisme d'intérêt général : 66 %")).click()
    amount = page.get_by_label("Montant du don, en euros")
    amount.fill("100")
    amount.press("Enter")  # the keyboard submits the form
    wait_for_rerun(page)
    expect(page.get_by_text(words("Votre don de 100 € vous coûte 34 €")).first).to_be_visible()
    amount.fill("-3")
    amount.press("Enter")
    wait_for_rerun(page)
    expect(page.get_by_text("Le montant ne peut pas être négatif.")).to_be_visible()
    assert_no_exception(page)


def test_the_network_advisor_recommends_in_the_browser(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/votre-association")
    choose(page, "La cause de votre association", "Culture, soutien aux artistes")
    choose(page, "Vos objectifs", "Montrer vos actions en photos et en vidéos")
    page.keyboard.press("Escape")
    page.get_by_text("Trois à cinq heures").click()
    click(page, "Voir les réseaux conseillés")
    expect(page.get_by_text(words("1er choix : Instagram"))).to_be_visible()
    expect(page.get_by_text(words("2e choix : Facebook"))).to_be_visible()
    assert_accessible(page)  # with the results drawn
    assert_no_exception(page)


def test_the_page_checklist_scores_in_the_browser(page: Page, server: Server) -> None:
    open_app_page(page, f"{server.url}/ong-facebook")
    page.get_by_text("Un lien pour s'inscrire à votre newsletter").click()
    wait_for_rerun(page)
    page.get_by_text("Des albums photo de vos actions").click()
    wait_for_rerun(page)
    expect(page.get_by_test_id("stMetricValue").last).to_have_text(words("2 sur 11 (18 %)"))
    expect(page.get_by_text("Vos prochaines actions", exact=True)).to_be_visible()
    assert_accessible(page)
    assert_no_exception(page)


def test_the_exercises_fit_a_phone_screen(phone: Page, server: Server) -> None:
    open_app_page(phone, f"{server.url}/ong-facebook")
    amount = phone.get_by_label("Montant du don, en euros")
    amount.fill("250")
    phone.get_by_role("button", name="Calculer le coût réel").tap()
    wait_for_rerun(phone)
    expect(phone.get_by_text(words("Votre don de 250 € vous coûte")).first).to_be_visible()
    phone.get_by_text("Des appels à bénévoles").tap()
    wait_for_rerun(phone)
    expect(phone.get_by_test_id("stMetricValue").last).to_have_text(words("1 sur 11 (9 %)"))
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"la page déborde de {overflow} px sur un téléphone"
    assert_no_exception(phone)
