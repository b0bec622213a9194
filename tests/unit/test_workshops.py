"""Workshops in the database, on SQLite and PostgreSQL: join codes, roster, live questions."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from course.codes import ALPHABET
from course.storage.store import Store
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
    zoe, _ = store.create_learner("Zoé Martin")
    leo, _ = store.create_learner("Léo Dupont")
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
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", leaderboard=True, now=NOW)
    zoe, _ = store.create_learner("Zoé Martin")
    leo, _ = store.create_learner("Léo Dupont")
    for learner, pseudonym in ((zoe, "Zoé"), (leo, "Léo")):
        workshops.join(workshop.id, learner.id, pseudonym, NOW)
    first = workshops.launch(workshop.id, "bases", "definition", NOW)
    assert first.number == 1 and first.state == "open"
    assert workshops.answer(first.id, zoe.id, 1, 1.0, 1.0, NOW)
    assert not workshops.answer(first.id, zoe.id, 2, 0.0, 0.0, NOW)  # a second click
    assert workshops.answer_of(first.id, zoe.id).response == 1  # type: ignore[union-attr]
    workshops.close_question(first.id, NOW)
    assert not workshops.answer(first.id, leo.id, 1, 1.0, 1.0, NOW)  # too late
    workshops.reveal(first.id, NOW)
    assert workshops.current_question(workshop.id).state == "revealed"  # type: ignore[union-attr]
    second = workshops.launch(workshop.id, "bases", "profil", NOW + timedelta(minutes=1))
    assert second.number == 2 and workshops.current_question(workshop.id) == second
    assert workshops.answer(second.id, leo.id, [0, 1], 0.5, 1.0, NOW)
    assert workshops.answer_count(second.id) == 1
    assert workshops.leaderboard(workshop.id) == [("Léo", 1.0), ("Zoé", 1.0)]
    assert [(q.number, a.learner_id) for q, a in workshops.workshop_answers(workshop.id)] == [
        (1, zoe.id),
        (2, leo.id),
    ]
    assert [q.question_id for q, _ in workshops.answers_of(zoe.id)] == ["definition"]


def test_launching_a_question_closes_the_one_still_open(store: Store) -> None:
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    first = workshops.launch(workshop.id, "bases", "definition", NOW)
    workshops.launch(workshop.id, "bases", "profil", NOW)
    assert workshops.live_question(first.id).state == "closed"  # type: ignore[union-attr]


def test_closing_a_workshop_closes_its_question(store: Store) -> None:
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    question = workshops.launch(workshop.id, "bases", "definition", NOW)
    workshops.close_workshop(workshop.id, NOW)
    assert not workshops.workshop(workshop.id).open  # type: ignore[union-attr]
    assert workshops.live_question(question.id).state == "closed"  # type: ignore[union-attr]


def test_erasing_a_learner_erases_their_live_answers_and_membership(store: Store) -> None:
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    zoe, _ = store.create_learner("Zoé")
    workshops.join(workshop.id, zoe.id, "Zoé", NOW)
    question = workshops.launch(workshop.id, "bases", "definition", NOW)
    workshops.answer(question.id, zoe.id, 1, 1.0, 1.0, NOW)
    data = store.learner_data(zoe.id)
    assert data["ateliers"][0]["code"] == workshop.code
    assert data["questions en direct"][0]["réponse"] == 1
    store.delete_learner(zoe.id)
    assert workshops.roster(workshop.id) == []
    assert workshops.answers(question.id) == []


def test_thirty_phones_answering_at_once_with_double_taps_store_one_answer_each(
    store: Store,
) -> None:
    workshops = Workshops(store)
    workshop = workshops.open_workshop("Atelier", now=NOW)
    people = [store.create_learner(f"Participant {n}")[0] for n in range(30)]
    question = workshops.launch(workshop.id, "bases", "definition", NOW)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def tap(learner_id: str) -> None:
        for _ in range(2):  # a double tap
            stored = workshops.answer(question.id, learner_id, 1, 1.0, 1.0)
            with lock:
                outcomes.append(stored)

    threads = [threading.Thread(target=tap, args=(p.id,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(True) == 30 and outcomes.count(False) == 30
    assert workshops.answer_count(question.id) == 30


def test_a_question_launched_through_one_server_is_answered_through_another(
    database_url: str,
) -> None:
    first_server, second_server = Workshops(Store(database_url)), Workshops(Store(database_url))
    workshop = first_server.open_workshop("Atelier", now=NOW)
    zoe, _ = second_server.store.create_learner("Zoé")
    second_server.join(second_server.by_code(workshop.code).id, zoe.id, "Zoé")  # type: ignore[union-attr]
    launched = first_server.launch(workshop.id, "bases", "definition")
    seen = second_server.current_question(workshop.id)
    assert seen == launched
    assert second_server.answer(launched.id, zoe.id, 1, 1.0, 1.0)
    assert first_server.answer_count(launched.id) == 1
    for server in (first_server, second_server):
        server.store.engine.dispose()
