"""The personal action plan: the learner's exercise answers turned into next steps."""

from __future__ import annotations

from datetime import date

from course.content.exercise_registry import EXERCISES
from course.exercises import advisor, checklist, gift, tweet
from course.journey.action_plan import action_plan
from course.journey.progress import learner_progress
from tests.helpers import PROJECT_ROOT, loaded_course

COURSE = loaded_course(PROJECT_ROOT)
FRESH = learner_progress(COURSE, {}, {})
TODAY = date(2026, 11, 23)


def answers() -> dict[str, dict]:  # type: ignore[type-arg]
    settings, errors = gift.load_gift_settings(PROJECT_ROOT)
    assert settings is not None, errors
    return {
        "quel-reseau": advisor.advise("solidarite", ["jeunes"], ["benevoles"], "1-2h"),
        "checklist-page-facebook": checklist.check_page(["bandeau"]),
        "composer-tweet": tweet.compose_tweet("<script>x</script> **Merci** @voisins"),
        "simulateur-don": gift.gift_result("100", "aide", "", settings),
    }


def test_the_plan_turns_each_exercise_into_next_steps() -> None:
    given = answers()
    plan = action_plan("Zoé", FRESH, given, TODAY)
    assert plan.startswith("# Plan d'action pour les réseaux sociaux de votre association")
    assert "Établi pour Zoé le 23 novembre 2026" in plan
    for network in given["quel-reseau"]["recommended"]:
        assert f": {network['name']}" in plan
    for action in given["checklist-page-facebook"]["next_actions"]:
        assert action in plan
    assert given["simulateur-don"]["summary"] in plan
    assert "réussir le quiz du module 1" in plan


def test_what_the_learner_typed_is_escaped_in_the_plan() -> None:
    plan = action_plan("<b>Zoé</b>", FRESH, answers(), TODAY)
    assert "<script>" not in plan and "<b>" not in plan and "**Merci**" not in plan
    assert r"\<script\>" in plan and r"\*\*Merci\*\*" in plan


def test_a_plan_without_exercises_says_which_ones_to_do() -> None:
    plan = action_plan("Zoé", FRESH, {}, TODAY)
    assert plan.count("Vous n'avez pas encore fait l'exercice") == len(EXERCISES)
    assert "(module 10)" in plan and "(module 8)" in plan


def test_the_image_description_joins_the_plan_escaped() -> None:
    from course.exercises.image_description import check_description

    typed = "<b>Une bénévole</b> tend un sac **à une dame** #Collecte"
    plan = action_plan("Zoé", FRESH, {"decrire-image": check_description(typed)}, TODAY)
    assert "## 5. Des images décrites pour tous" in plan
    assert "<b>" not in plan and "**à une dame**" not in plan
    assert r"\<b\>Une bénévole\</b\>" in plan
    assert "Sans hashtag, lien ni émoji\u202f: à revoir" in plan
    assert "décrivez chaque image dans son texte alternatif" in plan
    assert "Décrivez une image" not in plan.split("## 5.")[1].split("## 6.")[0]
