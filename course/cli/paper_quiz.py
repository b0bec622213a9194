"""`python -m course paper-quiz --quiz ID --out FILE.pdf [--answer-key]`: a quiz on paper."""

from __future__ import annotations

from pathlib import Path

from course.cli.failures import fail, plural, quoted, reason
from course.content.loader import content_dir_from_env, load_course
from course.paper.files import quiz_sheet_pdf
from course.paper.sheet_codes import sheet_code


def paper_quiz(quiz_id: str, out: Path, answer_key: bool) -> int:
    """Write the paper sheet of a quiz, or its answer key (exit 0), else say why (1)."""
    course = load_course(content_dir_from_env())
    quiz = course.quizzes.get(quiz_id)
    if quiz is None:
        known = ", ".join(sorted(course.quizzes)) or "aucun"
        return fail(
            f"Aucun quiz n'a l'identifiant {quoted(quiz_id)}. Quiz disponibles\u202f: {known}.", 1
        )
    data = quiz_sheet_pdf(course, quiz_id, answer_key)
    try:
        out.write_bytes(data)
    except OSError as exc:
        return fail(f"{out}\u202f: impossible d'écrire le fichier ({reason(exc)}).", 1)
    what = "corrigé" if answer_key else "feuille"
    code = sheet_code(quiz.id, course.quiz_hashes.get(quiz.id, ""))
    questions = plural(len(quiz.questions), "question")
    print(f"{out} écrit\u202f: {what} du quiz {quoted(quiz.title)} ({questions}), code {code}.")
    return 0
