"""Mode présentation in the app: slides, counter and URL, notes behind a toggle, trainers only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from course.content.slides import lesson_slides
from tests.app.conftest import open_page
from tests.helpers import shipped_course

PASSWORD = "Atelier-de-test-2026"
COURSE = shipped_course()
BASES = COURSE.lesson("bases")
assert BASES is not None
SLIDES = lesson_slides(BASES)
OPENING_NOTE = "Pour lancer la séance, demandez à main levée"


def _sign_in(page: AppTest) -> AppTest:
    field = next(t for t in page.text_input if t.label == "Mot de passe formateur")
    field.input(PASSWORD)
    return next(b for b in page.button if b.label == "Entrer").click().run()


def _presentation(
    app: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    query: dict[str, str] | None = None,
    content_dir: str | None = None,
) -> AppTest:
    """The presentation page, opened with `query` in the URL, after the trainer signed in."""
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    started = app(content_dir)
    started.query_params.update(query or {})
    page = _sign_in(open_page(started, "presentation"))
    assert not page.exception
    return page


def counter(page: AppTest) -> str:
    """« Diapositive 2 sur 5 », as the page shows it."""
    shown = [m.value for m in page.markdown if "slide-counter" in m.value]
    assert len(shown) == 1, shown
    return shown[0].split(">")[1].split("<")[0]


def slide_title(page: AppTest) -> str:
    return page.header[0].value


def shown_text(page: AppTest) -> str:
    return "\n".join(m.value for m in page.markdown)


def test_the_trainer_goes_forward_and_back_and_the_counter_and_url_follow(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _presentation(app, monkeypatch)
    assert counter(page) == f"Diapositive 1 sur {len(SLIDES)}"
    assert slide_title(page) == "Les réseaux sociaux, les bases"
    assert "Dans ce module, vous allez\u202f:" in shown_text(page)
    assert page.button(key="slide-previous").disabled
    assert page.query_params == {"module": "bases", "diapositive": "1"}

    page = page.button(key="slide-next").click().run()
    assert counter(page) == f"Diapositive 2 sur {len(SLIDES)}"
    assert slide_title(page) == "Un réseau social, c'est quoi\u202f?"
    assert page.query_params["diapositive"] == "2"
    page = page.button(key="slide-next").click().run()
    assert counter(page) == f"Diapositive 3 sur {len(SLIDES)}"
    assert slide_title(page) == "Le profil, votre carte de visite"

    page = page.button(key="slide-previous").click().run()
    assert counter(page) == f"Diapositive 2 sur {len(SLIDES)}"
    assert page.query_params == {"module": "bases", "diapositive": "2"}
    assert not page.exception


def test_the_last_slide_has_no_next_button_to_press(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    last = str(len(SLIDES))
    page = _presentation(app, monkeypatch, {"module": "bases", "diapositive": last})
    assert counter(page) == f"Diapositive {last} sur {last}"
    assert page.button(key="slide-next").disabled
    assert not page.button(key="slide-previous").disabled


def test_notes_appear_only_after_the_toggle(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _presentation(app, monkeypatch)
    notes = next(t for t in page.toggle if t.label == "Afficher mes notes")
    assert notes.value is False
    assert OPENING_NOTE not in shown_text(page)
    page = notes.set_value(True).run()
    assert OPENING_NOTE in shown_text(page)
    assert "Mes notes pour cette diapositive" in shown_text(page)
    page = page.button(key="slide-next").click().run()  # the toggle stays on; slide 2 has none
    assert OPENING_NOTE not in shown_text(page)
    assert "Pas de notes pour cette diapositive." in [c.value for c in page.caption]


def test_query_parameters_choose_the_module_and_the_slide(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = COURSE.lesson("chiffres")
    assert lesson is not None
    slides = lesson_slides(lesson)
    page = _presentation(app, monkeypatch, {"module": "chiffres", "diapositive": "3"})
    assert counter(page) == f"Diapositive 3 sur {len(slides)}"
    assert slide_title(page) == slides[2].title
    assert page.selectbox(key="presentation:module").value == "chiffres"
    assert not page.warning
    assert len(page.get("plotly_chart")) == 1  # this slide's chart, drawn for the room


def test_choosing_another_module_starts_at_its_first_slide(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _presentation(app, monkeypatch, {"module": "bases", "diapositive": "3"})
    page = page.selectbox(key="presentation:module").set_value("vocabulaire").run()
    vocabulaire = COURSE.lesson("vocabulaire")
    assert vocabulaire is not None
    assert slide_title(page) == vocabulaire.meta.title
    assert counter(page) == f"Diapositive 1 sur {len(lesson_slides(vocabulaire))}"
    assert page.query_params == {"module": "vocabulaire", "diapositive": "1"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"module": "bases", "diapositive": "99"}, "La diapositive «\u00a099\u00a0» n'existe"),
        ({"module": "bases", "diapositive": "0"}, "La diapositive «\u00a00\u00a0» n'existe pas"),
        ({"module": "bases", "diapositive": "trois"}, "La diapositive «\u00a0trois\u00a0»"),
        ({"module": "tiktok", "diapositive": "2"}, "Le module «\u00a0tiktok\u00a0» n'existe pas"),
    ],
    ids=["trop-loin", "zero", "pas-un-nombre", "module-inconnu"],
)
def test_bad_query_parameters_give_a_french_message_and_slide_1(
    app: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    query: dict[str, str],
    message: str,
) -> None:
    page = _presentation(app, monkeypatch, query)
    assert not page.exception
    assert [w.value for w in page.warning if message in w.value]
    assert counter(page) == f"Diapositive 1 sur {len(SLIDES)}"
    assert slide_title(page) == BASES.meta.title
    assert page.query_params == {"module": "bases", "diapositive": "1"}


def test_an_exercise_is_a_line_pointing_to_the_module_not_a_widget(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = COURSE.lesson("ong-twitter")
    assert lesson is not None
    number = next(
        s.number
        for s in lesson_slides(lesson)
        if any(getattr(b, "kind", "") == "exercise" for b in s.blocks)
    )
    page = _presentation(app, monkeypatch, {"module": "ong-twitter", "diapositive": str(number)})
    assert [i.value for i in page.info] == [
        "Exercice à faire sur le module\u202f: **Rédigez un tweet**"
    ]
    assert not page.text_area


def test_a_non_trainer_sees_no_slide_content(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_TRAINER_PASSWORD", PASSWORD)
    started = app()
    started.query_params.update({"module": "bases", "diapositive": "2"})
    page = open_page(started, "presentation")
    assert not page.exception
    assert [t.value for t in page.title] == ["Mode présentation"]
    assert [t.label for t in page.text_input] == ["Mot de passe formateur"]
    assert not page.header and not page.selectbox and not page.toggle
    text = shown_text(page)
    assert "Diapositive" not in text and "réseau social" not in text
    assert OPENING_NOTE not in text


def test_the_join_code_is_drawn_only_when_asked(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The join card itself is views/join_card.py's: a stand-in records that the page drew it."""
    monkeypatch.setattr(
        "views.presentation.show_current_join_card",
        lambda: st.markdown("CARTE D'ACCÈS DE TEST"),
    )
    page = _presentation(app, monkeypatch)
    assert "CARTE D'ACCÈS DE TEST" not in shown_text(page)
    join = next(t for t in page.toggle if t.label == "Afficher le code d'accès à l'atelier")
    page = join.set_value(True).run()
    assert not page.exception
    assert "CARTE D'ACCÈS DE TEST" in shown_text(page)
    assert counter(page) == f"Diapositive 1 sur {len(SLIDES)}"


def test_the_real_join_card_leaves_the_slide_in_place(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _presentation(app, monkeypatch, {"module": "bases", "diapositive": "2"})
    join = next(t for t in page.toggle if t.label == "Afficher le code d'accès à l'atelier")
    page = join.set_value(True).run()
    assert not page.exception
    assert counter(page) == f"Diapositive 2 sur {len(SLIDES)}"
    assert slide_title(page) == SLIDES[1].title


def test_a_broken_module_shows_its_content_error_not_a_crash(
    app: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    course_copy: Callable[..., Path],
) -> None:
    root = str(course_copy("lesson-missing-title"))
    page = _presentation(app, monkeypatch, {"module": "mots", "diapositive": "2"}, root)
    assert "title: champ obligatoire manquant" in page.error[0].value
    assert not [m for m in page.markdown if "slide-counter" in m.value]
    page = page.selectbox(key="presentation:module").set_value("bases").run()
    assert not page.exception and not page.error
    assert slide_title(page) == "Les bases"
    assert counter(page) == "Diapositive 1 sur 3"
