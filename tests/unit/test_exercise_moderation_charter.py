"""« La charte de modération de mon association » (module 14): choices in, a charter out."""

from __future__ import annotations

import json
from datetime import date

import pytest

from course.content.exercise_registry import EXERCISES
from course.exercises import InvalidInput
from course.exercises.moderation_charter import (
    BLOCK_AFTER,
    EXERCISE_ID,
    MAX_CONTACT,
    MAX_MODERATORS,
    MAX_NAME,
    MAX_OTHER,
    MAX_WHO,
    build_charter,
)
from course.exercises.moderation_options import (
    ILLEGAL,
    NEXT_ACTIONS,
    REMOVED,
    REPORTS,
    SCHEDULES,
    WARNINGS,
    WELCOME,
)
from course.journey.action_plan import action_plan
from course.journey.progress import learner_progress
from tests.helpers import shipped_course
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK

HEADINGS = (
    "Pourquoi cette charte",
    "Ce qui est bienvenu",
    "Ce que nous retirons",
    "Comment nous prévenons",
    "Qui modère, et quand",
    "Nous contacter, contester une décision",
    "Ce que nous signalons",
)


def full() -> dict:  # type: ignore[type-arg]
    return build_charter(
        association="Les Amis du quartier",
        welcome=[option.id for option in WELCOME],
        welcome_other="vos photos de nos fêtes",
        removed=[option.id for option in REMOVED],
        warning="rappel-public",
        block_after=2,
        who="Léa et Karim",
        moderators=2,
        schedule="quotidien",
        contact="contact@amis-quartier.fr",
        reports=[option.id for option in REPORTS],
        today=date(2026, 3, 1),
    )


def test_the_exercise_is_registered_and_embedded_in_module_14() -> None:
    assert EXERCISE_ID == "charte-moderation"
    assert EXERCISE_ID in EXERCISES
    lesson = next(lesson for lesson in shipped_course().lessons if lesson.id == "moderation")
    assert ("exercise", EXERCISE_ID) in {(embed.kind, embed.target) for embed in lesson.embeds}


def test_every_choice_appears_in_the_charter_under_its_heading() -> None:
    result = full()
    for text in (result["markdown"], result["text"]):
        for heading in HEADINGS:
            assert heading in text
        for option in (*WELCOME, *REMOVED, *REPORTS):
            assert option.rule in text
        assert WARNINGS[1].rule in text and SCHEDULES[0].rule in text
        assert "Au bout de 2 messages retirés" in text
        assert "Léa et Karim (2 personnes)" in text
        assert "vos photos de nos fêtes." in text
        assert "Charte en vigueur depuis le 1er mars 2026." in text
        assert "a posteriori" in text and "prise de parole publique" in text
    assert result["markdown"].startswith("# Les Amis du quartier\u202f: charte de modération\n")
    assert result["text"].startswith("Les Amis du quartier\u202f: charte de modération\n=====")
    assert result["advice"] == []


def test_illegal_remarks_are_always_removed_and_reported_to_the_platform() -> None:
    result = build_charter()
    assert ILLEGAL in result["markdown"]
    assert result["removed"] == [] and result["rules_removed"] == 1
    assert result["reports"] == ["plateforme"]
    assert REPORTS[0].rule in result["markdown"]
    assert result["markdown"].startswith("# Charte de modération\n")
    assert "la messagerie de cette page" in result["text"]
    assert "des bénévoles de l'association (2 personnes)" in result["text"]
    assert "Charte en vigueur à la date de sa publication." in result["text"]


def test_the_lists_read_as_french_lists() -> None:
    text = full()["text"]
    assert f"- {ILLEGAL}\u202f;" in text
    assert f"- {REMOVED[-1].rule}." in text


def test_what_the_learner_types_is_escaped_in_markdown_and_kept_on_one_line() -> None:
    typed = "<b>Asso</b> **gras** [lien](http://x) :smile:\n# Titre pirate"
    result = build_charter(association=typed, who=typed, contact=typed, welcome_other=typed)
    markdown, text = result["markdown"], result["text"]
    for raw in ("<b>", "**gras**", "[lien](", ":smile:", "\n# Titre"):
        assert raw not in markdown
    assert r"\<b\>Asso\</b\> \*\*gras\*\*" in markdown
    assert "<b>Asso</b> **gras** [lien](http://x) :smile: # Titre pirate" in text
    assert "\n# Titre" not in text
    assert result["association"] == "<b>Asso</b> **gras** [lien](http://x) :smile: # Titre pirate"
    # Only the charter's own headings start a line with « # ».
    assert [line for line in markdown.splitlines() if line.startswith("#")] == [
        markdown.splitlines()[0],
        *(f"## {heading}" for heading in HEADINGS),
    ]


