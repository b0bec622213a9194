"""A learner signs up and takes a quiz of every question type with the keyboard alone, in
Chromium (« tous-les-types », one question of each type: the widgets are those of every quiz).

Only `page.keyboard` acts on the page (Tab, Shift+Tab, arrow keys, Space, Enter, typing): no
mouse, no locator.click/fill/check. Locators only read what is drawn. Each control used must show
a focus ring a sighted keyboard user can see: an outline of 2 px or more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from course.content.loader import load_quiz
from course.content.questions import (
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)
from course.formatting import format_percent
from course.quiz.grading import right_response
from tests.e2e.conftest import (
    assert_no_exception,
    open_app_page,
    wait_until_loaded,
)
from tests.helpers import EVERY_TYPE_QUIZ
from tools.streamlit_server import Server

# Single and multiple choice, true/false, matching and ordering (select boxes), words and numbers
# typed.
QUIZ = load_quiz(EVERY_TYPE_QUIZ)
RING_DRAWN_WITHIN = 2_000  # ms
TRIES = 120  # more key presses than the page has stops: Tab goes round the whole page

# What the keyboard is on: its kind, accessible name, state, and the option a list highlights.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return {kind: 'none', name: '', inForm: false};
    const role = e.getAttribute('role');
    const kind = role === 'combobox' ? 'combobox'
        : e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase();
    const label = e.closest('label');
    const name = (e.getAttribute('aria-label') || (label && label.innerText)
        || e.innerText || '').trim();
    const active = e.getAttribute('aria-activedescendant');
    const option = active && document.getElementById(active);
    return {kind, name, checked: !!e.checked, value: e.value ?? '',
        inForm: !!e.closest('[data-testid="stForm"]'),
        option: option ? option.innerText.trim() : null};
}"""

# The focus ring: on the focused element (or the option an open list highlights) or the box
# drawn around it (a radio button's label, a text field's frame), an outline of at least 2 px.
# Streamlit's own half-transparent shadow or faint background do not count (assets/page_fixes.js).
FOCUS_RING = """() => {
    const focused = document.activeElement;
    const active = focused.getAttribute('aria-activedescendant');
    const start = (active && document.getElementById(active)) || focused;
    for (let e = start, up = 0; e && up < 4; e = e.parentElement, up++) {
        const box = e.getBoundingClientRect();
        if (box.width < 4 || box.height < 4) continue;  // a visually hidden native input
        const style = getComputedStyle(e);
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) return true;
    }
    return false;
}"""

Focused = dict[str, Any]


def focused(page: Page) -> Focused:
    return page.evaluate(FOCUSED)  # type: ignore[no-any-return]


def press_until(
    page: Page, wanted: Callable[[Focused], bool], key: str = "Tab", what: str = ""
) -> Focused:
    """Press `key` until the focused element is `wanted`; return it."""
    for _ in range(TRIES):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} n'atteint jamais {what or wanted} (dernier : {focused(page)})")


def assert_focus_ring(page: Page, seen: set[str]) -> None:
    """The focused control shows a visible ring; note its kind."""
    now = focused(page)
    try:  # Streamlit animates its focus styles: the ring may take a moment to be drawn whole
        page.wait_for_function(FOCUS_RING, timeout=RING_DRAWN_WITHIN)
    except PlaywrightTimeoutError:
        raise AssertionError(f"pas d'indicateur de focus visible sur {now}") from None
    seen.add(now["kind"])


def on_button(name: str) -> Callable[[Focused], bool]:
    return lambda now: now["kind"] == "button" and now["name"] == name


def press_button(page: Page, name: str, seen: set[str], key: str = "Tab") -> None:
    press_until(page, on_button(name), key, f"le bouton « {name} »")
    assert_focus_ring(page, seen)
    page.keyboard.press("Enter")


def normalised(text: str) -> str:
    return " ".join(text.split())


def shown_question(page: Page) -> Question:
    """The question whose prompt the form shows."""
    shown = normalised(page.get_by_test_id("stForm").inner_text())
    matches = [q for q in QUIZ.questions if normalised(q.prompt) in shown]
    assert len(matches) == 1, shown[:200]
    return matches[0]


def answer_radio(page: Page, wanted: str, key: str, seen: set[str]) -> None:
    """Arrow keys move along a radio group and select; Space selects the first one reached."""
    now = focused(page)
    for _ in range(12):
        if now["name"] == wanted:
            break
        page.keyboard.press(key)
        now = focused(page)
    assert now["name"] == wanted, now
    if not now["checked"]:
        page.keyboard.press("Space")
    assert focused(page)["checked"]
    assert_focus_ring(page, seen)


