"""Facebook page checklist: what the NGOs of module 7 had on their page, and what is missing on yours.

Each item serves some of the source's six objectives; the next actions put first the items that
would cover an objective the page does not serve yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from course.exercises import InvalidInput
from course.formatting import format_percent

EXERCISE_ID = "checklist-page-facebook"
NEXT_ACTIONS = 3


@dataclass(frozen=True)
class Item:
    """One thing a good association page has, from the case studies of module 7."""

    id: str
    group: str
    label: str
    action: str
    objectives: tuple[str, ...]


OBJECTIVES = {
    "recruter": "recruter des bénévoles",
    "informer": "informer et renseigner les internautes",
    "actions": "mettre en avant les actions réalisées",
    "sensibiliser": "sensibiliser le public à votre cause",
    "dons": "récolter des dons",
    "contact": "garder le contact grâce à une newsletter",
}
GROUPS = ("Le haut de la page", "Les publications", "La conversation", "Les albums photo")
ITEMS = (
    Item(
        "bandeau",
        GROUPS[0],
        "Un bandeau de couverture qui affiche le message fort du moment",
        "Changez votre bandeau de couverture au fil de vos campagnes : collecte, forum des "
        "associations, appel à bénévoles.",
        ("sensibiliser", "actions"),
    ),
    Item(
        "operation",
        GROUPS[0],
        "Une opération ou une campagne mise en avant en haut de la page",
        "Épinglez en haut de la page une publication sur votre opération du moment, comme la "
        "Croix-Rouge avec « Master Survivors ».",
        ("sensibiliser",),
    ),
    Item(
        "newsletter",
        GROUPS[0],
        "Un lien pour s'inscrire à votre newsletter",
        "Ajoutez un lien d'inscription à votre newsletter, en promettant un rythme raisonnable "
        "et un lien de désinscription, comme Reporters sans frontières.",
        ("contact",),
    ),
    Item(
        "bouton-don",
        GROUPS[0],
        "Un bouton ou un lien pour faire un don en ligne",
        "Ajoutez un bouton ou un lien de don avec un message court : ce que vous faites et à quoi "
        "sert l'argent, comme Médecins du Monde.",
        ("dons",),
    ),
    Item(
        "articles",
        GROUPS[1],
        "Vos articles de site ou de blog partagés, avec une phrase d'introduction et un lien",
        "Partagez vos articles avec une phrase d'introduction, un chiffre fort et le lien, comme "
        "Action contre la Faim.",
        ("informer",),
    ),
    Item(
        "terrain",
        GROUPS[1],
        "Des publications qui montrent vos actions de terrain",
        "Racontez une action de terrain par semaine : l'atelier, la maraude, le bilan d'une "
        "collecte.",
        ("actions",),
    ),
    Item(
        "appel-benevoles",
        GROUPS[1],
        "Des appels à bénévoles",
        "Publiez un appel à bénévoles précis : quelle mission, quand, et qui contacter.",
        ("recruter",),
    ),
    Item(
        "appel-dons",
        GROUPS[1],
        "Des appels aux dons qui annoncent le bon taux de réduction d'impôt",
        "Lancez un appel aux dons avant le 31 décembre, en vérifiant votre taux de réduction "
        "d'impôt, 66 % ou 75 %, avant de l'annoncer.",
        ("dons",),
    ),
    Item(
        "reponses",
        GROUPS[2],
        "Une réponse rapide et précise à chaque question, avec un lien si possible",
        "Désignez une personne, le community manager, qui répond à chaque question, de préférence "
        "sous 48 heures, avec un lien précis.",
        ("informer", "recruter"),
    ),
    Item(
        "benevoles-temoignent",
        GROUPS[2],
        "Des bénévoles qui témoignent ou répondent sur la page",
        "Invitez vos bénévoles à témoigner en commentaire : ils donnent un visage à "
        "l'association et peuvent en décider d'autres.",
        ("recruter", "sensibiliser"),
    ),
    Item(
        "albums",
        GROUPS[3],
        "Des albums photo de vos actions, avec l'accord des personnes reconnaissables",
        "Créez un album des temps forts de l'année, comme Médecins du Monde, avec l'accord des "
        "personnes que l'on y reconnaît.",
        ("actions",),
    ),
)


def _message(ticked: int, total: int) -> str:
    if ticked == total:
        return "Bravo : votre page a tout ce que montraient les ONG du module 7."
    if ticked == 0:
        return "Tout est à construire : commencez par les trois actions ci-dessous."
    if ticked * 2 >= total:
        return "Votre page est bien partie : voici ce qui lui manque encore."
    return "Votre page a des bases : ajoutez pas à pas ce qui lui manque."


def check_page(ticked: Iterable[str]) -> dict[str, Any]:
    """Score, objectives served and next actions of a Facebook page, as a plain dict."""
    known = {item.id for item in ITEMS}
    chosen = set(ticked)
    unknown = sorted(chosen - known)
    if unknown:
        raise InvalidInput(f"Élément inconnu de la liste : « {unknown[0]} ».")
    served = {objective for item in ITEMS if item.id in chosen for objective in item.objectives}
    missing = [item for item in ITEMS if item.id not in chosen]
    # Items that serve an objective not yet served come first; the list order breaks ties.
    missing.sort(key=lambda item: not (set(item.objectives) - served))
    total, done = len(ITEMS), len(chosen)
    return {
        "exercise": EXERCISE_ID,
        "ticked": [item.id for item in ITEMS if item.id in chosen],
        "score": done,
        "total": total,
        "percent": round(100 * done / total, 1),
        "score_label": f"{done} sur {total} ({format_percent(100 * done / total)})",
        "objectives": [
            {"id": key, "label": label, "served": key in served}
            for key, label in OBJECTIVES.items()
        ],
        "objectives_served": len(served),
        "next_actions": [item.action for item in missing[:NEXT_ACTIONS]],
        "message": _message(done, total),
    }
