"""The exercises as shipped: embedded where they teach, settings valid, French prose Grammalecte accepts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from course.content.exercise_registry import EXERCISES
from course.content.loader import content_dir_from_env, load_course
from course.content.prose import plain_paragraphs
from course.exercises import InvalidInput
from course.exercises.checklist import GROUPS, ITEMS, OBJECTIVES, check_page
from course.exercises.gift import gift_result, load_gift_settings, simulate_gift
from course.exercises.networks import (
    AUDIENCES,
    CAUSES,
    GOALS,
    NETWORKS,
    RESERVE_ADVICE,
    RULES,
    TIMES,
)
from course.exercises.tweet import compose_tweet
from tests.content.test_french_grammar import ALLOWLIST, allowed, grammalecte_reports

ROOT = content_dir_from_env()
COURSE = load_course(ROOT)
WHERE = {
    "composer-tweet": "ong-twitter",
    "simulateur-don": "ong-facebook",
    "checklist-page-facebook": "ong-facebook",
    "quel-reseau": "votre-association",
}


def test_each_exercise_is_embedded_once_in_the_lesson_where_it_teaches() -> None:
    embedded = {
        embed.target: [lesson.id for lesson in COURSE.lessons if embed in lesson.embeds]
        for lesson in COURSE.lessons
        for embed in lesson.embeds
        if embed.kind == "exercise"
    }
    assert set(embedded) == set(EXERCISES)
    assert {target: lessons for target, lessons in embedded.items()} == {
        target: [WHERE[target]] for target in EXERCISES
    }


def test_the_gift_settings_load_without_error() -> None:
    settings, errors = load_gift_settings(ROOT)
    assert [str(error) for error in errors] == []
    assert settings is not None
    assert 0 < settings.general_rate < settings.help_rate <= 100


def exercise_prose() -> list[str]:
    """Every French sentence the exercises can show, as the learner reads it."""
    settings, _ = load_gift_settings(ROOT)
    assert settings is not None
    texts = [*EXERCISES.values(), *GROUPS, *OBJECTIVES.values(), RESERVE_ADVICE]
    texts += [choice.label for choice in (*CAUSES, *AUDIENCES, *GOALS)]
    texts += [text for budget in TIMES for text in (budget.label, budget.advice)]
    texts += [text for n in NETWORKS for text in (n.summary, n.today) if text]
    texts += [rule.reason for rule in RULES]
    texts += [text for item in ITEMS for text in (item.label, item.action)]
    texts += [check_page(ticked)["message"] for ticked in ([], ["bandeau"], [i.id for i in ITEMS])]
    texts += [settings.applies_to, settings.help_organisations, settings.general_organisations]
    texts += [*settings.sources, settings.previously or ""]
    for amount, organisation, income in (
        ("0", "aide", ""),
        ("100", "aide", ""),
        ("3000", "aide", ""),
        ("5000", "interet-general", "10000"),
    ):
        result = gift_result(amount, organisation, income, settings)
        texts += [*result["steps"], result["summary"]]
    for typed in ("", "-5", "abc", "9999999", "1,234"):
        try:
            gift_result(typed, "aide", "", settings)
        except InvalidInput as problem:
            texts.append(str(problem))
    texts += [
        limit["verdict"] for t in ("", "a", "a" * 141) for limit in compose_tweet(t)["limits"]
    ]
    assert simulate_gift(Decimal(100), "aide", settings)["cost"] == 25
    return [p for text in texts for p in plain_paragraphs(text)]


# Names Grammalecte's dictionary does not know, right where the exercises use them.
EXERCISE_WORDS = {"Instagram", "TikTok", "YouTube", "F426"}


def test_the_exercise_prose_has_no_unexplained_grammalecte_report(tmp_path: Path) -> None:
    paragraphs = exercise_prose()
    used: set[str] = set()
    found = [
        f"{report.get('sRuleId', 'orthographe')} « {paragraph[report['nStart'] : report['nEnd']]} » "
        f"dans « {paragraph} »"
        for index, report, kind in grammalecte_reports(paragraphs, tmp_path)
        if not (kind == "spell" and report["sValue"] in EXERCISE_WORDS)
        and not allowed(report, kind, paragraph := paragraphs[index], used)
    ]
    assert not found, "\n".join(found)
    assert ALLOWLIST  # the shared allowlist is read, never edited from here
