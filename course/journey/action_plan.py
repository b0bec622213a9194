"""The learner's personal action plan: their exercise answers turned into next steps (Markdown).

One numbered section per exercise (`SECTIONS`: the exercise, its heading, its module, and how
its result becomes next steps), then what is left of the training. Everything the learner typed
is escaped, so the file shows it as text in any Markdown reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, NamedTuple

from course.content.exercise_registry import EXERCISES
from course.formatting import format_long_date
from course.journey.progress import Progress
from course.text import escape_markdown

NOT_DONE = "Vous n'avez pas encore fait l'exercice «\u00a0{title}\u00a0» (module {module})."

Result = Mapping[str, Any]


class Section(NamedTuple):
    """An exercise's section: its heading, the module that teaches it, and its body."""

    exercise_id: str
    heading: str
    module: int
    body: Callable[[Result], str]


def action_plan(name: str, progress: Progress, answers: Mapping[str, Result], today: date) -> str:
    """The plan as Markdown: an introduction, a numbered section per exercise, the training."""
    sections = [_introduction(name, today)]
    sections += [
        _exercise_section(number, section, answers.get(section.exercise_id))
        for number, section in enumerate(SECTIONS, start=1)
    ]
    sections.append(_training(len(SECTIONS) + 1, progress))
    return "\n\n".join(sections) + "\n"


def _introduction(name: str, today: date) -> str:
    return (
        "# Plan d'action pour les réseaux sociaux de votre association\n\n"
        f"Établi pour {escape_markdown(name)} le {format_long_date(today)}, à partir de vos "
        "réponses aux exercices de la formation."
    )


def _exercise_section(number: int, section: Section, result: Result | None) -> str:
    """`## N. Heading`, then the result's next steps, or which exercise is still to do."""
    heading = f"## {number}. {section.heading}"
    if not result:
        not_done = NOT_DONE.format(title=EXERCISES[section.exercise_id], module=section.module)
        return f"{heading}\n\n{not_done}"
    body = section.body(result)
    return f"{heading}\n\n{body}" if body else heading  # an empty result: the heading alone


def _networks(result: Result) -> str:
    lines: list[str] = []
    for network in result.get("recommended", []):
        lines.append(f"### {network['rank_label'].capitalize()}\u202f: {network['name']}")
        lines.append("")
        lines.append(network["summary"])
        lines += [f"- {reason}" for reason in network.get("reasons", [])]
        if network.get("today"):
            lines.append(f"- Aujourd'hui\u202f: {network['today']}")
        lines.append("")
    if result.get("time_advice"):
        lines.append(f"**Votre temps.** {result['time_advice']}")
    if result.get("reserve"):
        lines.append("")
        lines.append(
            f"**À réserver sans les animer pour l'instant**\u202f: {', '.join(result['reserve'])}. "
            + (result.get("reserve_advice") or "")
        )
    return "\n".join(lines).rstrip()


def _facebook_page(result: Result) -> str:
    lines = [
        f"Votre page a aujourd'hui {result['score_label']} des éléments observés chez les ONG."
    ]
    if result.get("next_actions"):
        lines += ["", "**Vos prochaines actions**\u202f:", ""]
        lines += [f"{n}. {action}" for n, action in enumerate(result["next_actions"], start=1)]
    return "\n".join(lines)


def _messages(result: Result) -> str:
    lines = ["Votre brouillon de message\u202f:", ""]
    lines += [f"> {escape_markdown(line)}" if line else ">" for line in result["text"].splitlines()]
    lines.append("")
    lines += [f"- {limit['verdict']}" for limit in result.get("limits", [])]
    if not result.get("hashtags"):
        lines.append("- Ajoutez un hashtag pour que votre message soit trouvé par thème.")
    return "\n".join(lines)


def _donations(result: Result) -> str:
    return (
        "Dites à vos donateurs ce que leur don leur coûte vraiment\u202f: "
        f"{result['summary']} Vérifiez chaque année les taux et le plafond en vigueur."
    )


def _images(result: Result) -> str:
    lines = ["Votre description d'image\u202f:", ""]
    lines += [f"> {escape_markdown(result['text'])}", ""]
    lines += [
        f"- {escape_markdown(check['label'])}\u202f: {'oui' if check['ok'] else 'à revoir'}"
        for check in result.get("checks", [])
    ]
    lines += [
        "",
        "**Pour chaque publication**\u202f: décrivez chaque image dans son texte alternatif (qui "
        "fait quoi, en une ou deux phrases, sans «\u00a0Image de…\u00a0»), sous-titrez vos "
        "vidéos, écrivez vos hashtags en CamelCase et gardez vos émojis pour la fin du message.",
    ]
    return "\n".join(lines)


