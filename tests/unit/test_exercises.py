"""The exercises' core: tweet counting, gift simulation, network advice, page checklist, escaping."""

from __future__ import annotations

import html
import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from course.content.exercise_registry import EXERCISES
from course.exercises import InvalidInput, escape_markdown
from course.exercises.advisor import advise
from course.exercises.checklist import ITEMS, OBJECTIVES, check_page
from course.exercises.gift import (
    SETTINGS_FILE,
    SOURCE_EXAMPLE,
    GiftSettings,
    format_euros,
    gift_result,
    load_gift_settings,
    parse_amount,
    simulate_gift,
)
from course.exercises.networks import AUDIENCES, CAUSES, GOALS, NETWORKS, RULES, TIMES
from course.exercises.tweet import compose_tweet
from tests.helpers import PROJECT_ROOT
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK, string_literals

# --- Tweet composer ----------------------------------------------------------------------------

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl: 5 code points


def lengths(text: str) -> tuple[int, int]:
    limits = compose_tweet(text)["limits"]
    return limits[0]["length"], limits[1]["length"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (0, 0)),
        ("a" * 140, (140, 140)),
        ("a" * 280, (280, 280)),
        ("Solidarité", (10, 10)),
        ("e\u0301te\u0301", (3, 3)),  # accents typed as combining marks: NFC first
        ("Lire https://www.exemple.org/un/article/dont/l/adresse/est/vraiment/longue", (28, 28)),
        ("#Iran - Anar Bayramli remis en liberté bit.ly/KwhLfB", (62, 62)),
        ("asso.fr", (7, 7)),  # a one-label country domain without a path is not a link
        ("asso.fr/agenda", (23, 23)),
        ("croix-rouge.asso.fr", (23, 23)),
        ("Voir www.asso.fr.", (29, 29)),  # the final full stop is not part of the link
        ("contact@asso.fr", (15, 15)),
        ("\U0001f44d", (1, 2)),  # thumbs up
        ("\U0001f44d\U0001f3fd", (2, 2)),  # with a skin tone
        (FAMILY, (5, 2)),
        ("\U0001f1eb\U0001f1f7", (2, 2)),  # the French flag: two regional indicators
        ("1\ufe0f\u20e3", (3, 2)),  # keycap one
        ("\u2764\ufe0f", (2, 2)),  # red heart
        ("日本", (2, 4)),
        ("Merci\u202f!", (7, 8)),  # the narrow no-break space weighs 2 under the 280 rules
    ],
)
def test_tweet_lengths_follow_the_twitter_rules(text: str, expected: tuple[int, int]) -> None:
    assert lengths(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "remaining", "fits", "verdict"),
    [
        ("", 140, 140, True, "Tweet vide\u202f: vous disposez de 140 caractères."),
        ("a" * 139, 140, 1, True, "Il reste 1 caractère sur 140."),
        ("a" * 140, 140, 0, True, "Il reste 0 caractère sur 140."),
        ("a" * 141, 140, -1, False, "Trop long de 1 caractère pour la limite de 140."),
        ("a" * 141, 280, 139, True, "Il reste 139 caractères sur 280."),
        ("a" * 280, 280, 0, True, "Il reste 0 caractère sur 280."),
        ("a" * 283, 280, -3, False, "Trop long de 3 caractères pour la limite de 280."),
    ],
)
def test_tweet_remaining_and_overflow(
    text: str, limit: int, remaining: int, fits: bool, verdict: str
) -> None:
    result = next(r for r in compose_tweet(text)["limits"] if r["limit"] == limit)
    assert (result["remaining"], result["fits"], result["verdict"]) == (remaining, fits, verdict)


@pytest.mark.parametrize(
    ("text", "hashtags", "mentions"),
    [
        ("#Solidarité #Île-de-France #été2024", ["Solidarité", "Île", "été2024"], []),
        ("#2012 C#sharp ##double", [], []),  # digits only, inside a word, doubled
        ("#Collecte et encore #Collecte", ["Collecte"], []),
        ("＃pleinechasse", ["pleinechasse"], []),  # the full-width sign counts too
        ("https://asso.org/page#ancre", [], []),  # an anchor inside a link is not a hashtag
        ("Merci @CroixRouge et @RSF_RWB !", [], ["CroixRouge", "RSF_RWB"]),
        ("contact@asso.fr", [], []),
        ("@nomdecomptebeaucouptroplong", [], []),  # over 15 characters: not a screen name
        ("Grâce à vos dons, la @CroixRouge a accompagné… #Quimper", ["Quimper"], ["CroixRouge"]),
    ],
)
def test_hashtags_and_mentions_are_spotted(
    text: str, hashtags: list[str], mentions: list[str]
) -> None:
    result = compose_tweet(text)
    assert (result["hashtags"], result["mentions"]) == (hashtags, mentions)


