"""Load and validate a content folder into one Course; problems become located ContentErrors."""

from __future__ import annotations

import csv
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from course.content.course import BrokenLesson, Course
from course.content.crossrefs import check_course, check_duplicate_quiz_ids
from course.content.errors import ContentError, ContentInvalid, errors_from_validation
from course.content.lesson import (
    ILLUSTRATIONS_DIR,
    Lesson,
    glossary_refs_in,
    illustration_path,
    parse_body,
    split_front_matter,
)
from course.content.mockups import MockupEntry
from course.content.models import (
    ChartSpec,
    CourseInfo,
    CourseSettings,
    GlossaryTerm,
    LessonMeta,
    Stat,
)
from course.content.questions import Quiz
from course.content.yaml_source import KeyPath, YamlDocument, YamlSyntaxError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LESSON_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
STATS_COLUMNS = ("scope", "metric", "value", "unit", "date", "source", "status", "note")
Model = TypeVar("Model", bound=BaseModel)
Derived = TypeVar("Derived")


def content_dir_from_env() -> Path:
    """The content folder: $COURSE_CONTENT_DIR, else the project's own content."""
    return Path(os.environ.get("COURSE_CONTENT_DIR") or PROJECT_ROOT).resolve()


def file_hash(data: bytes) -> str:
    """Version stamp of a content file, stored with results that depend on it."""
    return hashlib.sha256(data).hexdigest()


