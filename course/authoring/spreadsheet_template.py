"""The spreadsheet template (one question a row) and the reading of CSV and XLSX files.

The columns have French names; `COLUMNS` explains each for the template's « Mode d'emploi »
sheet and the author's guide. The CSV is written as French Excel reads it (UTF-8 with BOM,
`;`, CRLF); both `;` and `,` are read, and a file saved by Excel in Windows-1252 too
(course/tables_io.py reads both formats).
openpyxl is imported inside the functions that need it (cold start, see ARCHITECTURE.md).
"""

from __future__ import annotations

import csv
import io

from course.tables_io import UnreadableTable, read_csv, read_xlsx

COLUMNS: dict[str, str] = {
    "identifiant": "facultatif\u00a0: l'identifiant de la question (minuscules, chiffres, "
    "tirets)\u202f; sinon q1, q2…",
    "type": "choix_unique, choix_multiple, vrai_faux, association, ordre, reponse_courte ou nombre",
    "question": "l'énoncé",
    "options": "les options (choix), les éléments de gauche (association) ou les éléments dans "
    "le bon ordre (ordre), séparés par |",
    "bonnes_reponses": "la ou les lettres des bonnes options (A, C), vrai ou faux, les éléments "
    "de droite dans l'ordre des options (association), les réponses acceptées séparées par | "
    "(réponse courte), le nombre ou l'intervalle 600..620 (nombre)",
    "retours": "le retour de chaque option, séparés par | dans l'ordre des options\u202f; pour "
    "un vrai ou faux, «\u00a0si la réponse est Vrai | si la réponse est Faux\u00a0»",
    "explication": "l'explication montrée après la réponse, quelle qu'elle soit",
    "points": "facultatif\u00a0: 1 par défaut",
    "objectif": "l'identifiant de l'objectif du module que vérifie la question (par défaut, le "
    "premier du module)",
    "module": "seulement pour l'examen final\u00a0: le module que vérifie la question",
    "tolerance": "nombre\u00a0: l'écart accepté (0 par défaut)\u202f; réponse courte\u00a0: le "
    "nombre de fautes de frappe tolérées",
    "unite": "facultatif, pour un nombre\u00a0: l'unité affichée sous la case",
}

EXAMPLES: list[list[str]] = [
    [
        "definition",
        "choix_unique",
        "Qu'est-ce qu'un réseau social\u202f?",
        "Un site où l'on s'inscrit et crée un profil pour échanger | Un moteur de recherche",
        "A",
        "Oui\u00a0: inscription, profil, échanges. | Non\u00a0: on n'y crée pas de profil.",
        "Un réseau social est un site où l'on s'inscrit et crée un profil pour échanger avec "
        "les autres membres.",
        "1",
        "",
        "",
        "",
        "",
    ],
    [
        "contenu-profil",
        "choix_multiple",
        "Que trouve-t-on en général dans un profil\u202f? (plusieurs réponses)",
        "Un avatar | Des informations générales | Votre mot de passe",
        "A, B",
        "Oui, l'image qui vous représente. | Oui, comme la ville ou le métier. | Surtout pas\u00a0: "
        "il reste secret.",
        "Un profil contient un avatar et des informations générales, jamais le mot de passe.",
        "1",
        "",
        "",
        "",
        "",
    ],
    [
        "inscription",
        "vrai_faux",
        "Pour échanger sur un réseau social, il faut d'abord s'inscrire.",
        "",
        "vrai",
        "Oui\u00a0: pas d'échange sans inscription. | Si, c'est vrai\u00a0: on s'inscrit d'abord.",
        "L'inscription crée le compte\u202f; on peut ensuite échanger.",
        "1",
        "",
        "",
        "",
        "",
    ],
    [
        "mots",
        "association",
        "Associez chaque mot à sa définition.",
        "Avatar | Topic",
        "Image qui vous représente | Sujet de discussion",
        "",
        "L'avatar vous représente\u202f; un topic est un sujet de discussion.",
        "1",
        "",
        "",
        "",
        "",
    ],
    [
        "etapes",
        "ordre",
        "Remettez les étapes dans l'ordre.",
        "S'inscrire | Créer son profil | Échanger avec les membres",
        "",
        "",
        "On s'inscrit, on crée son profil, puis on échange.",
        "1",
        "",
        "",
        "",
        "",
    ],
    [
        "nom-hashtag",
        "reponse_courte",
        "Comment appelle-t-on un mot précédé du signe #\u202f?",
        "",
        "hashtag | mot-dièse",
        "",
        "C'est un hashtag (mot-dièse).",
        "1",
        "",
        "",
        "1",
        "",
    ],
    [
        "facebook-610",
        "nombre",
        "Combien de millions d'utilisateurs Facebook comptait-il en janvier 2011 selon le texte "
        "source\u202f?",
        "",
        "610",
        "",
        "Le texte source donnait 610\u00a0millions.",
        "1",
        "",
        "",
        "1",
        "millions",
    ],
]


def template_rows() -> list[list[str]]:
    """The header, then one example row per question type."""
    return [list(COLUMNS), *(list(row) for row in EXAMPLES)]


def template_csv() -> bytes:
    """The template as French Excel opens it: UTF-8 with BOM, `;`, CRLF."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(template_rows())
    return text.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The template as a workbook: `Questions` (header and examples) and `Mode d'emploi`."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Questions"
    for row in template_rows():
        sheet.append(row)
    help_sheet = workbook.create_sheet("Mode d'emploi")
    help_sheet.append(["colonne", "ce qu'elle contient"])
    for name, meaning in COLUMNS.items():
        help_sheet.append([name, meaning])
    for page, widths in (
        (sheet, [18, 16, 50, 50, 30, 50, 50, 8, 14, 12, 10, 10]),
        (help_sheet, [18, 100]),
    ):
        for cell in page[1]:
            cell.font = Font(bold=True)
        page.freeze_panes = "A2"
        for index, width in enumerate(widths):
            page.column_dimensions[chr(ord("A") + index)].width = width
        for row in page.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


class UnreadableSheet(Exception):
    """The file is not a table this reader can open; the message is French."""


def csv_rows(data: bytes) -> list[list[str]]:
    """Rows of a CSV file separated by `;` (French Excel), `,` or tabs, as the header says."""
    try:
        return [row.cells for row in read_csv(data)]
    except UnreadableTable as exc:
        raise UnreadableSheet(str(exc)) from None


def xlsx_rows(data: bytes) -> list[list[str]]:
    """Rows of the workbook's first sheet, every cell as text (numbers as written: 0.5, 610)."""
    try:
        return [row.cells for row in read_xlsx(data, booleans=("vrai", "faux"))]
    except UnreadableTable as exc:
        raise UnreadableSheet(str(exc)) from None
