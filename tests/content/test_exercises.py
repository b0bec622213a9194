"""The exercises as shipped: embedded where they teach, settings valid, French prose Grammalecte accepts."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

from course.content.exercise_registry import EXERCISES
from course.content.loader import content_dir_from_env
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
from tests.helpers import loaded_course

ROOT = content_dir_from_env()
COURSE = loaded_course(ROOT)
WHERE = {
    "composer-tweet": "ong-twitter",
    "simulateur-don": "ong-facebook",
    "checklist-page-facebook": "ong-facebook",
    "quel-reseau": "votre-association",
    "autorisation-image": "droit-image",
    "decrire-image": "reseaux-2026",
    "taux-engagement": "mesurer",
    "charte-moderation": "moderation",
    "reperer-hameconnage": "securite",
}


def unexplained_reports(
    paragraphs: list[str], tmp_path: Path, own_words: Collection[str] = ()
) -> list[str]:
    """Grammalecte's reports on `paragraphs` that neither the shared allowlist nor the
    exercise's own words (names it cites) explain, each with its rule and paragraph."""
    used: set[str] = set()
    return [
        f"{report.get('sRuleId', 'orthographe')} « {paragraph[report['nStart'] : report['nEnd']]} » "
        f"dans « {paragraph} »"
        for index, report, kind in grammalecte_reports(paragraphs, tmp_path)
        if not (kind == "spell" and report["sValue"] in own_words)
        and not allowed(report, kind, paragraph := paragraphs[index], used)
    ]


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
    found = unexplained_reports(paragraphs, tmp_path, EXERCISE_WORDS)
    assert not found, "\n".join(found)
    assert ALLOWLIST  # the shared allowlist is read, never edited from here


def test_the_image_description_prose_has_no_unexplained_grammalecte_report(
    tmp_path: Path,
) -> None:
    """« Décrivez une image » (module 11): its scene, example and every message it can show."""
    from course.exercises import image_description as described

    texts = [described.SCENE, described.EXAMPLE]
    for typed in (
        described.EXAMPLE,
        "Image de #fête 🧡 asso.fr/x @mairie",
        "Une table.",
        "Une bénévole tend un sac " + "x" * 300,
    ):
        result = described.check_description(typed)
        texts += [check["message"] for check in result["checks"]] + [result["verdict"]]
    for typed in ("", "x" * (described.MAX_INPUT + 1)):
        try:
            described.check_description(typed)
        except InvalidInput as problem:
            texts.append(str(problem))
    paragraphs = [p for text in texts for p in plain_paragraphs(text)]
    found = unexplained_reports(paragraphs, tmp_path)
    assert not found, "\n".join(found)


def test_the_image_consent_prose_has_no_unexplained_grammalecte_report(tmp_path: Path) -> None:
    """« Une autorisation de droit à l'image » (module 13): both forms, every message it can show."""
    from course.exercises import image_consent as consent

    texts = [consent.CAVEAT, consent.DEFAULT_PURPOSE]
    texts += [choice.label for choice in (*consent.USES, *consent.DURATIONS, *consent.MEDIA)]
    everything = [choice.id for choice in consent.USES]
    for minors, uses in ((False, ["site"]), (True, everything), (False, everything)):
        result = consent.consent_form(
            "Les Amis du parc",
            "la fête de quartier du 14 juin",
            uses,
            "2-ans",
            "contact@amis-du-parc.fr",
            minors=minors,
            media="photos-videos",
        )
        texts += [result["markdown"], result["summary"], *result["reminders"]]
    for changes in (
        {"association": ""},
        {"uses": []},
        {"uses": ["affiche"]},
        {"duration": "toujours"},
        {"media": "sons"},
        {"event": "x" * (consent.MAX_EVENT + 1)},
    ):
        given = {"association": "A", "event": "E", "uses": ["site"], "duration": "1-an"}
        given |= {"contact": "c", **changes}
        try:
            consent.consent_form(**given)  # type: ignore[arg-type]
        except InvalidInput as problem:
            texts.append(str(problem))
    # A line to fill in by hand reads as the name someone writes there.
    paragraphs = [
        p.replace(consent.BLANK, "Camille") for text in texts for p in plain_paragraphs(text)
    ]
    found = unexplained_reports(paragraphs, tmp_path)
    assert not found, "\n".join(found)


