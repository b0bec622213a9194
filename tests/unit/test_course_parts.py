"""Parts of the course (course.yaml `parts`): modules grouped under their part's title."""

from __future__ import annotations

import shutil
from pathlib import Path

from course.content.loader import content_dir_from_env, load_course
from tests.helpers import shipped_course

SHIPPED = shipped_course()


def test_the_shipped_course_has_the_source_text_then_the_2026_modules() -> None:
    parts = SHIPPED.parts()
    assert [title for title, _ in parts] == [
        "Première partie\u202f: les réseaux sociaux et les associations",
        "Deuxième partie\u202f: ce qu'il faut savoir en 2026",
    ]
    first, second = (modules for _, modules in parts)
    assert [m.id for m in first][:2] == ["bases", "vocabulaire"] and len(first) == 10
    assert [m.id for m in second] == [
        "reseaux-2026",
        "securite",
        "droit-image",
        "moderation",
        "mesurer",
    ]


def copy_course(tmp_path: Path) -> Path:
    root = tmp_path / "cours"
    shutil.copytree(
        content_dir_from_env(),
        root,
        ignore=shutil.ignore_patterns(".*", "tests", "course", "views", "bench"),
    )
    return root


def test_without_parts_every_module_is_in_one_untitled_group(tmp_path: Path) -> None:
    root = copy_course(tmp_path)
    text = (root / "course.yaml").read_text(encoding="utf-8")
    (root / "course.yaml").write_text(text[: text.index("# Les parties")], encoding="utf-8")
    course = load_course(root)
    assert [(title, len(modules)) for title, modules in course.parts()] == [(None, 15)]


def test_a_part_starting_at_no_module_is_a_content_error_with_its_line(tmp_path: Path) -> None:
    root = copy_course(tmp_path)
    text = (root / "course.yaml").read_text(encoding="utf-8")
    (root / "course.yaml").write_text(
        text.replace("first_module: 11", "first_module: 40"), encoding="utf-8"
    )
    errors = [str(e) for e in load_course(root).errors if e.file == "course.yaml"]
    assert len(errors) == 1
    assert errors[0].startswith("course.yaml:")
    assert "parts.2.first_module: aucun module n'a l'ordre 40" in errors[0]
