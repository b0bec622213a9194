"""Each exercise filled in on its lesson page (AppTest): results, French messages, kept inputs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page

COMPOSER = "exercise:composer-tweet"
GIFT = "exercise:simulateur-don"
ADVISOR = "exercise:quel-reseau"
CHECKLIST = "exercise:checklist-page-facebook"


def press(page: AppTest, label: str) -> AppTest:
    next(button for button in page.button if button.label == label).click()
    return page.run()


def markdown(page: AppTest) -> str:
    return "\n".join(element.value for element in page.markdown)


@pytest.fixture
def twitter(app: Callable[..., AppTest]) -> AppTest:
    return open_page(app(), "ong-twitter")


@pytest.fixture
def facebook(app: Callable[..., AppTest]) -> AppTest:
    return open_page(app(), "ong-facebook")


def test_the_composer_counts_against_140_and_280(twitter: AppTest) -> None:
    text = "#Collecte – 2 tonnes récoltées, merci @voisins ! " + "x" * 100 + " asso.fr/photos"
    twitter.text_area(key=f"{COMPOSER}:texte:widget").input(text)
    page = press(twitter, "Compter les caractères")
    assert not page.exception
    assert [m.value for m in page.metric] == ["173 sur 140", "173 sur 280"]
    assert "Trop long de 33 caractères pour la limite de 140." in page.error[0].value
    assert "Il reste 107 caractères sur 280." in page.success[0].value
    shown = markdown(page)
    assert "#Collecte" in shown.replace("\\", "") and "@voisins" in shown.replace("\\", "")
    assert page.session_state[f"{COMPOSER}:texte"] == text
    assert page.session_state[f"{COMPOSER}:resultat"]["hashtags"] == ["Collecte"]


def test_what_a_learner_types_is_never_rendered_as_markup(twitter: AppTest) -> None:
    typed = "<script>alert(1)</script> **gras** ![img](http://x) #ok_ok"
    twitter.text_area(key=f"{COMPOSER}:texte:widget").input(typed)
    page = press(twitter, "Compter les caractères")
    assert [t.value for t in page.text] == [typed]  # shown as plain text
    shown = markdown(page)
    for raw in ("<script>", "**gras**", "![img]", "#ok_ok"):
        assert raw not in shown
    assert "\\#ok\\_ok" in shown  # the hashtag list escapes Markdown


def test_the_composer_keeps_the_tweet_after_a_visit_elsewhere(twitter: AppTest) -> None:
    twitter.text_area(key=f"{COMPOSER}:texte:widget").input("Bonjour #bénévoles")
    press(twitter, "Compter les caractères")
    open_page(twitter, "glossaire")
    page = open_page(twitter, "ong-twitter")
    assert page.text_area(key=f"{COMPOSER}:texte:widget").value == "Bonjour #bénévoles"
    assert [m.value for m in page.metric] == ["18 sur 140", "18 sur 280"]


def test_the_gift_simulator_shows_the_source_example_and_computes(facebook: AppTest) -> None:
    assert "Un don de 100\u00a0€ ne vous coûte que 25\u00a0€" in markdown(facebook)
    facebook.text_input(key=f"{GIFT}:montant:widget").input("3 000")
    facebook.radio(key=f"{GIFT}:organisme:widget").set_value("aide")
    page = press(facebook, "Calculer le coût réel")
    assert not page.exception
    assert [m.value for m in page.metric][:2] == ["840\u00a0€", "2\u202f160\u00a0€"]
    assert "Plafond du taux de 75\u202f% dépassé" in " ".join(i.value for i in page.info)
    assert page.session_state[f"{GIFT}:resultat"]["cost"] == 840


def test_the_gift_simulator_refuses_a_negative_amount_in_french(facebook: AppTest) -> None:
    facebook.text_input(key=f"{GIFT}:montant:widget").input("-50")
    page = press(facebook, "Calculer le coût réel")
    assert page.error[0].value == "Le montant ne peut pas être négatif\\."


def test_the_gift_simulator_escapes_what_was_typed(facebook: AppTest) -> None:
    facebook.text_input(key=f"{GIFT}:montant:widget").input("**cent**")
    page = press(facebook, "Calculer le coût réel")
    assert "\\*\\*cent\\*\\*" in page.error[0].value


def test_the_advisor_ranks_networks_with_reasons(app: Callable[..., AppTest]) -> None:
    page = open_page(app(), "votre-association")
    page.selectbox(key=f"{ADVISOR}:cause:widget").set_value("culture")
    page.multiselect(key=f"{ADVISOR}:publics:widget").set_value(["jeunes"])
    page.multiselect(key=f"{ADVISOR}:objectifs:widget").set_value(["montrer", "dons"])
    page.radio(key=f"{ADVISOR}:temps:widget").set_value("3-5h")
    page = press(page, "Voir les réseaux conseillés")
    assert not page.exception
    shown = markdown(page)
    assert "**1er choix\u202f: Instagram**" in shown
    assert "**2e choix\u202f: Facebook**" in shown
    assert "si votre association soutient des artistes" in shown
    assert any("Meta" in info.value for info in page.info)
    assert page.session_state[f"{ADVISOR}:resultat"]["recommended"][0]["id"] == "instagram"


def test_the_checklist_scores_and_lists_next_actions(facebook: AppTest) -> None:
    for item in ("bandeau", "operation", "newsletter"):
        facebook.checkbox(key=f"{CHECKLIST}:{item}:widget").check()
    page = facebook.run()
    assert not page.exception
    assert "3 sur 11 (27\u202f%)" in [m.value for m in page.metric]
    shown = markdown(page)
    assert "- oui\u202f: garder le contact grâce à une newsletter" in shown
    assert "- pas encore\u202f: récolter des dons" in shown
    assert "1. Ajoutez un bouton ou un lien de don" in shown
    assert page.session_state[f"{CHECKLIST}:resultat"]["score"] == 3
