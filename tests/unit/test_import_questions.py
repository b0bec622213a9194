"""`python -m course import`: GIFT and spreadsheet fixtures of every type give exactly the
expected quiz files (tests/fixtures/import/*.yaml), broken ones exact French messages; the
exit status says whether everything was imported; the template in docs/ is the one the code
builds, and imports as it is."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from course.authoring.gift_reader import read_gift
from course.authoring.quiz_writer import Target, build_quiz, quiz_yaml
from course.authoring.spreadsheet_reader import read_sheet
from course.authoring.spreadsheet_template import (
    COLUMNS,
    csv_rows,
    template_csv,
    template_rows,
    template_xlsx,
    xlsx_rows,
)
from course.cli.main import main
from course.content.errors import errors_from_validation
from course.content.loader import load_course
from course.content.questions import Matching
from tests.helpers import FIXTURES, PROJECT_ROOT, VALID_COURSE
from tests.unit.test_cli import run_cli

IMPORT = FIXTURES / "import"
TARGET = Target("importe", "bases", "Les bases", ("definir", "profil"))
SOURCES = {
    "moodle.gift": "moodle.yaml",
    "refused.gift": "refused.yaml",
    "questions.csv": "questions.yaml",
    "questions.xlsx": "questions.yaml",
    "questions-excel-virgule.csv": "questions-excel-virgule.yaml",
    "broken.csv": "broken.yaml",
}
TODO = "«\u00a0À compléter\u00a0: pourquoi la bonne réponse est la bonne.\u00a0»"


def imported(name: str, target: Target = TARGET) -> tuple[str, list[str]]:
    """The quiz file's text and each issue as « where : message »."""
    data = (IMPORT / name).read_bytes()
    if name.endswith(".gift"):
        reading = read_gift(data.decode("utf-8"))
    else:
        reading = read_sheet(xlsx_rows(data) if name.endswith(".xlsx") else csv_rows(data))
    built = build_quiz(reading, target)
    assert built.quiz is not None
    return quiz_yaml(built.quiz), [f"{i.where()}\u00a0: {i.message}" for i in built.issues]


@pytest.mark.parametrize("source", SOURCES)
def test_fixtures_give_the_expected_quiz_files(source: str) -> None:
    text, _ = imported(source)
    assert text == (IMPORT / SOURCES[source]).read_text(encoding="utf-8")
    assert yaml.safe_load(text)["questions"]  # plain YAML, read back by the course's loader too


def test_every_question_type_comes_from_gift_and_from_a_spreadsheet() -> None:
    for expected in ("moodle.yaml", "questions.yaml"):
        quiz = yaml.safe_load((IMPORT / expected).read_text(encoding="utf-8"))
        types = {question["type"] for question in quiz["questions"]}
        assert types == {
            "single_choice",
            "multiple_choice",
            "true_false",
            "matching",
            "ordering",
            "short_text",
            "numeric",
        }


def test_moodle_features_are_reported_where_they_change_something() -> None:
    _, issues = imported("moodle.gift")
    assert issues == [
        "ligne 20\u00a0: question 3 («\u00a0Réseaux sociaux ?\u00a0»)\u00a0: les mauvaises options "
        "retirent 100\u202f%\u00a0: question importée en notation tout ou rien (scoring: "
        "all_or_nothing). Moodle donnait une part des points pour une partie des bonnes options, "
        "le cours ne donne les points que si toutes sont cochées, sans mauvaise.",
        "ligne 28\u00a0: question 4 («\u00a0Un seul bon\u00a0»)\u00a0: des mauvaises options valent "
        "0\u202f%\u00a0: dans le cours, chaque mauvaise option cochée retire la part d'une bonne "
        "(100\u202f%).",
        f"ligne 35\u00a0: question 6 («\u00a0Sans compte\u00a0»)\u00a0: pas de feedback général "
        f"(####)\u00a0: explication {TODO} à remplacer.",
        "ligne 59\u00a0: question 13 («\u00a0Plusieurs nombres\u00a0»)\u00a0: la réponse «\u00a010\u00a0» "
        "à 0\u202f% n'est pas reprise\u00a0: toute autre réponse que les réponses justes vaut déjà 0.",
        "ligne 59\u00a0: question 13 («\u00a0Plusieurs nombres\u00a0»)\u00a0: les feedbacks des "
        "réponses ne sont pas repris\u00a0: le cours montre l'explication (####) quelle que soit "
        "la réponse.",
        "ligne 59\u00a0: question 13 («\u00a0Plusieurs nombres\u00a0»)\u00a0: 2\u00a0réponses justes "
        "réunies en un intervalle, de 2 à 6.",
        f"ligne 61\u00a0: question 14\u00a0: pas de feedback général (####)\u00a0: explication "
        f"{TODO} à remplacer.",
    ]


