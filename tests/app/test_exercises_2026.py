"""The exercises of the course's second part (modules 11 to 15), filled in on their lesson pages
(AppTest). Each module's helper appends its own test functions."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page
from tests.helpers import shipped_course

MODULE_PRINT = "Télécharger ce module à imprimer (PDF)"


def test_the_image_description_is_checked_escaped_and_kept(app: Callable[..., AppTest]) -> None:
    """« Décrivez une image » (module 11): five rules, the learner's text never read as markup."""
    from course.exercises.image_description import EXAMPLE, MAX_INPUT

    key = "exercise:decrire-image"
    page = open_page(app(), "reseaux-2026")
    assert not page.exception

    def check(page: AppTest, typed: str) -> AppTest:
        page.text_area(key=f"{key}:texte:widget").input(typed)
        button = next(b for b in page.button if b.label == "Vérifier ma description")
        checked = button.click().run()
        assert not checked.exception
        return checked

    typed = "Image de <b>bénévoles</b> **au marché** #Collecte"
    page = check(page, typed)
    assert typed in [text.value for text in page.text]  # shown as plain text
    assert [metric.value for metric in page.metric] == ["2 sur 5"]
    warnings = "\n".join(warning.value for warning in page.warning)
    assert "Image de" in warnings and "hashtag" in warnings
    shown = "\n".join(m.value for m in [*page.markdown, *page.warning, *page.success])
    assert "<b>" not in shown and "**au marché**" not in shown
    assert page.session_state[f"{key}:resultat"]["passed"] == 2

    page = check(page, "x" * (MAX_INPUT + 1))  # the text area stops at MAX_INPUT, the core too
    kept = page.session_state[f"{key}:texte"]
    assert len(kept) <= MAX_INPUT or f"le maximum est de {MAX_INPUT}" in page.error[0].value

    page = check(page, EXAMPLE)
    assert [metric.value for metric in page.metric] == ["5 sur 5"]
    assert len(page.success) == 5 and not page.warning
    assert page.session_state[f"{key}:resultat"]["ok"]

    page = open_page(open_page(page, "bases"), "reseaux-2026")
    assert page.text_area(key=f"{key}:texte:widget").value == EXAMPLE


def test_the_phishing_messages_are_sorted_scored_and_kept(app: Callable[..., AppTest]) -> None:
    """« Repérez l'hameçonnage » (module 12): every message sorted, signs shown, answers kept."""
    from course.exercises.phishing import load_phishing_set
    from tests.helpers import PROJECT_ROOT

    key = "exercise:reperer-hameconnage"
    messages, errors = load_phishing_set(PROJECT_ROOT)
    assert messages is not None, errors
    page = open_page(app(), "securite")
    assert not page.exception
    shown = "\n".join(m.value for m in page.markdown)
    assert "tous inventés pour le cours" in shown
    assert "meta-appel-pages.com/appel" in shown.replace("\\", "")  # shown, not linked

    def submit(page: AppTest) -> AppTest:
        button = next(b for b in page.button if b.label == "Voir le résultat")
        submitted = button.click().run()
        assert not submitted.exception
        return submitted

    page = submit(page)
    assert f"Classez encore {len(messages.messages)}\u00a0messages" in page.warning[0].value
    assert f"{key}:resultat" not in page.session_state

    for message in messages.messages:
        answer = "genuine" if message.id == "suppression-droits-auteur" else message.kind
        page.radio(key=f"{key}:{message.id}:widget").set_value(answer)
    page = submit(page)
    total = len(messages.messages)
    assert [metric.value for metric in page.metric] == [
        f"{total - 1} sur {total} ({round(100 * (total - 1) / total)}\u202f%)"
    ]
    assert "vous auriez fait confiance à 1\u00a0piège" in page.warning[0].value
    shown = "\n".join(m.value for m in page.markdown)
    assert "Mal classé" in shown and "Le bon réflexe" in shown
    result = page.session_state[f"{key}:resultat"]
    assert result["trusted_traps"] == ["suppression-droits-auteur"]

    page = open_page(open_page(page, "bases"), "securite")
    assert page.radio(key=f"{key}:suppression-droits-auteur:widget").value == "genuine"
    assert [metric.value for metric in page.metric] == [
        f"{total - 1} sur {total} ({round(100 * (total - 1) / total)}\u202f%)"
    ]