def test_the_tweet_result_is_a_plain_json_dict() -> None:
    result = compose_tweet("#Collecte – 2 tonnes récoltées, merci @voisins ! monasso.fr/collecte")
    assert json.loads(json.dumps(result)) == result
    assert result["exercise"] == "composer-tweet"
    assert result["links"] == ["monasso.fr/collecte"]


# --- Escaping what learners type ---------------------------------------------------------------

_render = MarkdownIt("commonmark").enable("table").enable("strikethrough").render


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert('x')</script>",
        "**gras**",
        "![img](http://x)",
        "[lien](javascript:alert(1))",
        "# Titre\n- puce\n> citation",
        ":red[rouge] :material/home: $x^2$ ~~barré~~ `code` | a | b |",
        "a & b < c > d",
    ],
)
def test_escaped_learner_text_renders_as_itself_without_markup(typed: str) -> None:
    rendered = _render(escape_markdown(typed))
    assert not re.search(r"<(script|strong|em|img|a|h1|ul|blockquote|code|del|table)\b", rendered)
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert " ".join(visible.split()) == " ".join(typed.split())


# --- Gift simulator ----------------------------------------------------------------------------

SETTINGS = GiftSettings(
    applies_to="dons de l'année d'essai",
    applies_from="2025-10-14",
    checked_on="2026-11",
    general_rate=66,
    help_rate=75,
    help_ceiling=2000,
    income_limit=20,
    help_organisations="Aide aux personnes en difficulté",
    general_organisations="Autres organismes",
    sources=["Une source"],
)


@pytest.mark.parametrize(
    ("amount", "organisation", "income", "reduction", "cost", "crossed", "carried"),
    [
        ("0", "aide", None, "0", "0", False, "0"),
        ("100", "aide", None, "75", "25", False, "0"),  # the source text's example
        ("100", "interet-general", None, "66", "34", False, "0"),
        ("50", "aide", None, "37.50", "12.50", False, "0"),  # the trainer notes of module 7
        ("50", "interet-general", None, "33", "17", False, "0"),
        ("2000", "aide", None, "1500", "500", False, "0"),  # exactly the ceiling
        ("2000.01", "aide", None, "1500.01", "500.00", True, "0"),
        ("3000", "aide", None, "2160", "840", True, "0"),  # 1 500 + 66 % of 1 000
        ("5000", "interet-general", "10000", "1320", "3680", False, "3000"),  # 20 % of income
        ("3000", "aide", "1000", "1632", "1368", True, "800"),  # the 75 % part is not capped
        ("100", "interet-general", "0", "0", "100", False, "100"),
    ],
)
def test_gift_simulation(
    amount: str,
    organisation: str,
    income: str | None,
    reduction: str,
    cost: str,
    crossed: bool,
    carried: str,
) -> None:
    result = simulate_gift(
        Decimal(amount), organisation, SETTINGS, Decimal(income) if income else None
    )
    assert Decimal(str(result["reduction"])) == Decimal(reduction)
    assert Decimal(str(result["cost"])) == Decimal(cost)
    assert result["ceiling_crossed"] is crossed
    assert Decimal(str(result["carried_over"])) == Decimal(carried)
    assert json.loads(json.dumps(result)) == result


def test_gift_steps_explain_the_ceiling_and_the_income_limit_in_french() -> None:
    crossed = gift_result("3 000", "aide", "", SETTINGS)
    assert crossed["steps"][1] == (
        "Au-delà de 2\u202f000\u00a0€, les 1\u202f000\u00a0€ restants relèvent du taux de 66\u202f%."
    )
    assert crossed["summary"] == (
        "Votre don de 3\u202f000\u00a0€ vous coûte 840\u00a0€ après une réduction d'impôt "
        "de 2\u202f160\u00a0€."
    )
    limited = gift_result("5000", "interet-general", "10 000", SETTINGS)
    assert "reportés sur les cinq années suivantes" in limited["steps"][-1]


