"""The content loader: a valid course loads; each broken fixture gives exactly its messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course.content.course import BrokenLesson
from course.content.loader import load_course
from tests.helpers import FIXTURES, VALID_COURSE

EXPECTED = {
    "charts-errors": [
        "data/charts.yaml:11: charts.2.kind: valeur non autorisée ; valeurs possibles : « bar », « line ».",
        "data/charts.yaml:16: charts.3.id: « inscrits-2011 » est déjà utilisé : chaque valeur doit être unique.",
        "data/charts.yaml:19: charts.3.select: aucune ligne de data/stats.csv ne correspond à ces périmètres (scopes), mesures (metrics) et dates.",
    ],
    "course-settings": [
        "course.yaml:1: audience: champ obligatoire manquant : ajoutez-le.",
        "course.yaml:3: public: clé inconnue : vérifiez l'orthographe ou supprimez-la.",
    ],
    "glossary-errors": [
        "glossary.yaml:5: terms.1.related.2: terme lié « inconnu » introuvable (ou le terme lui-même) ; utilisez l'id d'un autre terme.",
        "glossary.yaml:5: terms.1.related.3: terme lié « profil » introuvable (ou le terme lui-même) ; utilisez l'id d'un autre terme.",
        "glossary.yaml:6: terms.1.lesson: module « absent » introuvable ; modules existants : « bases », « mots ».",
        "glossary.yaml:12: terms.3.definition: ne doit pas être vide.",
    ],
    "lesson-bad-directives": [
        "lessons/02-mots.md:12: directive {retenir} inconnue ; directives possibles : {a-retenir}, {aujourdhui}, {conseil}, {exemple}, {attention}, {notes}, {chart}, {exercise}, {mockup}, {illustration}.",
        "lessons/02-mots.md:16: la directive {chart} doit être suivie d'un identifiant.",
        "lessons/02-mots.md:19: graphique « inconnu » inconnu ; graphiques existants : « inscrits-2011 ».",
        "lessons/02-mots.md:22: [[mot-inconnu]] : terme absent du glossaire ; ajoutez-le à glossary.yaml ou corrigez le lien.",
    ],
    "lesson-bad-filename": [
        "lessons/Vocabulaire.md: nom de fichier invalide : écrivez « NN-identifiant.md », ex. « 01-bases.md ».",
    ],
    "lesson-bad-illustrations": [
        "assets/illustrations/texte.svg:1: ce fichier n'est pas une image SVG (<svg …>).",
        "lessons/02-mots.md:16: illustration « absente.svg » introuvable dans assets/illustrations/ ; fichiers existants : « profil.svg », « texte.svg ».",
        "lessons/02-mots.md:20: le chemin « ../../course.yaml » sort du dossier assets/illustrations/ : écrivez seulement le nom d'un fichier de ce dossier, ex. « profil.svg ».",
        "lessons/02-mots.md:24: le chemin « /etc/passwd.svg » sort du dossier assets/illustrations/ : écrivez seulement le nom d'un fichier de ce dossier, ex. « profil.svg ».",
        "lessons/02-mots.md:28: le chemin « ../illustrations/profil.svg » sort du dossier assets/illustrations/ : écrivez seulement le nom d'un fichier de ce dossier, ex. « profil.svg ».",
        "lessons/02-mots.md:32: « photo.png » n'est pas un fichier SVG : une illustration est un fichier « .svg ».",
        "lessons/02-mots.md:40: la directive {illustration} doit contenir le texte de remplacement de l'image : décrivez en une ou deux phrases ce qu'elle montre.",
        "lessons/02-mots.md:43: la directive {illustration} doit être suivie du nom d'un fichier SVG du dossier assets/illustrations/, ex. « profil.svg ».",
    ],
    "lesson-colon-in-title": [
        "lessons/02-mots.md:2: syntaxe YAML invalide : « : » inattendu ; si le texte contient « : », mettez-le entre guillemets.",
    ],
    "lesson-duplicate-key": [
        "lessons/02-mots.md:4: clé « title » écrite deux fois : gardez-en une seule.",
    ],
    "lesson-duplicates-and-missing-quiz": [
        "lessons/02-mots.md:3: order: l'ordre 1 est déjà celui de « lessons/01-bases.md » : chaque module a le sien.",
        "lessons/02-mots.md:5: quiz: quiz « absent » introuvable ; quiz existants : « bases ».",
        "lessons/02-mots.md:9: objectives.2.id: « nommer » est déjà utilisé : chaque valeur doit être unique.",
    ],
    "lesson-duration-words": [
        "lessons/02-mots.md:4: duration: doit être un nombre entier.",
    ],
    "lesson-h1": [
        "lessons/02-mots.md:10: titre « # » interdit : le titre du module vient de « title » ; utilisez « ## » pour une section.",
    ],
    "lesson-id-mismatch": [
        "lessons/02-mots.md:2: id: l'identifiant doit être « mots », comme le nom du fichier.",
    ],
    "lesson-latin1": [
        "lessons/02-mots.md:7: le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8.",
    ],
    "lesson-missing-title": [
        "lessons/02-mots.md:2: title: champ obligatoire manquant : ajoutez-le.",
    ],
    "lesson-misspelt-key": [
        "lessons/02-mots.md:4: duree: clé inconnue : vérifiez l'orthographe ou supprimez-la.",
    ],
    "lesson-no-front-matter": [
        "lessons/02-mots.md:1: en-tête manquant : le fichier doit commencer par « --- », les clés du module, puis « --- ».",
    ],
    "lesson-objective-bad-id": [
        "lessons/02-mots.md:6: objectives.1.id: identifiant invalide : utilisez des minuscules sans accent, des chiffres et des tirets (ex. « mots-du-web »).",
        "lessons/02-mots.md:8: objectives.2.id: champ obligatoire manquant : ajoutez-le.",
    ],
    "lesson-unclosed-quote": [
        "lessons/02-mots.md:2: syntaxe YAML invalide : guillemet ouvert sur cette ligne mais jamais fermé.",
    ],
    "mockups-errors": [
        "data/maquettes.yaml:9: mockups.2: type inconnu « story » ; types possibles : « tweet », « facebook_post », « cover_banner », « page_tab », « donation_tab ».",
        "data/maquettes.yaml:12: mockups.3.alt: champ obligatoire manquant : ajoutez-le.",
        "data/maquettes.yaml:16: mockups.3.likes: doit être supérieur ou égal à 0.",
        "data/maquettes.yaml:17: mockups.3.like_count: clé inconnue : vérifiez l'orthographe ou supprimez-la.",
        "data/maquettes.yaml:22: mockups.4.handle: un nom de compte s'écrit « @ » suivi de 1 à 15 lettres, chiffres ou « _ » (ex. « @RSF_RWB »).",
        "data/maquettes.yaml:26: mockups.4.source.date: champ obligatoire manquant : ajoutez-le.",
        "data/maquettes.yaml:27: mockups.5.id: « tweet-exemple » est déjà utilisé : chaque valeur doit être unique.",
        "data/maquettes.yaml:34: mockups.6: la clé « type » est obligatoire.",
        "data/maquettes.yaml:36: cards: clé inconnue : vérifiez l'orthographe ou supprimez-la.",
        "lessons/02-mots.md:20: maquette « inconnue » inconnue ; maquettes existantes : « tweet-exemple ».",
        "lessons/02-mots.md:23: la directive {mockup} doit être suivie d'un identifiant.",
    ],
    "quiz-choice-rules": [
        "quizzes/bases.yaml:9: questions.1.options: une question à choix unique doit avoir exactement une bonne réponse (correct: true) ; elle en a 0.",
        "quizzes/bases.yaml:16: questions.2.options: une question à choix unique doit avoir exactement une bonne réponse (correct: true) ; elle en a 2.",
        "quizzes/bases.yaml:25: questions.3.options.2.correct: doit valoir true (vrai) ou false (faux).",
        "quizzes/bases.yaml:30: questions.4.options: doit contenir au moins 2 éléments.",
    ],
    "quiz-crossrefs": [
        "lessons/01-bases.md:11: quiz: le quiz « bases » est rattaché à « absent » : mettez « lesson: bases » dans quizzes/bases.yaml.",
        "quizzes/bases.yaml:3: lesson: module « absent » introuvable ; modules existants : « bases », « mots ».",
        "quizzes/bases.yaml:4: draw: draw (5) dépasse le nombre de questions (2).",
        "quizzes/bases.yaml:7: questions.2.id: « q1 » est déjà utilisé : chaque valeur doit être unique.",
    ],
    "quiz-duplicate-id": [
        "quizzes/copie.yaml:1: id: l'identifiant « bases » est déjà celui de « quizzes/bases.yaml ».",
    ],
    "quiz-exam-links": [
        "quizzes/examen.yaml:5: questions.1: un quiz sans « lesson » (examen) doit indiquer pour chaque question le module qu'elle vérifie (module: …) ; modules existants : « bases », « mots ».",
        "quizzes/examen.yaml:6: questions.2.module: module « absent » introuvable ; modules existants : « bases », « mots ».",
        "quizzes/examen.yaml:7: questions.3: indiquez l'objectif du module « bases » que vérifie cette question (objective: …) ; objectifs : « definir », « profil ».",
        "quizzes/examen.yaml:8: questions.4.objective: objectif « nommer » absent du module « bases » ; objectifs : « definir », « profil ».",
    ],
    "quiz-missing-explanation": [
        "quizzes/bases.yaml:5: questions.1.explanation: champ obligatoire manquant : ajoutez-le.",
        "quizzes/bases.yaml:8: questions.1.answer: doit valoir true (vrai) ou false (faux).",
        "quizzes/bases.yaml:9: questions.1.points: doit être supérieur à 0.",
    ],
    "quiz-module-disagrees": [
        "quizzes/bases.yaml:5: questions.1.module: ce quiz est celui du module « bases » : supprimez « module: mots » ou écrivez « module: bases ».",
    ],
    "quiz-not-a-mapping": [
        "quizzes/bases.yaml:1: le fichier doit contenir des clés (clé: valeur).",
    ],
    "quiz-other-types": [
        "quizzes/bases.yaml:9: questions.1.pairs: deux paires ont le même élément à gauche : chaque élément doit être unique.",
        "quizzes/bases.yaml:12: questions.2.items: doit contenir au moins 2 éléments.",
        "quizzes/bases.yaml:13: questions.3.tolerance: la tolérance ne peut pas être négative.",
        "quizzes/bases.yaml:14: questions.4.max: min (700) est plus grand que max (600).",
        "quizzes/bases.yaml:15: questions.5: indiquez soit « answer » (avec « tolerance »), soit « min » et « max ».",
        "quizzes/bases.yaml:16: questions.6.answers: doit contenir au moins 1 élément.",
        "quizzes/bases.yaml:17: questions.7: type inconnu « vrai_faux » ; types possibles : « single_choice », « multiple_choice », « true_false », « matching », « ordering », « short_text », « numeric ».",
        "quizzes/bases.yaml:18: questions.8: la clé « type » est obligatoire.",
    ],
    "quiz-wrong-lesson": [
        "lessons/01-bases.md:11: quiz: le quiz « bases » est rattaché à « mots » : mettez « lesson: bases » dans quizzes/bases.yaml.",
        "quizzes/bases.yaml:3: lesson: le module « mots » ne renvoie pas vers ce quiz : ajoutez « quiz: bases » dans lessons/02-mots.md.",
        "quizzes/bases.yaml:5: questions.1.objective: objectif « definir » absent du module « mots » ; objectifs : « nommer ».",
    ],
    "reglages-errors": [
        "reglages.yaml:2: completion.module_quizzes_passed: doit valoir true (vrai) ou false (faux).",
        "reglages.yaml:3: certificate.organisation: champ obligatoire manquant : ajoutez-le.",
        "reglages.yaml:6: certificate.public_url: adresse invalide : écrivez une adresse complète (ex. https://cours.example.org).",
        "reglages.yaml:15: data.retention_months: doit être supérieur ou égal à 1.",
    ],
    "reglages-wrong-exam": [
        "reglages.yaml:6: completion.final_exam: « bases » est le quiz du module « bases », pas un examen final.",
    ],
    "stats-bad-header": [
        "data/charts.yaml:5: charts.1.select: aucune ligne de data/stats.csv ne correspond à ces périmètres (scopes), mesures (metrics) et dates.",
        "data/stats.csv:1: la première ligne doit être « scope,metric,value,unit,date,source,status,note ».",
    ],
    "stats-bad-rows": [
        "data/stats.csv:3: 9 colonnes au lieu de 8 (une virgule dans un texte doit être entre guillemets).",
        "data/stats.csv:4: value: doit être un nombre (avec un point décimal, ex. 12.5).",
        "data/stats.csv:4: unit: valeur non autorisée ; valeurs possibles : « billion », « million », « thousand », « people », « percent ».",
        "data/stats.csv:4: date: date invalide : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2011-01).",
        "data/stats.csv:4: source: champ obligatoire manquant : ajoutez-le.",
        "data/stats.csv:4: status: valeur non autorisée ; valeurs possibles : « confirmed », « unconfirmed ».",
    ],
}


def test_every_broken_fixture_has_its_expected_messages() -> None:
    on_disk = {path.name for path in (FIXTURES / "broken").iterdir()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_content_is_reported_with_file_line_key_and_french_message(
    case: str, course_copy: Callable[..., Path]
) -> None:
    course = load_course(course_copy(case))
    assert [str(error) for error in course.errors] == EXPECTED[case]


def test_valid_course_loads_without_errors() -> None:
    course = load_course(VALID_COURSE)
    assert course.errors == ()
    assert [lesson.id for lesson in course.lessons] == ["bases", "mots"]
    assert [section.title for section in course.lessons[0].sections] == [
        None,
        "Le profil",
        "Les chiffres",
    ]
    assert course.quizzes["bases"].lesson == "bases"
    assert {term.id for term in course.glossary} == {"profil", "avatar", "abonne"}
    assert course.chart("inscrits-2011") is not None


def test_valid_course_loads_its_mockups_and_illustrations() -> None:
    course = load_course(VALID_COURSE)
    assert [card.id for card in course.mockups] == ["tweet-exemple", "publication-exemple"]
    assert course.mockup("tweet-exemple") is not None and course.mockup("absente") is None
    assert list(course.illustrations) == ["profil.svg"]
    assert "<title" in course.illustrations["profil.svg"]


def test_one_bad_mockup_does_not_hide_the_others(course_copy: Callable[..., Path]) -> None:
    course = load_course(course_copy("mockups-errors"))
    assert [card.id for card in course.mockups] == ["tweet-exemple", "tweet-exemple"]


def test_a_broken_lesson_keeps_its_page_and_spares_the_others(
    course_copy: Callable[..., Path],
) -> None:
    course = load_course(course_copy("lesson-missing-title"))
    broken = [m for m in course.modules if isinstance(m, BrokenLesson)]
    assert [(b.slug, b.order) for b in broken] == [("mots", 2)]
    assert [lesson.id for lesson in course.lessons] == ["bases"]
    assert course.quizzes and course.glossary


def test_one_bad_glossary_term_does_not_hide_the_others(course_copy: Callable[..., Path]) -> None:
    course = load_course(course_copy("glossary-errors"))
    assert [term.id for term in course.glossary] == ["profil", "avatar", "abonne"]


def test_content_hash_changes_when_a_file_changes(course_copy: Callable[..., Path]) -> None:
    root = course_copy()
    before = load_course(root)
    quiz = root / "quizzes" / "bases.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("70", "80"), encoding="utf-8")
    after = load_course(root)
    assert before.quiz_hashes["bases"] != after.quiz_hashes["bases"]
    assert before.lessons[0].content_hash == after.lessons[0].content_hash
