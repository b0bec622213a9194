"""« La charte de modération de mon association » (module 14): the learner's choices in, a
charter ready to publish out, as Markdown and as plain text.

The rules come from the lesson: what charters published by local authorities contain (moderation
after publication, what is removed, blocking on repetition, an address to contest), the lesson's
six headings, and where illicit content is reported (the platform, Pharos, the police or the
gendarmerie, the 17). Illegal remarks are always removed and always reported to the platform:
the learner cannot untick them.

Everything the learner types is bounded, kept on one line (control characters and line breaks
become spaces) and escaped in the Markdown version, so it shows as text in any Markdown reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from course.exercises import InvalidInput
from course.exercises.moderation_options import (
    ALWAYS_REPORTED,
    ILLEGAL,
    NEXT_ACTIONS,
    REMOVED,
    REPORTS,
    SCHEDULES,
    WARNINGS,
    WELCOME,
    Option,
)
from course.formatting import format_long_date
from course.text import escape_markdown

EXERCISE_ID = "charte-moderation"

MAX_NAME = 80
MAX_OTHER = 200
MAX_WHO = 120
MAX_CONTACT = 120
MAX_MODERATORS = 20
BLOCK_AFTER = (2, 5)  # after how many removed messages an author may be blocked: bounds
DEFAULT_WHO = "des bénévoles de l'association"
DEFAULT_CONTACT = "la messagerie de cette page"


_SPACES = re.compile(r"\s+")


def clean_text(text: str, maximum: int, what: str) -> str:
    """Learner text on one line: control characters and line breaks become spaces; too long
    is an InvalidInput with a French message."""
    visible = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in text
    )
    single = _SPACES.sub(" ", visible).strip()
    if len(single) > maximum:
        raise InvalidInput(
            f"{what.capitalize()} est trop long : {maximum} caractères au plus, "
            f"{len(single)} aujourd'hui."
        )
    return single


def _picked(chosen: Iterable[str], options: tuple[Option, ...], what: str) -> list[Option]:
    """The options chosen, in the exercise's order; an unknown id is an InvalidInput."""
    wanted = set(chosen)
    known = {option.id for option in options}
    unknown = sorted(wanted - known)
    if unknown:
        raise InvalidInput(f"Choix inconnu pour {what} : « {unknown[0]} ».")
    return [option for option in options if option.id in wanted]


def _one(chosen: str, options: tuple[Option, ...], what: str) -> Option:
    for option in options:
        if option.id == chosen:
            return option
    raise InvalidInput(f"Choisissez {what}.")


def _count(value: int, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"Indiquez {what} : un nombre entier de {low} à {high}.")
    return value


@dataclass(frozen=True)
class _Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


def _sections(
    welcome: list[str],
    removed: list[str],
    warning: str,
    block_after: int,
    who: str,
    moderators: int,
    schedule: str,
    contact: str,
    reports: list[str],
) -> list[_Section]:
    """The charter's parts; `who`, `contact` and the bullets learners typed are already in
    their final form (escaped for Markdown, or not for the text version)."""
    people = "une personne" if moderators == 1 else f"{moderators} personnes"
    return [
        _Section(
            "Pourquoi cette charte",
            (
                "Cette page est un lieu d'échange autour de nos actions. Pour qu'elle le reste, "
                "nous vous demandons de respecter les règles ci-dessous.",
                "Un commentaire public est une prise de parole publique : il engage son auteur.",
            ),
        ),
        _Section(
            "Ce qui est bienvenu",
            ("Nous sommes heureux de lire :",) if welcome else (),
            tuple(welcome),
        ),
        _Section(
            "Ce que nous retirons",
            ("Nous retirons :",),
            tuple(removed),
        ),
        _Section(
            "Comment nous prévenons",
            (
                "Les propos illégaux sont retirés sans préavis.",
                warning,
                f"Au bout de {block_after} messages retirés, leur auteur peut être bloqué.",
            ),
        ),
        _Section(
            "Qui modère, et quand",
            (
                f"La modération se fait a posteriori : les commentaires sont publiés sans "
                f"contrôle préalable, puis lus par {who} ({people}).",
                schedule,
            ),
        ),
        _Section(
            "Nous contacter, contester une décision",
            (
                "Pour toute question, ou pour contester une décision de modération, "
                f"écrivez-nous : {contact}.",
            ),
        ),
        _Section("Ce que nous signalons", (), tuple(reports)),
    ]


def _markdown(title: str, sections: list[_Section], footer: str) -> str:
    parts = [f"# {title}"]
    for section in sections:
        block = [f"## {section.heading}"]
        block += [paragraph for paragraph in section.paragraphs]
        if section.bullets:
            block.append("\n".join(f"- {bullet}" for bullet in section.bullets))
        parts.append("\n\n".join(block))
    parts.append(f"*{footer}*")
    return "\n\n".join(parts) + "\n"


def _plain(title: str, sections: list[_Section], footer: str) -> str:
    parts = [f"{title}\n{'=' * len(title)}"]
    for section in sections:
        block = [f"{section.heading}\n{'-' * len(section.heading)}"]
        block += list(section.paragraphs)
        if section.bullets:
            block.append("\n".join(f"- {bullet}" for bullet in section.bullets))
        parts.append("\n\n".join(block))
    parts.append(footer)
    return "\n\n".join(parts) + "\n"


