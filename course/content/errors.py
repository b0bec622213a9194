"""One error type for content problems, with French messages that point at file, line and key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from course.content.models import DATE_PATTERN, URL_PATTERN
from course.content.yaml_source import KeyPath, YamlDocument


@dataclass(frozen=True)
class ContentError:
    """A problem in one content file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    key: str = ""

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{location}: {self.key}: {self.message}" if self.key else f"{location}: {self.message}"
        )


class ContentInvalid(Exception):
    """Raised when a content file cannot be turned into its model."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def format_key_path(path: KeyPath) -> str:
    """Render a key path the way authors count: `questions.3.options.1` is the third question."""
    return ".".join(str(part + 1) if isinstance(part, int) else part for part in path)


_PATTERN_MESSAGES = {
    DATE_PATTERN: "date invalide : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2011-01).",
    URL_PATTERN: "adresse invalide : écrivez une adresse complète (ex. https://cours.example.org).",
}
_SLUG_MESSAGE = (
    "identifiant invalide : utilisez des minuscules sans accent, des chiffres et des tirets "
    "(ex. « mots-du-web »)."
)


def _french_list(expected: str) -> str:
    """`'bar' or 'line'` (pydantic's wording) → « bar », « line »."""
    values = re.findall(r"'([^']*)'", expected) or [expected]
    return ", ".join(f"« {value} »" for value in values)


def _number(value: Any) -> str:
    return f"{value:g}".replace(".", ",") if isinstance(value, int | float) else str(value)


def _count(n: Any, word: str) -> str:
    return f"{n} {word}{'s' if isinstance(n, int) and n > 1 else ''}"


def _french_message(error: Any) -> str:
    """Translate one pydantic error into a French sentence that says what to fix."""
    kind, ctx = error["type"], error.get("ctx") or {}
    templates: dict[str, str] = {
        "missing": "champ obligatoire manquant : ajoutez-le.",
        "string_type": "doit être un texte.",
        "string_too_short": "ne doit pas être vide.",
        "int_type": "doit être un nombre entier.",
        "int_parsing": "doit être un nombre entier.",
        "int_from_float": "doit être un nombre entier, sans virgule.",
        "float_type": "doit être un nombre.",
        "float_parsing": "doit être un nombre (avec un point décimal, ex. 12.5).",
        "bool_type": "doit valoir true (vrai) ou false (faux).",
        "bool_parsing": "doit valoir true (vrai) ou false (faux).",
        "list_type": "doit être une liste (des lignes qui commencent par « - »).",
        "dict_type": "doit être un ensemble de clés (clé: valeur).",
        "model_type": "doit être un ensemble de clés (clé: valeur).",
        "model_attributes_type": "doit être un ensemble de clés (clé: valeur).",
    }
    if kind in templates:
        return templates[kind]
    if kind == "extra_forbidden":
        return "clé inconnue : vérifiez l'orthographe ou supprimez-la."
    if kind == "literal_error":
        return (
            f"valeur non autorisée ; valeurs possibles : {_french_list(ctx.get('expected', ''))}."
        )
    if kind == "union_tag_invalid":
        return (
            f"type inconnu « {ctx.get('tag')} » ; types possibles : "
            f"{_french_list(ctx.get('expected_tags', ''))}."
        )
    if kind == "union_tag_not_found":
        return f"la clé « {ctx.get('discriminator', 'type').strip(chr(39))} » est obligatoire."
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(ctx.get("pattern", ""), _SLUG_MESSAGE)
    if kind in {"greater_than_equal", "greater_than"}:
        bound = ctx.get("ge", ctx.get("gt"))
        word = "supérieur ou égal à" if kind == "greater_than_equal" else "supérieur à"
        return f"doit être {word} {_number(bound)}."
    if kind in {"less_than_equal", "less_than"}:
        bound = ctx.get("le", ctx.get("lt"))
        word = "inférieur ou égal à" if kind == "less_than_equal" else "inférieur à"
        return f"doit être {word} {_number(bound)}."
    if kind == "too_short":
        return f"doit contenir au moins {_count(ctx.get('min_length'), 'élément')}."
    if kind == "too_long":
        return f"doit contenir au plus {_count(ctx.get('max_length'), 'élément')}."
    if kind == "content_rule":
        return str(error["msg"])
    return f"valeur invalide ({error['msg']})."


def _key_path(loc: tuple[Any, ...], document: YamlDocument | None) -> KeyPath:
    """Drop the union tags pydantic inserts (`questions.2.single_choice.options`)."""
    if document is None:
        return tuple(loc)
    return document.resolve_loc(tuple(loc))


def errors_from_validation(
    exc: ValidationError,
    file: str,
    document: YamlDocument | None = None,
    line: int | None = None,
    prefix: KeyPath = (),
) -> list[ContentError]:
    """Turn a pydantic ValidationError into located French ContentErrors."""
    located = []
    for error in exc.errors():
        path = _key_path(prefix + tuple(error["loc"]), document)
        error_line = document.line_of(path) if document is not None else line
        located.append(
            ContentError(file, _french_message(error), error_line, format_key_path(path))
        )
    return located
