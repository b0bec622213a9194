"""The learner's personal action plan: their exercise answers turned into next steps (Markdown).

Everything the learner typed is escaped, so the file shows it as text in any Markdown reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from course.formatting import format_long_date
from course.journey.progress import Progress
from course.text import escape_markdown

NOT_DONE = "Vous n'avez pas encore fait l'exercice «\u00a0{title}\u00a0» (module {module})."


def action_plan(
    name: str, progress: Progress, answers: Mapping[str, Mapping[str, Any]], today: date
) -> str:
    """The plan as Markdown, section by section."""
    sections = [
        f"# Plan d'action pour les réseaux sociaux de votre association\n\n"
        f"Établi pour {escape_markdown(name)} le {format_long_date(today)}, à partir de vos "
        "réponses aux exercices de la formation.",
        _networks(answers.get("quel-reseau")),
        _facebook_page(answers.get("checklist-page-facebook")),
        _messages(answers.get("composer-tweet")),
        _donations(answers.get("simulateur-don")),
        _images(answers.get("decrire-image")),
        _accounts(answers.get("reperer-hameconnage")),
        _image_rights(answers.get("autorisation-image")),
        _moderation(answers.get("charte-moderation")),
        _measures(answers.get("taux-engagement")),
        _training(progress),
    ]
    return "\n\n".join(_numbered(sections)) + "\n"


def _numbered(sections: list[str]) -> list[str]:
    """Section titles (`## N. …`) numbered 1, 2, 3… in the order the plan shows them."""
    numbers = iter(range(1, len(sections) + 1))
    return [re.sub(r"\A## \d+\. ", lambda _: f"## {next(numbers)}. ", s) for s in sections]


def _networks(result: Mapping[str, Any] | None) -> str:
    title = "## 1. Les réseaux à privilégier"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(
            title="Quel réseau pour mon association\u202f?", module=10
        )
    lines = [title, ""]
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


def _facebook_page(result: Mapping[str, Any] | None) -> str:
    title = "## 2. Votre page Facebook"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(
            title="Votre page Facebook est-elle complète\u202f?", module=7
        )
    lines = [
        title,
        "",
        f"Votre page a aujourd'hui {result['score_label']} des éléments observés chez les ONG.",
    ]
    if result.get("next_actions"):
        lines += ["", "**Vos prochaines actions**\u202f:", ""]
        lines += [f"{n}. {action}" for n, action in enumerate(result["next_actions"], start=1)]
    return "\n".join(lines)


def _messages(result: Mapping[str, Any] | None) -> str:
    title = "## 3. Vos messages"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(title="Rédigez un tweet", module=8)
    lines = [title, "", "Votre brouillon de message\u202f:", ""]
    lines += [f"> {escape_markdown(line)}" if line else ">" for line in result["text"].splitlines()]
    lines.append("")
    lines += [f"- {limit['verdict']}" for limit in result.get("limits", [])]
    if not result.get("hashtags"):
        lines.append("- Ajoutez un hashtag pour que votre message soit trouvé par thème.")
    return "\n".join(lines)


def _donations(result: Mapping[str, Any] | None) -> str:
    title = "## 4. Parler des dons"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(title="Simulez le coût réel d'un don", module=7)
    return (
        f"{title}\n\nDites à vos donateurs ce que leur don leur coûte vraiment\u202f: "
        f"{result['summary']} Vérifiez chaque année les taux et le plafond en vigueur."
    )


def _images(result: Mapping[str, Any] | None) -> str:
    title = "## 5. Des images décrites pour tous"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(title="Décrivez une image", module=11)
    lines = [title, "", "Votre description d'image\u202f:", ""]
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


def _measures(result: Mapping[str, Any] | None) -> str:
    title = "## 9. Mesurer vos résultats"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(
            title="Calculez et lisez un taux d'engagement", module=15
        )
    lines = [
        title,
        "",
        f"Votre taux d'engagement de référence : **{result['rate_label']}**, calculé ainsi : "
        f"{result['formula']} ({result['calculation']}).",
        "",
        "**Chaque mois** :",
        "",
        f"- Calculez ce taux de la même façon, {result['formula']}, et notez-le dans votre "
        "bilan mensuel, avec la couverture, les clics sortants et les dons ou les inscriptions "
        "arrivés par vos liens tracés.",
        "- Donnez à chaque campagne son propre lien tracé, avec des paramètres UTM toujours "
        "écrits en minuscules.",
        "- Terminez chaque bilan par une décision pour le mois suivant.",
    ]
    return "\n".join(lines)


def _image_rights(result: Mapping[str, Any] | None) -> str:
    title = "## 6. Le droit à l'image"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(
            title="Une autorisation de droit à l'image", module=13
        )
    lines = [
        title,
        "",
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


def _moderation(result: Mapping[str, Any] | None) -> str:
    title = "## 7. Modérer vos pages"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(
            title="La charte de modération de mon association", module=14
        )
    lines = [title, "", result["summary"], "", "**Vos prochaines actions**\u202f:", ""]
    lines += [f"{k}. {action}" for k, action in enumerate(result["next_actions"], start=1)]
    lines += [
        "",
        "Le texte complet de votre charte se télécharge dans l'exercice du module 14. En cas "
        "de crise, suivez les étapes du module\u202f: message d'attente, faits vérifiés, "
        "réponse sur le même canal.",
    ]
    return "\n".join(lines)


def _accounts(result: Mapping[str, Any] | None) -> str:
    title = "## 6. Protéger les comptes de l'association"
    if not result:
        return f"{title}\n\n" + NOT_DONE.format(title="Repérez l'hameçonnage", module=12)
    lines = [title, "", f"{result['summary']} {result['verdict']}"]
    traps = [m for m in result.get("messages", []) if m["id"] in result.get("trusted_traps", [])]
    if traps:
        lines += ["", "**Les signes qui vous ont échappé**\u202f:", ""]
        lines += [f"- {sign}" for message in traps for sign in message["signs"]]
    lines += ["", "**Devant un message qui vous presse**\u202f:", ""]
    lines += [f"{n}. {reflex}" for n, reflex in enumerate(result.get("reflexes", []), start=1)]
    lines += ["", "**Cette semaine**\u202f:", ""]
    lines += [f"- {action}" for action in result.get("protections", [])]
    return "\n".join(lines)


def _training(progress: Progress) -> str:
    title = "## 8. La suite de votre formation"
    if progress.complete:
        return f"{title}\n\nFormation terminée\u202f: téléchargez votre attestation dans «\u00a0Mon parcours\u00a0»."
    return f"{title}\n\nIl vous reste à\u202f:\n\n" + "\n".join(
        f"- {item}" for item in progress.missing
    )