def _bullets(rules: list[str]) -> list[str]:
    """« a ; », « b ; » … « c. »: a French list, one rule a line."""
    return [rule + (" ;" if n < len(rules) - 1 else ".") for n, rule in enumerate(rules)]


def _advice(
    welcome: list[Option], other: str, moderators: int, schedule: Option, reports: list[Option]
) -> list[str]:
    """What the lesson would add to these choices."""
    advice = []
    if not welcome and not other:
        advice.append(
            "Dites aussi ce qui est bienvenu : une charte n'est pas qu'une liste d'interdits."
        )
    elif "avis" not in {option.id for option in welcome}:
        advice.append(
            "Ajoutez que les avis, même critiques, sont bienvenus s'ils restent respectueux : "
            "une critique appelle une réponse, pas une suppression."
        )
    if moderators < 2:
        advice.append(
            "Une seule personne modère : prévoyez au moins un renfort, pour que la page ne "
            "reste pas sans surveillance pendant ses absences."
        )
    if schedule.id == "semaine":
        advice.append(
            "Personne ne lit les commentaires le week-end : un contenu illicite pourrait rester "
            "en ligne deux jours. Prévoyez au moins un passage le samedi ou le dimanche."
        )
    reported = {option.id for option in reports}
    if "pharos" not in reported:
        advice.append(
            "Pensez à Pharos (internet-signalement.gouv.fr) pour les contenus publics "
            "illicites : menaces, incitation à la haine, discriminations."
        )
    if "urgence" not in reported:
        advice.append("Rappelez qu'en cas de danger immédiat, on appelle le 17.")
    return advice


def _summary(removed: int, moderators: int, reports: int) -> str:
    """One sentence for the learner and their action plan: what the charter does."""
    others = {0: "", 1: " et une autre sorte de messages"}.get(
        removed, f" et {removed} autres sortes de messages"
    )
    people = "une personne" if moderators == 1 else f"{moderators} personnes"
    ways = "une façon" if reports == 1 else f"{reports} façons"
    return (
        f"Votre charte retire les propos illégaux{others}, confie la modération à {people} et "
        f"prévoit {ways} de signaler un contenu illicite."
    )


def build_charter(
    *,
    association: str = "",
    welcome: Iterable[str] = (),
    welcome_other: str = "",
    removed: Iterable[str] = (),
    warning: str = "rappel-prive",
    block_after: int = 3,
    who: str = "",
    moderators: int = 2,
    schedule: str = "soirs",
    contact: str = "",
    reports: Iterable[str] = (ALWAYS_REPORTED,),
    today: date | None = None,
) -> dict[str, Any]:
    """The charter (Markdown and plain text) and what the lesson would add, as a plain dict."""
    name = clean_text(association, MAX_NAME, "le nom de l'association")
    named = bool(name)
    other = clean_text(welcome_other, MAX_OTHER, "votre ajout à ce qui est bienvenu")
    team = clean_text(who, MAX_WHO, "la description des modérateurs") or DEFAULT_WHO
    address = clean_text(contact, MAX_CONTACT, "le moyen de vous contacter") or DEFAULT_CONTACT
    welcome_options = _picked(welcome, WELCOME, "ce qui est bienvenu")
    removed_options = _picked(removed, REMOVED, "ce qui est retiré")
    report_options = _picked([ALWAYS_REPORTED, *reports], REPORTS, "ce qui est signalé")
    warning_option = _one(warning, WARNINGS, "comment vous prévenez les auteurs")
    schedule_option = _one(schedule, SCHEDULES, "quand les commentaires sont lus")
    block = _count(block_after, *BLOCK_AFTER, "au bout de combien de messages retirés on bloque")
    count = _count(moderators, 1, MAX_MODERATORS, "le nombre de modérateurs")

    title = f"{name} : charte de modération" if named else "Charte de modération"
    footer = (
        f"Charte en vigueur depuis le {format_long_date(today)}."
        if today
        else "Charte en vigueur à la date de sa publication."
    )

    def sections(escape: bool) -> list[_Section]:
        shown = escape_markdown if escape else (lambda text: text)
        welcome_rules = [option.rule for option in welcome_options]
        welcome_rules += [shown(other)] if other else []
        return _sections(
            _bullets(welcome_rules),
            _bullets([ILLEGAL, *(option.rule for option in removed_options)]),
            warning_option.rule,
            block,
            shown(team),
            count,
            schedule_option.rule,
            shown(address),
            [option.rule for option in report_options],
        )

    markdown_title = (
        f"{escape_markdown(name)} : charte de modération" if named else "Charte de modération"
    )
    advice = _advice(welcome_options, other, count, schedule_option, report_options)
    return {
        "exercise": EXERCISE_ID,
        "association": name,
        "welcome": [option.id for option in welcome_options],
        "welcome_other": other,
        "removed": [option.id for option in removed_options],
        "warning": warning_option.id,
        "block_after": block,
        "who": team,
        "moderators": count,
        "schedule": schedule_option.id,
        "contact": address,
        "reports": [option.id for option in report_options],
        "title": title,
        "markdown": _markdown(markdown_title, sections(escape=True), footer),
        "text": _plain(title, sections(escape=False), footer),
        "rules_removed": 1 + len(removed_options),
        "summary": _summary(len(removed_options), count, len(report_options)),
        "advice": advice,
        "next_actions": [*advice[:2], *NEXT_ACTIONS],
    }