def test_the_moderation_charter_prose_has_no_unexplained_grammalecte_report(
    tmp_path: Path,
) -> None:
    """« La charte de modération de mon association » (module 14): its choices, the charters it
    writes, its advice and every message it can show."""
    from datetime import date

    from course.exercises import moderation_charter as charter

    groups = (charter.WELCOME, charter.REMOVED, charter.WARNINGS, charter.SCHEDULES)
    texts = [charter.ILLEGAL, *charter.NEXT_ACTIONS]
    texts += [
        text for group in (*groups, charter.REPORTS) for o in group for text in (o.label, o.rule)
    ]
    for choices in (
        {},
        {"moderators": 1, "schedule": "semaine", "welcome": []},
        {"welcome": ["questions"], "removed": ["publicite"], "reports": ["pharos"]},
        {
            "association": "Les Amis du parc",
            "welcome": [o.id for o in charter.WELCOME],
            "welcome_other": "vos photos de la fête",
            "removed": [o.id for o in charter.REMOVED],
            "reports": [o.id for o in charter.REPORTS],
            "who": "Léa et Karim",
            "contact": "contact@amis-du-parc.fr",
        },
    ):
        result = charter.build_charter(**choices, today=date(2026, 6, 14))  # type: ignore[arg-type]
        texts += [result["markdown"], result["summary"], *result["advice"]]
    for wrong in (
        {"association": "x" * (charter.MAX_NAME + 1)},
        {"removed": ["tout"]},
        {"warning": "jamais"},
        {"schedule": "lundi"},
        {"block_after": 9},
        {"moderators": 0},
    ):
        try:
            charter.build_charter(**wrong)  # type: ignore[arg-type]
        except InvalidInput as problem:
            texts.append(str(problem))
    paragraphs = [p for text in texts for p in plain_paragraphs(text)]
    found = unexplained_reports(paragraphs, tmp_path)
    assert not found, "\n".join(found)


# Domains and names the phishing messages cite as written (module 12); the lesson's allowlist
# entries cover them too.
PHISHING_WORDS = {
    "Messenger",
    "Cyber",
    "facebook",
    "facebookmail",
    "instagram",
    "fb",
    "meta",
    "metamail",
    "meta-appel-pages",
}


def test_the_phishing_prose_has_no_unexplained_grammalecte_report(tmp_path: Path) -> None:
    """« Repérez l'hameçonnage » (module 12): every message, sign and verdict it can show."""
    from course.exercises import phishing

    messages, errors = phishing.load_phishing_set(ROOT)
    assert messages is not None, [str(error) for error in errors]
    texts = [*phishing.KIND_LABELS.values(), *phishing.REFLEXES, *phishing.PROTECTIONS]
    for message in messages.messages:
        texts += [message.channel, message.sender, message.body, *message.signs]
        texts += [message.subject or "", message.context or "", message.explanation]
    right = {message.id: message.kind for message in messages.messages}
    flipped = {message.id: "genuine" for message in messages.messages}
    doubted = right | {m.id: "phishing" for m in messages.messages if m.kind == "genuine"}
    for answers in (right, flipped, doubted):
        result = phishing.sort_messages(answers, messages)
        texts += [result["verdict"], result["summary"]]
    for answers in (
        {},
        {messages.messages[0].id: "phishing"},
        right | {"x": None, messages.messages[0].id: "?"},
    ):
        try:
            phishing.sort_messages(answers, messages)
        except InvalidInput as problem:
            texts.append(str(problem))
    paragraphs = [p for text in texts for p in plain_paragraphs(text)]
    found = unexplained_reports(paragraphs, tmp_path, PHISHING_WORDS)
    assert not found, "\n".join(found)
