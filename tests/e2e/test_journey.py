"""The learner's journey in Chromium: start, leave, resume on another device with the code,
download the certificate, verify it, fetch its Open Badge over HTTP until erasure; « Mon
parcours » accessible and usable on a phone."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from course.storage.store import Store
from tests.app.test_journey import complete_course
from tests.e2e.conftest import (
    Screen,
    assert_no_exception,
    follow_resume_link,
    new_context,
    open_app_page,
    wait_for_rerun,
)
from tests.helpers import shipped_course
from tools import streamlit_server
from tools.streamlit_server import PROJECT_ROOT, Server, free_port, kill_server, start_server

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}\b")
COURSE = shipped_course()


@pytest.fixture(scope="module")
def journey_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def journey_server(
    tmp_path_factory: pytest.TempPathFactory, journey_data_dir: Path
) -> Iterator[Server]:
    """The course on its own database, its public address set to where it runs so the links it
    writes (verification, Open Badges) can be fetched.

    Streamlit serves `static/` next to the script it runs: the script is app.py through a
    symbolic link in a temporary folder, whose `static/` the app writes to ($COURSE_STATIC_DIR),
    so these tests never write into the checkout's static/badges/ nor race other servers there.
    """
    app_dir = tmp_path_factory.mktemp("app")
    (app_dir / "app.py").symlink_to(PROJECT_ROOT / "app.py")
    (app_dir / "static").mkdir()
    port = free_port()
    with pytest.MonkeyPatch.context() as patch:  # start_server picks its port: this one
        patch.setattr(streamlit_server, "free_port", lambda: port)
        server = start_server(
            tmp_path_factory.mktemp("logs"),
            script=app_dir / "app.py",
            env={
                "COURSE_DATA_DIR": str(journey_data_dir),
                "COURSE_PUBLIC_URL": f"http://127.0.0.1:{port}",
                "COURSE_STATIC_DIR": str(app_dir / "static"),
            },
        )
    yield server
    kill_server(server)


def sign_up(page: Page, server: Server, name: str) -> str:
    """Start a record on « Mon parcours »; returns the resume code the page shows."""
    open_app_page(page, f"{server.url}/mon-parcours")
    page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill(name)
    page.get_by_role("button", name="Commencer mon parcours").click()
    wait_for_rerun(page)
    welcome = page.get_by_text("Voici votre code personnel")
    expect(welcome).to_be_visible()
    found = CODE.search(welcome.inner_text())
    assert found, "no resume code on the page"
    return found.group(0)


def test_a_learner_resumes_on_another_device_with_the_code(
    page: Page, browser: Browser, journey_server: Server
) -> None:
    code = sign_up(page, journey_server, "Zoé N’Diaye")
    phone = new_context(browser, Screen(375, 800))  # another device
    try:
        other = phone.new_page()
        open_app_page(other, f"{journey_server.url}/mon-parcours")
        other.get_by_label("Votre code personnel").fill(code.lower().replace("-", " "))
        other.get_by_role("button", name="Reprendre mon parcours").click()
        wait_for_rerun(other)
        expect(
            other.get_by_test_id("stMainBlockContainer").get_by_text("Parcours de Zoé N’Diaye")
        ).to_be_visible()
        assert_no_exception(other)
        width = other.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"« Mon parcours » scrolls sideways on a phone ({width} px)"
    finally:
        phone.close()


def test_the_certificate_downloads_and_its_code_verifies(
    page: Page, journey_server: Server, journey_data_dir: Path
) -> None:
    code = sign_up(page, journey_server, "Zoé <b>Test</b>")
    store = Store(f"sqlite:///{journey_data_dir / 'course.sqlite3'}")
    learner = store.learners.by_code(code)
    assert learner is not None
    complete_course(store, learner)
    # A reload opens a new session (the code is never in the address bar): the learner
    # comes back with their resume link.
    follow_resume_link(page, f"{journey_server.url}/mon-parcours?reprise={code}")
    expect(page.get_by_text("Félicitations")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mon attestation (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Zoé <b>Test</b>" in " ".join(text.split())
    certificate = store.certificates.of(learner.id)
    store.engine.dispose()
    assert certificate is not None and certificate.code in text
    open_app_page(page, f"{journey_server.url}/verification?code={certificate.code}")
    expect(page.get_by_text("Attestation authentique.")).to_be_visible()
    expect(page.get_by_text("Zoé <b>Test</b>")).to_be_visible()  # shown as typed, never as HTML
    assert_no_exception(page)


def test_my_journey_with_progress_has_no_serious_axe_violation(
    page: Page, journey_server: Server
) -> None:
    sign_up(page, journey_server, "Léo")
    wait_for_rerun(page)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not blocking, "\n".join(f"{v['id']}: {v['help']}" for v in blocking)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET a URL as a badge verifier would: status, headers (lower-case names), body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            headers = {name.lower(): value for name, value in response.headers.items()}
            return response.status, headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {name.lower(): value for name, value in error.headers.items()}, b""


def test_the_open_badge_is_hosted_until_the_record_is_erased(
    page: Page, journey_server: Server, journey_data_dir: Path
) -> None:
    code = sign_up(page, journey_server, "Zoé Badge")
    store = Store(f"sqlite:///{journey_data_dir / 'course.sqlite3'}")
    learner = store.learners.by_code(code)
    assert learner is not None
    complete_course(store, learner)
    store.engine.dispose()
    follow_resume_link(page, f"{journey_server.url}/mon-parcours?reprise={code}")
    first = COURSE.lessons[0].meta.title
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name=f"1. {first} (en cours)", exact=True)).to_be_visible()
    runs_asked = page.evaluate("window.__scriptRuns.lastAsked")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mon badge (Open Badges)").click()
    earned = json.loads(Path(download.value.path()).read_bytes())
    wait_for_rerun(page)
    # A download leaves the page as it is: no run greys it while the learner reads on.
    assert page.evaluate("window.__scriptRuns.lastAsked") == runs_asked
    verification = re.search(r"code=([0-9A-Z-]+)", earned["evidence"])
    assert verification is not None
    certificate = verification.group(1)
    hosted = re.escape(f"{journey_server.url}/app/static/badges/assertion-")
    assert re.fullmatch(hosted + r"[0-9a-f]{32}\.json", earned["id"])  # a random id
    assert certificate not in earned["id"]  # the URL tells nothing about the code
    assert earned["verification"] == {"type": "hosted"}

    status, headers, body = fetch(earned["id"])  # hosted verification: the id gives the JSON
    assert status == 200
    assert headers["content-type"].split(";")[0] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"
    assert json.loads(body) == earned
    badge_status, _, badge = fetch(earned["badge"])
    assert badge_status == 200 and json.loads(badge)["type"] == "BadgeClass"
    issuer_status, _, issuer = fetch(json.loads(badge)["issuer"])
    assert issuer_status == 200 and json.loads(issuer)["type"] == "Issuer"

    page.get_by_text("Effacer mon parcours").first.click()
    page.get_by_text("Je comprends que l'effacement est définitif.").click()
    expect(
        page.get_by_role("checkbox", name="Je comprends que l'effacement est définitif.")
    ).to_be_checked()
    wait_for_rerun(page)
    page.get_by_role("button", name="Effacer mon parcours").click()
    wait_for_rerun(page)
    expect(page.get_by_text("Votre parcours a été effacé.")).to_be_visible()
    assert fetch(earned["id"])[0] == 404
    assert fetch(earned["badge"])[0] == 200  # the course's badge class stays
    assert_no_exception(page)


def test_home_with_a_learner_s_progress_has_no_serious_axe_violation(
    page: Page, journey_server: Server
) -> None:
    code = sign_up(page, journey_server, "Léa")
    follow_resume_link(page, f"{journey_server.url}/?reprise={code}")
    expect(page.get_by_role("heading", name="Votre progression")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert not blocking, "\n".join(f"{v['id']}: {v['help']}" for v in blocking)
