"""The learner's journey in process (AppTest): a record, resume codes, progress, certificate,
verification and data rights."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from course.certificates.badges import recipient_matches
from course.content.loader import content_dir_from_env
from course.quiz.attempts import Attempt
from course.quiz.grading import QuizResult
from course.storage.guard import POLICIES
from course.storage.learners import Learner
from course.storage.personal_data import learner_data
from course.storage.store import Store
from tests.app.conftest import held_code, open_page, open_resume_link, sign_up
from tests.helpers import shipped_course

COURSE = shipped_course()
CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")


@pytest.fixture(autouse=True)
def static_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the app writes Open Badges files: never the checkout's static/ in these tests."""
    folder = tmp_path / "static"
    monkeypatch.setenv("COURSE_STATIC_DIR", str(folder))
    return folder


@pytest.fixture
def journey(app: Callable[..., AppTest], data_dir: Path) -> AppTest:
    return open_page(app(str(content_dir_from_env())), "mon-parcours")


def pass_quiz(store: Store, learner: Learner, quiz_id: str, percent: float) -> None:
    """A finished attempt at `percent`, as the quiz page would store it."""
    quiz = COURSE.quizzes[quiz_id]
    attempt = Attempt.start(quiz, COURSE.quiz_hashes[quiz_id], learner.id)
    store.attempts.save_new(attempt)
    attempt = store.attempts.record_step(attempt, 1, "submit")
    result = QuizResult(percent, 100, percent, percent >= quiz.pass_mark, ())
    store.attempts.finish(attempt, result)


def complete_course(store: Store, learner: Learner) -> None:
    for lesson in COURSE.lessons:
        store.learners.record_visit(learner.id, lesson.id, 300)
        assert lesson.meta.quiz is not None
        pass_quiz(store, learner, lesson.meta.quiz, 90)
    pass_quiz(store, learner, "examen-final", 85)


def test_a_new_learner_gets_a_code_and_a_link_and_the_next_step(journey: AppTest) -> None:
    page = sign_up(journey, "Zoé N’Diaye")
    code = held_code(page)
    assert CODE.match(code)
    assert "reprise" not in page.query_params  # the code is never written into the address
    assert f"Voici votre code personnel\u202f: **{code}**" in page.success[0].value
    assert not page.code  # the link is shown on demand only
    page = page.toggle(key="learner:show-code").set_value(True).run()
    assert [c.value for c in page.code][:2] == [
        code,
        f"http://localhost:8501/mon-parcours?reprise={code}",
    ]
    assert any("QR code de votre lien de reprise" in str(h.proto.body) for h in page.get("html"))
    assert page.markdown[0].value == "Parcours de **Zoé N’Diaye**"
    assert page.metric[0].value == f"0 sur {len(COURSE.lessons)}"
    assert any("Lire le module 1" in str(link.proto.label) for link in page.get("page_link"))


def test_a_name_with_markup_is_shown_as_plain_text(journey: AppTest) -> None:
    page = sign_up(journey, "<b>Zoé</b> **gras** ![x](http://x)")
    shown = page.markdown[0].value
    assert "<b>" not in shown and "**gras**" not in shown and "![x]" not in shown
    assert shown == r"Parcours de **\<b\>Zoé\</b\> \*\*gras\*\* \!\[x\]\(http\:\/\/x\)**".replace(
        r"\/", "/"
    )


def test_a_name_without_letters_is_refused_in_french(journey: AppTest) -> None:
    page = sign_up(journey, "   ")
    assert "Écrivez votre nom" in page.error[0].value
    assert "reprise" not in page.query_params


def test_the_code_opens_the_record_on_another_device(
    app: Callable[..., AppTest], journey: AppTest, sqlite_store: Store
) -> None:
    _, code = sqlite_store.learners.create("Léo")
    other_device = app(str(content_dir_from_env()))
    other_device.query_params["reprise"] = code.lower().replace("-", " ")
    page = open_page(other_device, "mon-parcours")
    assert "reprise" not in page.query_params  # out of the address bar at once
    assert "Vous reprenez le parcours de **Léo**" in page.markdown[0].value
    assert not page.code and not page.metric  # nothing of the record before « C'est moi »
    page = next(b for b in page.button if b.label == "C'est moi").click().run()
    assert "Parcours de **Léo**" in [m.value for m in page.markdown]
    assert held_code(page) == code and "reprise" not in page.query_params
    assert not page.code  # the code and link are shown on demand only
    page.toggle(key="learner:show-code").set_value(True).run()
    assert [c.value for c in page.code][:1] == [code]


