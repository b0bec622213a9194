"""YAML parsed once into data and a node tree, so any key path can be traced back to its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

KeyPath = tuple[str | int, ...]

_YAML_PROBLEMS_IN_FRENCH = {
    "mapping values are not allowed here": (
        "« : » inattendu ; si le texte contient « : », mettez-le entre guillemets."
    ),
    "could not find expected ':'": "il manque « : » après une clé.",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite : indentez avec des espaces."
    ),
    "found unexpected end of stream": "guillemet ouvert mais jamais fermé.",
    "expected <block end>": (
        "structure inattendue : vérifiez l'indentation et les guillemets des lignes au-dessus."
    ),
    "did not find expected key": "indentation incohérente : alignez les clés d'un même niveau.",
    "did not find expected '-' indicator": (
        "indentation incohérente dans une liste : alignez les « - »."
    ),
    "found undefined alias": "alias YAML (*nom) inconnu.",
}


# libyaml's parser when PyYAML was built with it (about five times faster); its error messages
# differ, so a text it refuses is parsed again by the pure-Python loader, which the French
# messages above are written for.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[Any, Any]:
    """(node tree, data) of one YAML document; (None, None) for an empty text."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def _parse_or_explain(text: str, line_offset: int) -> tuple[Any, Any]:
    """(node tree, data) by the pure-Python loader, or a YamlSyntaxError in French."""
    try:
        return _compose_and_construct(text, yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line if mark is not None else None
        quote = _unbalanced_quote_line(text, line) if line is not None else None
        if quote is not None:
            message = "syntaxe YAML invalide : guillemet ouvert sur cette ligne mais jamais fermé."
            raise YamlSyntaxError(message, quote + 1 + line_offset) from exc
        raise YamlSyntaxError(
            _french_problem(exc), line + 1 + line_offset if line is not None else None
        ) from exc


def _unbalanced_quote_line(text: str, before_line: int) -> int | None:
    """0-based line of the first line up to `before_line` with an unclosed double quote."""
    for number, line in enumerate(text.splitlines()[: before_line + 1]):
        if line.replace('\\"', "").count('"') % 2 == 1:
            return number
    return None


class YamlSyntaxError(Exception):
    """A YAML text that cannot be parsed, with a French message and a 1-based line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _french_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for english, french in _YAML_PROBLEMS_IN_FRENCH.items():
        if english in problem:
            return f"syntaxe YAML invalide : {french}"
    return f"syntaxe YAML invalide ({problem})."


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML: `data` for the models, `root` to find where each key was written."""

    data: Any
    root: yaml.Node | None
    line_offset: int = 0

    @classmethod
    def parse(cls, text: str, line_offset: int = 0) -> YamlDocument:
        """Parse `text`; `line_offset` is how many file lines precede it (front matter)."""
        try:
            root, data = _compose_and_construct(text, FAST_LOADER)
        except yaml.YAMLError:  # parsed again, for PyYAML's own wording of the problem
            root, data = _parse_or_explain(text, line_offset)
        document = cls(data, root, line_offset)
        document._raise_on_duplicate_keys(root)
        return document

    def _raise_on_duplicate_keys(self, node: yaml.Node | None) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if key_node.value in seen:
                    line = key_node.start_mark.line + 1 + self.line_offset
                    message = f"clé « {key_node.value} » écrite deux fois : gardez-en une seule."
                    raise YamlSyntaxError(message, line)
                seen.add(key_node.value)
                self._raise_on_duplicate_keys(value_node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self._raise_on_duplicate_keys(item)

    def resolve_loc(self, loc: KeyPath) -> KeyPath:
        """Keep the parts of a pydantic location that exist in the file (drops union tags)."""
        node, path = self.root, []
        for part in loc:
            child, keep = _step(node, part)
            if keep:
                path.append(part)
            node = child if child is not None else node
        return tuple(path)

    def line_of(self, path: KeyPath) -> int | None:
        """1-based line of the deepest node of `path` found in the file."""
        node, line = self.root, None
        if node is not None:
            line = node.start_mark.line + 1
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node, line = child[1], child[0].start_mark.line + 1
        return line + self.line_offset if line is not None else None


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """(node that marks the position, node to descend into) for one step of a path."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item = node.value[part]
        return item, item
    return None


def _step(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, bool]:
    """Descend one step; a union tag (the mapping's own `type`) is dropped from the path."""
    found = _child(node, part)
    if found is not None:
        return found[1], True
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        type_values = [v.value for k, v in node.value if k.value == "type"]
        if part in type_values:
            return node, False
    return None, True
