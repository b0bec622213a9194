"""The five modules of 2026 in Chromium, on a 375 px touch screen and at 1280 px: title,
sections, charts and pictures, the exercise used, no sideways scroll, 24 px tap targets, axe.
At 1280 px these checks go with each exercise in detail (escaping, downloads, refusals), in one
visit of the module. Quizzes:
test_quizzes_2026.py. Every test uses `fresh_server`: one server per xdist worker, shared by both
files. With $COURSE_E2E_ARTIFACTS set, screenshots at 375 px (the page from the top, cut at
16 384 px, and the exercise whole) go there (tests/e2e/captures.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from course.content.exercise_registry import EXERCISES as TITLES
from course.content.lesson import Lesson
from course.exercises import engagement, image_consent, image_description, phishing
from course.exercises import moderation_charter as charter
from course.exercises import moderation_options as charter_options
from tests.e2e.actions import choose, downloaded, press, press_button, textbox, words
from tests.e2e.captures import capture_page, capture_part
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    Screen,
    Server,
    assert_no_exception,
    open_app_page,
    wait_until_loaded,
)
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.e2e.test_mockups import alt_of
from tests.e2e.test_phone_width import assert_fits
from tests.helpers import shipped_course

COURSE = shipped_course()
NEW_MODULES = ["reseaux-2026", "securite", "droit-image", "moderation", "mesurer"]
LESSONS: dict[str, Lesson] = {lesson.id: lesson for lesson in COURSE.lessons}
SIZES: dict[str, Screen] = {"1280": DESKTOP, "375": PHONE}
MARKUP = "<b>x</b> **x**"  # what a learner might type: it must stay text
RESULT_WAIT = 20_000  # ms: on 2 shared cores, a result may take longer than expect's 5 s


def assert_accessible(page: Page) -> None:
    blocking = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def assert_literal(page: Page, text: str) -> None:
    """What the learner typed shows as typed: neither its <b> nor its ** made anything bold."""
    expect(page.get_by_text(text).first).to_be_visible()
    for marked in re.findall(r"<b>(.*?)</b>|\*\*(.*?)\*\*", text):
        bold = page.locator("main :is(b, strong)", has_text=words("".join(marked), exact=True))
        expect(bold).to_have_count(0)


# Each exercise: fill in as a learner, press its button; the core's result for those inputs,
# and what the result shows on the page.


def describe_image(page: Page) -> dict[str, Any]:
    text = f"Une bénévole tend un sac de courses à une dame âgée devant le stand. {MARKUP}"
    textbox(page, "Votre description (texte alternatif)").fill(text)
    press_button(page, "Vérifier ma description")
    return image_description.check_description(text)


def sort_phishing(page: Page) -> dict[str, Any]:
    """Every message sorted right but the first one, trusted although it is a trap."""
    messages, _ = phishing.load_phishing_set(COURSE.root)
    assert messages is not None
    answers = {m.id: m.kind for m in messages.messages}
    first = messages.messages[0]
    assert first.kind == "phishing", first.id
    answers[first.id] = "genuine"
    for number, message in enumerate(messages.messages, start=1):
        group = page.get_by_role("radiogroup", name=f"Le message {number} est…")
        label = phishing.KIND_LABELS[answers[message.id]]
        press(group.get_by_text(label, exact=True), page)
    press_button(page, "Voir le résultat")
    return phishing.sort_messages(answers, messages)


USES = {choice.id: choice.label for choice in image_consent.USES}
CONSENT = {
    "association": "<b>Les Amis</b> **du parc**",
    "event": "la fête de quartier du 14 juin",
    "contact": "contact@amis-du-parc.fr",
}


def prepare_consent(page: Page) -> dict[str, Any]:
    textbox(page, "Le nom de votre association").fill(CONSENT["association"])
    textbox(page, "L'événement photographié").fill(CONSENT["event"])
    for use in ("site", "reseaux"):
        choose(page, "Où les images paraîtront-elles ?", USES[use])
        page.keyboard.press("Escape")
    press(page.get_by_text("deux ans", exact=True), page)
    textbox(page, words("À quelle adresse écrire pour retirer son accord ?")).fill(
        CONSENT["contact"]
    )
    press(page.get_by_text(words("Des mineurs seront photographiés")), page)
    press_button(page, "Préparer l'autorisation")
    return image_consent.consent_form(
        CONSENT["association"],
        CONSENT["event"],
        ["site", "reseaux"],
        "2-ans",
        CONSENT["contact"],
        minors=True,
    )


CHARTER_NAME = "**Les Restos** <b>x</b>"


def write_charter(page: Page) -> dict[str, Any]:
    """The defaults, one welcome box more, a moderator and a contact typed."""
    textbox(page, "Le nom de votre association (facultatif)").fill(CHARTER_NAME)
    extra = charter_options.WELCOME[1]
    press(page.get_by_text(extra.label, exact=True), page)
    page.get_by_role("textbox", name=words("Qui modère ?")).fill("deux bénévoles de l'équipe")
    textbox(page, "Une adresse e-mail ou un autre moyen de vous écrire").fill("ecrire@asso.fr")
    press_button(page, "Rédiger ma charte")
    welcome = {"questions", "avis", extra.id}
    removed = {"publicite", "hors-sujet", "coordonnees"}
    return charter.build_charter(
        association=CHARTER_NAME,
        welcome=[o.id for o in charter_options.WELCOME if o.id in welcome],
        welcome_other="",
        removed=[o.id for o in charter_options.REMOVED if o.id in removed],
        warning="rappel-prive",
        block_after=3,
        who="deux bénévoles de l'équipe",
        moderators=2,
        schedule="soirs",
        contact="ecrire@asso.fr",
        reports=[o.id for o in charter_options.REPORTS[1:]],
        today=date.today(),
    )


ENGAGEMENT = {"couverture": "1 500", "abonnes": "3000", "impressions": ""}


def compute_engagement(page: Page) -> dict[str, Any]:
    textbox(page, engagement.INTERACTIONS_FIELD).fill("60")
    for base_id, value in ENGAGEMENT.items():
        textbox(page, words(engagement.BASES[base_id].field, exact=True)).fill(value)
    press_button(page, "Calculer le taux")
    return engagement.engagement_result("60", ENGAGEMENT, "couverture")


@dataclass(frozen=True)
class Exercise:
    id: str
    drive: Callable[[Page], dict[str, Any]]
    shown: Callable[[dict[str, Any]], tuple[str, str]]  # (metric or text, expected value)


EXERCISES = {
    "reseaux-2026": Exercise(
        "decrire-image",
        describe_image,
        lambda r: ("Règles respectées", f"{r['passed']} sur {r['total']}"),
    ),
    "securite": Exercise(
        "reperer-hameconnage", sort_phishing, lambda r: ("Messages bien classés", r["score_label"])
    ),
    "droit-image": Exercise("autorisation-image", prepare_consent, lambda r: ("", r["summary"])),
    "moderation": Exercise("charte-moderation", write_charter, lambda r: ("", r["summary"])),
    "mesurer": Exercise(
        "taux-engagement", compute_engagement, lambda r: ("Taux d'engagement", r["rate_label"])
    ),
}


def show_result(page: Page, lesson_id: str) -> dict[str, Any]:
    """Use the module's exercise; its result is on the page."""
    exercise = EXERCISES[lesson_id]
    result = exercise.drive(page)
    wait_until_loaded(page)  # a metric is drawn by code fetched lazily, after the run
    metric, value = exercise.shown(result)
    if metric:
        shown = page.get_by_test_id("stMetric").filter(has_text=metric)
        expect(shown.get_by_test_id("stMetricValue")).to_have_text(
            words(value, exact=True), timeout=RESULT_WAIT
        )
    else:
        expect(page.get_by_text(words(value)).first).to_be_visible(timeout=RESULT_WAIT)
    assert_no_exception(page)
    return result


