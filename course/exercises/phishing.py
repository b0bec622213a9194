"""« Repérer l'hameçonnage »: the learner sorts messages into genuine and phishing (module 12).

The messages are content, not code: data/hameconnage.yaml, invented for the course, each with its
tell-tale signs. The file is validated and located like other content (French errors with file,
line and key); sorting answers gives a score, each message's signs and what to do next, as a
plain dict the action plan reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from course.content.errors import ContentError, errors_from_validation, format_key_path
from course.content.models import Slug, StrictModel, Text
from course.content.yaml_source import YamlDocument, YamlSyntaxError
from course.exercises import InvalidInput
from course.formatting import format_percent

EXERCISE_ID = "reperer-hameconnage"
MESSAGES_FILE = "data/hameconnage.yaml"
Kind = Literal["phishing", "genuine"]
KINDS: tuple[Kind, ...] = ("genuine", "phishing")
KIND_LABELS: dict[str, str] = {"genuine": "Message authentique", "phishing": "Hameçonnage"}
MIN_MESSAGES = 4
# What to do in front of any message that presses you: the lesson's « bon réflexe ».
REFLEXES = (
    "Ne cliquez pas sur le lien, et ne donnez ni mot de passe, ni code, ni données de paiement.",
    "Vérifiez par vous-même\u202f: ouvrez l'application ou tapez l'adresse du réseau, puis regardez "
    "l'état de la page dans ses paramètres ou dans l'espace d'assistance.",
    "Prévenez les autres administrateurs, qui ont peut-être reçu le même message.",
    "Signalez le message au réseau, puis supprimez-le.",
)
# The protections of module 12, for the action plan.
PROTECTIONS = (
    "Activez la double authentification sur le compte de chaque personne qui gère la page, de "
    "préférence avec une application d'authentification, et rangez les codes de récupération "
    "ailleurs que sur le téléphone.",
    "Relisez la liste des accès à la page\u202f: au moins deux personnes avec le contrôle total, et "
    "plus aucun accès pour les bénévoles partis.",
    "Notez où trouver de l'aide en cas de piratage\u202f: Cybermalveillance.gouv.fr et 17Cyber, "
    "ouvert 24\u00a0heures sur 24.",
)


class PhishingMessage(StrictModel):
    """One message to sort: who seems to send it, what it says, and the signs that tell."""

    id: Slug
    channel: Text
    sender: Text
    address: Text | None = None
    subject: Text | None = None
    context: Text | None = None
    body: Text
    kind: Kind
    signs: list[Text] = Field(min_length=1)
    explanation: Text


class PhishingSet(StrictModel):
    """The messages of the exercise, with the sources their signs rest on."""

    sources: list[Text] = Field(min_length=1)
    messages: list[PhishingMessage] = Field(min_length=MIN_MESSAGES)


def _set_rules(messages: PhishingSet, document: YamlDocument) -> list[ContentError]:
    """Rules across messages: unique ids, and both kinds present (else sorting teaches little)."""
    errors = []
    seen: set[str] = set()
    for index, message in enumerate(messages.messages):
        if message.id in seen:
            path = ("messages", index, "id")
            errors.append(
                ContentError(
                    MESSAGES_FILE,
                    f"identifiant «\u00a0{message.id}\u00a0» déjà utilisé par un autre message\u202f: "
                    "donnez à chaque message son propre identifiant.",
                    document.line_of(path),
                    format_key_path(path),
                )
            )
        seen.add(message.id)
    counts = Counter(message.kind for message in messages.messages)
    for kind in KINDS:
        if not counts[kind]:
            errors.append(
                ContentError(
                    MESSAGES_FILE,
                    f"aucun message de type «\u00a0{kind}\u00a0» ({KIND_LABELS[kind].lower()})\u202f: "
                    "l'exercice demande au moins un message authentique et un hameçonnage.",
                    document.line_of(("messages",)),
                    "messages",
                )
            )
    return errors


def load_phishing_set(root: Path) -> tuple[PhishingSet | None, list[ContentError]]:
    """The messages of `root`/data/hameconnage.yaml, or None and located French errors."""
    path = root / MESSAGES_FILE
    if not path.is_file():
        return None, [ContentError(MESSAGES_FILE, "fichier introuvable.")]
    try:
        document = YamlDocument.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [
            ContentError(
                MESSAGES_FILE, "le fichier n'est pas en UTF-8\u202f: enregistrez-le en UTF-8."
            )
        ]
    except YamlSyntaxError as exc:
        return None, [ContentError(MESSAGES_FILE, exc.message, exc.line)]
    if not isinstance(document.data, dict):
        message = "le fichier doit contenir des clés (clé: valeur)."
        return None, [ContentError(MESSAGES_FILE, message, document.line_of(()))]
    try:
        messages = PhishingSet.model_validate(document.data)
    except ValidationError as exc:
        return None, errors_from_validation(exc, MESSAGES_FILE, document)
    errors = _set_rules(messages, document)
    return (None, errors) if errors else (messages, [])


def _messages_word(count: int) -> str:
    return f"{count}\u00a0message{'s' if count > 1 else ''}"


def _verdict(trusted_traps: int, doubted_genuine: int) -> str:
    """What the learner's mistakes mean, in one or two French sentences."""
    if trusted_traps:
        return (
            f"Attention\u202f: vous auriez fait confiance à {trusted_traps}\u00a0piège"
            f"{'s' if trusted_traps > 1 else ''}. Relisez {'leurs' if trusted_traps > 1 else 'ses'} "
            "signes d'alerte ci-dessous\u202f: c'est avec ce genre de message que l'on vole des "
            "pages."
        )
    if doubted_genuine:
        return (
            "Aucun piège ne vous a trompé. Vous avez pourtant pris "
            f"{_messages_word(doubted_genuine)} authentique{'s' if doubted_genuine > 1 else ''} "
            f"pour {'des pièges' if doubted_genuine > 1 else 'un piège'}\u202f: la prudence a "
            "du bon, mais vérifiez par vous-même, en ouvrant l'application, plutôt que d'ignorer "
            "une vraie alerte."
        )
    return (
        "Aucun piège ne vous a échappé. Gardez les mêmes réflexes devant chaque message qui vous "
        "presse ou vous demande un mot de passe."
    )


