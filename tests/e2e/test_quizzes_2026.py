"""Two quizzes of 2026 in Chromium: a learner signs up, answers every question right with the
widgets on screen, scores 100 %, marks the module done; the sidebar and « Mon parcours » say so.

« Mesurer » at 1280 px and « Droit à l'image » on a 375 px touch screen: each has all seven
question types, and the quiz page is one form for every quiz, so the other quizzes would test the
same widgets again. That every shipped quiz can be passed through its widgets is checked in
process, quiz by quiz (tests/app/test_quiz.py). Like test_modules_2026.py, every test uses
`fresh_server`: one server per worker.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from course.content.questions import (
    QUESTION_TYPES,
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)
from course.formatting import format_percent
from course.quiz.grading import right_response
from tests.e2e.actions import choose, press, press_button, textbox, words
from tests.e2e.captures import capture_page
from tests.e2e.conftest import (
    NewTab,
    Server,
    assert_no_exception,
    open_app_page,
    wait_for_rerun,
    wait_until_loaded,
)
from tests.e2e.test_modules_2026 import COURSE, LESSONS, SIZES
from tests.e2e.test_phone_width import assert_fits

RUNS = [("mesurer", "1280"), ("droit-image", "375")]


def plain(markdown: str) -> str:
    """Text as the browser shows it: without bold or code marks, spaces folded."""
    return " ".join(re.sub(r"[*`]", "", markdown).split())


def shown_question(page: Page, questions: list[Question]) -> Question:
    """The question whose prompt the form shows."""
    shown = plain(page.get_by_test_id("stForm").inner_text())
    matches = [q for q in questions if plain(q.prompt) in shown]
    assert len(matches) == 1, shown[:200]
    return matches[0]


def answer(page: Page, question: Question) -> None:
    """The right answer (grading.right_response), with the widgets a learner sees."""
    form = page.get_by_test_id("stForm")
    right = right_response(question)
    if isinstance(question, SingleChoice | MultipleChoice):
        for index in [right] if isinstance(right, int) else right:
            text = plain(question.options[index].text)
            press(form.locator("label").filter(has_text=words(text, exact=True)), page)
    elif isinstance(question, TrueFalse):
        verdict = "Vrai" if right else "Faux"
        press(form.locator("label").filter(has_text=words(verdict, exact=True)), page)
    elif isinstance(question, Matching):
        for left, option in right.items():
            choose(page, left, option)
    elif isinstance(question, Ordering):
        for place, item in enumerate(right, start=1):
            choose(page, f"Place {place}", item)
    else:  # a number or a few words, typed; Enter in the field sends the form
        field = form.get_by_label("Votre réponse")
        field.fill(str(right))
        field.press("Enter")
        wait_for_rerun(page)
        return
    press_button(page, "Valider ma réponse")


def go_by_menu(page: Page, name: re.Pattern[str]) -> None:
    """Follow a sidebar link, in the same session (the phone opens its menu first)."""
    if page.get_by_test_id("stExpandSidebarButton").is_visible():
        press(page.get_by_test_id("stExpandSidebarButton"), page)
    press(page.get_by_test_id("stSidebar").get_by_role("link", name=name), page)
    wait_until_loaded(page)
    if page.get_by_test_id("stExpandSidebarButton").count():  # on a phone, the menu folds away
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")


@pytest.mark.parametrize(("quiz_id", "width"), RUNS, ids=[f"{q}-{w}px" for q, w in RUNS])
def test_a_learner_passes_a_new_quiz_and_the_module_is_marked_done(
    new_tab: NewTab, fresh_server: Server, quiz_id: str, width: str
) -> None:
    phone = width == "375"
    page = new_tab(SIZES[width])
    quiz, lesson = COURSE.quizzes[quiz_id], LESSONS[quiz_id]
    assert {q.type for q in quiz.questions} == set(QUESTION_TYPES), (
        f"{quiz_id}\u00a0: pas les sept types de question, en choisir un autre"
    )
    open_app_page(page, f"{fresh_server.url}/evaluation?quiz={quiz_id}")
    textbox(page, "Votre nom, tel qu'il figurera sur l'attestation").fill(f"Zoé {width}")
    press_button(page, "Commencer mon parcours")
    press_button(page, "Commencer le quiz")
    total = len(quiz.questions)
    for number in range(1, total + 1):
        expect(page.get_by_role("heading", name=f"Question {number} sur {total}")).to_be_visible()
        wait_until_loaded(page)
        answer(page, shown_question(page, list(quiz.questions)))
        expect(page.get_by_text(f"{number} réponse(s) sur {total}")).to_be_visible()
        if number == 1 and phone:
            assert_fits(page, "une question du quiz")
        if number < total:
            press_button(page, "Question suivante")
    press_button(page, "Terminer et voir mon score")
    result = page.get_by_role("heading", name="Votre résultat")
    expect(result).to_be_visible(timeout=30_000)  # grading and saving, on 2 shared cores
    expect(page.get_by_test_id("stMetricValue")).to_have_text(format_percent(100))
    expect(page.get_by_text("Quiz réussi")).to_be_visible()
    if phone:
        assert_fits(page, "le résultat du quiz")
        capture_page(page, f"quiz-{quiz_id}-375")

    go_by_menu(page, words(lesson.meta.title))
    expect(page.locator("h1").first).to_have_text(words(lesson.meta.title, exact=True))
    press_button(page, "J'ai terminé ce module")
    expect(page.get_by_text(words("Module terminé le"))).to_be_visible()
    link = page.get_by_test_id("stSidebar").get_by_role("link", name=words(lesson.meta.title))
    expect(link).to_have_text(words(f"{lesson.meta.title} (terminé)"))

    go_by_menu(page, words("Mon parcours", exact=True))
    passed = page.get_by_test_id("stMetric").filter(has_text="Quiz réussis")
    expect(passed.get_by_test_id("stMetricValue")).to_have_text(
        words(f"1 sur {len(COURSE.lessons)}")
    )
    press(page.get_by_text("Voir le détail par module"), page)
    header = page.get_by_role("rowheader", name=words(lesson.meta.title, exact=True))
    cells = page.get_by_role("row").filter(has=header).get_by_role("cell")
    # opened, done, the time spent, the quiz's state and score, attempts
    expect(cells).to_have_text(["oui", "oui", re.compile("."), words("Réussi, 100 %"), "1"])
    assert_no_exception(page)