def exercise_box(page: Page, exercise_id: str) -> Locator:
    title = f"Exercice : {TITLES[exercise_id]}"
    heading = page.get_by_role("heading", name=words(title))
    return page.get_by_test_id("stVerticalBlock").filter(has=heading).last


def assert_module_drawn(page: Page, lesson: Lesson) -> None:
    """Its title, its sections, its charts, cards and illustrations."""
    expect(page.locator("h1").first).to_have_text(words(lesson.meta.title, exact=True))
    for section in lesson.sections:
        if section.title:
            heading = page.get_by_role("heading", name=words(section.title), level=2)
            expect(heading).to_be_visible()
    charts = [embed for embed in lesson.embeds if embed.kind == "chart"]
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(len(charts))
    pictures = [embed for embed in lesson.embeds if embed.kind in {"mockup", "illustration"}]
    assert charts or pictures, f"{lesson.id} : ni graphique, ni maquette, ni illustration"
    for embed in pictures:
        image = page.get_by_role("img", name=words(alt_of(embed.kind, embed.target, embed.caption)))
        expect(image.first).to_be_visible()
        box = image.first.bounding_box()
        assert box is not None and box["height"] > 40, embed.target


def assert_reads_well(page: Page, lesson_id: str) -> None:
    """With its exercise's result shown: the exercise whole, no sideways scroll, tap targets of
    24 px at least, no serious axe violation."""
    expect(exercise_box(page, EXERCISES[lesson_id].id)).to_be_visible()
    assert_fits(page, lesson_id)
    assert_accessible(page)


