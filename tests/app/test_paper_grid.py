"""« Quiz sur papier » in the trainer area: answers typed in the grid or uploaded as a file are
graded and recorded row by row; a typo is reported in French by line and column, the other rows
are saved, and the same sheet entered again does not count twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from course.paper.answer_files import template_csv
from course.storage.store import Store
from course.workshop.workshops import Workshops
from tests.app.conftest import open_page
from tests.helpers import shipped_course
from tests.paper_helpers import right_cells, wrong_cell

PASSWORD = "Atelier-de-test-2026"
QUIZ = shipped_course().quizzes["bases"]


@pytest.fixture
def paper_tab(app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A signed-in trainer on the « Quiz sur papier » tab, quiz « bases » chosen."""
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    page = open_page(app(), "espace-formateur")
    next(t for t in page.text_input if t.label == "Mot de passe formateur").input(PASSWORD)
    page = next(b for b in page.button if b.label == "Entrer").click().run()
    page.session_state["onglet"] = "Quiz sur papier"  # what a click on the tab sends
    page.run()
    assert not page.exception
    next(s for s in page.selectbox if s.label == "Quiz").set_value("bases").run()
    return page


def _type_grid(page: AppTest, rows: list[dict[str, str]]) -> AppTest:
    """What the browser's grid sends after typing these rows over the first lines."""
    editor = page.data_editor[0]
    page.session_state[editor.key] = {
        "edited_rows": {str(i): row for i, row in enumerate(rows)},
        "added_rows": [],
        "deleted_rows": [],
    }
    return next(b for b in page.button if b.label == "Enregistrer les réponses").click().run()


def _outcomes(page: AppTest) -> list[dict[str, Any]]:
    table = page.table[-1].value.reset_index()
    records: list[dict[str, Any]] = table.map(
        lambda cell: cell.replace("\\", "") if isinstance(cell, str) else cell
    ).to_dict("records")
    return records


def test_the_grid_has_a_column_per_printed_question_and_the_sheet_downloads(
    paper_tab: AppTest,
) -> None:
    editor = paper_tab.data_editor[0]
    assert list(editor.value.columns) == ["Nom", *map(str, range(1, len(QUIZ.questions) + 1))]
    assert [d.label for d in paper_tab.download_button] == [
        "Feuille à imprimer (PDF)",
        "Corrigé (PDF)",
        "Modèle de grille (CSV)",
        "Modèle de grille (XLSX)",
    ]


def test_each_row_is_recorded_a_typo_is_reported_and_entering_again_counts_once(
    paper_tab: AppTest, sqlite_store: Store
) -> None:
    right = right_cells(QUIZ)
    rows = [
        {"Nom": "Zoé N’Diaye", **right},
        {"Nom": "Camille Martin", **right, "1": wrong_cell(QUIZ.questions[0])},
        {"Nom": "Karim Benali", **right, "2": "peut-être"},
    ]
    page = _type_grid(paper_tab, rows)
    assert not page.exception
    outcomes = _outcomes(page)
    assert [(o["Ligne"], o["Participant"]) for o in outcomes] == [
        (1, "Zoé N’Diaye"),
        (2, "Camille Martin"),
        (3, "Karim Benali"),
    ]
    assert outcomes[0]["Résultat"].startswith(
        "14 sur 14 (100\u202f%), réussi. Enregistrée. Nouveau participant\u00a0: code de reprise"
    )
    assert "Question 2\u00a0: «\u00a0peut-être\u00a0» ne se lit pas" in outcomes[2]["Résultat"]
    assert "V (vrai) ou F (faux)" in outcomes[2]["Résultat"]
    assert any("Ligne 3, colonne «\u00a02\u00a0»" in m.value for m in page.markdown)
    assert "Notez les codes de reprise" in page.warning[0].value
    [zoe] = sqlite_store.learners.named("Zoé N’Diaye")
    [camille] = sqlite_store.learners.named("Camille Martin")
    assert [a.percent for a in sqlite_store.attempts.finished(zoe.id, "bases")] == [100]
    assert len(sqlite_store.attempts.finished(camille.id, "bases")) == 1
    assert sqlite_store.learners.named("Karim Benali") == []

    rows[2]["2"] = "F"  # the typo corrected; the two other rows sent again unchanged
    page = _type_grid(page, rows)
    statuses = [o["Résultat"] for o in _outcomes(page)]
    assert "Déjà enregistrée" in statuses[0] and "Déjà enregistrée" in statuses[1]
    assert "Nouveau participant" in statuses[2]
    assert len(sqlite_store.attempts.finished(zoe.id, "bases")) == 1
    assert len(sqlite_store.attempts.finished(camille.id, "bases")) == 1
    [karim] = sqlite_store.learners.named("Karim Benali")
    assert len(sqlite_store.attempts.finished(karim.id, "bases")) == 1


def test_a_workshop_prefills_its_members_names(paper_tab: AppTest, sqlite_store: Store) -> None:
    workshops = Workshops(sqlite_store)
    workshop = workshops.open_workshop("Atelier du mardi", False)
    for name in ("Inès Haddad", "Lou Petit"):
        learner, _ = sqlite_store.learners.create(name)
        workshops.join(workshop.id, learner.id, name.split()[0])
    page = paper_tab.run()
    picker = next(s for s in page.selectbox if s.label.startswith("Atelier"))
    page = picker.select(next(w for w in picker.options if "Atelier du mardi" in w)).run()
    assert list(page.data_editor[0].value["Nom"]) == ["Inès Haddad", "Lou Petit"]


def test_an_uploaded_file_is_recorded_and_its_typos_are_located(
    paper_tab: AppTest, sqlite_store: Store
) -> None:
    right = right_cells(QUIZ)
    lines = template_csv(QUIZ).decode("utf-8-sig").splitlines()
    cells = [right[str(n)] for n in range(1, len(QUIZ.questions) + 1)]
    typo = [*cells]
    typo[0] = "Z"
    lines += [";".join(["Inès Haddad", *cells]), ";".join(["Lou Petit", *typo])]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    uploader = paper_tab.file_uploader[0]
    page = uploader.set_value(("grille.csv", data, "text/csv")).run()
    page = next(b for b in page.button if b.label == "Enregistrer le fichier").click().run()
    assert not page.exception
    messages = [m.value for m in page.markdown]
    assert any(
        m.startswith("- Ligne 3, colonne «\u00a01\u00a0»\u00a0: Question 1\u00a0: «\u00a0Z\u00a0»")
        for m in [m.replace("\\", "") for m in messages]
    )
    [ines] = sqlite_store.learners.named("Inès Haddad")
    assert [a.percent for a in sqlite_store.attempts.finished(ines.id, "bases")] == [100]
    assert sqlite_store.learners.named("Lou Petit") == []


def test_a_file_of_another_quiz_is_refused_in_french(paper_tab: AppTest) -> None:
    data = "Nom;1;2\r\nZoé;B;V\r\n".encode("utf-8-sig")
    page = paper_tab.file_uploader[0].set_value(("grille.csv", data, "text/csv")).run()
    page = next(b for b in page.button if b.label == "Enregistrer le fichier").click().run()
    assert page.error[0].value.startswith("Fichier non lu\u202f: ligne 1\u00a0: les colonnes")
