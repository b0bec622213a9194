"""French typography in everything a learner or an author reads: no-break spaces before : ; ? !
and inside « », in the code's French strings and in the content files."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from course.content.loader import content_dir_from_env
from tests.helpers import PROJECT_ROOT

PLAIN_SPACE_BEFORE_MARK = re.compile(r"(?<=\S) [:;?!%](?=\s|$|[*\"'`»)])|« | »")
CODE = sorted([*(PROJECT_ROOT / "views").rglob("*.py"), *(PROJECT_ROOT / "course").rglob("*.py")])
CONTENT_ROOT = content_dir_from_env()
CONTENT = sorted(
    [
        *(CONTENT_ROOT / "lessons").glob("*.md"),
        *(CONTENT_ROOT / "quizzes").glob("*.yaml"),
        CONTENT_ROOT / "glossary.yaml",
        CONTENT_ROOT / "course.yaml",
        CONTENT_ROOT / "data" / "maquettes.yaml",
        *(CONTENT_ROOT / "assets" / "illustrations").glob("*.svg"),
    ]
)


def _without_expressions(literal: str) -> str:
    """An f-string's text without its {expressions} (code, not French)."""
    prefix = literal[: len(literal) - len(literal.lstrip("rbfuRBFU"))]
    return re.sub(r"\{[^{}]*\}", "x", literal) if "f" in prefix.lower() else literal


def string_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal except multi-line docstrings (English)."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [
        (tok.start[0], _without_expressions(tok.string))
        for tok in tokens
        if tok.type == tokenize.STRING
        and not (tok.string.startswith('"""') and tok.start[0] != tok.end[0])
    ]


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_french_strings_in_code_use_no_break_spaces(path: Path) -> None:
    slips = [
        f"{path.name}:{line}: {text}"
        for line, text in string_literals(path)
        if PLAIN_SPACE_BEFORE_MARK.search(text)
    ]
    assert not slips, "\n".join(slips)


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_content_uses_no_break_spaces(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    slips = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(lines, start=1)
        if not line.lstrip().startswith("#") and PLAIN_SPACE_BEFORE_MARK.search(line)
    ]
    assert not slips, "\n".join(slips)


def test_the_check_catches_plain_spaces() -> None:
    assert PLAIN_SPACE_BEFORE_MARK.search("Pour qui ?")
    assert PLAIN_SPACE_BEFORE_MARK.search("« Bonjour »")
    assert PLAIN_SPACE_BEFORE_MARK.search("70 % des associations")
    assert not PLAIN_SPACE_BEFORE_MARK.search("Pour qui\u202f?")
    assert not PLAIN_SPACE_BEFORE_MARK.search("title: valeur")
