"""The participant's handout and the paper quiz, read back from the PDF with pypdf: every
module and glossary term printed, trainer notes left out, French punctuation kept with its
word; a quiz sheet numbered and lettered, with its code on every page, the answers and the
explanations only in the answer key."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from course.content.course import Course
from course.content.lesson import TrainerNotes
from course.content.questions import Matching, Ordering, ShortText, SingleChoice
from course.paper.files import handout_pdf, quiz_sheet_pdf
from course.paper.sheet_codes import option_letter, sheet_code, shuffled_order
from course.text import fold
from tests.helpers import PROJECT_ROOT, shipped_course


@pytest.fixture(scope="module")
def course() -> Course:
    return shipped_course()


def pages(data: bytes) -> list[str]:
    """Each page's text, with every run of spaces (no-break ones too) made one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def lines(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def handout(course: Course) -> bytes:
    return handout_pdf(course)


@pytest.fixture(scope="module")
def handout_pages(handout: bytes) -> list[str]:
    return pages(handout)


def test_the_cover_names_the_course_and_the_organisation(
    course: Course, handout_pages: list[str]
) -> None:
    assert course.info is not None and course.settings is not None
    assert flat(course.info.title) in handout_pages[0]
    assert flat(course.settings.certificate.organisation) in handout_pages[0]
    assert "page 1 sur" not in handout_pages[0]  # no footer on the cover


def test_every_module_is_in_the_contents_with_the_page_it_starts_on(
    course: Course, handout_pages: list[str]
) -> None:
    contents = " ".join(page for page in handout_pages[1:4] if "Sommaire" in page or "…" in page)
    body = handout_pages
    for lesson in course.lessons:
        start = next(
            n for n, page in enumerate(body, start=1) if f"Module {lesson.meta.order} ·" in page
        )
        assert flat(lesson.meta.title) in body[start - 1]
        entry = re.escape(flat(f"{lesson.meta.order}. {lesson.meta.title}"))
        assert re.search(entry + rf" {start}\b", " ".join(handout_pages[1:4])), lesson.id
    assert "Glossaire" in contents


def test_every_glossary_term_is_in_the_booklet_in_alphabetical_order(
    course: Course, handout_pages: list[str]
) -> None:
    start = max(n for n, page in enumerate(handout_pages) if page.startswith("Glossaire"))
    booklet = " ".join(handout_pages[start:])
    positions = []
    for term in course.glossary:
        assert flat(term.term) in booklet, term.id
        assert flat(term.definition)[:60] in booklet, term.id
    for term in sorted(course.glossary, key=lambda t: fold(t.term)):
        positions.append(booklet.find(flat(term.definition)[:60]))
    assert positions == sorted(positions)


def test_trainer_notes_are_left_out(course: Course, handout_pages: list[str]) -> None:
    everything = " ".join(handout_pages)
    notes = [
        block.text
        for lesson in course.lessons
        for section in lesson.sections
        for block in section.blocks
        if isinstance(block, TrainerNotes)
    ]
    assert notes
    for note in notes:
        assert flat(note.replace("**", ""))[:50] not in everything


def test_charts_print_as_tables_with_their_sources(course: Course, handout: bytes) -> None:
    everything = " ".join(pages(handout))
    for chart in course.charts:
        assert flat(f"Graphique : {chart.title}") in everything.replace("\u202f", " ")
    assert "Périmètre Mesure Valeur Date Statut" in everything
    assert "Source" in everything


def test_exercises_become_worksheets_and_mockups_framed_texts(handout_pages: list[str]) -> None:
    everything = " ".join(handout_pages)
    assert "Exercice : Rédigez un tweet" in everything.replace("\u202f", " ")
    assert "Maquette : Facebook · bandeau de couverture" in everything.replace("\u202f", " ")


def test_french_punctuation_never_starts_a_line(handout: bytes) -> None:
    starts = [line for line in lines(handout) if line[:1] in {":", ";", "?", "!", "»"}]
    assert starts == []