def test_leaving_the_device_clears_what_the_session_held(
    app: Callable[..., AppTest], journey: AppTest, sqlite_store: Store
) -> None:
    _, code = sqlite_store.learners.create("Léo")
    page = open_resume_link(app(str(content_dir_from_env())), "ong-twitter", code)
    page.text_area(key="exercise:composer-tweet:texte:widget").input("Brouillon de Léo")
    page = open_page(page.run(), "mon-parcours")
    page = next(b for b in page.button if b.label.startswith("Quitter mon parcours")).click().run()
    assert "learner" not in page.session_state
    assert "exercise:composer-tweet:texte" not in page.session_state
    page = open_page(page, "ong-twitter")
    assert page.text_area(key="exercise:composer-tweet:texte:widget").value == ""


def test_wrong_codes_are_refused_then_slowed_down(journey: AppTest) -> None:
    page = journey
    for _ in range(POLICIES["resume"].limit):
        next(t for t in page.text_input if t.label == "Votre code personnel").input("AAAA-BBBB")
        page = next(b for b in page.button if b.label == "Reprendre mon parcours").click().run()
        assert "ne correspond à aucun parcours" in page.error[0].value
    next(t for t in page.text_input if t.label == "Votre code personnel").input("AAAA-BBBC")
    page = next(b for b in page.button if b.label == "Reprendre mon parcours").click().run()
    assert "Trop de codes erronés" in page.error[0].value


def test_a_completed_course_gives_a_certificate_that_anyone_can_verify(
    app: Callable[..., AppTest], journey: AppTest, sqlite_store: Store
) -> None:
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None
    complete_course(sqlite_store, learner)
    page = page.run()
    assert "score de 85\u202f%" in page.success[-1].value
    certificate = sqlite_store.certificates.of(learner.id)
    assert certificate is not None
    labels = [b.proto.label for b in page.get("download_button")]
    assert labels[0] == "Télécharger mon attestation (PDF)"
    checker = app(str(content_dir_from_env()))
    checker.query_params["code"] = certificate.code
    verified = open_page(checker, "verification")
    assert verified.success[0].value == "Attestation authentique."
    assert "**Délivrée à**\u202f: Zoé" in verified.main.markdown[-1].value
    assert "85\u202f%" in verified.main.markdown[-1].value
    checker.query_params["code"] = "ZZZZ-ZZZZ"
    unknown = open_page(checker, "verification")
    assert "Aucune attestation ne correspond" in unknown.error[0].value


def test_what_remains_is_listed_until_the_course_is_complete(
    journey: AppTest, sqlite_store: Store
) -> None:
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None
    pass_quiz(sqlite_store, learner, "bases", 90)
    page = page.run()
    remaining = next(m.value for m in page.markdown if m.value.startswith("Pour obtenir"))
    assert "réussir le quiz du module 2" in remaining and "module 1 " not in remaining
    assert "réussir l'examen final" in remaining
    assert sqlite_store.certificates.of(learner.id) is None


def test_a_learner_downloads_then_erases_their_data(journey: AppTest, sqlite_store: Store) -> None:
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None
    exported = learner_data(sqlite_store, learner.id)
    assert json.loads(json.dumps(exported))["apprenant"]["nom"] == "Zoé"
    page.checkbox[0].check()
    page = next(b for b in page.run().button if b.label == "Effacer mon parcours").click().run()
    assert page.success[0].value == "Votre parcours a été effacé."
    assert sqlite_store.learners.get(learner.id) is None
    assert "reprise" not in page.query_params


def test_a_module_can_be_marked_finished(
    app: Callable[..., AppTest], journey: AppTest, sqlite_store: Store
) -> None:
    code = held_code(sign_up(journey, "Zoé"))
    lesson = app(str(content_dir_from_env()))
    page = open_resume_link(lesson, "bases", code)
    page = next(b for b in page.button if b.label == "J'ai terminé ce module").click().run()
    assert any(s.value.startswith("Module terminé le ") for s in page.success)
    learner = sqlite_store.learners.by_code(code)
    assert learner is not None and sqlite_store.learners.visits(learner.id)["bases"].completed_at


def test_a_signed_in_learner_s_exercise_results_are_kept_in_their_record(
    app: Callable[..., AppTest], journey: AppTest, sqlite_store: Store
) -> None:
    code = held_code(sign_up(journey, "Zoé"))
    lesson = app(str(content_dir_from_env()))
    page = open_resume_link(lesson, "ong-twitter", code)
    page.text_area(key="exercise:composer-tweet:texte:widget").input("Merci @voisins #Collecte")
    page = next(b for b in page.button if b.label == "Compter les caractères").click().run()
    learner = sqlite_store.learners.by_code(code)
    assert learner is not None
    saved = sqlite_store.learners.exercise_answers(learner.id)["composer-tweet"]
    assert saved["hashtags"] == ["Collecte"] and saved["mentions"] == ["voisins"]