def test_the_source_example_costs_25_euros() -> None:
    result = simulate_gift(SOURCE_EXAMPLE["amount"], SOURCE_EXAMPLE["organisation"], SETTINGS)
    assert result["cost"] == 25
    assert "25\u00a0€" in str(SOURCE_EXAMPLE["quote"])


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("100", "100"),
        ("1 234,50", "1234.50"),
        ("1\u202f000", "1000"),
        ("49.90", "49.90"),
        ("100 €", "100"),
        ("20 euros", "20"),
        ("0", "0"),
    ],
)
def test_french_amounts_are_read(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Indiquez le montant en euros, par exemple 100 ou 49,90."),
        ("-5", "Le montant ne peut pas être négatif."),
        ("abc", "«\u00a0abc\u00a0» n'est pas un montant\u202f: écrivez un nombre en euros"),
        ("2 000 000", "Le montant paraît trop élevé pour une simulation"),
        ("12,345", "Le montant s'écrit au centime près"),
        ("1e9", "n'est pas un montant"),
    ],
)
def test_bad_amounts_are_refused_in_french(typed: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        parse_amount(typed)


def test_bad_income_and_organisation_are_refused_in_french() -> None:
    with pytest.raises(InvalidInput, match="Le revenu imposable ne peut pas être négatif"):
        gift_result("100", "aide", "-1", SETTINGS)
    with pytest.raises(InvalidInput, match="type d'organisme"):
        gift_result("100", "parti-politique", "", SETTINGS)


@pytest.mark.parametrize(
    ("amount", "text"),
    [("1500", "1\u202f500\u00a0€"), ("12.5", "12,50\u00a0€"), ("0", "0\u00a0€")],
)
def test_euros_are_formatted_the_french_way(amount: str, text: str) -> None:
    assert format_euros(Decimal(amount)) == text


def test_the_shipped_settings_load_with_their_sources() -> None:
    settings, errors = load_gift_settings(PROJECT_ROOT)
    assert errors == []
    assert settings is not None and settings.sources
    assert simulate_gift(Decimal(100), "aide", settings)["cost"] == 25


VALID_YAML = (PROJECT_ROOT / SETTINGS_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda text: text.replace("help_ceiling: 2000", "help_ceiling: -1"),
            "help_ceiling: doit être supérieur à 0.",
        ),
        (
            lambda text: text.replace("help_rate: 75", "help_rate: 50"),
            "help_rate (taux des organismes d'aide",
        ),
        (
            lambda text: text.replace("general_rate: 66", "general_rate: 66\nplafond: 1000"),
            "plafond: clé inconnue",
        ),
        (lambda text: text.replace('checked_on: "2026-11"', 'checked_on: "nov. 2026"'), "date"),
        (lambda text: text + "\nsources: [\n", "syntaxe YAML invalide"),
    ],
)
def test_bad_settings_are_located_in_french(tmp_path: Path, change: object, expected: str) -> None:
    (tmp_path / "data").mkdir()
    text = change(VALID_YAML)  # type: ignore[operator]
    (tmp_path / SETTINGS_FILE).write_text(text, encoding="utf-8")
    settings, errors = load_gift_settings(tmp_path)
    assert settings is None
    assert len(errors) == 1
    assert expected in str(errors[0]), str(errors[0])
    assert str(errors[0]).startswith(f"{SETTINGS_FILE}:")  # a line number follows the file


def test_missing_settings_say_so(tmp_path: Path) -> None:
    settings, errors = load_gift_settings(tmp_path)
    assert settings is None
    assert [str(e) for e in errors] == [f"{SETTINGS_FILE}: fichier introuvable."]


# --- Which network? ----------------------------------------------------------------------------


def _subsets(choices: tuple[object, ...]) -> list[list[str]]:
    ids = [c.id for c in choices]  # type: ignore[attr-defined]
    return [list(s) for n in range(len(ids) + 1) for s in itertools.combinations(ids, n)]


def test_every_combination_recommends_at_least_one_network() -> None:
    checked = 0
    for cause, time, audiences, goals in itertools.product(
        CAUSES, TIMES, _subsets(AUDIENCES), _subsets(GOALS)
    ):
        result = advise(cause.id, audiences, goals, time.id)
        recommended = result["recommended"]
        assert 1 <= len(recommended) <= time.networks
        assert [n["rank"] for n in recommended] == list(range(1, len(recommended) + 1))
        assert all(n["summary"] for n in recommended)
        checked += 1
    assert checked == len(CAUSES) * len(TIMES) * 2 ** len(AUDIENCES) * 2 ** len(GOALS)


@pytest.mark.parametrize(
    ("cause", "audiences", "goals", "time", "first"),
    [
        ("culture", ["jeunes"], ["montrer"], "1-2h", "instagram"),
        ("solidarite", ["professionnels"], ["partenaires"], "1-2h", "linkedin"),
        ("droits", ["journalistes"], ["informer"], "1-2h", "x"),
        ("quartier", ["habitants"], ["benevoles", "evenements"], "1-2h", "facebook"),
        ("autre", [], [], "moins-1h", "facebook"),
    ],
)
def test_the_advisor_ranks_the_network_the_course_points_to(
    cause: str, audiences: list[str], goals: list[str], time: str, first: str
) -> None:
    assert advise(cause, audiences, goals, time)["recommended"][0]["id"] == first


