"""Image consent form: a photo-session authorisation built from the learner's choices (module 13).

The form follows what the module teaches: written, specific (supports, purpose, duration),
revocable at any time, parents' signatures for a minor, what the association does with the
images and the signed form. It always carries the « not legal advice » caveat.

Every value the learner types is cleaned (no control characters, one line, bounded length);
the Markdown form escapes it, the plain-text form shows it as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from course.exercises import InvalidInput, escape_markdown

EXERCISE_ID = "autorisation-image"

MAX_ASSOCIATION = 100
MAX_EVENT = 120
MAX_PURPOSE = 160
MAX_CONTACT = 120
MAX_OTHER_USE = 100

BLANK = "_" * 30  # a line to fill in by hand (never a delimiter in Markdown: see the tests)
BOX = "\u2610"  # ☐, a box the signer ticks
NOT_LEGAL_ADVICE = "Ceci n'est pas un conseil juridique."
CAVEAT = (
    f"{NOT_LEGAL_ADVICE} Ce modèle vient d'un exercice de formation\u202f: adaptez-le à votre "
    "situation et faites-le relire. Les règles peuvent changer."
)
DEFAULT_PURPOSE = "faire connaître les activités de l'association"


@dataclass(frozen=True)
class Choice:
    """One option the learner picks from a list."""

    id: str
    label: str


# Where the images may appear: each one is a box the signer ticks, so the accord is specific.
USES = (
    Choice("site", "le site internet de l'association"),
    Choice("reseaux", "les pages de l'association sur les réseaux sociaux"),
    Choice("lettre", "la lettre d'information de l'association"),
    Choice(
        "imprime", "les documents imprimés de l'association (affiches, dépliants, rapport annuel)"
    ),
    Choice("presse", "la presse locale, à qui l'association transmet les images"),
)
DURATIONS = (
    Choice("1-an", "un an"),
    Choice("2-ans", "deux ans"),
    Choice("3-ans", "trois ans"),
    Choice("5-ans", "cinq ans"),
)
MEDIA = (
    Choice("photos", "les photos"),
    Choice("photos-videos", "les photos et les vidéos"),
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def _label(choices: tuple[Choice, ...], wanted: str, unknown: str) -> str:
    for choice in choices:
        if choice.id == wanted:
            return choice.label
    raise InvalidInput(f"{unknown}\u202f: «\u00a0{wanted}\u00a0».")


def clean(text: str, limit: int, what: str, *, required: bool = True) -> str:
    """A value the learner typed, on one line, without control characters, at most `limit` long."""
    cleaned = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text or "")).split())
    if required and not cleaned:
        raise InvalidInput(f"Indiquez {what}.")
    if len(cleaned) > limit:
        raise InvalidInput(
            f"Raccourcissez {what}\u202f: {limit} caractères au plus ({len(cleaned)} aujourd'hui)."
        )
    return cleaned


@dataclass(frozen=True)
class _Form:
    association: str
    event: str
    purpose: str
    contact: str
    other_use: str
    uses: tuple[str, ...]
    media: str
    duration: str
    minors: bool


def _read(
    association: str,
    event: str,
    uses: Iterable[str],
    duration: str,
    contact: str,
    *,
    minors: bool,
    purpose: str,
    media: str,
    other_use: str,
) -> _Form:
    names = (
        clean(association, MAX_ASSOCIATION, "le nom de l'association"),
        clean(event, MAX_EVENT, "l'événement photographié"),
        clean(purpose, MAX_PURPOSE, "le but des publications"),
    )
    chosen = set(uses)
    known = [choice.id for choice in USES]
    unknown = sorted(chosen - set(known))
    if unknown:
        raise InvalidInput(f"Support inconnu\u202f: «\u00a0{unknown[0]}\u00a0».")
    other = clean(other_use, MAX_OTHER_USE, "l'autre support", required=False)
    if not chosen and not other:
        raise InvalidInput(
            "Choisissez au moins un support\u202f: l'autorisation dit où les images paraîtront."
        )
    _label(DURATIONS, duration, "Durée inconnue")
    _label(MEDIA, media, "Type d'images inconnu")
    return _Form(
        association=names[0],
        event=names[1],
        purpose=names[2],
        contact=clean(contact, MAX_CONTACT, "l'adresse à laquelle retirer son accord"),
        other_use=other,
        uses=tuple(use for use in known if use in chosen),
        media=media,
        duration=duration,
        minors=bool(minors),
    )


@dataclass(frozen=True)
class _Voice:
    """Who speaks in the form: the person photographed, or the parents of a minor."""

    authorise: str
    whose: str
    tick: str
    asks: str
    can: str
    gave: str
    part: str
    accord: str
    data: str


ADULT = _Voice(
    authorise="J'autorise",
    whose="de moi",
    tick="je coche",
    asks="me demandera",
    can="Je peux",
    gave="je l'ai donnée",
    part="ma participation",
    accord="mon accord",
    data="mes données",
)
PARENTS = _Voice(
    authorise="Nous autorisons",
    whose="de notre enfant",
    tick="nous cochons",
    asks="nous demandera",
    can="Nous pouvons",
    gave="nous l'avons donnée",
    part="la participation de notre enfant",
    accord="notre accord",
    data="nos données et à celles de notre enfant",
)


def _signatures(minors: bool) -> list[str]:
    if not minors:
        return [f"Nom et prénom\u202f: {BLANK}", "", f"Signature\u202f: {BLANK}"]
    return [
        f"Nom, prénom et signature du premier parent\u202f: {BLANK}",
        "",
        f"Nom, prénom et signature du second parent\u202f: {BLANK}",
        "",
        f"Avis de l'enfant, selon son âge et sa maturité\u202f: {BLANK}",
    ]


def _document(form: _Form, show: Callable[[str], str], markdown: bool) -> list[str]:
    """The form's lines; `show` turns a learner's value into text (escaped for Markdown)."""
    bold: Callable[[str], str] = (lambda text: f"**{text}**") if markdown else str
    voice = PARENTS if form.minors else ADULT
    media = _label(MEDIA, form.media, "Type d'images inconnu")
    duration = _label(DURATIONS, form.duration, "Durée inconnue")
    box = f"- {BOX}" if markdown else BOX
    title = "Autorisation de droit à l'image"
    lines = [
        f"# {title}" if markdown else title.upper(),
        "",
        f"{bold(NOT_LEGAL_ADVICE)} {CAVEAT.removeprefix(NOT_LEGAL_ADVICE).strip()}",
        "",
        f"{bold('Association')}\u202f: {show(form.association)}",
        "",
        f"{bold('Événement')}\u202f: {show(form.event)}",
        "",
    ]
    if form.minors:
        lines += [f"Nom et prénom de l'enfant\u202f: {BLANK}", ""]
    lines += [
        f"{voice.authorise} l'association {show(form.association)} à publier {media} prises "
        f"{voice.whose} lors de l'événement «\u00a0{show(form.event)}\u00a0», dans le but de "
        f"{show(form.purpose)}, sur les supports que {voice.tick} ci-dessous\u202f:",
        "",
    ]
    lines += [f"{box} {_label(USES, use, 'Support inconnu')}" for use in form.uses]
    if form.other_use:
        lines.append(f"{box} {show(form.other_use)}")
    lines += [
        "",
        f"Cette autorisation vaut pour {bold(duration)} à compter de sa signature. Elle ne vaut "
        "ni pour d'autres supports, ni pour d'autres usages\u202f: pour toute nouvelle "
        f"utilisation, l'association {voice.asks} un nouvel accord.",
        "",
        f"{voice.can} retirer cette autorisation à tout moment, aussi simplement que "
        f"{voice.gave}, en écrivant à {show(form.contact)}\u202f: les images seront alors "
        "retirées des supports de l'association.",
        "",
        "Refuser ou retirer cette autorisation ne change rien à "
        f"{voice.part} aux activités de l'association.",
        "",
        f"{bold('Données personnelles')}\u202f: l'association {show(form.association)} utilise "
        "ces images et ce formulaire pour les seuls usages ci-dessus. Elle garde le formulaire "
        f"signé tant qu'elle utilise les images, pour pouvoir prouver {voice.accord}. "
        f"{voice.can} demander à accéder à {voice.data}, à les faire corriger ou effacer, en "
        f"écrivant à {show(form.contact)}, et adresser une réclamation à la CNIL.",
        "",
        f"Fait à {BLANK}, le {BLANK}",
        "",
        *_signatures(form.minors),
    ]
    return lines


def _reminders(form: _Form) -> list[str]:
    reminders = [
        "Faites signer l'autorisation avant l'événement, et gardez les formulaires signés "
        "aussi longtemps que vous utilisez les images.",
        "Ne publiez une photo que sur les supports cochés par la personne, et pendant la "
        "durée prévue.",
        "Si une personne retire son accord, retirez ses images sans discuter.",
    ]
    if form.minors:
        reminders.append(
            "Pour les mineurs, prévoyez la signature des deux parents quand c'est possible, "
            "demandez l'avis de l'enfant, et préférez les photos où l'on ne reconnaît pas les "
            "visages."
        )
    if "presse" in form.uses:
        reminders.append(
            "Avant de transmettre une image à la presse, vérifiez que la personne a bien coché "
            "cette case."
        )
    return reminders


def _summary(supports: int, duration: str, minors: bool) -> str:
    """One sentence for the action plan, without anything the learner typed."""
    count = "un support" if supports == 1 else f"{supports} supports"
    parents = "\u202f; signée par les parents pour les mineurs" if minors else ""
    return f"Autorisation pour {count}, valable {duration}{parents}."


def consent_form(
    association: str,
    event: str,
    uses: Iterable[str],
    duration: str,
    contact: str,
    *,
    minors: bool = False,
    purpose: str = DEFAULT_PURPOSE,
    media: str = "photos",
    other_use: str = "",
) -> dict[str, Any]:
    """The authorisation as a plain dict: the learner's choices, the form in Markdown and in
    plain text, a one-line summary and reminders for the action plan."""
    form = _read(
        association,
        event,
        uses,
        duration,
        contact,
        minors=minors,
        purpose=purpose,
        media=media,
        other_use=other_use,
    )
    supports = [_label(USES, use, "Support inconnu") for use in form.uses]
    if form.other_use:
        supports.append(form.other_use)
    duration_label = _label(DURATIONS, form.duration, "Durée inconnue")
    return {
        "exercise": EXERCISE_ID,
        "association": form.association,
        "event": form.event,
        "purpose": form.purpose,
        "contact": form.contact,
        "uses": list(form.uses),
        "other_use": form.other_use,
        "supports": supports,
        "media": form.media,
        "duration": form.duration,
        "duration_label": duration_label,
        "minors": form.minors,
        "summary": _summary(len(supports), duration_label, form.minors),
        "reminders": _reminders(form),
        "caveat": CAVEAT,
        "markdown": "\n".join(_document(form, escape_markdown, markdown=True)) + "\n",
        "text": "\n".join(_document(form, str, markdown=False)) + "\n",
    }
