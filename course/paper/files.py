"""The paper documents as bytes, each built once per loaded course (that is, per content
version: an edit loads a new Course) and kind, then kept on the course (`Course.derived`).

This module is light: the builders (fpdf2, fontTools) are imported by the first document asked
for, not when a page that offers a download starts.
"""

from __future__ import annotations

import threading

from course.content.course import Course
from course.paper.sheet_codes import sheet_code

_building = threading.Lock()  # two clicks at once build a document once


def handout_file_name(module_id: str | None = None) -> str:
    """« support-formation.pdf », or « support-chiffres.pdf » for one module."""
    return f"support-{module_id}.pdf" if module_id else "support-formation.pdf"


def quiz_sheet_file_name(course: Course, quiz_id: str, answer_key: bool = False) -> str:
    """« quiz-bases-3f9a2c.pdf » or « corrige-bases-3f9a2c.pdf » (the sheet code inside)."""
    code = sheet_code(quiz_id, course.quiz_hashes.get(quiz_id, ""))
    return f"{'corrige' if answer_key else 'quiz'}-{code}.pdf"


def handout_pdf(course: Course, module_id: str | None = None) -> bytes:
    """The participant's handout (whole course, or one module) as PDF bytes.

    Raises KeyError when `module_id` names no readable lesson.
    """
    if module_id is not None and course.lesson(module_id) is None:
        raise KeyError(module_id)
    from course.paper.handout import build_handout  # cold start: fpdf2 only when asked

    with _building:
        return course.derived(
            ("paper", "handout", module_id), lambda: build_handout(course, module_id)
        )


def quiz_sheet_pdf(course: Course, quiz_id: str, answer_key: bool = False) -> bytes:
    """The paper quiz (or its answer key) as PDF bytes. Raises KeyError for an unknown quiz."""
    if quiz_id not in course.quizzes:
        raise KeyError(quiz_id)
    from course.paper.quiz_sheet import build_quiz_sheet  # cold start: fpdf2 only when asked

    with _building:
        return course.derived(
            ("paper", "quiz", quiz_id, answer_key),
            lambda: build_quiz_sheet(course, quiz_id, answer_key),
        )