def test_advice_gives_reasons_caveats_and_the_names_to_reserve() -> None:
    result = advise("droits", ["journalistes", "jeunes"], ["informer", "montrer"], "3-5h")
    x = next(n for n in result["recommended"] if n["id"] == "x")
    assert "Reporters sans frontières" in " ".join(x["reasons"])
    assert "24 juillet 2023" in x["today"]
    assert len(result["recommended"]) == 2
    assert result["reserve"] and "Réservez" in result["reserve_advice"]
    facebook = advise("quartier", [], [], "1-2h")["recommended"][0]
    assert "Meta" in facebook["today"]
    assert json.loads(json.dumps(result)) == result


def test_the_advisor_refuses_unknown_answers_in_french() -> None:
    with pytest.raises(InvalidInput, match="Objectif inconnu"):
        advise("culture", [], ["devenir-celebre"], "1-2h")
    with pytest.raises(InvalidInput, match="Temps disponible inconnu"):
        advise("culture", [], [], "toujours")


def test_repeated_answers_count_once() -> None:
    once = advise("culture", ["jeunes"], ["montrer"], "plus-5h")
    twice = advise("culture", ["jeunes", "jeunes"], ["montrer", "montrer"], "plus-5h")
    assert once["recommended"] == twice["recommended"]


def test_every_rule_names_a_known_network_and_criterion_and_cites_a_module() -> None:
    networks = {n.id for n in NETWORKS}
    criteria = {f"cause:{c.id}" for c in CAUSES} | {f"audience:{a.id}" for a in AUDIENCES}
    criteria |= {f"goal:{g.id}" for g in GOALS}
    for rule in RULES:
        assert rule.network in networks and rule.criterion in criteria, rule
        assert rule.points > 0 and re.search(r"\(modules? \d", rule.reason), rule
    assert any(n.base > 0 for n in NETWORKS)


# --- Facebook page checklist -------------------------------------------------------------------


def test_an_empty_page_gets_zero_and_three_next_actions() -> None:
    result = check_page([])
    assert (result["score"], result["total"], result["objectives_served"]) == (0, len(ITEMS), 0)
    assert len(result["next_actions"]) == 3
    assert result["message"].startswith("Tout est à construire")


def test_a_complete_page_serves_the_six_objectives() -> None:
    result = check_page([item.id for item in ITEMS])
    assert result["score"] == result["total"] and result["percent"] == 100
    assert result["objectives_served"] == len(OBJECTIVES) == 6
    assert result["next_actions"] == []
    assert result["message"].startswith("Bravo")


def test_next_actions_first_serve_the_objectives_left_out() -> None:
    result = check_page(["bandeau", "operation", "newsletter"])
    actions = {item.action: item.id for item in ITEMS}
    assert [actions[a] for a in result["next_actions"]] == [
        "bouton-don",
        "articles",
        "appel-benevoles",
    ]
    assert result["score_label"] == f"3 sur {len(ITEMS)} (27\u202f%)"


def test_every_objective_has_an_item_and_unknown_items_are_refused() -> None:
    served = {objective for item in ITEMS for objective in item.objectives}
    assert served == set(OBJECTIVES)
    with pytest.raises(InvalidInput, match="Élément inconnu"):
        check_page(["piscine"])


# --- French typography in files the shared check does not reach --------------------------------

EXERCISE_CODE = sorted((PROJECT_ROOT / "course" / "exercises").glob("*.py"))


@pytest.mark.parametrize("path", EXERCISE_CODE, ids=lambda p: p.name)
def test_exercise_strings_use_french_no_break_spaces(path: Path) -> None:
    slips = [
        f"{path.name}:{line}: {text}"
        for line, text in string_literals(path)
        if PLAIN_SPACE_BEFORE_MARK.search(text)
    ]
    assert not slips, "\n".join(slips)


def test_gift_settings_use_french_no_break_spaces() -> None:
    lines = VALID_YAML.splitlines()
    slips = [
        line
        for line in lines
        if not line.lstrip().startswith("#") and PLAIN_SPACE_BEFORE_MARK.search(line)
    ]
    assert not slips, "\n".join(slips)


def test_the_registry_lists_the_nine_exercises() -> None:
    assert set(EXERCISES) == {
        "composer-tweet",
        "simulateur-don",
        "quel-reseau",
        "checklist-page-facebook",
        "decrire-image",
        "reperer-hameconnage",
        "autorisation-image",
        "charte-moderation",
        "taux-engagement",
    }


def test_the_author_guide_documents_every_gift_setting() -> None:
    guide = (PROJECT_ROOT / "docs" / "guide-auteur.md").read_text(encoding="utf-8")
    missing = [name for name in GiftSettings.model_fields if f"\n{name}:" not in guide]
    assert not missing, missing
    assert all(f"`{exercise}`" in guide for exercise in EXERCISES)