def test_the_moderation_charter_is_written_escaped_downloadable_and_kept(
    app: Callable[..., AppTest],
) -> None:
    """« La charte de modération de mon association » (module 14): choices in, a charter out."""
    key = "exercise:charte-moderation"
    page = open_page(app(), "moderation")
    assert not page.exception
    assert page.checkbox(key=f"{key}:bienvenu-avis:widget").value  # ticked by default
    typed = "<b>Les Amis</b> **du quartier**"
    page.text_input(key=f"{key}:nom:widget").input(typed)
    page.text_input(key=f"{key}:qui:widget").input("Léa")
    page.text_input(key=f"{key}:contact:widget").input("contact@amis.fr")
    page.checkbox(key=f"{key}:retire-photos:widget").check()
    page.checkbox(key=f"{key}:signale-pharos:widget").uncheck()
    page.number_input(key=f"{key}:nombre:widget").set_value(1)
    page.radio(key=f"{key}:quand:widget").set_value("semaine")
    button = next(b for b in page.button if b.label == "Rédiger ma charte")
    page = button.click().run()
    assert not page.exception

    result = page.session_state[f"{key}:resultat"]
    assert result["association"] == typed
    assert result["reports"] == ["plateforme", "police", "urgence"]
    assert "photos" in result["removed"] and result["moderators"] == 1
    assert result["summary"] in page.success[0].value
    advice = page.info[0].value
    assert "Une seule personne modère" in advice and "Pharos" in advice
    shown = "\n".join(m.value for m in page.markdown)
    assert "##### Ce que nous retirons" in shown  # below the exercise's own title
    assert r"\<b\>Les Amis\</b\> \*\*du quartier\*\*" in shown
    assert "<b>" not in shown and "**du quartier**" not in shown
    downloads = [b for b in page.get("download_button") if b.proto.label != MODULE_PRINT]
    assert len(downloads) == 2

    page = open_page(open_page(page, "bases"), "moderation")
    assert not page.exception
    assert page.text_input(key=f"{key}:nom:widget").value == typed
    assert not page.checkbox(key=f"{key}:signale-pharos:widget").value
    assert page.session_state[f"{key}:resultat"]["reports"] == ["plateforme", "police", "urgence"]


def test_the_engagement_rate_is_computed_refused_kept_and_planned(
    app: Callable[..., AppTest], tmp_path_factory, monkeypatch
) -> None:
    """« Calculez et lisez un taux d'engagement » (module 15): the rate on the chosen base and on
    the others, French refusals (typed text escaped), inputs kept, the result in the action plan."""
    from datetime import date

    from course.content.loader import content_dir_from_env
    from course.journey.action_plan import action_plan
    from course.journey.progress import learner_progress
    from course.storage.store import Store
    from tests.app.conftest import held_code, sign_up

    key = "exercise:taux-engagement"
    data = tmp_path_factory.mktemp("engagement-data")
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    journey = sign_up(open_page(app(str(content_dir_from_env())), "mon-parcours"), "Zoé")
    code = held_code(journey)
    page = open_page(journey, "mesurer")
    assert not page.exception
    assert "Entrez vos chiffres" in "\n".join(c.value for c in page.caption)

    def compute(
        page: AppTest, interactions: str, base: str = "couverture", **counts: str
    ) -> AppTest:
        page.text_input(key=f"{key}:interactions:widget").input(interactions)
        page.radio(key=f"{key}:base:widget").set_value(base)
        for base_id in ("couverture", "abonnes", "impressions"):
            page.text_input(key=f"{key}:{base_id}:widget").input(counts.get(base_id, ""))
        computed = next(b for b in page.button if b.label == "Calculer le taux").click().run()
        assert not computed.exception
        return computed

    page = compute(page, "<b>60</b>", couverture="1200")
    error = page.error[0].value
    assert "pas un nombre" in error and "<b>" not in error and r"\<b\>60\</b\>" in error
    assert f"{key}:resultat" not in page.session_state

    page = compute(page, "60", couverture="0")
    assert "ne peut pas être zéro" in page.error[0].value

    page = compute(page, "60", couverture="1 200", abonnes="800", impressions="2000")
    assert [metric.value for metric in page.metric] == ["5\u202f%"]
    assert "Pour 100\u00a0personnes touchées" in page.success[0].value
    shown = "\n".join(m.value for m in page.markdown)
    assert "7,5\u202f%" in shown and "3\u202f%" in shown
    assert "ne se comparent pas" in page.info[0].value
    assert page.session_state[f"{key}:resultat"]["rate"] == 5

    page = open_page(open_page(page, "bases"), "mesurer")
    assert page.text_input(key=f"{key}:couverture:widget").value == "1 200"
    assert [metric.value for metric in page.metric] == ["5\u202f%"]

    store = Store(f"sqlite:///{data / 'course.sqlite3'}")
    try:
        learner = store.learners.by_code(code)
        assert learner is not None
        answers = store.learners.exercise_answers(learner.id)
    finally:
        store.engine.dispose()
    assert answers["taux-engagement"]["rate_label"] == "5\u202f%"
    course = shipped_course()
    plan = action_plan("Zoé", learner_progress(course, {}, {}), answers, date(2026, 11, 23))
    assert "Mesurer vos résultats" in plan and "**5\u202f%**" in plan


