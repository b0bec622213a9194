"""« Calculez et lisez un taux d'engagement » (module 15): interactions ÷ a base × 100, explained.

There is no single formula (fact S4-05 of the reference pack): tools divide the interactions by
the followers, the reach or the impressions. The learner picks the base; the result says in French
what the rate counts, gives the rate on the other bases they typed so they see the figures differ,
and never grades it against a « good » rate (the pack's only benchmark, 1 to 5 %, is unconfirmed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from course.exercises import InvalidInput
from course.formatting import format_number, format_percent

EXERCISE_ID = "taux-engagement"
MAX_COUNT = 100_000_000  # far beyond any association's post: a typing slip
MAX_RATE = Decimal(1000)  # per cent: more than ten interactions for each unit of the base
MAX_INPUT = 20  # characters a number field accepts


@dataclass(frozen=True)
class Base:
    """One way of computing the rate: what the base counts and how to read the result."""

    id: str
    label: str  # the choice, as the learner reads it
    field: str  # the number field's label
    what: str  # « la couverture », in « Indiquez la couverture »
    unit: str  # « personnes touchées », in « pour 100 personnes touchées »
    one: str  # « personne touchée », in « pour chaque personne touchée »
    formula: str
    reading: str  # what this base says, and what it misses


BASES: dict[str, Base] = {
    base.id: base
    for base in (
        Base(
            id="couverture",
            label="La couverture (personnes touchées)",
            field="Couverture : personnes touchées par la publication",
            what="la couverture",
            unit="personnes touchées",
            one="personne touchée",
            formula="interactions ÷ couverture × 100",
            reading=(
                "Ce taux rapporte les interactions aux personnes qui ont vu la publication, "
                "abonnées ou non. C'est souvent la base la plus parlante."
            ),
        ),
        Base(
            id="abonnes",
            label="Les abonnés de la page",
            field="Abonnés de la page",
            what="le nombre d'abonnés",
            unit="abonnés",
            one="abonné",
            formula="interactions ÷ abonnés × 100",
            reading=(
                "Ce taux se calcule avec un chiffre affiché sur votre page. Mais la publication "
                "a pu être vue par des personnes qui ne vous suivent pas, et pas par tous vos "
                "abonnés."
            ),
        ),
        Base(
            id="impressions",
            label="Les impressions ou les vues (affichages)",
            field="Impressions ou vues : nombre d'affichages",
            what="le nombre d'impressions ou de vues",
            unit="affichages",
            one="affichage",
            formula="interactions ÷ impressions × 100",
            reading=(
                "Les affichages répétés comptent : ce taux est en principe plus bas que sur la "
                "couverture. Depuis 2024, Instagram puis Facebook parlent de vues plutôt que "
                "d'impressions : notez le nom de la mesure avec le taux."
            ),
        ),
    )
}
DEFAULT_BASE = "couverture"
# What the exercise page says around the form (the view only draws these sentences).
INTRO = (
    "Le taux d'engagement rapporte les interactions d'une publication à une base, puis "
    "multiplie par 100. Il n'existe pas de formule unique : choisissez votre base, et gardez-la "
    "d'un mois à l'autre."
)
INTERACTIONS_FIELD = "Interactions de la publication"
INTERACTIONS_HELP = (
    "Additionnez les réactions, les commentaires, les partages, les clics et les "
    "enregistrements, ou reprenez le total des statistiques de la publication."
)
BASE_QUESTION = "Sur quelle base calculer le taux ?"
BASES_HINT = (
    "Remplissez au moins le chiffre de la base choisie. Les autres sont facultatifs : le "
    "résultat montre alors aussi le taux sur ces bases."
)
PROMPT = "Entrez vos chiffres, puis choisissez « Calculer le taux »."
NO_BENCHMARK = (
    "Le cours ne vous donne pas de « bon » taux d'engagement. Le seul repère trouvé, entre "
    "1 et 5 %, vient d'une seule source, le blog d'un éditeur de logiciels, et n'est pas "
    "confirmé. Comparez plutôt vos publications entre elles, calculées sur la même base."
)
INTERACTIONS = "le nombre d'interactions"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_count(text: str, what: str) -> int:
    """A whole number the learner typed (« 1 200 », « 1200 »); InvalidInput in French."""
    stripped = text.strip()
    if not stripped:
        raise InvalidInput(f"Indiquez {what}, en chiffres : par exemple 1200.")
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", stripped)
    if len(cleaned) > MAX_INPUT:
        raise InvalidInput(
            f"{_capital(what)} : écrivez un nombre entier d'au plus {MAX_INPUT} chiffres."
        )
    if re.fullmatch(r"-[0-9]+(?:[.,][0-9]+)?", cleaned):
        raise InvalidInput(f"{_capital(what)} : un nombre négatif n'a pas de sens ici.")
    if re.fullmatch(r"\+?[0-9]+[.,][0-9]+", cleaned):
        raise InvalidInput(
            f"{_capital(what)} se compte en nombre entier : écrivez par exemple 1200 ou "
            "1\u202f200, sans virgule ni point."
        )
    if not re.fullmatch(r"\+?[0-9]+", cleaned):
        raise InvalidInput(
            f"«\u00a0{stripped}\u00a0» n'est pas un nombre : écrivez {what} en chiffres, "
            "par exemple 1200."
        )
    value = int(cleaned)
    if value > MAX_COUNT:
        raise InvalidInput(
            f"{_capital(what)} : ce nombre paraît trop élevé. Indiquez au plus "
            f"{format_number(MAX_COUNT)} ; un chiffre de trop, peut-être ?"
        )
    return value


def _rate(interactions: int, base_value: int) -> Decimal:
    return Decimal(interactions) * 100 / Decimal(base_value)


def format_rate(rate: Decimal) -> str:
    """« 4 % », « 7,5 % », « 0,35 % »: two decimals under 1 %, one above, none when whole."""
    decimals = 2 if rate < 1 else 1
    rounded = rate.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_percent(float(rounded), decimals)


def engagement_rate(
    interactions: int, counts: dict[str, int | None], chosen: str
) -> dict[str, Any]:
    """The rate on the chosen base, and on the other bases given, as a plain dict.

    `counts` maps base ids to the learner's numbers (None: left empty). InvalidInput (French)
    when the chosen base is missing or zero, a number is out of bounds or the rate is absurd.
    """
    if chosen not in BASES:
        raise InvalidInput("Choisissez la base du calcul : couverture, abonnés ou impressions.")
    for what, value in (
        (INTERACTIONS, interactions),
        *((BASES[b].what, v) for b, v in counts.items() if b in BASES),
    ):
        if value is not None and not 0 <= value <= MAX_COUNT:
            raise InvalidInput(
                f"{_capital(what)} : indiquez un nombre entre 0 et {format_number(MAX_COUNT)}."
            )
    base = BASES[chosen]
    base_value = counts.get(chosen)
    if base_value is None:
        raise InvalidInput(
            f"Vous calculez sur {base.label[:1].lower()}{base.label[1:]} : indiquez {base.what}."
        )
    if base_value == 0:
        raise InvalidInput(
            f"{_capital(base.what)} ne peut pas être zéro : on ne divise pas par zéro. "
            "Attendez que la publication ait été vue, ou choisissez une autre base."
        )
    rate = _rate(interactions, base_value)
    if rate > MAX_RATE:
        raise InvalidInput(
            f"Plus de dix interactions pour chaque {base.one} : ce taux dépasserait "
            f"{format_percent(float(MAX_RATE))}. Vérifiez vos chiffres : n'avez-vous pas "
            "inversé les interactions et la base ?"
        )
    shown = format_rate(rate)
    per_hundred = shown.removesuffix("\u202f%")
    others = [
        {
            "base": other.id,
            "label": other.label,
            "formula": other.formula,
            "value": value,
            "rate": float(_rate(interactions, value)),
            "rate_label": format_rate(_rate(interactions, value)),
        }
        for other in BASES.values()
        if other.id != chosen and (value := counts.get(other.id))
    ]
    return {
        "exercise": EXERCISE_ID,
        "interactions": interactions,
        "base": chosen,
        "base_label": base.label,
        "base_value": base_value,
        "formula": base.formula,
        "rate": float(rate),
        "rate_label": shown,
        "calculation": (
            f"{format_number(interactions)} ÷ {format_number(base_value)} × 100 = {shown}"
        ),
        "meaning": (
            f"Pour 100\u00a0{base.unit}, votre publication a reçu {per_hundred} "
            f"interaction{'s' if rate >= 2 else ''}."
        ),
        "reading": base.reading,
        "others": others,
        "others_note": (
            "Les mêmes interactions donnent un taux différent selon la base : ces taux ne se "
            "comparent pas entre eux. Gardez toujours la même base."
            if others
            else ""
        ),
        "warnings": _warnings(interactions, counts, rate, base),
        "advice": [
            f"Comparez ce taux à celui de vos autres publications, calculé de la même façon "
            f"({base.formula}), plutôt qu'au taux d'une autre association.",
            "Notez-le dans votre bilan mensuel, avec sa base écrite en toutes lettres.",
        ],
        "summary": f"Taux d'engagement : {shown}, calculé ainsi : {base.formula}.",
    }


def _warnings(
    interactions: int, counts: dict[str, int | None], rate: Decimal, base: Base
) -> list[str]:
    """Figures that look odd but can be true: said, not refused."""
    warnings = []
    reach, shows = counts.get("couverture"), counts.get("impressions")
    if reach and shows and shows < reach:
        warnings.append(
            "Vous indiquez moins d'affichages que de personnes touchées : en principe, une "
            "publication s'affiche au moins une fois pour chaque personne touchée. Vérifiez "
            "que les deux chiffres portent sur la même publication et la même période."
        )
    if rate > 100:
        warnings.append(
            f"Plus d'une interaction pour chaque {base.one} : c'est possible, car une même "
            "personne peut réagir, commenter et partager, mais vérifiez vos chiffres."
        )
    if interactions == 0:
        warnings.append(
            "Aucune interaction pour l'instant : regardez aussi la couverture, pour savoir "
            "combien de personnes ont vu la publication."
        )
    return warnings


def engagement_result(
    interactions_text: str, base_texts: dict[str, str], chosen: str
) -> dict[str, Any]:
    """The exercise's result from what the learner typed; InvalidInput with a French message."""
    if chosen not in BASES:
        raise InvalidInput("Choisissez la base du calcul : couverture, abonnés ou impressions.")
    interactions = parse_count(interactions_text, INTERACTIONS)
    counts: dict[str, int | None] = {}
    for base_id, base in BASES.items():
        text = base_texts.get(base_id, "")
        if text.strip() or base_id == chosen:
            counts[base_id] = parse_count(text, base.what)
        else:
            counts[base_id] = None
    return engagement_rate(interactions, counts, chosen)