def content_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap (name, size, mtime) listing of the content files, to notice edits."""
    files = [
        root / "course.yaml",
        root / "reglages.yaml",
        root / "glossary.yaml",
        root / "data" / "stats.csv",
        root / "data" / "charts.yaml",
        root / "data" / "maquettes.yaml",
        *sorted((root / ILLUSTRATIONS_DIR).glob("*.svg")),
        *sorted((root / "lessons").glob("*.md")),
        *sorted((root / "quizzes").glob("*.yaml")),
    ]
    stats = [(str(f), f.stat()) for f in files if f.is_file()]
    return tuple((name, s.st_size, s.st_mtime_ns) for name, s in stats)


class _Loader:
    """Collects problems while reading one content folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[ContentError] = []
        self.documents: dict[str, YamlDocument] = {}
        self.hashes: dict[str, str] = {}
        self.positions: dict[tuple[str, int], int] = {}  # (file, n-th valid item) → index in file
        # kind ("quiz", "term", "chart") → names of items that failed to load ("*": unknown)
        self.unreadable: dict[str, set[str]] = {"quiz": set(), "term": set(), "chart": set()}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, path: Path) -> tuple[str, bytes] | None:
        if not path.is_file():
            self.errors.append(ContentError(self.rel(path), "fichier introuvable."))
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8"), data
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.errors.append(
                ContentError(
                    self.rel(path), "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8.", line
                )
            )
            return None

    def validate(self, model: type[Model], document: YamlDocument, file: str) -> Model | None:
        if not isinstance(document.data, dict):
            self.errors.append(
                ContentError(
                    file, "le fichier doit contenir des clés (clé: valeur).", document.line_of(())
                )
            )
            return None
        try:
            return model.model_validate(document.data)
        except ValidationError as exc:
            self.errors.extend(errors_from_validation(exc, file, document))
            return None

    def document(self, path: Path) -> YamlDocument | None:
        """Read and parse a YAML file, keeping it to locate keys later."""
        read, file = self.read(path), self.rel(path)
        if read is None:
            return None
        try:
            document = YamlDocument.parse(read[0])
        except YamlSyntaxError as exc:
            self.errors.append(ContentError(file, exc.message, exc.line))
            return None
        self.documents[file] = document
        self.hashes[file] = file_hash(read[1])
        return document

    def mark_unreadable(self, kind: str, raw: Any) -> None:
        """Remember a broken item so references to it are not reported as missing too."""
        names = [raw.get(key) for key in ("id", "term")] if isinstance(raw, dict) else []
        found = {str(name) for name in names if isinstance(name, str)}
        self.unreadable.setdefault(kind, set()).update(found or {"*"})

    def yaml_file(
        self, path: Path, model: type[Model], kind: str = ""
    ) -> tuple[Model, str, str] | None:
        """(model, content hash, relative file) of a valid YAML file, else None."""
        document, file = self.document(path), self.rel(path)
        loaded = self.validate(model, document, file) if document is not None else None
        if loaded is None:
            self.mark_unreadable(kind, document.data if document else None)
            return None
        return loaded, self.hashes[file], file

    def items(self, path: Path, key: str, model: type[Model], kind: str) -> list[Model]:
        """The valid items of a `key:` list file; a bad item does not hide the others."""
        document, file = self.document(path), self.rel(path)
        data = document.data if document is not None else None
        if document is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
            if document is not None:
                self.errors.append(
                    ContentError(file, f"le fichier doit contenir une liste « {key}: ».", 1)
                )
            self.mark_unreadable(kind, None)
            return []
        for extra in sorted(set(data) - {key}):
            self.errors.append(
                ContentError(
                    file,
                    "clé inconnue : vérifiez l'orthographe ou supprimez-la.",
                    document.line_of((extra,)),
                    extra,
                )
            )
        valid = []
        for index, item in enumerate(data[key]):
            try:
                valid.append(model.model_validate(item))
                self.positions[(file, len(valid) - 1)] = index
            except ValidationError as exc:
                self.errors.extend(errors_from_validation(exc, file, document, prefix=(key, index)))
                self.mark_unreadable(kind, item)
        return valid

    def file_path(self, file: str, path: KeyPath) -> KeyPath:
        """Turn `(key, n, …)` — the n-th *valid* item of a list file — into its place in the file."""
        if len(path) >= 2 and isinstance(path[1], int) and (file, path[1]) in self.positions:
            return (path[0], self.positions[(file, path[1])], *path[2:])
        return path

    def locate(self, file: str, path: KeyPath) -> int | None:
        """Line of a key path in a file read earlier."""
        document = self.documents.get(file)
        return document.line_of(path) if document is not None else None

    def illustrations(self, lessons: tuple[Lesson, ...]) -> dict[str, str]:
        """SVG markup of every illustration the lessons embed that can be read (crossrefs reports
        the missing ones and the paths that leave assets/illustrations/)."""
        svgs = {}
        names = {e.target for lesson in lessons for e in lesson.embeds if e.kind == "illustration"}
        for name in sorted(names):
            resolved = illustration_path(self.root, name)
            if resolved is None or resolved.suffix != ".svg" or not resolved.is_file():
                continue
            path = self.root / ILLUSTRATIONS_DIR / name
            read = self.read(path)
            if read is not None and "<svg" not in read[0]:
                self.errors.append(
                    ContentError(self.rel(path), "ce fichier n'est pas une image SVG (<svg …>).", 1)
                )
            elif read is not None:
                svgs[name] = read[0]
        return svgs

    def lesson(self, path: Path) -> Lesson | BrokenLesson:
        file, before = self.rel(path), len(self.errors)
        name = LESSON_FILE.match(path.name)
        slug, order = (name.group(2), int(name.group(1))) if name else (path.stem, 0)
        lesson = self._parse_lesson(path, file, slug)
        if lesson is None:
            return BrokenLesson(slug, file, order, tuple(self.errors[before:]))
        return lesson

    def _parse_lesson(self, path: Path, file: str, slug: str) -> Lesson | None:
        if not LESSON_FILE.match(path.name):
            self.errors.append(
                ContentError(
                    file,
                    "nom de fichier invalide : écrivez « NN-identifiant.md », ex. « 01-bases.md ».",
                )
            )
            return None
        read = self.read(path)
        if read is None:
            return None
        parts = split_front_matter(read[0])
        if parts is None:
            self.errors.append(
                ContentError(
                    file,
                    "en-tête manquant : le fichier doit commencer "
                    "par « --- », les clés du module, puis « --- ».",
                    1,
                )
            )
            return None
        front, body, body_line = parts
        try:
            document = YamlDocument.parse(front, line_offset=1)
        except YamlSyntaxError as exc:
            self.errors.append(ContentError(file, exc.message, exc.line))
            return None
        self.documents[file] = document
        meta = self.validate(LessonMeta, document, file)
        if meta is None:
            return None
        if meta.id is not None and meta.id != slug:
            self.errors.append(
                ContentError(
                    file,
                    f"l'identifiant doit être « {slug} », comme le nom du fichier.",
                    document.line_of(("id",)),
                    "id",
                )
            )
            return None
        sections, problems = parse_body(body, body_line)
        self.errors.extend(ContentError(file, p.message, p.line) for p in problems)
        refs = tuple(glossary_refs_in(body, body_line))
        return Lesson(slug, file, meta, tuple(sections), refs, file_hash(read[1]))

    def stats(self, path: Path) -> list[Stat]:
        read = self.read(path)
        if read is None:
            return []
        rows = list(csv.reader(read[0].splitlines()))
        file = self.rel(path)
        if not rows or tuple(rows[0]) != STATS_COLUMNS:
            expected = ",".join(STATS_COLUMNS)
            self.errors.append(
                ContentError(file, f"la première ligne doit être « {expected} ».", 1)
            )
            return []
        return [
            stat
            for number, row in enumerate(rows[1:], start=2)
            if (stat := self._stat_row(file, number, row)) is not None
        ]

    def _stat_row(self, file: str, line: int, row: list[str]) -> Stat | None:
        if len(row) != len(STATS_COLUMNS):
            self.errors.append(
                ContentError(
                    file,
                    f"{len(row)} colonnes au lieu de "
                    f"{len(STATS_COLUMNS)} (une virgule dans un texte "
                    "doit être entre guillemets).",
                    line,
                )
            )
            return None
        values: dict[str, Any] = {k: v for k, v in zip(STATS_COLUMNS, row, strict=True) if v}
        try:
            return Stat.model_validate(values)
        except ValidationError as exc:
            self.errors.extend(errors_from_validation(exc, file, line=line))
            return None