def test_control_characters_become_spaces() -> None:
    result = build_charter(association="A\u0000B\u2028C\tD\r\nE")
    assert result["association"] == "A B C D E"


@pytest.mark.parametrize(
    ("field", "maximum"),
    [
        ("association", MAX_NAME),
        ("welcome_other", MAX_OTHER),
        ("who", MAX_WHO),
        ("contact", MAX_CONTACT),
    ],
)
def test_each_typed_value_is_bounded(field: str, maximum: int) -> None:
    assert build_charter(**{field: "x" * maximum})  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=f"{maximum} caractères au plus"):
        build_charter(**{field: "x" * (maximum + 1)})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "choices",
    [
        {"welcome": ["inconnu"]},
        {"removed": ["tout"]},
        {"reports": ["cnil"]},
        {"warning": "jamais"},
        {"schedule": "lundi"},
        {"block_after": BLOCK_AFTER[0] - 1},
        {"block_after": BLOCK_AFTER[1] + 1},
        {"block_after": True},
        {"moderators": 0},
        {"moderators": MAX_MODERATORS + 1},
        {"moderators": 2.5},
    ],
)
def test_unknown_choices_and_out_of_range_numbers_are_refused_in_french(
    choices: dict,  # type: ignore[type-arg]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        build_charter(**choices)
    message = str(refused.value)
    assert message[0].isupper() and not PLAIN_SPACE_BEFORE_MARK.search(message)


def test_the_advice_follows_the_lesson() -> None:
    result = build_charter(moderators=1, schedule="semaine")
    advice = " ".join(result["advice"])
    assert "Dites aussi ce qui est bienvenu" in advice
    assert "Une seule personne modère" in advice
    assert "samedi ou le dimanche" in advice
    assert "Pharos" in advice and "le 17" in advice
    assert result["next_actions"][:2] == result["advice"][:2]
    assert result["next_actions"][2:] == list(NEXT_ACTIONS)
    assert "critique appelle une réponse" in " ".join(
        build_charter(welcome=["questions"])["advice"]
    )


def test_the_summary_counts_the_choices() -> None:
    assert build_charter(moderators=1)["summary"] == (
        "Votre charte retire les propos illégaux, confie la modération à une personne et "
        "prévoit une façon de signaler un contenu illicite."
    )
    assert build_charter(removed=["publicite"], reports=["pharos"])["summary"] == (
        "Votre charte retire les propos illégaux et une autre sorte de messages, confie la "
        "modération à 2 personnes et prévoit 2 façons de signaler un contenu illicite."
    )
    assert full()["summary"] == (
        f"Votre charte retire les propos illégaux et {len(REMOVED)} autres sortes de messages, "
        f"confie la modération à 2 personnes et prévoit {len(REPORTS)} façons de signaler un "
        "contenu illicite."
    )


def test_the_result_is_plain_json_and_every_sentence_uses_french_spacing() -> None:
    for result in (full(), build_charter(moderators=1, schedule="semaine")):
        assert json.loads(json.dumps(result)) == result
        texts = [result["summary"], *result["advice"], *result["next_actions"]]
        texts += result["markdown"].splitlines() + result["text"].splitlines()
        assert not [text for text in texts if PLAIN_SPACE_BEFORE_MARK.search(text)]


def test_the_charter_joins_the_action_plan() -> None:
    course = shipped_course()
    progress = learner_progress(course, {}, {})
    result = full()
    plan = action_plan("Zoé", progress, {EXERCISE_ID: result}, date(2026, 3, 1))
    assert ". Modérer vos pages" in plan
    assert result["summary"] in plan
    for action in result["next_actions"]:
        assert action in plan
    absent = action_plan("Zoé", progress, {}, date(2026, 3, 1))
    assert "«\u00a0La charte de modération de mon association\u00a0» (module 14)" in absent
