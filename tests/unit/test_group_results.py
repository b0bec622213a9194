"""Group results as a trainer reads them: per participant and module, per attempt, per question
(with the wrong answer the room gave most), for everyone or one workshop's members.

Data is stored through the real APIs; tests that read it run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from course.content.course import Course
from course.quiz.response_text import describe_response, response_key
from course.results.chart import success_figure, success_summary, success_table
from course.results.data import read_results, results_fingerprint
from course.results.group import load_group_results
from course.results.tables import modules_table, participants_table, questions_table
from course.storage.store import Store
from tests.helpers import MATCHES, ORDER, PERFECT
from tests.unit.group_data import ALL_TYPES, NOW, group_course, make_group, take


@pytest.fixture(scope="module")
def course() -> Course:
    return group_course()


def rows_of(table: object, name: str) -> list[dict[str, object]]:
    records: list[dict[str, object]] = table.to_dict("records")  # type: ignore[attr-defined]
    return [row for row in records if row["Participant"] == name]


def test_each_module_shows_the_counted_score_pass_and_time_spent(
    store: Store, course: Course
) -> None:
    make_group(store, course)
    table = modules_table(load_group_results(course, store, None))
    zoe = {row["Module"]: row for row in rows_of(table, "Zoé Martin")}
    assert list(zoe) == ["1. Les bases", "2. Les mots", "Examen final"]
    assert zoe["1. Les bases"] == {
        "Participant": "Zoé Martin",
        "Module": "1. Les bases",
        "Tentatives": 2,
        "Score retenu (%)": 100.0,  # the best of 50 % then 100 % (attempt_counts: best)
        "Réussi": "Oui",
        "Temps passé (min)": 5.0,
        "Module terminé": "Non",
    }
    leo = {row["Module"]: row for row in rows_of(table, "Léo Dupont")}
    assert (leo["1. Les bases"]["Score retenu (%)"], leo["1. Les bases"]["Réussi"]) == (0.0, "Non")
    assert leo["1. Les bases"]["Temps passé (min)"] == 1.5


def test_the_last_attempt_counts_when_the_quiz_says_so(store: Store, course: Course) -> None:
    bases = course.quizzes["bases"]
    last_counts = replace(
        course,
        quizzes={**course.quizzes, "bases": bases.model_copy(update={"attempt_counts": "last"})},
    )
    learner, _ = store.learners.create("Zoé Martin")
    take(store, bases, learner, {"q1": 0, "q2": True}, NOW)
    take(store, bases, learner, {"q1": 1, "q2": True}, NOW + timedelta(minutes=10))
    row = rows_of(modules_table(load_group_results(last_counts, store, None)), "Zoé Martin")[0]
    assert (row["Score retenu (%)"], row["Réussi"]) == (50.0, "Non")


def test_a_workshop_shows_only_its_members_and_its_live_answers(
    store: Store, course: Course
) -> None:
    group = make_group(store, course)
    tuesday = load_group_results(course, store, group.tuesday.id)
    assert [p.name for p in tuesday.participants] == ["Léo Dupont", "Zoé Martin"]
    assert {line.workshop for line in tuesday.lines} == {"Atelier du mardi"}
    assert tuesday.scope_label == "atelier «\u00a0Atelier du mardi\u00a0»"
    everyone = load_group_results(course, store, None)
    assert [p.name for p in everyone.participants] == ["Ana Souza", "Léo Dupont", "Zoé Martin"]
    assert len(everyone.lines) == len(tuesday.lines) + 1  # Ana's live answer on Thursday


def test_each_question_counts_quiz_and_live_answers_and_names_the_commonest_mistake(
    store: Store, course: Course
) -> None:
    group = make_group(store, course)
    rows = questions_table(load_group_results(course, store, group.tuesday.id)).to_dict("records")
    first = rows[0]
    # q1: Zoé wrong then right, Léo wrong in the quiz; live: Zoé right, Léo wrong.
    assert first["Question"] == "Qu'est-ce qu'un réseau social ?"
    assert (first["Réponses"], first["Dont en direct"], first["Réponses justes"]) == (5, 2, 2)
    assert first["Réussite (%)"] == 40.0
    assert first["Réponse fausse la plus fréquente"] == "Un moteur de recherche"
    assert first["Nombre de fois"] == 3
    second = rows[1]
    assert (second["Type"], second["Réponse fausse la plus fréquente"]) == ("Vrai ou faux", "Faux")


def test_a_question_nobody_got_wrong_has_no_commonest_mistake(store: Store, course: Course) -> None:
    learner, _ = store.learners.create("Zoé Martin")
    take(store, course.quizzes["bases"], learner, {"q1": 0, "q2": True}, NOW)
    rows = questions_table(load_group_results(course, store, None)).to_dict("records")
    assert [(r["Réussite (%)"], r["Réponse fausse la plus fréquente"]) for r in rows] == [
        (100.0, ""),
        (100.0, ""),
    ]


def test_participants_show_completion_and_the_certificate_score(
    store: Store, course: Course
) -> None:
    group = make_group(store, course)
    take(store, ALL_TYPES, group.zoe, PERFECT, NOW + timedelta(hours=1))
    table = participants_table(load_group_results(course, store, group.tuesday.id))
    zoe = rows_of(table, "Zoé Martin")[0]
    assert zoe["Formation terminée"] == "Oui"
    assert zoe["Examen final (%)"] == zoe["Score retenu (%)"] == 100.0
    assert zoe["Quiz réussis (sur 1)"] == 1
    assert zoe["Nom affiché"] == "Zoé" and zoe["Atelier"] == "Atelier du mardi"
    assert rows_of(table, "Léo Dupont")[0]["Formation terminée"] == "Non"


def test_an_empty_group_gives_empty_tables_with_their_columns(store: Store, course: Course) -> None:
    results = load_group_results(course, store, None)
    assert participants_table(results).empty and "Participant" in participants_table(results)
    assert list(questions_table(results).columns)[:3] == ["Module", "Quiz", "Question"]


def test_the_fingerprint_changes_when_a_result_arrives(store: Store, course: Course) -> None:
    group = make_group(store, course)
    before = results_fingerprint(store, group.tuesday.id)
    assert results_fingerprint(store, group.tuesday.id) == before
    take(store, course.quizzes["bases"], group.leo, {"q1": 0}, NOW + timedelta(hours=2))
    assert results_fingerprint(store, group.tuesday.id) != before
    assert read_results(store, group.other.id).learners[0].learner.name == "Ana Souza"


def test_the_success_chart_has_a_bar_a_row_and_words_for_each_question(
    store: Store, course: Course
) -> None:
    group = make_group(store, course)
    results = load_group_results(course, store, group.tuesday.id)
    bars = success_figure(results).data[0]
    assert list(bars.x) == [40.0, 200 / 3]
    assert list(bars.y) == [
        "1. Qu'est-ce qu'un réseau social ?",
        "2. Un avatar est une image qui vous représente.",
    ]
    assert success_table(results)["Réussite"].tolist() == ["40\u202f%", "66,7\u202f%"]
    assert success_summary(results) == (
        "Part de bonnes réponses pour 2\u00a0questions, en moyenne 53\u202f%. "
        "La moins réussie\u202f: «\u00a0Qu'est-ce qu'un réseau social ?\u00a0» (40\u202f%). "
        "La mieux réussie\u202f: «\u00a0Un avatar est une image qui vous représente.\u00a0» "
        "(67\u202f%)."
    )


QUESTIONS = {question.id: question for question in ALL_TYPES.questions}


@pytest.mark.parametrize(
    ("question_id", "response", "text"),
    [
        ("choix-unique", 0, "Un moteur de recherche"),
        ("choix-multiple", [2, 0], "Récolter des dons\u202f; Vendre des espaces publicitaires"),
        ("choix-multiple", [], "Aucune option cochée"),
        ("vrai-faux", True, "Vrai"),
        ("vrai-faux", False, "Faux"),
        (
            "association",
            {**MATCHES, "Topic": "Message publié", "Post": "Sujet de discussion"},
            "Topic → Message publié\u202f; Post → Sujet de discussion",
        ),
        (
            "association",
            {"Avatar": "Image qui vous représente"},
            "Mur → sans réponse\u202f; Topic → sans réponse\u202f; Post → sans réponse",
        ),
        ("ordre", list(reversed(ORDER)), " → ".join(reversed(ORDER))),
        ("texte", "  les   followers ", "les followers"),
        ("nombre", "1 234,5", "1\u202f234,5"),
        ("nombre", 600, "600"),
        ("choix-unique", None, "Sans réponse"),
        ("choix-unique", 9, "option 9 (inconnue)"),  # answered before the quiz lost an option
    ],
)
def test_wrong_answers_read_as_the_learner_saw_them(
    question_id: str, response: object, text: str
) -> None:
    assert describe_response(QUESTIONS[question_id], response) == text


def test_answers_that_say_the_same_thing_are_counted_together() -> None:
    texte, nombre = QUESTIONS["texte"], QUESTIONS["nombre"]
    assert response_key(texte, "Les Followers !") == response_key(texte, "les followers")
    assert response_key(nombre, "600,0") == response_key(nombre, 600)
    assert response_key(nombre, "600") != response_key(nombre, "601")
