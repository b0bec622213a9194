"""Gift simulator: what a gift really costs after France's income-tax reduction for gifts.

The rates and the ceiling of the 75 % rate change with the finance laws: they are a dated setting
in data/reglages-dons.yaml (with its sources), validated here and located like other content.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypedDict

from babel.numbers import format_decimal
from pydantic import Field, ValidationError, model_validator

from course.content.errors import ContentError, errors_from_validation
from course.content.models import DATE_PATTERN, StrictModel, Text, content_rule
from course.content.yaml_source import YamlDocument, YamlSyntaxError
from course.exercises import InvalidInput
from course.formatting import LOCALE

EXERCISE_ID = "simulateur-don"
SETTINGS_FILE = "data/reglages-dons.yaml"
Organisation = Literal["aide", "interet-general"]
ORGANISATIONS: tuple[Organisation, ...] = ("aide", "interet-general")
MAX_AMOUNT = Decimal(1_000_000)
MAX_INCOME = Decimal(100_000_000)
CENT = Decimal("0.01")


class SourceExample(TypedDict):
    """A gift quoted by the source text, and who wrote it."""

    amount: Decimal
    organisation: Organisation
    quote: str
    who: str


# The source text's example (module 07): the Croix-Rouge française, December 2012.
SOURCE_EXAMPLE: SourceExample = {
    "amount": Decimal(100),
    "organisation": "aide",
    "quote": "Un don de 100 € ne vous coûte que 25 € après réduction d'impôt.",
    "who": "la Croix-Rouge française, sur sa page Facebook,",
}


class GiftSettings(StrictModel):
    """The rates, the 75 % ceiling and the date they apply from, with their sources."""

    applies_to: Text
    applies_from: str = Field(pattern=DATE_PATTERN)
    checked_on: str = Field(pattern=DATE_PATTERN)
    general_rate: int = Field(ge=1, le=100)
    help_rate: int = Field(ge=1, le=100)
    help_ceiling: int = Field(gt=0)
    income_limit: int = Field(ge=1, le=100)
    help_organisations: Text
    general_organisations: Text
    sources: list[Text] = Field(min_length=1)
    previously: Text | None = None

    @model_validator(mode="after")
    def _help_rate_is_higher(self) -> GiftSettings:
        if self.help_rate <= self.general_rate:
            raise content_rule(
                "help_rate (taux des organismes d'aide aux personnes en difficulté) doit être "
                "plus élevé que general_rate."
            )
        return self


def load_gift_settings(root: Path) -> tuple[GiftSettings | None, list[ContentError]]:
    """The settings of `root`/data/reglages-dons.yaml, or None and located French errors."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return None, [ContentError(SETTINGS_FILE, "fichier introuvable.")]
    try:
        document = YamlDocument.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [
            ContentError(SETTINGS_FILE, "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8.")
        ]
    except YamlSyntaxError as exc:
        return None, [ContentError(SETTINGS_FILE, exc.message, exc.line)]
    if not isinstance(document.data, dict):
        message = "le fichier doit contenir des clés (clé: valeur)."
        return None, [ContentError(SETTINGS_FILE, message, document.line_of(()))]
    try:
        return GiftSettings.model_validate(document.data), []
    except ValidationError as exc:
        return None, errors_from_validation(exc, SETTINGS_FILE, document)


def format_euros(amount: Decimal) -> str:
    """« 25 € », « 12,50 € », « 1 500 € »: French, cents only when there are some."""
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return f"{format_decimal(amount, format=pattern, locale=LOCALE)}\u00a0€"


def parse_amount(text: str, what: str = "le montant", maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A French amount (« 1 234,50 », « 100 € ») as Decimal; InvalidInput with a French message."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]|eur(?:os?)?$", "", text.strip(), flags=re.IGNORECASE)
    if not cleaned:
        raise InvalidInput(f"Indiquez {what} en euros, par exemple 100 ou 49,90.")
    if not re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", cleaned):
        raise InvalidInput(
            f"« {text.strip()} » n'est pas un montant : écrivez un nombre en euros, "
            "par exemple 100 ou 49,90."
        )
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules it out
        raise InvalidInput(f"« {text.strip()} » n'est pas un montant.") from exc
    if amount < 0:
        raise InvalidInput(f"{what.capitalize()} ne peut pas être négatif.")
    if amount > maximum:
        raise InvalidInput(
            f"{what.capitalize()} paraît trop élevé pour une simulation : "
            f"indiquez au plus {format_euros(maximum)}."
        )
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{what.capitalize()} s'écrit au centime près, par exemple 49,90.")
    return amount