def model_message(model: type[BaseModel], **fields: Any) -> str:
    """The course's own French message for a question its model refuses (worded by content/)."""
    base = {"id": "q", "type": "matching", "prompt": "p", "explanation": "e"}
    with pytest.raises(ValidationError) as refusal:
        model.model_validate(base | fields)
    return errors_from_validation(refusal.value, "")[0].message


def test_what_the_course_cannot_grade_is_refused_line_by_line() -> None:
    _, issues = imported("refused.gift")
    refused = " non importée\u00a0: "
    assert issues == [
        f"ligne 5\u00a0: question 2 («\u00a0Essai\u00a0»){refused}réponses vides {{ }}\u00a0: une "
        "question ouverte (composition) ne peut pas être notée par le cours.",
        f"ligne 7\u00a0: question 3 («\u00a0Information\u00a0»){refused}pas de réponses entre "
        "{ }\u00a0: c'est une «\u00a0description\u00a0» (un texte seul), pas une question.",
        f"ligne 9\u00a0: question 4 («\u00a0Trou\u00a0»){refused}du texte suit les réponses "
        "{ }\u00a0: une question à trou (mot manquant, réponses au milieu du texte) n'existe pas "
        "dans le cours. Mettez les réponses à la fin.",
        f"ligne 11\u00a0: question 5 («\u00a0Partiel\u00a0»){refused}l'option «\u00a0bleu "
        "ciel\u00a0» vaut 50\u202f%\u00a0: le cours ne donne pas de points partiels à une option "
        "de choix unique. Mettez-la à 0\u202f% ou 100\u202f%, ou faites-en un choix multiple "
        "(~%50%…).",
        f"ligne 13\u00a0: question 6 («\u00a0Deux bonnes\u00a0»){refused}2\u00a0bonnes réponses "
        "(=) dans un choix unique\u00a0: le cours n'en accepte qu'une. Gardez un seul =, ou "
        "écrivez un choix multiple (~%50%…).",
        f"ligne 15\u00a0: question 7 («\u00a0Parts inégales\u00a0»){refused}l'option «\u00a0a\u00a0» "
        "vaut 70\u202f%\u00a0: le cours donne la même part à chaque bonne option (2\u00a0bonnes "
        "options, 50\u202f% chacune).",
        f"ligne 17\u00a0: question 8 («\u00a0Pénalité\u00a0»){refused}l'option «\u00a0c\u00a0» "
        "retire 30\u202f%\u00a0: le cours retire à chaque mauvaise option cochée la part d'une "
        "bonne (\u221250\u202f%), ou tout en notation tout ou rien (\u2212100\u202f%).",
        f"ligne 19\u00a0: question 9 («\u00a0Réponse partielle\u00a0»){refused}la réponse "
        "«\u00a0Paris intra-muros\u00a0» vaut 50\u202f%\u00a0: le cours n'accepte que des réponses "
        "entièrement justes. Mettez-la à 100\u202f% ou retirez-la.",
        f"ligne 21\u00a0: question 10 («\u00a0Joker\u00a0»){refused}la réponse «\u00a0Par*\u00a0» "
        "contient *, le joker de Moodle\u00a0: le cours compare des réponses entières. Écrivez "
        "chaque réponse acceptée, ou \\* pour une étoile.",
        f"ligne 23\u00a0: question 11 («\u00a0Nombre partiel\u00a0»){refused}la réponse "
        "«\u00a05:2\u00a0» vaut 50\u202f%\u00a0: le cours n'accepte que des réponses entièrement "
        "justes. Mettez-la à 100\u202f% ou retirez-la.",
        f"ligne 25\u00a0: question 12 («\u00a0Deux intervalles\u00a0»){refused}les réponses "
        "justes 1 et 10 ne forment pas un seul intervalle\u00a0: le cours accepte un nombre plus "
        "ou moins une tolérance, ou un intervalle de min à max.",
        f"ligne 27\u00a0: question 13 («\u00a0Virgule\u00a0»){refused}«\u00a03,5\u00a0» n'est pas "
        "un nombre (GIFT écrit 3.5, avec un point).",
        f"ligne 29\u00a0: question 14 («\u00a0Réponse en trop\u00a0»){refused}la réponse "
        "«\u00a03\u00a0» n'a pas d'élément à gauche (une réponse en trop)\u00a0: dans le cours, "
        "chaque réponse va avec un élément.",
        f"ligne 31\u00a0: question 15 («\u00a0Doublon\u00a0»){refused}pairs\u00a0: "
        f"{model_message(Matching, pairs=[{'left': 'a', 'right': '1'}, {'left': 'b', 'right': '1'}])}",
        f"ligne 33\u00a0: question 16 («\u00a0Ouverte\u00a0»){refused}accolade {{ sans }} de fin.",
    ]


