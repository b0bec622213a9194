"""A workshop in the app: a trainer session and participants' sessions on one database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from course.content import content_dir_from_env, load_course
from course.store import Store
from course.workshops import Workshops
from tests.app.conftest import open_page, sign_up

PASSWORD = "Atelier-de-test-2026"
COURSE = load_course(content_dir_from_env())
QUIZ = COURSE.quizzes["bases"]
QUESTION = QUIZ.questions[0]


@pytest.fixture
def trainer(app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A signed-in trainer on the « Espace formateur »."""
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    page = open_page(app(), "espace-formateur")
    next(t for t in page.text_input if t.label == "Mot de passe formateur").input(PASSWORD)
    return next(b for b in page.button if b.label == "Entrer").click().run()


def _button(page: AppTest, label: str) -> AppTest:
    return next(b for b in page.button if b.label == label).click().run()


def _open_workshop(trainer: AppTest) -> tuple[AppTest, str]:
    next(t for t in trainer.text_input if t.label == "Titre de l'atelier").input("Atelier test")
    trainer = _button(trainer, "Ouvrir l'atelier")
    assert not trainer.exception
    code = next(w for w in Workshops(_store()).recent() if w.title == "Atelier test").code
    assert any(code in c.value for c in trainer.code)  # the join link is shown
    return trainer, code


def _store() -> Store:
    return Store()


def _participant(app: Callable[..., AppTest], code: str, name: str) -> AppTest:
    """A phone that scanned the QR code: ?atelier=CODE, signs up, then joins."""
    phone = AppTest.from_file(app().__dict__["_script_path"], default_timeout=30)
    phone.query_params["atelier"] = code
    phone = open_page(phone, "atelier")
    phone = sign_up(phone, name)
    field = next(t for t in phone.text_input if t.label == "Code de l'atelier")
    assert field.value == code  # prefilled from the QR code's link
    return _button(phone, "Rejoindre l'atelier")


def test_a_live_question_goes_from_launch_to_reveal_and_into_the_participant_s_record(
    app: Callable[..., AppTest], trainer: AppTest
) -> None:
    trainer, code = _open_workshop(trainer)
    phone = _participant(app, code, "Zoé Martin")
    assert not phone.exception
    assert "La première question s'affichera ici" in phone.info[0].value
    trainer.run()
    assert "**1 participant**" in [m.value for m in trainer.markdown]

    trainer.selectbox(key="live-quiz").set_value(QUIZ)
    trainer = _button(trainer.run(), "Lancer la question")
    phone.run()
    assert "Question 1" in [s.value for s in phone.subheader]
    right = next(i for i, option in enumerate(QUESTION.options) if option.correct)  # type: ignore[union-attr]
    phone.radio[0].set_value(right)
    phone = _button(phone, "Envoyer ma réponse")
    assert "Réponse envoyée" in phone.success[0].value

    trainer.run()
    assert "**1 réponse(s) sur 1 participant(s)**" in [m.value for m in trainer.markdown]
    trainer = _button(trainer, "Révéler la réponse")
    assert "Bonne réponse" in trainer.success[0].value
    phone.run()
    assert "Bravo, c'est juste" in phone.success[0].value
    assert QUESTION.explanation in [i.value for i in phone.info]

    store = _store()
    zoe = store.learners_named("Zoé Martin")[0]
    answers = Workshops(store).answers_of(zoe.id)
    assert [(q.question_id, a.fraction) for q, a in answers] == [(QUESTION.id, 1.0)]
    journey = open_page(phone, "mon-parcours")  # the points are in Zoé's own record
    assert "Vos ateliers" in [s.value for s in journey.subheader]
    assert any("1 réponse(s), dont 1 juste(s), 1 point(s)" in m.value for m in journey.markdown)


def test_a_wrong_join_code_gets_a_french_message(app: Callable[..., AppTest]) -> None:
    phone = sign_up(open_page(app(), "atelier"), "Léo")
    next(t for t in phone.text_input if t.label == "Code de l'atelier").input("ZZZ-ZZZ")
    phone = _button(phone, "Rejoindre l'atelier")
    assert "Aucun atelier ne correspond à ce code" in phone.error[0].value
    assert not phone.exception


def test_an_answer_after_the_question_is_closed_is_refused(
    app: Callable[..., AppTest], trainer: AppTest
) -> None:
    trainer, code = _open_workshop(trainer)
    phone = _participant(app, code, "Léo Dupont")
    trainer.selectbox(key="live-quiz").set_value(QUIZ)
    trainer = _button(trainer.run(), "Lancer la question")
    phone.run()
    phone.radio[0].set_value(0)
    trainer = _button(trainer, "Clore la question")  # closed while Léo was choosing
    phone = _button(phone, "Envoyer ma réponse")
    assert "les réponses ne sont plus acceptées" in phone.info[0].value
    workshop = Workshops(_store()).by_code(code)
    assert workshop is not None
    current = Workshops(_store()).current_question(workshop.id)
    assert current is not None and Workshops(_store()).answers(current.id) == []