def test_every_page_but_the_cover_has_the_course_title_and_its_number(
    course: Course, handout_pages: list[str]
) -> None:
    assert course.info is not None
    total = len(handout_pages)
    for number, page in enumerate(handout_pages[1:], start=2):
        assert f"page {number} sur {total}" in page
        assert flat(course.info.title) in page


def test_a_module_handout_holds_that_module_only(course: Course) -> None:
    data = handout_pdf(course, "chiffres")
    text = " ".join(pages(data))
    other = course.lesson("bases")
    assert other is not None and "Quelques chiffres" in text
    assert f"Module {other.meta.order} ·" not in text
    assert "Glossaire" in text


def test_each_document_is_built_once_per_loaded_course(course: Course) -> None:
    assert handout_pdf(course, "chiffres") is handout_pdf(course, "chiffres")
    assert quiz_sheet_pdf(course, "bases") is quiz_sheet_pdf(course, "bases")
    with pytest.raises(KeyError):
        handout_pdf(course, "pas-un-module")
    with pytest.raises(KeyError):
        quiz_sheet_pdf(course, "pas-un-quiz")


@pytest.mark.integration  # a fresh interpreter, to see what the import loads
def test_offering_a_download_does_not_load_fpdf2() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import sys, course.paper.files; print('fpdf' in sys.modules)"],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert run.stdout.strip() == "False"


# --- The paper quiz ---------------------------------------------------------------------------

QUIZ = "droit-image"  # every question type


def test_the_sheet_numbers_questions_letters_options_and_shows_its_code(course: Course) -> None:
    data = quiz_sheet_pdf(course, QUIZ)
    sheet = pages(data)
    code = sheet_code(QUIZ, course.quiz_hashes[QUIZ])
    quiz = course.quizzes[QUIZ]
    assert "Nom et prénom :" in sheet[0].replace("\u00a0", " ") and "Date" in sheet[0]
    assert all(code in page for page in sheet)
    text = " ".join(sheet)
    for number, question in enumerate(quiz.questions, start=1):
        assert f"{number}. {flat(question.prompt)[:40]}" in text
        if isinstance(question, SingleChoice):
            for index, option in enumerate(question.options):
                assert f"{option_letter(index)}. {flat(option.text)[:30]}" in text
    assert "Une seule réponse" in text and "Plusieurs réponses possibles" in text


def test_matching_and_ordering_items_are_lettered_as_the_sheet_codes_say(course: Course) -> None:
    text = " ".join(pages(quiz_sheet_pdf(course, QUIZ)))
    quiz = course.quizzes[QUIZ]
    for question in quiz.questions:
        if isinstance(question, Ordering):
            order = shuffled_order(question.id, len(question.items))
            for position, item in enumerate(order):
                assert f"{option_letter(position)}. {flat(question.items[item])[:25]}" in text
        if isinstance(question, Matching):
            order = shuffled_order(question.id, len(question.pairs))
            right = flat(question.pairs[order[0]].right)[:20]
            assert f"A. {right}" in text


def test_only_the_answer_key_shows_answers_and_explanations(course: Course) -> None:
    quiz = course.quizzes[QUIZ]
    sheet = " ".join(pages(quiz_sheet_pdf(course, QUIZ)))
    key = " ".join(pages(quiz_sheet_pdf(course, QUIZ, answer_key=True)))
    assert "Explication" not in sheet and "Corrigé" not in sheet
    assert "Corrigé" in key
    for question in quiz.questions:
        assert flat(question.explanation)[:50] in key
        assert flat(question.explanation)[:50] not in sheet
        if isinstance(question, ShortText):
            assert f"Réponse : « {flat(question.answers[0])} »" in key.replace("\u00a0", " ")
    assert "Réponse : «" not in sheet.replace("\u00a0", " ")