def test_broken_rows_are_reported_by_row_and_column() -> None:
    _, issues = imported("broken.csv")
    refused = " non importée\u00a0: "
    assert issues == [
        "ligne 1, colonne J\u00a0: colonne «\u00a0commentaire\u00a0» inconnue, ignorée\u202f; "
        "colonnes\u00a0: identifiant, type, question, options, bonnes_reponses, retours, "
        "explication, points, objectif, module, tolerance, unite.",
        f"ligne 2, colonne E (bonnes_reponses)\u00a0: question 1 («\u00a0a\u00a0»){refused}un choix "
        "unique a une seule bonne réponse\u00a0: pour plusieurs, écrivez choix_multiple dans la "
        "colonne type.",
        f"ligne 3, colonne E (bonnes_reponses)\u00a0: question 2 («\u00a0b\u00a0»){refused}"
        "«\u00a0C\u00a0» ne désigne aucune option\u00a0: les options vont de A à B.",
        f"ligne 4, colonne F (retours)\u00a0: question 3 («\u00a0c\u00a0»){refused}2\u00a0retours "
        "pour 3\u00a0options\u00a0: un retour par option, dans le même ordre, séparés par |.",
        f"ligne 5, colonne B (type)\u00a0: question 4 («\u00a0d\u00a0»){refused}type "
        "«\u00a0sondage\u00a0» inconnu\u202f; types possibles\u00a0: choix_unique, choix_multiple, "
        "vrai_faux, association, ordre, reponse_courte, nombre.",
        f"ligne 6, colonne D (options)\u00a0: question 5 («\u00a0e\u00a0»){refused}inutile pour une "
        "question vrai_faux\u00a0: videz la cellule.",
        f"ligne 7, colonne E (bonnes_reponses)\u00a0: question 6 («\u00a0f\u00a0»){refused}écrivez "
        "vrai ou faux.",
        f"ligne 8, colonne E (bonnes_reponses)\u00a0: question 7 («\u00a0g\u00a0»){refused}"
        "2\u00a0éléments de droite pour 3\u00a0éléments de gauche (colonne options)\u00a0: un pour "
        "chacun, dans le même ordre.",
        f"ligne 9, colonne D (options)\u00a0: question 8 («\u00a0h\u00a0»){refused}une valeur vide "
        "entre deux |\u00a0: retirez le | en trop.",
        f"ligne 10, colonne E (bonnes_reponses)\u00a0: question 9 («\u00a0i\u00a0»){refused}"
        "«\u00a0beaucoup\u00a0» n'est pas un nombre.",
        f"ligne 11, colonne H (points)\u00a0: question 10 («\u00a0j\u00a0»){refused}«\u00a0zéro\u00a0» "
        "n'est pas un nombre.",
        f"ligne 12, colonne H (points)\u00a0: question 11 («\u00a0k\u00a0»){refused}points\u00a0: "
        "doit être supérieur à 0.",
        f"ligne 13, colonne I (objectif)\u00a0: question 12 («\u00a0l\u00a0»){refused}objectif "
        "«\u00a0inconnu\u00a0» absent du module\u202f; objectifs\u00a0: «\u00a0definir\u00a0», "
        "«\u00a0profil\u00a0».",
        f"ligne 15, colonne C (question)\u00a0: question 13 («\u00a0Mon identifiant\u00a0»)"
        f"{refused}énoncé manquant.",
        f"ligne 16, colonne G (explication)\u00a0: question 14 («\u00a0ok\u00a0»)\u00a0: explication "
        f"manquante\u00a0: {TODO} à remplacer.",
    ]


