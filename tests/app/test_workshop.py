"""A workshop in the app: a trainer session and participants' sessions on one database."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from streamlit.runtime.scriptrunner import RerunData
from streamlit.testing.v1 import AppTest, local_script_runner

from course.storage.store import Store
from course.workshop.questions import LiveQuestion, LiveQuestions
from course.workshop.workshops import Workshops
from tests.app.conftest import open_page, sign_up
from tests.helpers import shipped_course
from views import live
from views.live import PHONE_FRAGMENT, live_signature

PASSWORD = "Atelier-de-test-2026"
COURSE = shipped_course()
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


def _poll(phone: AppTest, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """One run of the phone's polling fragment alone, as its timer or its form's button starts it.

    AppTest only runs whole pages, so this asks its script runner for the fragment's run the way
    the browser does (RerunData with the fragment's id). The tree then holds the fragment's
    elements only, which is what the participant sees change.
    """
    fragment_ids = phone._fragment_storage.resolve_target(PHONE_FRAGMENT)
    with monkeypatch.context() as patch:
        patch.setattr(
            local_script_runner,
            "RerunData",
            functools.partial(RerunData, fragment_id_queue=list(fragment_ids), is_auto_rerun=True),
        )
        return phone.run()


def _launch(trainer: AppTest) -> AppTest:
    trainer.selectbox(key="live-quiz").set_value(QUIZ)
    trainer = _button(trainer.run(), "Lancer la question")
    live_signature.clear()  # the phones' next poll sees it (else within SIGNATURE_TTL)
    return trainer


def _current_id(code: str) -> str:
    workshop = Workshops(_store()).by_code(code)
    assert workshop is not None
    current = LiveQuestions(_store()).current_question(workshop.id)
    assert current is not None
    return current.id


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
    zoe = store.learners.named("Zoé Martin")[0]
    answers = LiveQuestions(store).answers_of(zoe.id)
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
    current = LiveQuestions(_store()).current_question(workshop.id)
    assert current is not None and LiveQuestions(_store()).answers(current.id) == []


def test_the_phone_s_poll_draws_the_question_and_the_sent_answer_without_a_page_run(
    app: Callable[..., AppTest], trainer: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainer, code = _open_workshop(trainer)
    phone = _participant(app, code, "Zoé Martin")
    phone = _poll(phone, monkeypatch)
    assert "La première question s'affichera ici" in phone.info[0].value

    trainer = _launch(trainer)
    phone = _poll(phone, monkeypatch)
    assert not phone.exception
    assert [s.value for s in phone.subheader] == ["Question 1"]
    assert not phone.title  # the page itself did not run again
    radio = phone.radio[0]

    # While the question is unchanged, a poll reads no database table and redraws the same
    # widgets (same ids): the browser keeps a choice made but not sent.
    read: list[str] = []
    original = LiveQuestions.current_question

    def counted(self: LiveQuestions, workshop_id: str) -> LiveQuestion | None:
        read.append(workshop_id)
        return original(self, workshop_id)

    monkeypatch.setattr(LiveQuestions, "current_question", counted)
    for _ in range(2):
        phone = _poll(phone, monkeypatch)
        assert [(r.id, r.key) for r in phone.radio] == [(radio.id, radio.key)]
    assert read == []
    assert radio.key != radio.form_id  # the keys of widget and form differ
    monkeypatch.setattr(LiveQuestions, "current_question", original)

    right = next(i for i, option in enumerate(QUESTION.options) if option.correct)  # type: ignore[union-attr]
    phone.radio[0].set_value(right)
    phone.button[0].click()  # « Envoyer ma réponse », inside the fragment: a fragment run
    phone = _poll(phone, monkeypatch)
    assert "Réponse envoyée" in phone.success[0].value  # right away, in that same run
    assert not phone.radio and not phone.warning
    phone = _poll(phone, monkeypatch)
    assert "Réponse envoyée" in phone.success[0].value and not phone.radio
    assert len(LiveQuestions(_store()).answers(_current_id(code))) == 1  # stored once

    trainer = _button(trainer.run(), "Révéler la réponse")
    live_signature.clear()
    phone = _poll(phone, monkeypatch)
    assert "Bravo, c'est juste" in phone.success[0].value
    assert QUESTION.explanation in [i.value for i in phone.info]


def test_a_response_not_usable_keeps_its_message_across_polls(
    app: Callable[..., AppTest], trainer: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainer, code = _open_workshop(trainer)
    phone = _participant(app, code, "Léo Dupont")
    trainer = _launch(trainer)
    phone = _poll(phone, monkeypatch)
    phone.button[0].click()  # sent with nothing chosen
    phone = _poll(phone, monkeypatch)
    assert "Répondez avant de valider." in phone.warning[0].value
    phone = _poll(phone, monkeypatch)  # a poll does not wipe the message
    assert "Répondez avant de valider." in phone.warning[0].value
    assert phone.radio  # and the form is still there
    assert LiveQuestions(_store()).answers(_current_id(code)) == []


def test_an_answer_sent_before_the_phone_saw_the_close_gets_the_french_warning(
    app: Callable[..., AppTest], trainer: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainer, code = _open_workshop(trainer)
    phone = _participant(app, code, "Inès Haddad")
    trainer = _launch(trainer)
    phone = _poll(phone, monkeypatch)
    opened = live_signature(Workshops(_store()).by_code(code).id)  # type: ignore[union-attr]
    assert opened is not None and opened[1] == "open"
    trainer = _button(trainer, "Clore la question")
    # The phone's cached (question, state) does not know it yet.
    monkeypatch.setattr(live, "live_signature", lambda workshop_id: opened)
    phone.radio[0].set_value(0)
    phone.button[0].click()
    phone = _poll(phone, monkeypatch)
    late = "La question vient d'être close\u202f: votre réponse n'a pas pu être prise en compte."
    assert [w.value for w in phone.warning] == [late]
    assert "les réponses ne sont plus acceptées" in phone.info[0].value
    assert not phone.radio  # the form is not offered again
    phone = _poll(phone, monkeypatch)  # still the stale state: the warning stays
    assert [w.value for w in phone.warning] == [late] and not phone.radio
    monkeypatch.setattr(live, "live_signature", live_signature)
    live_signature.clear()
    phone = _poll(phone, monkeypatch)  # the close seen: still the warning
    assert [w.value for w in phone.warning] == [late]
    assert LiveQuestions(_store()).answers(_current_id(code)) == []
