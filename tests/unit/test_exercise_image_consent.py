"""« Une autorisation de droit à l'image » (module 13): the consent form built from the learner's
choices, its caveat, its bounds and escaping, its PDF and its place in the action plan."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from course.certificates.forms import text_form_pdf
from course.content.exercise_registry import EXERCISES
from course.exercises import InvalidInput
from course.exercises.image_consent import (
    BLANK,
    CAVEAT,
    DURATIONS,
    EXERCISE_ID,
    MAX_ASSOCIATION,
    MAX_CONTACT,
    MAX_EVENT,
    MAX_OTHER_USE,
    MAX_PURPOSE,
    MEDIA,
    NOT_LEGAL_ADVICE,
    USES,
    consent_form,
)
from course.journey.action_plan import action_plan
from course.journey.progress import learner_progress
from tests.helpers import shipped_course
from tests.unit.test_french_typography import PLAIN_SPACE_BEFORE_MARK

HOSTILE = "<script>alert(1)</script> **gras** [lien](http://x) ![i](http://y) # titre _a_ `c`"


def form(**changes: Any) -> dict[str, Any]:
    given: dict[str, Any] = {
        "association": "Les Amis du parc",
        "event": "la fête de quartier du 14 juin",
        "uses": ["site", "reseaux"],
        "duration": "2-ans",
        "contact": "contact@amis-du-parc.fr",
    }
    given.update(changes)
    return consent_form(**given)


def render(markdown: str) -> str:
    return str(MarkdownIt("commonmark").render(markdown))


def test_the_exercise_is_registered() -> None:
    assert EXERCISE_ID == "autorisation-image"
    assert EXERCISES[EXERCISE_ID] == "Une autorisation de droit à l'image"


@pytest.mark.parametrize("minors", [False, True])
def test_every_form_says_it_is_not_legal_advice(minors: bool) -> None:
    result = form(minors=minors)
    assert NOT_LEGAL_ADVICE == "Ceci n'est pas un conseil juridique."
    assert result["caveat"] == CAVEAT and CAVEAT.startswith(NOT_LEGAL_ADVICE)
    assert f"**{NOT_LEGAL_ADVICE}**" in result["markdown"].splitlines()[2]
    assert result["text"].splitlines()[2].startswith(NOT_LEGAL_ADVICE)
    assert "Les règles peuvent changer." in result["text"]


def test_the_form_is_written_specific_and_revocable() -> None:
    result = form(purpose="rendre compte de la fête", media="photos-videos")
    text = result["text"]
    assert "J'autorise l'association Les Amis du parc à publier les photos et les vidéos" in text
    assert "dans le but de rendre compte de la fête" in text
    assert "\u2610 le site internet de l'association" in text
    assert "\u2610 les pages de l'association sur les réseaux sociaux" in text
    assert "la presse" not in text  # only the supports chosen
    assert "vaut pour deux ans à compter de sa signature" in text
    assert "l'association me demandera un nouvel accord" in text
    assert "retirer cette autorisation à tout moment" in text
    assert "en écrivant à contact@amis-du-parc.fr" in text
    assert "ne change rien à ma participation" in text
    assert "adresser une réclamation à la CNIL" in text
    assert text.rstrip().endswith(f"Signature\u202f: {BLANK}")
    assert result["summary"] == "Autorisation pour 2 supports, valable deux ans."


def test_supports_keep_the_list_order_and_an_other_support_comes_last() -> None:
    result = form(uses=["presse", "site"], other_use="le calendrier annuel")
    assert result["uses"] == ["site", "presse"]
    assert result["supports"][-1] == "le calendrier annuel"
    assert form(uses=[], other_use="le calendrier")["summary"].startswith(
        "Autorisation pour un support,"
    )


def test_for_minors_the_parents_sign_and_the_child_is_asked() -> None:
    result = form(minors=True)
    text = result["text"]
    assert "Nous autorisons l'association" in text and "prises de notre enfant" in text
    assert "Nom et prénom de l'enfant" in text
    assert "Nom, prénom et signature du premier parent" in text
    assert "Nom, prénom et signature du second parent" in text
    assert "Avis de l'enfant, selon son âge et sa maturité" in text
    assert "J'autorise" not in text and "ma participation" not in text
    assert result["summary"].endswith("signée par les parents pour les mineurs.")
    assert any("deux parents" in reminder for reminder in result["reminders"])
    assert not any("deux parents" in reminder for reminder in form()["reminders"])


def test_a_press_use_adds_a_reminder() -> None:
    assert any("presse" in r for r in form(uses=["presse"])["reminders"])
    assert not any("presse" in r for r in form()["reminders"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"association": "  "}, "Indiquez le nom de l'association."),
        ({"event": ""}, "Indiquez l'événement photographié."),
        ({"purpose": ""}, "Indiquez le but des publications."),
        ({"contact": "\n"}, "Indiquez l'adresse à laquelle retirer son accord."),
        ({"uses": []}, "Choisissez au moins un support"),
        ({"uses": ["affiche-geante"]}, "Support inconnu"),
        ({"duration": "toujours"}, "Durée inconnue"),
        ({"media": "sons"}, "Type d'images inconnu"),
    ],
)
def test_a_missing_or_unknown_choice_is_refused_in_french(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        form(**changes)


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("association", MAX_ASSOCIATION),
        ("event", MAX_EVENT),
        ("purpose", MAX_PURPOSE),
        ("contact", MAX_CONTACT),
        ("other_use", MAX_OTHER_USE),
    ],
)
def test_every_typed_value_is_bounded(field: str, limit: int) -> None:
    assert form(**{field: "x" * limit})[field] == "x" * limit
    with pytest.raises(InvalidInput, match=f"{limit} caractères au plus"):
        form(**{field: "x" * (limit + 1)})


def test_typed_values_are_kept_on_one_line_without_control_characters() -> None:
    result = form(association="Les Amis\n\ndu\tparc\u202e\x00", event="la  fête\r\n")
    assert result["association"] == "Les Amis du parc"
    assert result["event"] == "la fête"
    assert "\u202e" not in result["text"] and "\x00" not in result["markdown"]


def test_what_the_learner_typed_is_escaped_in_the_markdown_form() -> None:
    result = form(
        association=HOSTILE, event=HOSTILE, purpose=HOSTILE, contact=HOSTILE, other_use=HOSTILE
    )
    rendered = render(result["markdown"])
    assert not re.search(r"<(script|a|img|code|em|h2|h3|hr|pre)\b", rendered), rendered
    assert rendered.count("<h1>") == 1
    assert rendered.count("<strong>") == render(form()["markdown"]).count("<strong>")
    assert HOSTILE in result["text"]  # the plain-text form shows it as typed
    unescaped = re.sub(r"\\(.)", r"\1", result["markdown"])
    assert unescaped.count(HOSTILE) == 9  # association 3, event 2, purpose 1, contact 2, other 1


def test_the_lines_to_fill_in_stay_plain_text_in_markdown() -> None:
    for minors in (False, True):
        rendered = render(form(minors=minors)["markdown"])
        assert BLANK in rendered
        assert "<em>" not in rendered and "<hr" not in rendered


def test_the_result_is_plain_json() -> None:
    result = form(minors=True, other_use="le calendrier")
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    assert result["exercise"] == EXERCISE_ID


def test_the_form_uses_french_typography() -> None:
    texts: list[str] = []
    for minors in (False, True):
        result = form(minors=minors, uses=[c.id for c in USES], media="photos-videos")
        texts += [result["markdown"], result["text"], result["summary"], *result["reminders"]]
    texts += [c.label for c in (*USES, *DURATIONS, *MEDIA)]
    slips = [
        line for text in texts for line in text.splitlines() if PLAIN_SPACE_BEFORE_MARK.search(line)
    ]
    assert slips == []


def test_the_pdf_is_one_portrait_page_with_the_caveat_and_every_support() -> None:
    result = form(minors=True, uses=[c.id for c in USES], association="Les Amis du parc \U0001f333")
    pdf = PdfReader(io.BytesIO(text_form_pdf(result["text"], bold=(NOT_LEGAL_ADVICE,))))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait
    printed = " ".join(pdf.pages[0].extract_text().split())
    assert "AUTORISATION DE DROIT À L'IMAGE" in printed
    assert NOT_LEGAL_ADVICE in printed
    for choice in USES:
        assert " ".join(choice.label.split()) in printed
    assert "Les Amis du parc" in printed  # the emoji no font draws is left out


def test_the_action_plan_gets_a_section_with_the_form_escaped() -> None:
    course = shipped_course()
    fresh = learner_progress(course, {}, {})
    result = form(association="Les **Amis**", event="<b>fête</b>", minors=True)
    plan = action_plan("Zoé", fresh, {EXERCISE_ID: result}, date(2026, 11, 23))
    assert "Le droit à l'image" in plan
    assert result["summary"] in plan
    assert r"\<b\>fête\</b\>" in plan and r"Les \*\*Amis\*\*" in plan
    assert "<b>" not in plan and "**Amis**" not in plan
    for reminder in result["reminders"]:
        assert reminder in plan
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", plan, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    without = action_plan("Zoé", fresh, {}, date(2026, 11, 23))
    assert "«\u00a0Une autorisation de droit à l'image\u00a0» (module 13)" in without