def test_the_image_consent_form_is_built_escaped_downloadable_and_kept(
    app: Callable[..., AppTest],
) -> None:
    """« Une autorisation de droit à l'image » (module 13): the form from the learner's choices,
    always with the « not legal advice » caveat, the learner's text never read as markup."""
    import re

    from course.exercises.image_consent import MAX_CONTACT, NOT_LEGAL_ADVICE

    key = "exercise:autorisation-image"
    page = open_page(app(), "droit-image")
    assert not page.exception
    assert NOT_LEGAL_ADVICE in " ".join(warning.value for warning in page.warning)

    def prepare(page: AppTest) -> AppTest:
        button = next(b for b in page.button if b.label == "Préparer l'autorisation")
        prepared = button.click().run()
        assert not prepared.exception
        return prepared

    page = prepare(page)  # nothing filled in yet
    assert "Indiquez le nom de l'association." in re.sub(r"\\(.)", r"\1", page.error[0].value)

    page.text_input(key=f"{key}:association:widget").input("<b>Les Amis</b> **du parc**")
    page.text_input(key=f"{key}:evenement:widget").input("la fête de quartier du 14 juin")
    page.multiselect(key=f"{key}:supports:widget").set_value(["site", "reseaux"])
    page.radio(key=f"{key}:duree:widget").set_value("2-ans")
    page.text_input(key=f"{key}:contact:widget").input("contact@amis-du-parc.fr")
    page.checkbox(key=f"{key}:mineurs:widget").check()
    page = prepare(page)
    assert not page.error
    summary = "Autorisation pour 2 supports, valable deux ans\u202f; signée par les parents"
    assert summary in page.success[0].value
    shown = "\n".join(m.value for m in page.markdown)
    assert f"**{NOT_LEGAL_ADVICE}**" in shown
    assert "Nom, prénom et signature du second parent" in shown
    assert "<b>" not in shown and "**du parc**" not in shown
    assert r"\<b\>Les Amis\</b\> \*\*du parc\*\*" in shown
    labels = [button.proto.label for button in page.get("download_button")]
    assert labels == [
        "Télécharger (Markdown)",
        "Télécharger (texte)",
        "Télécharger (PDF)",
        MODULE_PRINT,  # the module's own printable handout, after the lesson
    ]
    result = page.session_state[f"{key}:resultat"]
    assert result["minors"] and result["uses"] == ["site", "reseaux"]
    assert result["association"] == "<b>Les Amis</b> **du parc**"

    page.text_input(key=f"{key}:contact:widget").input("x" * MAX_CONTACT + "y")
    page = prepare(page)  # the widget's own limit keeps the value bounded
    assert len(page.text_input(key=f"{key}:contact:widget").value) <= MAX_CONTACT

    page = open_page(open_page(page, "bases"), "droit-image")
    assert page.text_input(key=f"{key}:evenement:widget").value == "la fête de quartier du 14 juin"
    assert page.multiselect(key=f"{key}:supports:widget").value == ["site", "reseaux"]
    assert summary in page.success[0].value  # the form is shown again
