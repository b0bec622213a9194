"""Layering: the core (course/) never imports Streamlit; only app.py and views/ draw."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

CORE_MODULES = sorted((PROJECT_ROOT / "course").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: p.name)
def test_core_module_does_not_import_streamlit_or_views(path: Path) -> None:
    leaks = {m for m in imported_modules(path) if m.split(".")[0] in {"streamlit", "views"}}
    assert not leaks, f"{path.name} imports {leaks}"


def test_core_has_modules_to_check() -> None:
    assert len(CORE_MODULES) >= 10
