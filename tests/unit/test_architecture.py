"""Layering: the core (course/) never imports Streamlit; only app.py and views/ draw."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

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


HEAVY_LIBRARIES = ("pandas", "fpdf", "fontTools", "openpyxl", "alembic", "segno")


@pytest.mark.integration
def test_the_home_page_starts_without_the_libraries_of_other_pages() -> None:
    """A server's first visitor waits for what app.py and the home page import: not pandas
    (tables), fpdf2 and fontTools (certificates), openpyxl (exports), alembic or segno."""
    imports_of_the_home_page = (
        "import sys\n"
        "import views.kept, views.page, views.site, views.identity, views.resilience\n"
        "import views.home\n"
        "import course.logs, course.storage.store\n"
        f"print(sorted(m for m in {HEAVY_LIBRARIES!r} if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", imports_of_the_home_page],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    assert run.stdout.strip() == "[]"


VIEWS = [*sorted((PROJECT_ROOT / "views").rglob("*.py")), PROJECT_ROOT / "app.py"]


def download_buttons(path: Path) -> list[tuple[int, bool]]:
    """Each `download_button(...)` call: its line, and whether it passes on_click="ignore"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "download_button":
            continue
        click = {keyword.arg: keyword.value for keyword in node.keywords}.get("on_click")
        found.append((node.lineno, isinstance(click, ast.Constant) and click.value == "ignore"))
    return found


def test_every_download_leaves_the_page_without_a_rerun() -> None:
    """A download button asks for a rerun unless on_click="ignore". The rerun greys the page
    for nothing, and it races what the learner does next: when the file is made on click
    (`data=lambda: …`), its start can drop the server's answer (the button spins, no file
    comes: about 2 times in 100 in Streamlit 1.67); after the badge's download, it undid the
    erase checkbox ticked right after (a browser test failed once under load)."""
    found = {path.name: download_buttons(path) for path in VIEWS}
    assert sum(len(buttons) for buttons in found.values()) >= 15  # the check reads them all
    rerunning = {
        name: [line for line, ignored in buttons if not ignored] for name, buttons in found.items()
    }
    assert not {name: lines for name, lines in rerunning.items() if lines}
