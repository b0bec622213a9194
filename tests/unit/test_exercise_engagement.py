"""« Calculez et lisez un taux d'engagement » (module 15): the rate, its reading, refused inputs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from course.content.exercise_registry import EXERCISES
from course.content.prose import plain_paragraphs
from course.exercises import InvalidInput
from course.exercises import engagement as eng
from course.exercises.engagement import (
    BASES,
    EXERCISE_ID,
    MAX_COUNT,
    engagement_rate,
    engagement_result,
    parse_count,
)
from course.journey.action_plan import action_plan
from course.journey.progress import learner_progress
from tests.helpers import shipped_course
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK

NNBSP = "\u202f"


def rate(interactions: str, chosen: str = "couverture", **bases: str) -> dict:  # type: ignore[type-arg]
    return engagement_result(interactions, bases, chosen)


def refused(interactions: str, chosen: str = "couverture", **bases: str) -> str:
    with pytest.raises(InvalidInput) as problem:
        engagement_result(interactions, bases, chosen)
    return str(problem.value)


def test_the_exercise_is_registered_under_its_id() -> None:
    assert EXERCISE_ID == "taux-engagement"
    assert EXERCISES[EXERCISE_ID] == "Calculez et lisez un taux d'engagement"
    assert list(BASES) == ["couverture", "abonnes", "impressions"]


def test_the_lesson_example_gives_three_rates_for_one_post() -> None:
    result = rate("60", "couverture", couverture="1 200", abonnes="800", impressions="2000")
    assert result["rate"] == 5 and result["rate_label"] == f"5{NNBSP}%"
    assert result["calculation"] == f"60 ÷ 1{NNBSP}200 × 100 = 5{NNBSP}%"
    assert (
        result["meaning"]
        == "Pour 100\u00a0personnes touchées, votre publication a reçu 5 interactions."
    )
    assert result["formula"] == "interactions ÷ couverture × 100"
    assert [(o["base"], o["rate_label"]) for o in result["others"]] == [
        ("abonnes", f"7,5{NNBSP}%"),
        ("impressions", f"3{NNBSP}%"),
    ]
    assert "ne se comparent pas" in result["others_note"]
    assert result["warnings"] == []
    json.dumps(result)  # stored as JSON for the action plan


def test_the_quiz_and_exam_figures() -> None:
    assert rate("100", couverture="2500")["rate_label"] == f"4{NNBSP}%"
    video = rate("56", "couverture", couverture="1600", abonnes="700", impressions="3200")
    assert video["rate_label"] == f"3,5{NNBSP}%"
    assert {o["base"]: o["rate"] for o in video["others"]} == {"abonnes": 8, "impressions": 1.75}


@pytest.mark.parametrize(
    ("interactions", "base", "shown"),
    [
        (1, 300, f"0,33{NNBSP}%"),
        (0, 50, f"0{NNBSP}%"),
        (1, 3, f"33,3{NNBSP}%"),
        (7, 200, f"3,5{NNBSP}%"),
        (12_345, 1_000_000, f"1,2{NNBSP}%"),
        (3, 2, f"150{NNBSP}%"),
    ],
)
def test_rates_are_written_the_french_way(interactions: int, base: int, shown: str) -> None:
    assert engagement_rate(interactions, {"abonnes": base}, "abonnes")["rate_label"] == shown


def test_the_meaning_follows_the_base_and_the_grammar() -> None:
    assert rate("1", "impressions", impressions="300")["meaning"] == (
        "Pour 100\u00a0affichages, votre publication a reçu 0,33 interaction."
    )
    followers = rate("30", "abonnes", abonnes="1000")
    assert followers["meaning"].startswith("Pour 100\u00a0abonnés,")
    assert "ne vous suivent pas" in followers["reading"]
    assert "interactions ÷ abonnés × 100" in followers["summary"]


@pytest.mark.parametrize(
    "typed", ["1 200", "1200", "1\u00a0200", "1\u202f200", " 1200 ", "+1200", "001200"]
)
def test_counts_are_read_with_french_spacing(typed: str) -> None:
    assert parse_count(typed, "la couverture") == 1200


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Indiquez la couverture"),
        ("   ", "Indiquez la couverture"),
        ("-5", "un nombre négatif n'a pas de sens"),
        ("-2,5", "un nombre négatif n'a pas de sens"),
        ("12,5", "se compte en nombre entier"),
        ("1.200", "se compte en nombre entier"),
        ("abc", "«\u00a0abc\u00a0» n'est pas un nombre"),
        ("1e3", "n'est pas un nombre"),
        ("½", "n'est pas un nombre"),
        ("٣", "n'est pas un nombre"),
        ("100000001", "ce nombre paraît trop élevé"),
        ("9" * 30, "d'au plus 20 chiffres"),
    ],
)
def test_counts_that_are_not_whole_positive_numbers_are_refused(typed: str, message: str) -> None:
    with pytest.raises(InvalidInput) as problem:
        parse_count(typed, "la couverture")
    assert message in str(problem.value)


def test_a_zero_or_missing_base_is_refused_but_zero_interactions_are_read() -> None:
    assert "ne peut pas être zéro" in refused("5", couverture="0")
    assert "Indiquez le nombre d'abonnés" in refused("5", "abonnes", couverture="100")
    assert "Choisissez la base du calcul" in refused("5", "portee", couverture="100")
    nothing = rate("0", couverture="250")
    assert nothing["rate"] == 0 and "Aucune interaction" in nothing["warnings"][0]
    # a zero on a base that was not chosen is simply not shown
    assert rate("5", couverture="100", abonnes="0")["others"] == []


def test_absurd_rates_are_refused_and_odd_ones_are_flagged() -> None:
    assert "Plus de dix interactions pour chaque personne touchée" in refused(
        "5000", couverture="3"
    )
    viral = rate("150", "abonnes", abonnes="100")
    assert viral["rate_label"] == f"150{NNBSP}%"
    assert any("pour chaque abonné" in warning for warning in viral["warnings"])
    odd = rate("10", couverture="500", impressions="400")
    assert any("moins d'affichages que de personnes touchées" in w for w in odd["warnings"])


def test_out_of_bounds_numbers_are_refused_by_the_core_too() -> None:
    with pytest.raises(InvalidInput, match="entre 0 et 100"):
        engagement_rate(-1, {"couverture": 10}, "couverture")
    with pytest.raises(InvalidInput, match="entre 0 et 100"):
        engagement_rate(1, {"couverture": 10, "impressions": MAX_COUNT + 1}, "couverture")


def test_no_good_or_bad_verdict_is_given() -> None:
    for result in (rate("1", couverture="1000"), rate("300", couverture="1000")):
        words = json.dumps(result, ensure_ascii=False).lower()
        assert not any(w in words for w in ("bon taux", "mauvais", "excellent", "faible", "1 et 5"))
    assert "n'est pas confirmé" in eng.NO_BENCHMARK


def all_prose() -> list[str]:
    """Every French sentence the exercise can show, and its part of the action plan."""
    texts = [
        eng.INTRO,
        eng.INTERACTIONS_FIELD,
        eng.INTERACTIONS_HELP,
        eng.BASE_QUESTION,
        eng.BASES_HINT,
        eng.PROMPT,
        eng.NO_BENCHMARK,
        EXERCISES[EXERCISE_ID],
    ]
    texts += [text for b in BASES.values() for text in (b.label, b.field, b.reading)]
    for interactions, chosen, bases in (
        ("60", "couverture", {"couverture": "1200", "abonnes": "800", "impressions": "2000"}),
        ("0", "impressions", {"impressions": "40", "couverture": "50"}),
        ("150", "abonnes", {"abonnes": "100"}),
    ):
        result = engagement_result(interactions, bases, chosen)
        texts += [result["meaning"], result["summary"], result["others_note"]]
        texts += [*result["warnings"], *result["advice"]]
    for interactions, chosen, bases in (
        ("", "couverture", {}),
        ("-3", "couverture", {}),
        ("2,5", "couverture", {}),
        ("abc", "couverture", {}),
        ("5", "couverture", {"couverture": "999999999"}),
        ("5", "couverture", {"couverture": "0"}),
        ("5", "abonnes", {}),
        ("5", "portee", {}),
        ("5000", "impressions", {"impressions": "2"}),
    ):
        try:
            engagement_result(interactions, bases, chosen)
        except InvalidInput as problem:
            texts.append(str(problem))
    return texts


def plan_sections() -> list[str]:
    course = shipped_course()
    fresh = learner_progress(course, {}, {})
    result = engagement_result("60", {"couverture": "1200"}, "couverture")
    done = action_plan("Zoé", fresh, {EXERCISE_ID: result}, date(2026, 11, 23))
    empty = action_plan("Zoé", fresh, {}, date(2026, 11, 23))
    return [section("Mesurer vos résultats", done), section("Mesurer vos résultats", empty)]


def section(title: str, plan: str) -> str:
    start = plan.index(title)
    return plan[start : plan.find("\n## ", start)]


def test_the_result_joins_the_action_plan() -> None:
    done, empty = plan_sections()
    assert f"**5{NNBSP}%**" in done
    assert "interactions ÷ couverture × 100" in done and f"60 ÷ 1{NNBSP}200 × 100" in done
    assert "bilan mensuel" in done and "lien tracé" in done
    assert "«\u00a0Calculez et lisez un taux d'engagement\u00a0» (module 15)" in empty


def test_every_sentence_uses_french_typography() -> None:
    slips = [text for text in all_prose() + plan_sections() if PLAIN_SPACE_BEFORE_MARK.search(text)]
    assert slips == []


@pytest.mark.integration
def test_the_prose_has_no_grammalecte_report(tmp_path: Path) -> None:
    from tests.content.test_french_grammar import allowed, grammalecte_reports

    paragraphs = [p for text in all_prose() + plan_sections() for p in plain_paragraphs(text)]
    used: set[str] = set()
    found = [
        f"{report.get('sRuleId', 'orthographe')} « {paragraph[report['nStart'] : report['nEnd']]} » "
        f"dans « {paragraph} »"
        for index, report, kind in grammalecte_reports(paragraphs, tmp_path)
        if not (kind == "spell" and report["sValue"] in {"UTM"})
        and not allowed(report, kind, paragraph := paragraphs[index], used)
    ]
    assert not found, "\n".join(found)
