"""A paper quiz typed back in a real browser: the trainer types three participants' sheets in the
« Quiz sur papier » grid, one with a typo. The two good rows land in each participant's record
and in the CSV export; the typo's row is reported (line and column, in French) and recorded
nowhere. Saving the same grid again adds nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from course.storage.store import Store
from tests.e2e.conftest import assert_no_exception, open_app_page, wait_for_rerun
from tests.helpers import run_course, shipped_course
from tests.paper_helpers import right_cells, wrong_cell
from tools.streamlit_server import Server, kill_server, start_server

PASSWORD = "Papier-e2e-2026"
QUIZ = shipped_course().quizzes["bases"]  # the quiz the tab offers first
ROW_HEIGHT = 35  # px: Streamlit's data grid rows, its header row too


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("paper-data")


@pytest.fixture(scope="module")
def paper_server(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Server]:
    env = {
        "COURSE_DATA_DIR": str(data_dir),
        "COURSE_DATABASE_URL": "",
        "COURSE_TRAINER_PASSWORD": PASSWORD,
    }
    running = start_server(tmp_path_factory.mktemp("paper-server"), env=env)
    yield running
    kill_server(running)


def _cell(page: Page, row: int, column: int) -> Locator:
    """A cell of the grid's accessible copy (ids: column, row; column 0 marks the rows)."""
    return page.locator(f"#glide-cell-{column}-{row}")


def _select(page: Page, row: int, column: int) -> None:
    """Select a cell as a trainer does with the keyboard: a click on the row's « Nom » cell,
    then the arrow keys (the grid scrolls it into view, and into its accessible copy)."""
    grid = page.get_by_test_id("stDataFrame").first
    # 40 px: past the row markers' column, inside « Nom »; rows below the header row.
    grid.click(position={"x": 40, "y": ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2})
    for _ in range(column - 1):
        page.keyboard.press("ArrowRight")


def _type_cell(page: Page, row: int, column: int, value: str) -> None:
    """Select the cell, open its editor (Enter), type, commit (Enter). Tried again when the
    grid did not take it (a key sent while it was still redrawing)."""
    for _ in range(3):
        _select(page, row, column)
        page.keyboard.press("Enter")
        editor = page.locator("textarea.gdg-input")  # the grid's cell editor
        editor.wait_for(state="visible")
        editor.press_sequentially(value)
        expect(editor).to_have_value(value)
        page.wait_for_timeout(150)  # the grid reads the editor's value before Enter commits it
        page.keyboard.press("Enter")  # commits; the selection moves down a row
        editor.wait_for(state="detached")
        try:
            expect(_cell(page, row, column)).to_have_text(value, timeout=2_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"la grille n'a pas pris «\u00a0{value}\u00a0» (ligne {row + 1})")


def _type_sheets(page: Page, sheets: dict[str, list[str]]) -> None:
    """Each participant's name and answers on a row of the grid (an empty cell: no answer),
    then each row read again from « Nom » with the arrow keys, the row below included: a key
    that went astray would show there."""
    for row, (name, cells) in enumerate(sheets.items()):
        for column, value in enumerate([name, *cells], start=1):
            if value:
                _type_cell(page, row, column, value)
    width = len(QUIZ.questions) + 1
    expected = [[name, *cells, *[""] * (width - 1 - len(cells))] for name, cells in sheets.items()]
    expected.append([""] * width)
    for row, values in enumerate(expected):
        _select(page, row, 1)
        for column, value in enumerate(values, start=1):
            if column > 1:
                page.keyboard.press("ArrowRight")
            expect(_cell(page, row, column)).to_have_text(value)
    page.keyboard.press("Escape")


def test_three_sheets_typed_in_the_grid_reach_the_records_and_the_export(
    page: Page, paper_server: Server, data_dir: Path
) -> None:
    open_app_page(page, f"{paper_server.url}/espace-formateur")
    page.get_by_label("Mot de passe formateur").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    wait_for_rerun(page)
    page.get_by_role("tab", name="Quiz sur papier").click()
    wait_for_rerun(page)
    expect(page.get_by_role("heading", name="Quiz sur papier")).to_be_visible()
    # Streamlit's own grid and upload field speak French to the trainer (assets/page_fixes.js)
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader.locator("button")).to_contain_text("Choisir un fichier")
    expect(uploader).to_contain_text("1\u00a0Mo par fichier")
    expect(uploader).not_to_contain_text("Upload")
    page.get_by_test_id("stDataFrame").hover()
    expect(page.get_by_role("button", name="Ajouter une ligne")).to_be_visible()
    expect(page.get_by_role("button", name="Add row")).to_have_count(0)

    right = right_cells(QUIZ)
    numbers = [str(n) for n in range(1, len(QUIZ.questions) + 1)]
    sheets = {  # as written on paper: the first sheet whole, the others left partly blank
        "Zoé Martin": [right[n] for n in numbers],
        "Karim Benali": [wrong_cell(QUIZ.questions[0]), right["2"]],
        "Lou Petit": [right["1"], "peut-être"],  # the typo
    }
    _type_sheets(page, sheets)
    page.get_by_role("button", name="Enregistrer les réponses").click()
    wait_for_rerun(page)
    assert_no_exception(page)

    expect(page.get_by_text("2\u00a0feuille(s) enregistrée(s)")).to_be_visible()
    expect(
        page.get_by_text(
            "Ligne 3, colonne «\u00a02\u00a0»\u00a0: Question 2\u00a0: «\u00a0peut-être\u00a0» "
            "ne se lit pas"
        )
    ).to_be_visible()
    table = page.get_by_test_id("stTable")
    expect(table).to_contain_text("Nouveau participant\u00a0: code de reprise")
    expect(table).to_contain_text("Zoé Martin")

    store = Store(f"sqlite:///{data_dir / 'course.sqlite3'}")
    try:
        [zoe] = store.learners.named("Zoé Martin")
        [karim] = store.learners.named("Karim Benali")
        [zoe_attempt] = store.attempts.finished(zoe.id, QUIZ.id)
        stored = store.attempts.load(zoe_attempt.id)
        assert zoe_attempt.percent == 100, stored and stored.responses()
        [karim_attempt] = store.attempts.finished(karim.id, QUIZ.id)
        assert karim_attempt.percent < 100
        assert store.learners.named("Lou Petit") == []  # the typo's row recorded nothing

        page.get_by_role("button", name="Enregistrer les réponses").click()  # again, unchanged
        wait_for_rerun(page)
        expect(table).to_contain_text("Déjà enregistrée")
        assert len(store.attempts.finished(zoe.id, QUIZ.id)) == 1
        assert len(store.attempts.finished(karim.id, QUIZ.id)) == 1
    finally:
        store.engine.dispose()

    out = data_dir / "export.csv"
    exported = run_course(
        "export",
        "--format",
        "csv",
        "--out",
        str(out),
        env={"COURSE_DATA_DIR": str(data_dir), "COURSE_DATABASE_URL": ""},
    )
    assert exported.returncode == 0, exported.stderr
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    named = {name: [r for r in rows if name in r.values()] for name in sheets}
    assert named["Zoé Martin"] and named["Karim Benali"]
    assert not named["Lou Petit"]
    assert any(QUIZ.title in r.values() or QUIZ.id in r.values() for r in named["Zoé Martin"])