def test_csv_and_xlsx_give_the_same_quiz() -> None:
    assert imported("questions.csv") == imported("questions.xlsx")


def test_without_a_lesson_questions_keep_what_the_sheet_says() -> None:
    text, _ = imported("questions.csv", Target("importe"))
    quiz = yaml.safe_load(text)
    assert "lesson" not in quiz and quiz["title"] == "Quiz importe"
    assert [q.get("objective") for q in quiz["questions"]] == [
        "definir", "profil", None, None, "definir", None, None, None
    ]  # fmt: skip


# --- The template --------------------------------------------------------------------------


def test_the_template_in_docs_is_the_one_the_code_builds() -> None:
    assert (PROJECT_ROOT / "docs" / "modele-questions.csv").read_bytes() == template_csv()
    shipped = xlsx_rows((PROJECT_ROOT / "docs" / "modele-questions.xlsx").read_bytes())
    assert shipped == template_rows()
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == ["Questions", "Mode d'emploi"]
    guide = (PROJECT_ROOT / "docs" / "guide-auteur.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in guide for column in COLUMNS)


def test_the_template_imports_as_it_is_one_question_of_each_type() -> None:
    for rows in (csv_rows(template_csv()), xlsx_rows(template_xlsx())):
        built = build_quiz(read_sheet(rows), TARGET)
        assert built.issues == [] and built.quiz is not None
        assert len({q["type"] for q in built.quiz["questions"]}) == 7


def test_the_template_csv_is_for_french_excel() -> None:
    data = template_csv()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    assert data.decode("utf-8-sig").split("\r\n", 1)[0] == ";".join(COLUMNS)


# --- The YAML writer -----------------------------------------------------------------------


@given(st.text())
def test_any_text_is_written_so_that_yaml_reads_it_back(text: str) -> None:
    quiz = {"id": "q", "title": text, "questions": [{"id": text, "prompt": text, "items": [text]}]}
    assert yaml.safe_load(quiz_yaml(quiz)) == quiz


def test_ids_that_yaml_would_misread_are_quoted() -> None:
    ids = ["no", "123", "on", "0x1f", "1_000", "2001-12-14", "null", "1e3", "ok"]
    quiz = {"id": "no", "title": "t", "questions": [{"id": i, "objective": i} for i in ids]}
    assert yaml.safe_load(quiz_yaml(quiz)) == quiz


# --- The command ---------------------------------------------------------------------------


@pytest.fixture
def content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(VALID_COURSE))


def run(*args: str) -> int:
    return main(["import", *args])


@pytest.mark.usefixtures("content")
def test_everything_imported_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "importe.yaml"
    status = run(str(IMPORT / "questions.xlsx"), "--quiz-id", "importe", "--lesson", "bases",
                 "--out", str(out))  # fmt: skip
    captured = capsys.readouterr()
    assert status == 0
    assert out.read_text(encoding="utf-8") == (IMPORT / "questions.yaml").read_text(
        encoding="utf-8"
    )
    assert captured.out.splitlines() == [
        f"{out} écrit\u00a0: 8 questions importées.",
        "Objectif «\u00a0definir\u00a0» (le premier du module) donné à 5 questions sans "
        "objectif\u00a0: choisissez le bon pour chacune (objective:).",
        "Ajoutez «\u00a0quiz: importe\u00a0» dans lessons/01-bases.md pour rattacher le quiz au "
        "module.",
        "Vérifiez ensuite le contenu\u00a0: python -m course validate",
    ]
    assert captured.err.splitlines() == [
        f"{IMPORT / 'questions.xlsx'}, ligne 3, colonne A (Identifiant)\u00a0: question 2 "
        "(«\u00a0Contenu du profil\u00a0»)\u00a0: identifiant «\u00a0Contenu du profil\u00a0» écrit "
        "«\u00a0contenu-du-profil\u00a0».",
    ]


@pytest.mark.usefixtures("content")
def test_some_questions_reported_exits_1_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "importe.yaml"
    status = run(str(IMPORT / "refused.gift"), "--quiz-id", "importe", "--lesson", "bases",
                 "--out", str(out))  # fmt: skip
    captured = capsys.readouterr()
    assert status == 1
    assert out.read_text(encoding="utf-8") == (IMPORT / "refused.yaml").read_text(encoding="utf-8")
    assert captured.out.splitlines()[0] == (
        f"{out} écrit\u00a0: 1 question importée, 15 questions non importées (voir les messages "
        "ci-dessus)."
    )
    assert len(captured.err.splitlines()) == 15


