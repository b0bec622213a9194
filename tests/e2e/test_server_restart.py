"""A real server stopped and started again in the middle of a quiz: no saved answer is lost.

It shares the e2e browser (one Playwright per test process: a second sync_playwright in the same
worker would clash with it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from course.storage.store import Store
from tests.e2e.conftest import (
    assert_no_exception,
    follow_resume_link,
    open_app_page,
    wait_for_rerun,
)
from tests.helpers import VALID_COURSE, valid_course
from tools import streamlit_server
from tools.streamlit_server import Server, free_port, start_server, stop_server

QUIZ = valid_course().quizzes["bases"]


# --- A real server restarted during a quiz ------------------------------------------------------


def serve_on(port: int, logs: Path, env: dict[str, str]) -> Server:
    with pytest.MonkeyPatch.context() as patch:  # start_server picks its port: this one
        patch.setattr(streamlit_server, "free_port", lambda: port)
        return start_server(logs, env=env)


def test_a_server_restart_mid_quiz_loses_no_saved_answer(page: Page, tmp_path: Path) -> None:
    port = free_port()
    data = tmp_path / "data"
    env = {"COURSE_CONTENT_DIR": str(VALID_COURSE), "COURSE_DATA_DIR": str(data)}
    server = serve_on(port, tmp_path, env)
    try:
        open_app_page(page, f"{server.url}/evaluation?quiz={QUIZ.id}")
        page.get_by_label("Votre nom, tel qu'il figurera sur l'attestation").fill("Zoé Martin")
        page.get_by_role("button", name="Commencer mon parcours").click()
        wait_for_rerun(page)
        welcome = page.get_by_text("Voici votre code personnel").inner_text()
        code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", welcome)
        assert code, welcome
        page.get_by_role("button", name="Commencer le quiz").click()
        wait_for_rerun(page)
        page.get_by_text("Un site où l'on crée un profil").click()
        page.get_by_role("button", name="Valider ma réponse").click()
        expect(page.get_by_text("Réponse enregistrée.")).to_be_visible()
    finally:
        stop_server(server)
    server = serve_on(port, tmp_path, env)  # the same address, the same database
    try:
        # The learner comes back with their resume link (the code is never in the address
        # bar): the quiz resumes at the first question without an answer, with the answer
        # saved before the restart counted.
        assert "reprise" not in page.url
        follow_resume_link(page, f"{server.url}/evaluation?quiz={QUIZ.id}&reprise={code[0]}")
        expect(page.get_by_text("Question 2 sur 2")).to_be_visible()
        expect(page.get_by_text("1 réponse(s) sur 2")).to_be_visible()
        page.get_by_text("Vrai", exact=True).click()
        page.get_by_role("button", name="Valider ma réponse").click()
        wait_for_rerun(page)
        page.get_by_role("button", name="Terminer et voir mon score").click()
        expect(page.get_by_test_id("stMetricValue")).to_have_text("100\u202f%")
        assert_no_exception(page)
    finally:
        stop_server(server)
    store = Store(f"sqlite:///{data / 'course.sqlite3'}")
    [learner] = store.learners.named("Zoé Martin")
    assert len(store.attempts.finished(learner.id, QUIZ.id)) == 1
    store.engine.dispose()
