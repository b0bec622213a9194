"""Workshops and live questions in the database, on SQLite and PostgreSQL: join codes, roster,
questions and answers."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from course.codes import ALPHABET
from course.storage.personal_data import learner_data
from course.storage.store import Store
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshops, normalise_join_code

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def test_a_workshop_gets_a_short_unambiguous_join_code_typed_loosely(store: Store) -> None:
    workshops = Workshops(store)
    opened = workshops.open_workshop("Atelier du mardi", now=NOW)
    assert len(opened.code) == 7 and opened.code[3] == "-"
    assert set(opened.code.replace("-", "")) <= set(ALPHABET)
    assert workshops.by_code(opened.code.lower().replace("-", " ")) == opened
    assert workshops.by_code("ZZZ-ZZZ" if opened.code != "ZZZ-ZZZ" else "YYY-YYY") is None
    assert workshops.by_code("<script>") is None
    assert normalise_join_code("k7q f29") == "K7Q-F29"


def test_join_codes_are_unique_over_many_workshops(store: Store) -> None:
    workshops = Workshops(store)
    codes = {workshops.open_workshop(f"Atelier {n}", now=NOW).code for n in range(200)}
    assert len(codes) == 200


def test_the_roster_lists_each_participant_once(store: Store) -> None:
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    zoe, _ = store.learners.create("Zoé Martin")
    leo, _ = store.learners.create("Léo Dupont")
    workshops.join(workshop.id, zoe.id, "Zoé", NOW)
    workshops.join(workshop.id, zoe.id, "Zozo", NOW + timedelta(minutes=1))  # joins again
    workshops.join(workshop.id, leo.id, "Léo", NOW + timedelta(minutes=2))
    roster = workshops.roster(workshop.id)
    assert [(m.name, m.display_name) for m in roster] == [
        ("Zoé Martin", "Zoé"),
        ("Léo Dupont", "Léo"),
    ]
    assert workshops.is_member(workshop.id, zoe.id)
    assert workshops.workshops_of(leo.id) == [workshop]


def test_a_live_question_is_answered_once_while_open_then_revealed(store: Store) -> None:
    workshops, live = Workshops(store), LiveQuestions(store)
    workshop = workshops.open_workshop("Atelier", leaderboard=True, now=NOW)
    zoe, _ = store.learners.create("Zoé Martin")
    leo, _ = store.learners.create("Léo Dupont")
    for learner, pseudonym in ((zoe, "Zoé"), (leo, "Léo")):
        workshops.join(workshop.id, learner.id, pseudonym, NOW)
    first = live.launch(workshop.id, "bases", "definition", NOW)
    assert first.number == 1 and first.state == "open"
    assert live.answer(first.id, zoe.id, 1, 1.0, 1.0, NOW)
    assert not live.answer(first.id, zoe.id, 2, 0.0, 0.0, NOW)  # a second click
    assert live.answer_of(first.id, zoe.id).response == 1  # type: ignore[union-attr]
    live.close_question(first.id, NOW)
    assert not live.answer(first.id, leo.id, 1, 1.0, 1.0, NOW)  # too late
    live.reveal(first.id, NOW)
    assert live.current_question(workshop.id).state == "revealed"  # type: ignore[union-attr]
    second = live.launch(workshop.id, "bases", "profil", NOW + timedelta(minutes=1))
    assert second.number == 2 and live.current_question(workshop.id) == second
    assert live.answer(second.id, leo.id, [0, 1], 0.5, 1.0, NOW)
    assert live.answer_count(second.id) == 1
    assert live.leaderboard(workshop.id) == [("Léo", 1.0), ("Zoé", 1.0)]
    assert [(q.number, a.learner_id) for q, a in live.workshop_answers(workshop.id)] == [
        (1, zoe.id),
        (2, leo.id),
    ]
    assert [q.question_id for q, _ in live.answers_of(zoe.id)] == ["definition"]


def test_launching_a_question_closes_the_one_still_open(store: Store) -> None:
    workshops, live = Workshops(store), LiveQuestions(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    first = live.launch(workshop.id, "bases", "definition", NOW)
    live.launch(workshop.id, "bases", "profil", NOW)
    assert live.live_question(first.id).state == "closed"  # type: ignore[union-attr]


def test_closing_a_workshop_closes_its_question(store: Store) -> None:
    workshops, live = Workshops(store), LiveQuestions(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    question = live.launch(workshop.id, "bases", "definition", NOW)
    workshops.close_workshop(workshop.id, NOW)
    assert not workshops.workshop(workshop.id).open  # type: ignore[union-attr]
    assert live.live_question(question.id).state == "closed"  # type: ignore[union-attr]


def test_erasing_a_learner_erases_their_live_answers_and_membership(store: Store) -> None:
    workshops, live = Workshops(store), LiveQuestions(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    zoe, _ = store.learners.create("Zoé")
    workshops.join(workshop.id, zoe.id, "Zoé", NOW)
    question = live.launch(workshop.id, "bases", "definition", NOW)
    live.answer(question.id, zoe.id, 1, 1.0, 1.0, NOW)
    data = learner_data(store, zoe.id)
    assert data["ateliers"][0]["code"] == workshop.code
    assert data["questions en direct"][0]["réponse"] == 1
    store.learners.delete(zoe.id)
    assert workshops.roster(workshop.id) == []
    assert live.answers(question.id) == []


def test_thirty_phones_answering_at_once_with_double_taps_store_one_answer_each(
    store: Store,
) -> None:
    workshops, live = Workshops(store), LiveQuestions(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    people = [store.learners.create(f"Participant {n}")[0] for n in range(30)]
    question = live.launch(workshop.id, "bases", "definition", NOW)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def tap(learner_id: str) -> None:
        for _ in range(2):  # a double tap
            stored = live.answer(question.id, learner_id, 1, 1.0, 1.0)
            with lock:
                outcomes.append(stored)

    threads = [threading.Thread(target=tap, args=(p.id,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(True) == 30 and outcomes.count(False) == 30
    assert live.answer_count(question.id) == 30


def test_a_question_launched_through_one_server_is_answered_through_another(
    database_url: str,
) -> None:
    first_store, second_store = Store(database_url), Store(database_url)
    first_server, second_server = LiveQuestions(first_store), LiveQuestions(second_store)
    workshop = Workshops(first_store).open_workshop("Atelier", now=NOW)
    zoe, _ = second_store.learners.create("Zoé")
    joined = Workshops(second_store).by_code(workshop.code)
    assert joined is not None
    Workshops(second_store).join(joined.id, zoe.id, "Zoé")
    launched = first_server.launch(workshop.id, "bases", "definition")
    seen = second_server.current_question(workshop.id)
    assert seen == launched
    assert second_server.answer(launched.id, zoe.id, 1, 1.0, 1.0)
    assert first_server.answer_count(launched.id) == 1
    for opened in (first_store, second_store):
        opened.engine.dispose()
