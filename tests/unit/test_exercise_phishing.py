"""« Repérer l'hameçonnage »: the messages file (validated, located French errors) and the sorting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.exercises import InvalidInput
from course.exercises.phishing import (
    EXERCISE_ID,
    KIND_LABELS,
    MESSAGES_FILE,
    PhishingSet,
    load_phishing_set,
    sort_messages,
)
from tests.helpers import PROJECT_ROOT
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK

VALID_YAML = (PROJECT_ROOT / MESSAGES_FILE).read_text(encoding="utf-8")


def shipped() -> PhishingSet:
    messages, errors = load_phishing_set(PROJECT_ROOT)
    assert errors == [], [str(e) for e in errors]
    assert messages is not None
    return messages


def right_answers(messages: PhishingSet) -> dict[str, str | None]:
    return {message.id: message.kind for message in messages.messages}


def test_the_shipped_messages_load_with_sources_and_both_kinds() -> None:
    messages = shipped()
    kinds = [message.kind for message in messages.messages]
    assert messages.sources
    assert len(kinds) >= 6 and kinds.count("phishing") >= 3 and kinds.count("genuine") >= 2
    assert all(message.signs and message.explanation for message in messages.messages)


def test_the_shipped_messages_are_shown_as_invented_examples() -> None:
    header = VALID_YAML.split("messages:")[0]
    assert "inventés pour le cours" in header
    assert "inventés pour le cours" in (PROJECT_ROOT / "lessons" / "12-securite.md").read_text(
        encoding="utf-8"
    )


def test_the_shipped_messages_use_french_no_break_spaces() -> None:
    slips = [
        line
        for line in VALID_YAML.splitlines()
        if not line.lstrip().startswith("#") and PLAIN_SPACE_BEFORE_MARK.search(line)
    ]
    assert not slips, "\n".join(slips)


def test_a_perfect_sorting_scores_everything_and_says_so() -> None:
    messages = shipped()
    result = sort_messages(right_answers(messages), messages)
    total = len(messages.messages)
    assert result["exercise"] == EXERCISE_ID
    assert (result["score"], result["total"], result["percent"]) == (total, total, 100.0)
    assert result["score_label"] == f"{total} sur {total} (100\u202f%)"
    assert result["trusted_traps"] == [] and result["doubted_genuine"] == []
    assert result["verdict"].startswith("Aucun piège ne vous a échappé.")
    assert all(message["correct"] for message in result["messages"])
    assert result["reflexes"] and result["protections"]


def test_a_trusted_trap_is_the_first_thing_the_result_says() -> None:
    messages = shipped()
    answers = right_answers(messages)
    answers["suppression-droits-auteur"] = "genuine"
    answers["acces-vacances"] = "phishing"
    result = sort_messages(answers, messages)
    assert result["score"] == len(messages.messages) - 2
    assert result["trusted_traps"] == ["suppression-droits-auteur"]
    assert result["doubted_genuine"] == ["acces-vacances"]
    assert result["verdict"].startswith(
        "Attention\u202f: vous auriez fait confiance à 1\u00a0piège."
    )
    assert "Relisez ses signes d'alerte" in result["verdict"]
    trap = next(m for m in result["messages"] if m["id"] == "suppression-droits-auteur")
    assert trap["correct"] is False
    assert (trap["kind_label"], trap["answer_label"]) == (
        KIND_LABELS["phishing"],
        KIND_LABELS["genuine"],
    )
    assert any("meta-appel-pages.com" in sign for sign in trap["signs"])


def test_doubting_genuine_messages_only_is_told_apart_from_trusting_traps() -> None:
    messages = shipped()
    answers = right_answers(messages)
    answers["acces-vacances"] = "phishing"
    answers["alerte-nouvelle-connexion"] = "phishing"
    result = sort_messages(answers, messages)
    assert result["trusted_traps"] == []
    assert result["verdict"].startswith(
        "Aucun piège ne vous a trompé. Vous avez pourtant pris 2\u00a0messages authentiques pour "
        "des pièges"
    )


def test_every_message_must_be_sorted_and_with_a_known_answer() -> None:
    messages = shipped()
    answers = right_answers(messages)
    answers["badge-gratuit"] = None
    with pytest.raises(InvalidInput, match="Classez encore 1\u00a0message\u202f:"):
        sort_messages(answers, messages)
    with pytest.raises(
        InvalidInput, match=f"Classez encore {len(messages.messages)}\u00a0messages"
    ):
        sort_messages({}, messages)
    answers["badge-gratuit"] = "peut-être"
    with pytest.raises(InvalidInput, match="Réponse inconnue «\u00a0peut-être\u00a0»"):
        sort_messages(answers, messages)


def test_answers_to_messages_no_longer_in_the_file_are_ignored() -> None:
    messages = shipped()
    answers = right_answers(messages) | {"ancien-message": "phishing"}
    result = sort_messages(answers, messages)
    assert "ancien-message" not in result["answers"]
    assert result["score"] == result["total"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda text: text.replace("kind: genuine", "kind: authentique", 1),
            "messages.2.kind: valeur non autorisée\u202f; valeurs possibles\u202f: "
            "«\u00a0phishing\u00a0», «\u00a0genuine\u00a0».",
        ),
        (
            lambda text: text.replace('    sender: "Meta Support"\n', "", 1),
            "messages.1.sender: champ obligatoire manquant",
        ),
        (
            lambda text: text.replace(
                "    kind: phishing\n", "    kind: phishing\n    piege: oui\n", 1
            ),
            "messages.1.piege: clé inconnue",
        ),
        (
            lambda text: text.replace(
                "  - id: alerte-nouvelle-connexion", "  - id: suppression-droits-auteur"
            ),
            "messages.2.id: identifiant «\u00a0suppression-droits-auteur\u00a0» déjà utilisé",
        ),
        (
            lambda text: text.replace("kind: genuine", "kind: phishing"),
            "messages: aucun message de type «\u00a0genuine\u00a0»",
        ),
        (
            lambda text: re.sub(r"    signs:\n(      - .*\n)+", "    signs: []\n", text, count=1),
            "messages.1.signs: doit contenir au moins 1 élément.",
        ),
        (lambda text: text + "\nsources: [\n", "syntaxe YAML invalide"),
    ],
)
def test_bad_messages_are_located_in_french(tmp_path: Path, change: object, expected: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / MESSAGES_FILE).write_text(change(VALID_YAML), encoding="utf-8")  # type: ignore[operator]
    messages, errors = load_phishing_set(tmp_path)
    assert messages is None
    assert [expected in str(e) for e in errors] == [True], [str(e) for e in errors]
    assert all(str(e).startswith(f"{MESSAGES_FILE}:") for e in errors)
    assert all(e.line is not None for e in errors)  # each error points at a line


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    messages, errors = load_phishing_set(tmp_path)
    assert messages is None
    assert [str(e) for e in errors] == [f"{MESSAGES_FILE}: fichier introuvable."]


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / MESSAGES_FILE).write_text("- un\n- deux\n", encoding="utf-8")
    messages, errors = load_phishing_set(tmp_path)
    assert messages is None
    assert [str(e) for e in errors] == [
        f"{MESSAGES_FILE}:1: le fichier doit contenir des clés (clé: valeur)."
    ]


def test_too_few_messages_are_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    first_two = VALID_YAML.split("  - id: standards-communaute")[0]
    (tmp_path / MESSAGES_FILE).write_text(first_two, encoding="utf-8")
    messages, errors = load_phishing_set(tmp_path)
    assert messages is None
    assert ["messages: doit contenir au moins 4 éléments." in str(e) for e in errors] == [True]


def test_the_result_feeds_the_action_plan() -> None:
    from course.journey.action_plan import action_plan
    from tests.unit.test_action_plan import FRESH, TODAY

    messages = shipped()
    answers = right_answers(messages)
    answers["demande-de-partenaire"] = "genuine"
    result = sort_messages(answers, messages)
    plan = action_plan("Zoé", FRESH, {EXERCISE_ID: result}, TODAY)
    assert "Protéger les comptes de l'association" in plan
    assert result["summary"] in plan and result["verdict"] in plan
    trap = next(m for m in messages.messages if m.id == "demande-de-partenaire")
    assert all(sign in plan for sign in trap.signs)
    assert all(action in plan for action in result["protections"])
    empty = action_plan("Zoé", FRESH, {}, TODAY)
    assert (
        "Vous n'avez pas encore fait l'exercice «\u00a0Repérez l'hameçonnage\u00a0» (module 12)."
        in empty
    )
