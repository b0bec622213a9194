"""Every kind of page on a 375 px phone: nothing scrolls sideways, no tap target is under 24 px.
With $COURSE_E2E_ARTIFACTS set, a full-page screenshot of each is written there for a person to
look at: cut text, overlaps (tests/e2e/captures.py). A table scrolling inside its own frame is
fine; the page itself must not.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.captures import capture_page, capture_screen
from tests.e2e.conftest import (
    TRAINER_PASSWORD,
    assert_no_exception,
    follow_resume_link,
    open_app_page,
    wait_for_rerun,
    wait_until_loaded,
)
from tools.streamlit_server import Server

# Pages that need nobody signed in: (file name, path and query).
PAGES = [
    ("accueil", ""),
    ("module-graphiques", "chiffres"),
    ("module-maquettes", "ong-facebook"),
    ("chiffres-cles", "chiffres-cles"),
    ("verification", "verification"),
    ("confidentialite", "confidentialite"),
    ("espace-formateur", "espace-formateur"),
    ("atelier", "atelier"),
]

# Sideways scrolling of the page, and of Streamlit's main column (which scrolls the content).
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return {page: document.documentElement.scrollWidth - window.innerWidth,
            main: main.scrollWidth - main.clientWidth};
}"""


# Controls a finger must hit, drawn smaller than 24 × 24 px (WCAG 2.5.8). Links inside a sentence
# are exempt; so are heading anchors and help icons (16 px), which pass by the rule's spacing
# exception: no other target lies within 24 px of them.
TOO_SMALL = """() => [...document.querySelectorAll(`[data-testid="stMain"] :is(a, button, summary,
        input:not([type="radio"]):not([type="checkbox"]), [role="combobox"],
        [data-testid="stRadioOption"], [data-testid="stCheckbox"] label)`)]
    .filter(e => e.offsetParent !== null && !e.closest('p, li, td, figcaption'))
    .filter(e => !['Lien vers ce titre'].includes(e.getAttribute('aria-label'))
        && !(e.getAttribute('aria-label') || '').startsWith('Aide'))
    .map(e => [e.innerText.trim().slice(0, 40) || e.getAttribute('aria-label') || e.tagName,
               Math.round(e.getBoundingClientRect().width),
               Math.round(e.getBoundingClientRect().height)])
    .filter(([, width, height]) => width < 24 || height < 24)"""


@pytest.fixture
def phone(phone_page: Page) -> Page:
    return phone_page


def assert_fits(page: Page, what: str) -> None:
    wait_until_loaded(page)
    overflow = page.evaluate(OVERFLOW)
    assert overflow == {"page": 0, "main": 0}, (
        f"{what} défile de côté sur un téléphone : {overflow}"
    )
    assert page.evaluate(TOO_SMALL) == [], f"{what} : cibles trop petites pour un doigt"
    assert_no_exception(page)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_a_page_fits_a_375_pixel_phone(
    phone: Page, fresh_server: Server, name: str, path: str
) -> None:
    open_app_page(phone, f"{fresh_server.url}/{path}")
    assert_fits(phone, path or "l'accueil")
    capture_page(phone, f"telephone-{name}")


def test_the_glossary_search_fits_a_375_pixel_phone(phone: Page, fresh_server: Server) -> None:
    open_app_page(phone, f"{fresh_server.url}/glossaire")
    search = phone.get_by_label("Rechercher un terme")
    search.fill("abonné")
    search.press("Enter")
    wait_for_rerun(phone)
    expect(phone.get_by_role("heading", name="Abonné").first).to_be_visible()
    assert_fits(phone, "la recherche du glossaire")
    capture_page(phone, "telephone-glossaire-recherche")


def test_the_presentation_fits_a_375_pixel_phone(phone: Page, fresh_server: Server) -> None:
    """A trainer signed in on a phone, on the first slide."""
    open_app_page(phone, f"{fresh_server.url}/presentation")
    password = phone.get_by_label("Mot de passe formateur")
    password.fill(TRAINER_PASSWORD)
    password.press("Enter")
    expect(phone.get_by_label("Mot de passe formateur")).to_have_count(0)
    wait_for_rerun(phone)
    assert_fits(phone, "le mode présentation")
    capture_page(phone, "telephone-presentation")


def test_the_menu_opens_on_a_375_pixel_phone(phone: Page, fresh_server: Server) -> None:
    open_app_page(phone, fresh_server.url)
    phone.get_by_test_id("stExpandSidebarButton").tap()
    menu = phone.get_by_test_id("stSidebar")
    expect(menu.get_by_role("link", name="Accueil")).to_be_in_viewport()
    phone.wait_for_timeout(500)  # the sidebar slides in
    assert_fits(phone, "le menu ouvert")
    capture_screen(phone, "telephone-menu-ouvert")


def test_a_learner_s_pages_fit_a_375_pixel_phone(phone: Page, fresh_server: Server) -> None:
    """A quiz in progress, its result, and « Mon parcours », signed in on the phone."""
    open_app_page(phone, f"{fresh_server.url}/evaluation?quiz=ong-facebook")
    phone.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill("Zoé Téléphone")
    phone.get_by_role("button", name="Commencer mon parcours").tap()
    welcome = phone.get_by_text("Voici votre code personnel")
    expect(welcome).to_be_visible()
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", welcome.inner_text())
    assert code, welcome.inner_text()
    phone.get_by_role("button", name="Commencer le quiz").tap()
    expect(phone.get_by_role("heading", name="Question 1 sur 16")).to_be_visible()
    wait_for_rerun(phone)
    radios = phone.get_by_test_id("stForm").get_by_test_id("stRadioOption")
    for _ in range(16):  # to a question with radio buttons (the order is shuffled)
        wait_until_loaded(phone)
        if radios.count():
            break
        phone.get_by_role("button", name="Question suivante").tap()
        wait_for_rerun(phone)
    radios.first.tap()
    phone.get_by_role("button", name="Valider ma réponse").tap()
    expect(phone.get_by_text("Réponse enregistrée.")).to_be_visible()
    wait_for_rerun(phone)
    assert_fits(phone, "un quiz en cours")
    capture_page(phone, "telephone-quiz-en-cours")

    phone.get_by_role("button", name="Terminer et voir mon score (15 sans réponse)").tap()
    expect(phone.get_by_role("heading", name="Votre résultat")).to_be_visible()
    wait_for_rerun(phone)
    phone.locator("summary").filter(has_text="Question 1 :").tap()  # one answer reviewed
    wait_for_rerun(phone)
    assert_fits(phone, "le résultat d'un quiz")
    capture_page(phone, "telephone-quiz-resultat")

    assert "reprise" not in phone.url  # the code is never written into the address bar
    follow_resume_link(phone, f"{fresh_server.url}/mon-parcours?reprise={code.group(0)}")
    expect(phone.get_by_text("Parcours de Zoé Téléphone").first).to_be_attached()
    assert_fits(phone, "« Mon parcours »")
    capture_page(phone, "telephone-mon-parcours")