def answer_checkboxes(page: Page, wanted: set[str], seen: set[str]) -> None:
    """Walk the boxes backwards with Shift+Tab, Space on each right one."""
    ticked = set()
    now = focused(page)
    while now["kind"] == "checkbox":
        if now["name"] in wanted:
            page.keyboard.press("Space")
            assert focused(page)["checked"], now
            assert_focus_ring(page, seen)
            ticked.add(now["name"])
        page.keyboard.press("Shift+Tab")
        now = focused(page)
    assert ticked == wanted


def choose_in_list(page: Page, wanted: str, seen: set[str]) -> None:
    """Arrow Down opens the list, moves along its options; Enter picks the highlighted one."""
    box = focused(page)
    assert_focus_ring(page, seen)
    for _ in range(12):
        page.keyboard.press("ArrowDown")
        now = focused(page)
        if now["option"] == wanted:
            break
    assert focused(page)["option"] == wanted, f"{box['name']} : {wanted} jamais atteint"
    assert_focus_ring(page, seen)  # the highlighted option of the open list
    seen.add("option")
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert focused(page)["value"] == wanted, box["name"]


def answer_lists(page: Page, wanted: dict[str, str], seen: set[str]) -> None:
    """Each select box (`label → option`), from the last one back with Shift+Tab."""
    done = set()
    while focused(page)["kind"] == "combobox":
        label = focused(page)["name"]
        choose_in_list(page, wanted[label], seen)
        done.add(label)
        page.keyboard.press("Shift+Tab")
    assert done == set(wanted)


def answer(page: Page, question: Question, seen: set[str]) -> None:
    """The right answer with the keyboard; the focus starts on the form's last control."""
    right = right_response(question)
    if isinstance(question, SingleChoice):
        answer_radio(page, question.options[right].text, "ArrowDown", seen)
    elif isinstance(question, TrueFalse):
        answer_radio(page, "Vrai" if right else "Faux", "ArrowRight", seen)
    elif isinstance(question, MultipleChoice):
        answer_checkboxes(page, {question.options[i].text for i in right}, seen)
    elif isinstance(question, Matching):
        answer_lists(page, right, seen)
    elif isinstance(question, Ordering):
        answer_lists(page, {f"Place {n}": item for n, item in enumerate(right, start=1)}, seen)
    else:  # a number or a few words, typed; Enter in the field sends the form
        assert focused(page)["kind"] == "text", focused(page)
        assert_focus_ring(page, seen)
        page.keyboard.type(right)
        page.keyboard.press("Enter")
        return
    press_button(page, "Valider ma réponse", seen)


def test_a_learner_signs_up_and_passes_a_quiz_with_the_keyboard_alone(
    page: Page, every_type_server: Server
) -> None:
    seen: set[str] = set()
    open_app_page(page, f"{every_type_server.url}/evaluation?quiz={QUIZ.id}")
    press_until(page, lambda now: now["name"] == "Aller au contenu", what="le lien d'évitement")
    assert_focus_ring(page, seen)
    page.keyboard.press("Enter")  # past the sidebar's links
    assert focused(page)["kind"] == "main", focused(page)
    name = "Votre nom, tel qu'il figurera sur l'attestation"
    field = press_until(page, lambda now: now["kind"] == "text", what=name)
    assert field["name"] == name, field
    assert_focus_ring(page, seen)
    page.keyboard.type("Zoé Clavier")
    page.keyboard.press("Enter")  # sends the sign-up form
    expect(page.get_by_role("button", name="Commencer le quiz")).to_be_visible()
    wait_until_loaded(page)
    press_button(page, "Commencer le quiz", seen)
    total = len(QUIZ.questions)
    for number in range(1, total + 1):
        expect(page.get_by_role("heading", name=f"Question {number} sur {total}")).to_be_visible()
        wait_until_loaded(page)
        question = shown_question(page)
        # To the form's button: forwards from « Commencer le quiz » above it, backwards from
        # « Question suivante » below it; then back onto the form's last control.
        key = "Tab" if number == 1 else "Shift+Tab"
        press_until(page, on_button("Valider ma réponse"), key, "« Valider ma réponse »")
        page.keyboard.press("Shift+Tab")
        answer(page, question, seen)
        expect(page.get_by_text("Réponse enregistrée.")).to_be_visible()
        wait_until_loaded(page)
        if number < total:
            press_button(page, "Question suivante", seen)
    expect(page.get_by_text(f"{total} réponse(s) sur {total}")).to_be_visible()
    press_button(page, "Terminer et voir mon score", seen)
    expect(page.get_by_test_id("stMetricValue")).to_have_text(format_percent(100))
    expect(page.get_by_text("Quiz réussi")).to_be_visible()
    assert_no_exception(page)
    assert seen >= {"a", "text", "button", "radio", "checkbox", "combobox", "option"}, seen
