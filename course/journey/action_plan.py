"""The learner's personal action plan: their exercise answers turned into next steps (Markdown).

Everything the learner typed is escaped, so the file shows it as text in any Markdown reader.
"""

from __future__ import annotations

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
        _training(progress),
    ]
    return "\n\n".join(sections) + "\n"


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


def _training(progress: Progress) -> str:
    title = "## 5. La suite de votre formation"
    if progress.complete:
        return f"{title}\n\nFormation terminée\u202f: téléchargez votre attestation dans «\u00a0Mon parcours\u00a0»."
    return f"{title}\n\nIl vous reste à\u202f:\n\n" + "\n".join(
        f"- {item}" for item in progress.missing
    )