def _load_many(paths: list[Path], load: Callable[[Path], Any]) -> list[Any]:
    return [loaded for path in paths if (loaded := load(path)) is not None]


def load_course(root: Path) -> Course:
    """Read every content file under `root`; never raises for bad content."""
    loader = _Loader(root)
    info = loader.yaml_file(root / "course.yaml", CourseInfo)
    settings = loader.yaml_file(root / "reglages.yaml", CourseSettings, "settings")
    modules = _load_many(sorted((root / "lessons").glob("*.md")), loader.lesson)
    quizzes = _load_many(
        sorted((root / "quizzes").glob("*.yaml")), lambda p: loader.yaml_file(p, Quiz, "quiz")
    )
    first_of_each: dict[str, tuple[Quiz, str, str]] = {}
    for loaded in quizzes:  # a duplicate id is reported below; the first file wins
        first_of_each.setdefault(loaded[0].id, loaded)
    glossary = loader.items(root / "glossary.yaml", "terms", GlossaryTerm, "term")
    charts_path = root / "data" / "charts.yaml"
    charts = loader.items(charts_path, "charts", ChartSpec, "chart") if charts_path.exists() else []
    mockups_path = root / "data" / "maquettes.yaml"
    mockups = (
        [entry.root for entry in loader.items(mockups_path, "mockups", MockupEntry, "mockup")]
        if mockups_path.exists()
        else []
    )
    lessons = tuple(m for m in modules if isinstance(m, Lesson))
    course = Course(
        root=root,
        info=info[0] if info else None,
        lessons=lessons,
        broken_lessons=tuple(m for m in modules if isinstance(m, BrokenLesson)),
        quizzes={quiz.id: quiz for quiz, _, _ in first_of_each.values()},
        quiz_hashes={quiz.id: digest for quiz, digest, _ in first_of_each.values()},
        quiz_files={quiz.id: file for quiz, _, file in first_of_each.values()},
        glossary=tuple(glossary),
        stats=tuple(loader.stats(root / "data" / "stats.csv")),
        charts=tuple(charts),
        mockups=tuple(mockups),
        illustrations=loader.illustrations(lessons),
        settings=settings[0] if settings else None,
    )
    duplicates = check_duplicate_quiz_ids([(q.id, file) for q, _, file in quizzes], loader)
    errors = [*loader.errors, *duplicates, *check_course(course, loader, loader.unreadable)]
    return replace(course, errors=tuple(sorted(errors, key=lambda e: (e.file, e.line or 0))))


def load_quiz(path: Path) -> Quiz:
    """One quiz file on its own (for grading paper quizzes); ContentInvalid with located errors."""
    loader = _Loader(path.resolve().parent)
    loaded = loader.yaml_file(path.resolve(), Quiz, "quiz")
    if loaded is None:
        raise ContentInvalid(loader.errors)
    quiz, _, file = loaded
    seen: set[str] = set()
    for index, question in enumerate(quiz.questions):
        if question.id in seen:
            line = loader.locate(file, ("questions", index, "id"))
            message = f"« {question.id} » est déjà utilisé : chaque valeur doit être unique."
            raise ContentInvalid([ContentError(file, message, line, f"questions.{index + 1}.id")])
        seen.add(question.id)
    return quiz