@pytest.mark.usefixtures("content")
def test_without_a_lesson_the_message_says_what_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(str(IMPORT / "moodle.gift"), "--quiz-id", "importe", "--out", str(tmp_path / "q.yaml"))
        == 0
    )
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Ce quiz n'est rattaché à aucun module\u00a0: relancez avec --lesson ID, ou ajoutez "
        "«\u00a0lesson: ID\u00a0» au quiz, «\u00a0quiz: ID\u00a0» au module et «\u00a0objective:\u00a0» "
        "à chaque question\u202f; pour un examen final, «\u00a0module:\u00a0» et "
        "«\u00a0objective:\u00a0» à chaque question.",
        "Vérifiez ensuite le contenu\u00a0: python -m course validate",
    ]


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x.gift", "--quiz-id", "Mon Quiz"], "--quiz-id «\u00a0Mon Quiz\u00a0»\u00a0: identifiant "
         "invalide\u202f; utilisez des minuscules sans accent, des chiffres et des tirets (ex. "
         "«\u00a0bases\u00a0»)."),
        (["questions.docx", "--quiz-id", "q"], "questions.docx\u00a0: format inconnu\u202f; "
         "importez un fichier .gift (ou .txt) de Moodle, ou un tableau .csv ou .xlsx (enregistrez "
         "un .xls ou un .ods au format .xlsx)."),
        (["absent.gift", "--quiz-id", "q"], "absent.gift\u00a0: fichier introuvable."),
        ([str(IMPORT / "moodle.gift"), "--quiz-id", "q", "--lesson", "nulle-part"],
         "--lesson «\u00a0nulle-part\u00a0»\u00a0: module introuvable. Modules\u00a0: bases, mots."),
        ([str(IMPORT / "moodle.gift"), "--quiz-id", "bases"], "Le quiz «\u00a0bases\u00a0» existe "
         "déjà (quizzes/bases.yaml)\u00a0: choisissez un autre --quiz-id, ou --out "
         "quizzes/bases.yaml --force pour le remplacer."),
        ([str(IMPORT / "no-columns.csv"), "--quiz-id", "q"], f"{IMPORT / 'no-columns.csv'}\u00a0: "
         "colonnes type, question, explication introuvables sur la première ligne\u202f; le modèle "
         "a les colonnes identifiant, type, question, options, bonnes_reponses, retours, "
         "explication, points, objectif, module, tolerance, unite."),
        ([str(IMPORT / "not-a-workbook.xlsx"), "--quiz-id", "q"],
         f"{IMPORT / 'not-a-workbook.xlsx'}\u00a0: classeur XLSX illisible (BadZipFile)."),
    ],
)  # fmt: skip
def test_usage_errors_and_unreadable_files_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.yaml"
    assert run(*args, "--out", str(out)) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message + "\n")
    assert not out.exists()


@pytest.mark.usefixtures("content")
def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.yaml"
    out.write_text("ancien", encoding="utf-8")
    args = [str(IMPORT / "questions.csv"), "--quiz-id", "q", "--out", str(out)]
    assert run(*args) == 2
    assert (
        capsys.readouterr().err == f"{out} existe déjà\u00a0: ajoutez --force pour le remplacer.\n"
    )
    assert out.read_text(encoding="utf-8") == "ancien"
    assert run(*args, "--force") == 0
    assert out.read_text(encoding="utf-8").startswith("id: q\n")


def test_an_imported_quiz_passes_validate(tmp_path: Path) -> None:
    """The whole path, as an author runs it: import into a course, link the module, validate."""
    root = tmp_path / "cours"
    shutil.copytree(VALID_COURSE, root)
    lesson = root / "lessons" / "02-mots.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "objectives:", "quiz: importe\nobjectives:", 1), encoding="utf-8")  # fmt: skip
    env = {"COURSE_CONTENT_DIR": str(root)}
    result = run_cli("import", str(IMPORT / "moodle.gift"), "--quiz-id", "importe", "--lesson",
                     "mots", "--out", str(root / "quizzes" / "importe.yaml"), data_dir=tmp_path,
                     env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    validated = run_cli("validate", str(root), data_dir=tmp_path, env=env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    course = load_course(root)
    assert len(course.quizzes["importe"].questions) == 15
