"""Grammalecte finds nothing in the prose learners read, but for the justified allowlist."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from course.content.course import Course
from course.content.prose import learner_prose, plain_paragraphs
from course.content.questions import Matching, Ordering
from tests.helpers import shipped_course

ALLOWLIST = yaml.safe_load(
    (Path(__file__).parent / "grammalecte-allowlist.yaml").read_text(encoding="utf-8")
)


def grammalecte_reports(
    paragraphs: list[str], tmp_path: Path
) -> list[tuple[int, dict[str, Any], str]]:
    """(paragraph index, report, "spell" or "grammar") for each paragraph, one a line."""
    if shutil.which("grammalecte-cli") is None:
        pytest.fail(
            "grammalecte-cli introuvable : lancez scripts/test, qui l'installe (paquet Debian)."
        )
    text = tmp_path / "prose.txt"
    text.write_text("\n".join(paragraphs), encoding="utf-8")
    command = ["grammalecte-cli", "-f", str(text), "-j", "-owe", "-off", "apos"]
    output = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    reports = []
    for paragraph in output["data"]:
        index = paragraph["iParagraph"] - 1
        reports += [(index, e, "grammar") for e in paragraph["lGrammarErrors"]]
        reports += [(index, e, "spell") for e in paragraph["lSpellingErrors"]]
    return reports


def allowed(report: dict[str, Any], kind: str, paragraph: str, used: set[str]) -> bool:
    if kind == "spell":
        word = report["sValue"]
        used.add(f"word:{word}")
        return word in ALLOWLIST["words"]
    for entry in ALLOWLIST["grammar"]:
        if report["sRuleId"].startswith(entry["rule"]) and entry["excerpt"] in paragraph:
            used.add(f"grammar:{entry['excerpt']}")
            return True
    return False


def quiz_item_texts(course: Course) -> Iterator[tuple[str, str]]:
    """(file, text) of matching pairs and ordering items: learners read them as answer choices."""
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            texts: list[str] = []
            if isinstance(question, Matching):
                texts = [side for pair in question.pairs for side in (pair.left, pair.right)]
            if isinstance(question, Ordering):
                texts = list(question.items)
            yield from ((course.quiz_files[quiz.id], text) for text in texts)


def test_the_course_prose_has_no_unexplained_grammalecte_report(tmp_path: Path) -> None:
    course = shipped_course()
    prose = [*learner_prose(course), *quiz_item_texts(course)]
    paragraphs = [text for _, text in prose]
    used: set[str] = set()
    found = [
        f"{prose[index][0]}: {report.get('sRuleId', 'orthographe')} « {paragraph[report['nStart'] : report['nEnd']]} » "
        f"dans « {paragraph[max(0, report['nStart'] - 40) : report['nEnd'] + 40]} »"
        for index, report, kind in grammalecte_reports(paragraphs, tmp_path)
        if not allowed(report, kind, paragraph := paragraphs[index], used)
    ]
    assert not found, "\n".join(found)
    stale = [f"word:{w}" for w in ALLOWLIST["words"] if f"word:{w}" not in used]
    stale += [
        f"grammar:{e['excerpt']}"
        for e in ALLOWLIST["grammar"]
        if f"grammar:{e['excerpt']}" not in used
    ]
    assert not stale, f"entrées de la liste d'exceptions qui ne servent plus : {stale}"


def test_the_check_catches_a_real_mistake(tmp_path: Path) -> None:
    reports = grammalecte_reports(["Les bénévole de l'association sont arrivé hier."], tmp_path)
    assert [kind for _, _, kind in reports].count("grammar") >= 1


def test_prose_is_read_without_markup_and_keeps_no_break_spaces() -> None:
    assert plain_paragraphs("Un **[[avatar|Avatar]]**\u202f: *votre* image.\n\n- un\n- deux") == [
        "Un Avatar\u202f: votre image.",
        "un",
        "deux",
    ]
