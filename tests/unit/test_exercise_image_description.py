"""« Décrire une image » (module 11): the rules a learner's image description is checked against."""

from __future__ import annotations

import json

import pytest

from course.content.exercise_registry import EXERCISES
from course.exercises import InvalidInput
from course.exercises.image_description import (
    EXAMPLE,
    EXERCISE_ID,
    MAX_CHARACTERS,
    MAX_INPUT,
    MIN_WORDS,
    check_description,
)
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK


def failed(text: str) -> list[str]:
    return [check["id"] for check in check_description(text)["checks"] if not check["ok"]]


def test_the_exercise_is_registered() -> None:
    assert EXERCISE_ID == "decrire-image"
    assert EXERCISE_ID in EXERCISES


def test_the_course_example_follows_every_rule() -> None:
    result = check_description(EXAMPLE)
    assert result["ok"] and result["passed"] == result["total"] == 5
    assert (
        failed("Deux bénévoles remplissent des cartons de conserves devant le supermarché.") == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Image de deux bénévoles qui remplissent des cartons.",
        "image d'une bénévole qui tend un sac à une dame",
        "Photo : deux bénévoles remplissent des cartons.",
        "Une photo de bénévoles qui rangent des conserves.",
        "Sur cette image, une bénévole tend un sac à une dame.",
        "Peut-être une image de bénévoles qui rangent des cartons.",
        "L\u2019illustration montre une bénévole qui tend un sac.",
        "C'est une photo de bénévoles qui rangent des cartons.",
        "  PHOTOGRAPHIE : des enfants plantent un arbre devant l'école.",
    ],
)
def test_a_description_that_announces_an_image_is_flagged(text: str) -> None:
    assert failed(text) == ["debut"]
    message = check_description(text)["checks"][0]["message"]
    assert "Image de" in message and "lecteur d'écran" in message


def test_a_word_that_only_starts_like_photo_is_not_flagged() -> None:
    assert "debut" not in failed("Un photographe prend la pose avec les bénévoles qui sourient.")


def test_who_and_what_are_spotted_in_the_learners_own_words() -> None:
    result = check_description("Deux BÉNÉVOLES remplissent des cartons ; une bénévole tend un sac.")
    qui, quoi = result["checks"][1], result["checks"][2]
    assert qui["ok"] and "BÉNÉVOLES".lower() in qui["message"]
    assert quoi["ok"] and "«\u00a0remplissent\u00a0» et «\u00a0tend\u00a0»" in quoi["message"]


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Une table, des cartons et des conserves au soleil.", ["qui", "quoi"]),
        ("Des bénévoles au marché pendant la fête du quartier.", ["quoi"]),
        ("Un sac de courses est tendu au-dessus de la table.", ["qui"]),
    ],
)
def test_a_description_without_people_or_action_is_flagged(text: str, missing: list[str]) -> None:
    assert failed(text) == missing


def test_states_and_participles_count_as_what_people_do() -> None:
    assert failed("Des habitants sont assis autour d'une grande table.") == []
    assert failed("Une bénévole souriante accueille les familles à l'entrée.") == []


def test_the_length_fits_between_five_words_and_250_characters() -> None:
    assert MIN_WORDS == 5 and MAX_CHARACTERS == 250
    assert failed("Une bénévole tend un sac.") == []
    assert failed("Une bénévole tend.") == ["longueur"]
    long = "Une bénévole tend un sac de courses à une dame" + " très" * 60 + "."
    assert len(long) > MAX_CHARACTERS and failed(long) == ["longueur"]
    exactly = ("Une bénévole tend un sac " + "x" * MAX_CHARACTERS)[:MAX_CHARACTERS]
    assert check_description(exactly)["characters"] == MAX_CHARACTERS
    assert "longueur" not in failed(exactly)
    assert "Trop court" in check_description("Une bénévole tend.")["checks"][3]["message"]
    assert "Trop long" in check_description(long)["checks"][3]["message"]


@pytest.mark.parametrize(
    "extra",
    ["#CollecteSolidaire", "@mairie", "https://asso.example.org", "asso.fr/dons", "🧡", "☀️"],
)
def test_hashtags_mentions_links_and_emoji_belong_to_the_post(extra: str) -> None:
    assert failed(f"Une bénévole tend un sac à une dame {extra}") == ["sobre"]


def test_an_email_address_is_not_a_mention() -> None:
    result = check_description("Une bénévole tend un sac à une dame (contact@asso.example)")
    assert result["ok"]


def test_the_text_is_normalised_before_it_is_counted() -> None:
    decomposed = "Une be\u0301ne\u0301vole tend   un sac\u0007 a\u0300 une dame."
    result = check_description(decomposed)
    assert result["text"] == "Une bénévole tend un sac à une dame."
    assert result["characters"] == len("Une bénévole tend un sac à une dame.")
    assert result["ok"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u0007\u0008"])
def test_an_empty_description_is_refused_in_french(text: str) -> None:
    with pytest.raises(InvalidInput, match="Écrivez une description"):
        check_description(text)


def test_the_input_is_bounded() -> None:
    check_description("Une bénévole tend un sac. " + "x" * (MAX_INPUT - 26))
    with pytest.raises(InvalidInput, match=str(MAX_INPUT)):
        check_description("x" * (MAX_INPUT + 1))
    with pytest.raises(InvalidInput):
        check_description(None)  # type: ignore[arg-type]


def test_hostile_text_is_kept_as_text_for_the_view_to_escape() -> None:
    text = "<script>alert(1)</script> Une bénévole tend un [lien](javascript:x) à une dame"
    result = check_description(text)
    assert result["text"] == text
    assert all("<script>" not in check["message"] for check in result["checks"])


def test_the_result_is_plain_json_with_french_typography() -> None:
    for text in (EXAMPLE, "Image de #fete 🧡", "x" * 300):
        result = check_description(text)
        assert json.loads(json.dumps(result)) == result
        for check in result["checks"]:
            assert not PLAIN_SPACE_BEFORE_MARK.search(check["message"]), check["message"]
        assert not PLAIN_SPACE_BEFORE_MARK.search(result["verdict"])