@pytest.mark.parametrize("lesson_id", NEW_MODULES)
def test_a_new_module_reads_well_on_a_phone_with_its_exercise_done(
    phone_page: Page, fresh_server: Server, lesson_id: str
) -> None:
    page, lesson = phone_page, LESSONS[lesson_id]
    open_app_page(page, f"{fresh_server.url}/{lesson_id}")
    assert_module_drawn(page, lesson)
    show_result(page, lesson_id)
    assert_reads_well(page, lesson_id)
    name = f"module-{lesson.meta.order:02d}-{lesson_id}-375"
    capture_page(page, name)
    capture_part(page, exercise_box(page, EXERCISES[lesson_id].id), f"{name}-exercice")


# Each module at 1280 px, its exercise in detail: the module drawn whole, and read well (as on
# a phone above) once the exercise's first result is shown.


def open_exercise(page: Page, server: Server, lesson_id: str) -> Locator:
    open_app_page(page, f"{server.url}/{lesson_id}")
    assert_module_drawn(page, LESSONS[lesson_id])
    box = exercise_box(page, EXERCISES[lesson_id].id)
    box.scroll_into_view_if_needed()
    return box


def test_describing_an_image_checks_the_rules_and_shows_the_text_as_typed(
    page: Page, fresh_server: Server
) -> None:
    box = open_exercise(page, fresh_server, "reseaux-2026")
    result = show_result(page, "reseaux-2026")
    assert_reads_well(page, "reseaux-2026")
    expect(box.get_by_test_id("stText")).to_have_text(result["text"])
    assert_literal(page, result["text"])
    for check in result["checks"]:
        expect(box.get_by_text(words(f"{check['label']} : {check['message']}"))).to_be_visible()
    expect(box.get_by_text(words(result["verdict"]))).to_be_visible()

    textbox(page, "Votre description (texte alternatif)").fill("Photo de la collecte #Solidarité")
    press_button(page, "Vérifier ma description")
    again = image_description.check_description("Photo de la collecte #Solidarité")
    failed = [check for check in again["checks"] if not check["ok"]]
    assert {check["id"] for check in failed} >= {"debut", "sobre"}
    for check in failed:  # shown as warnings, with their advice
        warning = page.get_by_test_id("stAlertContentWarning").filter(has_text=check["label"])
        expect(warning).to_contain_text(words(check["message"]))
    assert_no_exception(page)


