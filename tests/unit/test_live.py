"""Live questions: scoring, what the room sees in the distribution, the answer revealed."""

from __future__ import annotations

from course.content.loader import load_quiz
from course.workshop.live import answer_distribution, right_answer_text, score_live_answer
from tests.helpers import EVERY_TYPE_QUIZ, PERFECT

QUIZ = load_quiz(EVERY_TYPE_QUIZ)
QUESTIONS = {question.id: question for question in QUIZ.questions}


def test_a_right_answer_earns_the_question_s_points_and_a_wrong_or_broken_one_none() -> None:
    multiple = QUESTIONS["choix-multiple"]
    assert score_live_answer(multiple, PERFECT["choix-multiple"]) == (1.0, 2.0)
    assert score_live_answer(QUESTIONS["choix-unique"], 0) == (0.0, 0.0)
    assert score_live_answer(QUESTIONS["choix-unique"], "n'importe quoi") == (0.0, 0.0)
    fraction, points = score_live_answer(multiple, [0])
    assert 0 < fraction < 1 and points == round(fraction * 2, 4)


def test_every_option_appears_in_the_distribution_even_without_votes() -> None:
    single = QUESTIONS["choix-unique"]
    answers = [(1, 1.0), (1, 1.0), (0, 0.0)]
    assert answer_distribution(single, answers) == [
        ("A. Un moteur de recherche", 1),
        ("B. Un site où l'on crée un profil pour échanger", 2),
        ("C. Un journal en ligne", 0),
    ]
    assert answer_distribution(QUESTIONS["vrai-faux"], [(False, 1.0)]) == [
        ("Vrai", 0),
        ("Faux", 1),
    ]
    assert answer_distribution(QUESTIONS["texte"], [("abonnés", 1.0), ("fans", 0.0)]) == [
        ("Juste", 1),
        ("En partie juste", 0),
        ("Faux", 1),
    ]


def test_multiple_choice_counts_each_ticked_option() -> None:
    counts = dict(answer_distribution(QUESTIONS["choix-multiple"], [([0, 1], 0.5), ([0], 0.2)]))
    assert counts["A. Récolter des dons"] == 2 and counts["B. Recruter des bénévoles"] == 1


def test_the_reveal_states_the_right_answer_in_words() -> None:
    assert right_answer_text(QUESTIONS["choix-unique"]) == (
        "B. Un site où l'on crée un profil pour échanger"
    )
    assert right_answer_text(QUESTIONS["vrai-faux"]) == "Faux"
    assert (
        right_answer_text(QUESTIONS["texte"])
        == "«\u00a0abonnés\u00a0» ou «\u00a0les abonnés\u00a0»"
    )
    assert right_answer_text(QUESTIONS["nombre"]) == "610"
    assert right_answer_text(QUESTIONS["intervalle"]) == "entre 2\u202f023 et 2\u202f023"