def _percent_of(amount: Decimal, rate: int) -> Decimal:
    return (amount * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def simulate_gift(
    amount: Decimal,
    organisation: str,
    settings: GiftSettings,
    taxable_income: Decimal | None = None,
) -> dict[str, Any]:
    """Reduction and real cost of a gift, each step explained in French, as a plain dict."""
    if organisation not in ORGANISATIONS:
        raise InvalidInput("Choisissez le type d'organisme qui reçoit le don.")
    if amount < 0 or amount > MAX_AMOUNT:
        raise InvalidInput(f"Le montant doit être compris entre 0 et {format_euros(MAX_AMOUNT)}.")
    at_help = min(amount, Decimal(settings.help_ceiling)) if organisation == "aide" else Decimal(0)
    rest = amount - at_help
    income_cap = (
        None if taxable_income is None else _percent_of(taxable_income, settings.income_limit)
    )
    at_general = rest if income_cap is None else min(rest, income_cap)
    carried_over = rest - at_general
    reduction = _percent_of(at_help, settings.help_rate) + _percent_of(
        at_general, settings.general_rate
    )
    cost = amount - reduction
    steps = _steps(
        amount, organisation, settings, at_help, rest, at_general, carried_over, income_cap
    )
    return {
        "exercise": EXERCISE_ID,
        "amount": float(amount),
        "organisation": organisation,
        "taxable_income": None if taxable_income is None else float(taxable_income),
        "at_help_rate": float(at_help),
        "at_general_rate": float(at_general),
        "carried_over": float(carried_over),
        "reduction": float(reduction),
        "cost": float(cost),
        "ceiling_crossed": organisation == "aide" and amount > settings.help_ceiling,
        "income_limited": carried_over > 0,
        "settings_applies_to": settings.applies_to,
        "steps": steps,
        "summary": (
            f"Votre don de {format_euros(amount)} vous coûte {format_euros(cost)} "
            f"après une réduction d'impôt de {format_euros(reduction)}."
        ),
    }


def _steps(
    amount: Decimal,
    organisation: str,
    settings: GiftSettings,
    at_help: Decimal,
    rest: Decimal,
    at_general: Decimal,
    carried_over: Decimal,
    income_cap: Decimal | None,
) -> list[str]:
    """The calculation, one French sentence a step."""
    ceiling, help_rate = format_euros(Decimal(settings.help_ceiling)), settings.help_rate
    general_rate = settings.general_rate
    steps = []
    if organisation == "aide":
        steps.append(
            f"{help_rate}\u202f% de {format_euros(at_help)} (taux retenu jusqu'à {ceiling} de "
            f"dons par an) : {format_euros(_percent_of(at_help, help_rate))} de réduction."
        )
        if rest > 0:
            steps.append(
                f"Au-delà de {ceiling}, les {format_euros(rest)} restants relèvent du taux de "
                f"{general_rate}\u202f%."
            )
    if rest > 0 or organisation == "interet-general":
        steps.append(
            f"{general_rate}\u202f% de {format_euros(at_general)} : "
            f"{format_euros(_percent_of(at_general, general_rate))} de réduction."
        )
    if carried_over > 0 and income_cap is not None:
        steps.append(
            f"Les dons retenus à {general_rate}\u202f% ne peuvent pas dépasser "
            f"{settings.income_limit}\u202f% du revenu imposable, soit {format_euros(income_cap)} : "
            f"les {format_euros(carried_over)} de plus peuvent être reportés sur les cinq années "
            "suivantes."
        )
    if amount == 0:
        steps = ["Un don de 0 € ne donne droit à aucune réduction."]
    return steps


def gift_result(
    amount_text: str, organisation: str, income_text: str, settings: GiftSettings
) -> dict[str, Any]:
    """The simulator's result from what the learner typed; InvalidInput with a French message."""
    amount = parse_amount(amount_text)
    income = (
        parse_amount(income_text, "le revenu imposable", MAX_INCOME)
        if income_text.strip()
        else None
    )
    return simulate_gift(amount, organisation, settings, income)
