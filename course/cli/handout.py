"""`python -m course handout [--module ID] --out FILE.pdf`: the participant's handout."""

from __future__ import annotations

from pathlib import Path

from course.cli.failures import fail, plural, quoted, reason
from course.content.loader import content_dir_from_env, load_course
from course.paper.files import handout_pdf


def handout(module_id: str | None, out: Path) -> int:
    """Write the handout of the whole course or of one module (exit 0), else say why (1)."""
    course = load_course(content_dir_from_env())
    if course.info is None or not course.lessons:
        return fail(
            "Le cours est illisible (course.yaml ou aucun module)\u202f: lancez "
            "python -m course validate.",
            1,
        )
    if module_id is not None and course.lesson(module_id) is None:
        known = ", ".join(lesson.id for lesson in course.lessons)
        return fail(
            f"Aucun module lisible n'a l'identifiant {quoted(module_id)}. "
            f"Modules disponibles\u202f: {known}.",
            1,
        )
    data = handout_pdf(course, module_id)
    try:
        out.write_bytes(data)
    except OSError as exc:
        return fail(f"{out}\u202f: impossible d'écrire le fichier ({reason(exc)}).", 1)
    lesson = course.lesson(module_id) if module_id else None
    what = (
        f"support du module {quoted(lesson.meta.title)}"
        if lesson
        else f"support de formation ({plural(len(course.lessons), 'module')})"
    )
    print(f"{out} écrit\u202f: {what}, PDF A4.")
    return 0
