"""Hostile input in the app: what a learner types is shown as plain text on every page (no HTML,
no image, no live link, no bidi trick), malformed links get a French message and never a
traceback, and codes and passwords cannot be guessed faster than the guard allows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from course.journey.learners import NAME_MAX, clean_name
from course.storage.guard import POLICIES
from course.storage.store import Store
from course.workshop.workshops import Workshops
from tests.app.conftest import open_page, sign_up
from tests.helpers import shipped_course
from views.join_card import CURRENT_KEY
from views.trainer_access import SESSION_KEY as TRAINER_KEY

RESUME_TRIES = POLICIES["resume"].limit
VERIFY_TRIES = POLICIES["verify"].limit
JOIN_TRIES = POLICIES["workshop"].limit

COURSE = shipped_course()
PAYLOADS = {
    "html-image": "<img src=x onerror=alert(1)> Zoé",
    "script": "<script>alert(1)</script> Zoé",
    "markdown-image": "![x](http://evil.example/x.png) Zoé",
    "markdown-link": "[clic](javascript:alert(1)) Zoé",
    "autolinks": "Zoé <http://evil.example> www.evil.example zoe@evil.example",
    "streamlit-markup": ":red[Zoé] :material/home: $x^2$ **gras**",
    "bidi-override": "Zoé \u202eevil\u202c Martin\u2066",
    "control": "Zoé\x00\x07\x1b[31m Martin",
    "arabic": "زينب الحسيني",
    "hebrew": "שרה לוי",
    "long": "Zoé " + "A" * 10_000,
}
render = MarkdownIt("commonmark").render  # raw HTML on, as the most permissive reader
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning")
LIVE_MARKUP = re.compile(r"<(img|script|a|iframe|svg)\b", re.IGNORECASE)
# A link the glossary draws to one of its own terms: « Voir aussi » (views/glossary.py).
TERM_IDS = "|".join(re.escape(term.id) for term in COURSE.glossary)
GLOSSARY_LINK = re.compile(rf'<a href="glossaire\?terme=(?:{TERM_IDS})"[^<>]*>[^<>]*</a>')
# What GitHub-flavoured Markdown (Streamlit's reader) turns into a link even without []():
# a scheme followed by a colon, « www. », an email; escaped learner text has none of them.
AUTOLINK = re.compile(r"(?<!\\)\b(?:https?|javascript|mailto)(?=:)|(?<!\\)\bwww\.|@[\w-]+\.\w")
# Streamlit's own Markdown: :red[…] colours, :material/…: icons, $…$ formulas.
STREAMLIT_MARKUP = re.compile(r"(?<!\\):(?:[a-z]+\[|material/)|(?<!\\)\$")


def shown(name: str) -> str:
    """What the app keeps of a typed name: the form takes NAME_MAX characters, then cleans."""
    return clean_name(name[:NAME_MAX])


def visible(source: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", render(source))).split())


def texts_with(page: AppTest, name: str) -> list[str]:
    """Every Markdown text of the page (sidebar included) that shows the name."""
    wanted = " ".join(name.split())
    found = [e.value for kind in TEXT_KINDS for e in page.get(kind) if isinstance(e.value, str)]
    return [text for text in found if wanted in visible(text)]


def assert_plain_text(page: AppTest, name: str, at_least: int) -> None:
    """The name is shown `at_least` times, each time as text: no tag, no link, no override."""
    assert not page.exception
    showing = texts_with(page, name)
    assert len(showing) >= at_least, [e.value for e in page.markdown]
    for text in showing:
        assert not LIVE_MARKUP.search(render(text)), text
        assert not AUTOLINK.search(text), text
        assert not STREAMLIT_MARKUP.search(text), text
        assert not re.search("[\x00-\x08\x0b-\x1f\u202a-\u202e\u2066-\u2069]", text), text


@pytest.fixture
def journey(app: Callable[..., AppTest]) -> AppTest:
    return open_page(app(), "mon-parcours")


TYPED = {key: value for key, value in PAYLOADS.items() if key != "long"}  # the form's limit


@pytest.mark.parametrize("typed", TYPED.values(), ids=TYPED.keys())
def test_a_hostile_name_is_plain_text_on_the_journey_and_the_sidebar(
    journey: AppTest, typed: str
) -> None:
    page = sign_up(journey, typed)
    name = shown(typed)
    assert "\u202e" not in name and "\x00" not in name and len(name) <= NAME_MAX
    # « Bienvenue, … », « Parcours de … » on the page and in the sidebar.
    assert_plain_text(page, name, at_least=3)
    page = open_page(page, "accueil")
    assert_plain_text(page, name, at_least=1)  # « Bon retour, … »


def test_a_name_longer_than_the_form_allows_is_refused_in_french(journey: AppTest) -> None:
    page = sign_up(journey, PAYLOADS["long"])  # sent past the browser's own limit
    assert not page.exception
    assert "reprise" not in page.query_params
    assert [e.value for e in page.error] == [
        "Écrivez votre nom tel qu'il doit figurer sur l'attestation."
    ]
    with Store().transaction() as db:
        assert db.exec_driver_sql("SELECT COUNT(*) FROM learners").scalar() == 0


@pytest.mark.parametrize("typed", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_verification_page_shows_a_hostile_name_as_text(
    app: Callable[..., AppTest], typed: str
) -> None:
    store = Store()
    learner, _ = store.learners.create(shown(typed))
    certificate = store.certificates.issue(learner, "Formation aux réseaux sociaux", 88.0, [])
    page = app()
    page.query_params["code"] = certificate.code
    page = open_page(page, "verification")
    assert "Attestation authentique." in [s.value for s in page.success]
    assert_plain_text(page, learner.name, at_least=1)


# --- Workshops ---------------------------------------------------------------------------------


@pytest.fixture
def workshop_room(app: Callable[..., AppTest]) -> Iterator[tuple[AppTest, str]]:
    """A workshop with a leaderboard whose title a trainer typed with markup."""
    workshop = Workshops(Store()).open_workshop("<img src=x onerror=alert(1)> Atelier", True)
    yield app(), workshop.code


def join(app: AppTest, code: str, typed: str, display: str) -> AppTest:
    phone = AppTest.from_file(app.__dict__["_script_path"], default_timeout=30)
    phone.query_params["atelier"] = code
    phone = sign_up(open_page(phone, "atelier"), typed)
    next(t for t in phone.text_input if t.label.startswith("Nom affiché")).input(display)
    return next(b for b in phone.button if b.label == "Rejoindre l'atelier").click().run()


def test_the_roster_leaderboard_and_title_show_names_as_text(
    workshop_room: tuple[AppTest, str],
) -> None:
    trainer, code = workshop_room
    names = [PAYLOADS["markdown-image"], PAYLOADS["bidi-override"], PAYLOADS["hebrew"]]
    displays = ["[clic](javascript:x) Léo", "Zoé\u202eevil", "=HYPERLINK(1) Ana"]
    for typed, display in zip(names, displays, strict=True):
        phone = join(trainer, code, typed, display)
        assert not phone.exception
        # « Atelier « … » · code … · vous participez en tant que … »
        assert_plain_text(phone, shown(typed), at_least=1)
        assert_plain_text(phone, "Atelier", at_least=1)

    workshop = Workshops(Store()).by_code(code)
    assert workshop is not None
    trainer.session_state[TRAINER_KEY] = True  # signed in (tests/app/test_trainer_access.py)
    trainer.session_state[CURRENT_KEY] = workshop.id
    trainer = open_page(trainer, "espace-formateur")
    assert not trainer.exception
    roster = next(c.value for c in trainer.caption if "Léo" in visible(c.value) or "ש" in c.value)
    for typed in names:
        assert shown(typed) in visible(roster)
    assert not LIVE_MARKUP.search(render(roster)) and not AUTOLINK.search(roster)
    assert_plain_text(trainer, "Atelier", at_least=1)  # the workshop's title, as a subheader
    leaderboard = trainer.dataframe[0].value  # a data grid: cells are text, never Markdown
    assert sorted(leaderboard["Participant"]) == sorted(shown(d)[:30] for d in displays)
    assert not any("\u202e" in name for name in leaderboard["Participant"])


# --- Malformed links ---------------------------------------------------------------------------

MALFORMED = {
    "reprise-nul": ("mon-parcours", {"reprise": "\x00"}, "ne correspond à aucun parcours"),
    "reprise-encoded": ("mon-parcours", {"reprise": "%00"}, "ne correspond à aucun parcours"),
    "reprise-long": ("mon-parcours", {"reprise": "K" * 10_000}, "ne correspond à aucun parcours"),
    "code-long": ("verification", {"code": "7" * 10_000}, "Aucune attestation ne correspond"),
    "code-markup": (
        "verification",
        {"code": "<img src=x onerror=alert(1)>"},
        "Aucune attestation ne correspond",
    ),
    "terme-weird": ("glossaire", {"terme": "../../etc/passwd\u202e<script>"}, None),
    "quiz-path": ("evaluation", {"quiz": "../../etc/passwd"}, None),
}


@pytest.mark.parametrize(("url_path", "query", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_link_gets_french_words_not_a_traceback(
    app: Callable[..., AppTest], url_path: str, query: dict[str, str], message: str | None
) -> None:
    page = app()
    page.query_params.update(query)
    page = open_page(page, url_path)
    assert not page.exception
    if message is not None:
        assert [e.value for e in page.error if message in e.value]
    for kind in TEXT_KINDS:  # what the link carried is never echoed as live markup
        for element in page.get(kind):  # (the glossary's own links to its terms are the author's)
            assert not LIVE_MARKUP.search(GLOSSARY_LINK.sub("", render(str(element.value))))


def test_a_malformed_workshop_link_only_prefills_a_short_code(
    app: Callable[..., AppTest],
) -> None:
    page = app()
    page.query_params["atelier"] = "<script>alert(1)</script>" * 400
    page = sign_up(open_page(page, "atelier"), "Zoé")
    field = next(t for t in page.text_input if t.label == "Code de l'atelier")
    assert len(field.value) <= 12
    page = next(b for b in page.button if b.label == "Rejoindre l'atelier").click().run()
    assert not page.exception
    assert "Aucun atelier ne correspond à ce code" in page.error[0].value


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"diapositive": "-1"}, "La diapositive «\u00a0\\-1\u00a0» n'existe pas"),
        ({"diapositive": "1" * 10_000}, "La diapositive «\u00a0111"),
        ({"module": "<img src=x onerror=alert(1)>"}, "n'existe pas"),
    ],
    ids=["negative", "huge", "module-markup"],
)
def test_a_malformed_presentation_link_says_so_in_french(
    app: Callable[..., AppTest], query: dict[str, str], message: str
) -> None:
    page = app()
    page.session_state[TRAINER_KEY] = True
    page.query_params.update(query)
    page = open_page(page, "presentation")
    assert not page.exception
    warning = next(w.value for w in page.warning if message in w.value)
    assert len(warning) < 400 and not LIVE_MARKUP.search(render(warning))


UNKNOWN_VALUES = {
    "plain": ("nexistepas", "nexistepas"),
    "html": ("<img src=x onerror=alert(1)>", "\\<img src\\=x onerror\\=alert\\(1\\)\\>"),
    "markdown-link": ("[clic](javascript:alert(1))", "\\[clic\\]\\(javascript\\:alert\\(1\\)\\)"),
    "streamlit-markup": (
        ":red[x] :material/home: $x^2$",
        "\\:red\\[x\\] \\:material/home\\: \\$x\\^2\\$",
    ),
    "bidi-and-controls": ("ab\u202ecd\x00\x1b[31m\nef", "abcd\\[31m ef"),
    "long": ("A" * 10_000, "A" * 39 + "…"),
}


@pytest.mark.parametrize(
    ("url_path", "parameter", "message", "list_header"),
    [
        ("evaluation", "quiz", "Le quiz «\u00a0{}\u00a0» n'existe pas", "Les quiz des modules"),
        ("glossaire", "terme", "Le terme «\u00a0{}\u00a0» n'est pas", "Tous les termes"),
    ],
    ids=["evaluation", "glossaire"],
)
@pytest.mark.parametrize(("value", "quoted"), UNKNOWN_VALUES.values(), ids=UNKNOWN_VALUES.keys())
def test_an_unknown_quiz_or_term_in_the_link_is_said_in_french_then_the_list(
    app: Callable[..., AppTest],
    url_path: str,
    parameter: str,
    message: str,
    list_header: str,
    value: str,
    quoted: str,
) -> None:
    page = app()
    page.query_params[parameter] = value
    page = open_page(page, url_path)
    assert not page.exception
    (warning,) = [w.value for w in page.warning]
    assert message.format(quoted) in warning, warning
    assert len(warning) < 200
    assert not LIVE_MARKUP.search(render(warning)), warning
    assert not AUTOLINK.search(warning) and not STREAMLIT_MARKUP.search(warning), warning
    assert not re.search("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", warning), warning
    assert list_header in [h.value for h in page.header]


@pytest.mark.parametrize(
    ("url_path", "query"),
    [
        ("evaluation", {}),
        ("evaluation", {"quiz": ""}),
        ("evaluation", {"quiz": "bases"}),
        ("glossaire", {}),
        ("glossaire", {"terme": " "}),
        ("glossaire", {"terme": COURSE.glossary[0].id}),
    ],
    ids=["evaluation", "quiz-empty", "quiz-known", "glossaire", "terme-blank", "terme-known"],
)
def test_a_known_or_absent_parameter_gets_no_warning(
    app: Callable[..., AppTest], url_path: str, query: dict[str, str]
) -> None:
    page = app()
    page.query_params.update(query)
    page = open_page(page, url_path)
    assert not page.exception
    assert not [
        w.value for w in page.warning if "n'existe pas" in w.value or "n'est pas" in w.value
    ]


# --- Guessing ------------------------------------------------------------------------------------


def _type_and_send(page: AppTest, label: str, typed: str, button: str) -> AppTest:
    next(t for t in page.text_input if t.label == label).input(typed)
    return next(b for b in page.button if b.label == button).click().run()


def test_after_ten_wrong_resume_codes_even_the_right_one_must_wait(
    journey: AppTest,
) -> None:
    _, code = Store().learners.create("Léo Dupont")
    page = journey
    for attempt in range(RESUME_TRIES):
        page = _type_and_send(
            page, "Votre code personnel", f"AAAA-{attempt:04d}", "Reprendre mon parcours"
        )
    page = _type_and_send(page, "Votre code personnel", code, "Reprendre mon parcours")
    assert "Trop de codes erronés" in page.error[0].value
    assert "Réessayez dans 5\u00a0secondes." in page.error[0].value  # a wait, not a lockout
    assert "reprise" not in page.query_params
    assert not texts_with(page, "Léo Dupont")


def test_guessing_through_resume_links_is_slowed_down_too(app: Callable[..., AppTest]) -> None:
    _, code = Store().learners.create("Léo Dupont")
    for attempt in range(RESUME_TRIES):
        page = app()
        page.query_params["reprise"] = f"AAAA-{attempt:04d}"
        page = open_page(page, "mon-parcours")
        assert "ne correspond à aucun parcours" in page.error[0].value
    page = app()
    page.query_params["reprise"] = code
    page = open_page(page, "mon-parcours")
    assert "Trop de codes erronés" in page.error[0].value
    assert not texts_with(page, "Léo Dupont")


def test_after_ten_unknown_verification_codes_a_real_one_must_wait(
    app: Callable[..., AppTest],
) -> None:
    store = Store()
    learner, _ = store.learners.create("Léo Dupont")
    real = store.certificates.issue(learner, "Formation aux réseaux sociaux", 90.0, []).code
    page = open_page(app(), "verification")
    for attempt in range(VERIFY_TRIES):
        page = _type_and_send(page, "Code de vérification", f"AAAA-{attempt:04d}", "Vérifier")
        assert "Aucune attestation ne correspond" in page.error[0].value
    page = _type_and_send(page, "Code de vérification", real, "Vérifier")
    assert "Trop de codes inconnus" in page.error[0].value
    assert not page.success and not texts_with(page, "Léo Dupont")


def test_after_ten_wrong_join_codes_the_right_one_must_wait(
    app: Callable[..., AppTest],
) -> None:
    workshop = Workshops(Store()).open_workshop("Atelier du mardi")
    page = sign_up(open_page(app(), "atelier"), "Léo Dupont")
    for attempt in range(JOIN_TRIES):
        page = _type_and_send(
            page, "Code de l'atelier", f"ZZZ-{attempt:03d}", "Rejoindre l'atelier"
        )
        assert "Aucun atelier ne correspond" in page.error[0].value
    page = _type_and_send(page, "Code de l'atelier", workshop.code, "Rejoindre l'atelier")
    assert "Trop de codes erronés" in page.error[0].value
    assert Workshops(Store()).roster(workshop.id) == []


# --- Bounded input and resume links (issue 15) -----------------------------------------------


def test_the_glossary_search_keeps_a_hundred_characters_of_a_huge_query(
    app: Callable[..., AppTest],
) -> None:
    page = open_page(app(), "glossaire")
    search = next(t for t in page.text_input if t.label == "Rechercher un terme")
    assert search.proto.max_chars == 100  # the browser stops typing there
    page = search.set_value("é" * 200_000).run()  # a script sends more: the server cuts it
    assert not page.exception
    assert next(t for t in page.text_input if t.label == "Rechercher un terme").value == "é" * 100
    assert [i for i in page.info if "Aucun terme ne correspond" in i.value]


def test_someone_else_s_resume_link_collects_none_of_the_visitor_s_answers(
    app: Callable[..., AppTest],
) -> None:
    """Session fixation: opening a link with another learner's code attaches nothing to that
    record until the visitor says « C'est moi »; the code leaves the address bar at once."""
    store = Store()
    léo, code = store.learners.create("Léo Dupont")
    page = sign_up(open_page(app(), "mon-parcours"), "Zoé")
    page.query_params["reprise"] = code
    page = open_page(page, "ong-twitter")
    assert "reprise" not in page.query_params
    assert "Vous reprenez le parcours de **Léo Dupont**" in page.markdown[0].value
    page.text_area(key="exercise:composer-tweet:texte:widget").input("Merci @voisins")
    page = next(b for b in page.button if b.label == "Compter les caractères").click().run()
    page = next(b for b in page.button if b.label == "Ce n'est pas moi").click().run()
    assert not [m for m in page.markdown if "Vous reprenez" in m.value]
    assert page.session_state["learner"]["code"] != code
    assert store.learners.exercise_answers(léo.id) == {}
    assert "reprise" not in page.query_params