def _accounts(result: Result) -> str:
    lines = [f"{result['summary']} {result['verdict']}"]
    traps = [m for m in result.get("messages", []) if m["id"] in result.get("trusted_traps", [])]
    if traps:
        lines += ["", "**Les signes qui vous ont échappé**\u202f:", ""]
        lines += [f"- {sign}" for message in traps for sign in message["signs"]]
    lines += ["", "**Devant un message qui vous presse**\u202f:", ""]
    lines += [f"{n}. {reflex}" for n, reflex in enumerate(result.get("reflexes", []), start=1)]
    lines += ["", "**Cette semaine**\u202f:", ""]
    lines += [f"- {action}" for action in result.get("protections", [])]
    return "\n".join(lines)


def _image_rights(result: Result) -> str:
    lines = [
        f"Votre autorisation pour «\u00a0{escape_markdown(result['event'])}\u00a0» "
        f"({escape_markdown(result['association'])})\u202f: {result['summary']}",
        "",
        f"Supports\u202f: {', '.join(escape_markdown(s) for s in result.get('supports', []))}.",
        "",
        "**Avant l'événement**\u202f:",
        "",
    ]
    lines += [f"- {reminder}" for reminder in result.get("reminders", [])]
    lines += [
        "",
        "Ceci n'est pas un conseil juridique\u202f: faites relire votre formulaire, et "
        "vérifiez la règle du moment sur service-public.fr ou sur le site de la CNIL.",
    ]
    return "\n".join(lines)


def _moderation(result: Result) -> str:
    lines = [result["summary"], "", "**Vos prochaines actions**\u202f:", ""]
    lines += [f"{k}. {action}" for k, action in enumerate(result["next_actions"], start=1)]
    lines += [
        "",
        "Le texte complet de votre charte se télécharge dans l'exercice du module 14. En cas "
        "de crise, suivez les étapes du module\u202f: message d'attente, faits vérifiés, "
        "réponse sur le même canal.",
    ]
    return "\n".join(lines)


def _measures(result: Result) -> str:
    lines = [
        f"Votre taux d'engagement de référence\u202f: **{result['rate_label']}**, calculé ainsi\u202f: "
        f"{result['formula']} ({result['calculation']}).",
        "",
        "**Chaque mois**\u202f:",
        "",
        f"- Calculez ce taux de la même façon, {result['formula']}, et notez-le dans votre "
        "bilan mensuel, avec la couverture, les clics sortants et les dons ou les inscriptions "
        "arrivés par vos liens tracés.",
        "- Donnez à chaque campagne son propre lien tracé, avec des paramètres UTM toujours "
        "écrits en minuscules.",
        "- Terminez chaque bilan par une décision pour le mois suivant.",
    ]
    return "\n".join(lines)


# In the order the plan shows them; each exercise's title comes from the registry.
SECTIONS: tuple[Section, ...] = (
    Section("quel-reseau", "Les réseaux à privilégier", 10, _networks),
    Section("checklist-page-facebook", "Votre page Facebook", 7, _facebook_page),
    Section("composer-tweet", "Vos messages", 8, _messages),
    Section("simulateur-don", "Parler des dons", 7, _donations),
    Section("decrire-image", "Des images décrites pour tous", 11, _images),
    Section("reperer-hameconnage", "Protéger les comptes de l'association", 12, _accounts),
    Section("autorisation-image", "Le droit à l'image", 13, _image_rights),
    Section("charte-moderation", "Modérer vos pages", 14, _moderation),
    Section("taux-engagement", "Mesurer vos résultats", 15, _measures),
)


def _training(number: int, progress: Progress) -> str:
    heading = f"## {number}. La suite de votre formation"
    if progress.complete:
        return (
            f"{heading}\n\nFormation terminée\u202f: téléchargez votre attestation dans "
            "«\u00a0Mon parcours\u00a0»."
        )
    return f"{heading}\n\nIl vous reste à\u202f:\n\n" + "\n".join(
        f"- {item}" for item in progress.missing
    )