def test_with_the_certificate_comes_a_hosted_open_badge(
    journey: AppTest, sqlite_store: Store, static_dir: Path
) -> None:
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None
    assert not (static_dir / "badges").exists()  # nothing before the certificate
    complete_course(sqlite_store, learner)
    page = page.run()
    certificate = sqlite_store.certificates.of(learner.id)
    assert certificate is not None
    labels = [b.proto.label for b in page.get("download_button")]
    assert labels[:2] == [
        "Télécharger mon attestation (PDF)",
        "Télécharger mon badge (Open Badges)",
    ]
    hosted = static_dir / "badges" / f"assertion-{certificate.badge_id}.json"
    earned = json.loads(hosted.read_text(encoding="utf-8"))
    base = "http://localhost:8501"
    assert earned["id"] == f"{base}/app/static/badges/assertion-{certificate.badge_id}.json"
    assert earned["verification"] == {"type": "hosted"}
    assert earned["recipient"]["type"] == "url"  # no e-mail given at sign-up
    assert earned["evidence"] == f"{base}/verification?code={certificate.code}"
    assert (static_dir / "badges" / "badge-formation.json").exists()
    assert (static_dir / "badges" / "issuer.json").exists()
    explanation = next(c.value for c in page.caption if "Open Badges" in c.value)
    assert "portefeuille de badges" in explanation and earned["id"] in explanation
    assert "pas donné d'adresse e-mail" in explanation


def test_a_learner_with_an_email_gets_a_badge_for_that_address(
    journey: AppTest, sqlite_store: Store, static_dir: Path
) -> None:
    next(t for t in journey.text_input if t.label.startswith("Votre adresse e-mail")).input(
        "Zoe@Example.org"
    )
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None and learner.email == "Zoe@Example.org"
    complete_course(sqlite_store, learner)
    page = page.run()
    certificate = sqlite_store.certificates.of(learner.id)
    assert certificate is not None
    hosted = static_dir / "badges" / f"assertion-{certificate.badge_id}.json"
    identity = json.loads(hosted.read_text(encoding="utf-8"))["recipient"]
    assert identity["type"] == "email" and recipient_matches(identity, "zoe@example.org")
    assert not any("pas donné d'adresse e-mail" in c.value for c in page.caption)
    page = page.run()  # shown again: the same file, the same salt
    assert json.loads(hosted.read_text(encoding="utf-8"))["recipient"] == identity


def test_erasing_the_record_withdraws_the_badge(
    journey: AppTest, sqlite_store: Store, static_dir: Path
) -> None:
    page = sign_up(journey, "Zoé")
    learner = sqlite_store.learners.by_code(held_code(page))
    assert learner is not None
    complete_course(sqlite_store, learner)
    page = page.run()
    certificate = sqlite_store.certificates.of(learner.id)
    assert certificate is not None
    hosted = static_dir / "badges" / f"assertion-{certificate.badge_id}.json"
    assert hosted.exists()
    next(c for c in page.checkbox if c.label.startswith("Je comprends")).check()
    page = next(b for b in page.run().button if b.label == "Effacer mon parcours").click().run()
    assert page.success[0].value == "Votre parcours a été effacé."
    assert not hosted.exists()
    assert (static_dir / "badges" / "issuer.json").exists()  # the course's own documents stay


def test_a_name_the_certificate_cannot_print_is_kept_with_a_warning(
    journey: AppTest, sqlite_store: Store
) -> None:
    page = sign_up(journey, "Priya ประเสริฐ <b>")
    code = held_code(page)
    learner = sqlite_store.learners.by_code(code)
    assert learner is not None and learner.name == "Priya ประเสริฐ <b>"
    warning = page.warning[0].value
    assert warning.startswith("Votre parcours est bien créé.")
    assert "«\u00a0ป\u00a0» (U+0E1B)" in warning and "(U+0E10)" in warning
    assert "«\u00a0Priya \\<b\\>\u00a0»" in warning  # what the PDF prints, escaped
    assert "<b>" not in warning.replace("\\<b\\>", "")
    assert "Voici votre code personnel" in page.success[0].value
    assert not page.run().warning  # said once, right after sign-up


def test_a_printable_name_gets_no_warning(journey: AppTest) -> None:
    page = sign_up(journey, "Zoé N’Diaye 李小龍 محمد")
    assert not page.warning