def sort_messages(answers: Mapping[str, str | None], messages: PhishingSet) -> dict[str, Any]:
    """The learner's sorting (message id → « genuine » or « phishing ») checked, as a plain dict.

    Every message must be sorted; ids that are not in the file (an older version) are ignored.
    """
    unsorted = [m for m in messages.messages if answers.get(m.id) is None]
    if unsorted:
        raise InvalidInput(
            f"Classez encore {_messages_word(len(unsorted))}\u202f: pour chacun, choisissez "
            f"«\u00a0{KIND_LABELS['genuine']}\u00a0» ou «\u00a0{KIND_LABELS['phishing']}\u00a0»."
        )
    unknown = sorted({str(answers[m.id]) for m in messages.messages} - set(KINDS))
    if unknown:
        raise InvalidInput(
            f"Réponse inconnue «\u00a0{unknown[0]}\u00a0»\u202f: choisissez «\u00a0{KIND_LABELS['genuine']}\u00a0» ou "
            f"«\u00a0{KIND_LABELS['phishing']}\u00a0»."
        )
    sorted_messages: list[dict[str, Any]] = [
        {
            "id": m.id,
            "sender": m.sender,
            "channel": m.channel,
            "subject": m.subject,
            "kind": m.kind,
            "kind_label": KIND_LABELS[m.kind],
            "answer": answers[m.id],
            "answer_label": KIND_LABELS[str(answers[m.id])],
            "correct": answers[m.id] == m.kind,
            "signs": list(m.signs),
            "explanation": m.explanation,
        }
        for m in messages.messages
    ]
    total = len(sorted_messages)
    score = sum(m["correct"] for m in sorted_messages)
    trusted_traps = [m for m in sorted_messages if m["kind"] == "phishing" and not m["correct"]]
    doubted = [m for m in sorted_messages if m["kind"] == "genuine" and not m["correct"]]
    return {
        "exercise": EXERCISE_ID,
        "answers": {m["id"]: m["answer"] for m in sorted_messages},
        "score": score,
        "total": total,
        "percent": round(100 * score / total, 1),
        "score_label": f"{score} sur {total} ({format_percent(100 * score / total)})",
        "trusted_traps": [m["id"] for m in trusted_traps],
        "doubted_genuine": [m["id"] for m in doubted],
        "messages": sorted_messages,
        "verdict": _verdict(len(trusted_traps), len(doubted)),
        "summary": (
            f"Vous avez bien classé {score} message{'s' if score > 1 else ''} sur {total} dans "
            "l'exercice «\u00a0Repérez l'hameçonnage\u00a0»."
        ),
        "reflexes": list(REFLEXES),
        "protections": list(PROTECTIONS),
    }