def test_sorting_the_phishing_messages_shows_each_one_s_signs(
    page: Page, fresh_server: Server
) -> None:
    box = open_exercise(page, fresh_server, "securite")
    press_button(page, "Voir le résultat")  # nothing sorted yet: the learner is asked to
    expect(box.get_by_text(words("Classez encore"))).to_be_visible()
    result = show_result(page, "securite")
    assert_reads_well(page, "securite")
    expect(box.get_by_text(words(result["verdict"]))).to_be_visible()
    expect(box.get_by_text(words("Mal classé (votre réponse"))).to_have_count(1)
    expect(box.get_by_text(words("Bien classé (votre réponse"))).to_have_count(result["total"] - 1)
    for sign in result["messages"][0]["signs"]:
        expect(box.get_by_text(words(sign)).first).to_be_visible()
    assert_no_exception(page)


def test_the_consent_form_is_prepared_escaped_and_downloaded(
    page: Page, fresh_server: Server
) -> None:
    box = open_exercise(page, fresh_server, "droit-image")
    result = show_result(page, "droit-image")
    assert_reads_well(page, "droit-image")
    assert_literal(page, CONSENT["association"])
    expect(box.get_by_text(words(image_consent.NOT_LEGAL_ADVICE)).first).to_be_visible()
    expect(box.get_by_text(words("Nom et prénom de l'enfant"))).to_be_visible()  # minors ticked
    markdown = downloaded(page, "Télécharger (Markdown)").decode()
    assert markdown == result["markdown"]
    assert "\\<b\\>" in markdown or "&lt;b&gt;" in markdown, markdown[:400]  # escaped for Markdown
    text = downloaded(page, "Télécharger (texte)").decode()
    assert text == result["text"] and CONSENT["association"] in text  # plain text, as typed
    pdf = downloaded(page, "Télécharger (PDF)")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert_no_exception(page)


def test_the_moderation_charter_is_written_escaped_and_downloaded(
    page: Page, fresh_server: Server
) -> None:
    box = open_exercise(page, fresh_server, "moderation")
    result = show_result(page, "moderation")
    assert_reads_well(page, "moderation")
    assert_literal(page, f"{CHARTER_NAME} : charte de modération")
    expect(box.get_by_text(words("deux bénévoles de l'équipe")).first).to_be_visible()
    expect(box.get_by_text("ecrire@asso.fr").first).to_be_visible()
    markdown = downloaded(page, "Télécharger pour un site web (Markdown)").decode()
    assert markdown == result["markdown"]
    text = downloaded(page, "Télécharger le texte (.txt)").decode()
    assert text == result["text"] and CHARTER_NAME in text
    assert_no_exception(page)


def test_the_engagement_rate_refuses_markup_then_computes(page: Page, fresh_server: Server) -> None:
    box = open_exercise(page, fresh_server, "mesurer")
    textbox(page, engagement.INTERACTIONS_FIELD).fill("<b>x</b>")
    press_button(page, "Calculer le taux")
    expect(box.get_by_test_id("stAlertContentError")).to_contain_text(
        words("« <b>x</b> » n'est pas un nombre")
    )
    assert_literal(page, "<b>x</b>")
    result = show_result(page, "mesurer")
    assert_reads_well(page, "mesurer")
    expect(box.get_by_text(words(result["meaning"]))).to_be_visible()
    expect(box.get_by_text(words(result["calculation"]))).to_be_visible()
    other = result["others"][0]
    expect(box.get_by_text(words(f"{other['label']} : {other['rate_label']}"))).to_be_visible()
    assert_no_exception(page)
