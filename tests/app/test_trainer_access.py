"""The trainer area in the app: closed without a password, slowed guesses, open with the right one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page

PASSWORD = "Atelier-de-test-2026"


def _sign_in(page: AppTest, typed: str) -> AppTest:
    field = next(t for t in page.text_input if t.label == "Mot de passe formateur")
    field.input(typed)
    return next(b for b in page.button if b.label == "Entrer").click().run()


@pytest.mark.parametrize("url_path", ["espace-formateur", "presentation"])
def test_without_a_configured_password_the_area_explains_how_to_set_one(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, url_path: str
) -> None:
    monkeypatch.delenv("COURSE_TRAINER_PASSWORD", raising=False)
    page = open_page(app(), url_path)
    assert not page.exception
    warning = " ".join(w.value for w in page.warning)
    assert "aucun mot de passe formateur n'est configuré" in warning
    assert "COURSE_TRAINER_PASSWORD" in " ".join(m.value for m in page.markdown)
    assert not [t for t in page.text_input if t.label == "Mot de passe formateur"]


def test_a_wrong_password_is_refused_then_the_right_one_opens_the_area(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    monkeypatch.setattr("views.trainer_access.WRONG_PASSWORD_PAUSE", 0)
    page = open_page(app(), "espace-formateur")
    page = _sign_in(page, "mauvais-mot-de-passe")
    assert [e.value for e in page.error] == ["Mot de passe incorrect."]
    page = _sign_in(page, PASSWORD)
    assert not page.error
    assert [tab.label for tab in page.tabs] == [
        "Atelier en direct",
        "Résultats du groupe",
        "Exports",
        "Quiz sur papier",
    ]
    assert any(b.label == "Ouvrir l'atelier" for b in page.button)


def test_guessing_is_slowed_down_after_five_wrong_passwords(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    monkeypatch.setattr("views.trainer_access.WRONG_PASSWORD_PAUSE", 0)
    page = open_page(app(), "espace-formateur")
    for attempt in range(5):
        page = _sign_in(page, f"essai-{attempt}")
    page = _sign_in(page, PASSWORD)  # even the right password waits now
    assert "Trop de mots de passe erronés" in page.error[0].value
    assert not page.tabs


def test_only_the_open_tab_is_drawn_and_another_opens_on_request(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    page = _sign_in(open_page(app(), "espace-formateur"), PASSWORD)
    assert any(b.label == "Ouvrir l'atelier" for b in page.button)
    assert "Résultats du groupe" not in [s.value for s in page.subheader]
    page.session_state["onglet"] = "Résultats du groupe"  # what a click on the tab sends
    page.run()
    assert not page.exception
    assert "Résultats du groupe" in [s.value for s in page.subheader]
    assert not any(b.label == "Ouvrir l'atelier" for b in page.button)
