"""Checks that span files: ids unique, every reference from one file to another resolves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from course.content.charts import chart_rows, unit_family
from course.content.course import Course
from course.content.errors import ContentError, format_key_path
from course.content.exercise_registry import EXERCISES
from course.content.lesson import ILLUSTRATIONS_DIR, Embed, Lesson, illustration_path
from course.content.questions import Quiz
from course.content.yaml_source import KeyPath
from course.text import fold


class Locator(Protocol):
    """Where a key path of a content file stands (see content._Loader)."""

    def file_path(self, file: str, path: KeyPath) -> KeyPath: ...

    def locate(self, file: str, path: KeyPath) -> int | None: ...


def _known(values: Iterable[str]) -> str:
    listed = ", ".join(f"« {value} »" for value in sorted(values))
    return listed or "aucun pour l'instant"


class _Checker:
    def __init__(
        self, course: Course, locator: Locator, unreadable: Mapping[str, set[str]]
    ) -> None:
        self.course, self.locator = course, locator
        self.unreadable = {
            kind: {fold(name) for name in names} for kind, names in unreadable.items()
        }
        self.errors: list[ContentError] = []

    def broken(self, kind: str, name: str) -> bool:
        """True when `name` may be an item that exists but failed to load (already reported)."""
        names = self.unreadable.get(kind, set())
        return "*" in names or fold(name) in names

    def error(self, file: str, path: KeyPath, message: str) -> None:
        path = self.locator.file_path(file, path)
        line = self.locator.locate(file, path)
        self.errors.append(ContentError(file, message, line, format_key_path(path)))

    def lessons(self) -> None:
        seen_orders: dict[int, str] = {}
        seen_ids: dict[str, str] = {}
        for lesson in self.course.lessons:
            if lesson.meta.order in seen_orders:
                self.error(
                    lesson.file,
                    ("order",),
                    f"l'ordre {lesson.meta.order} est déjà celui "
                    f"de « {seen_orders[lesson.meta.order]} » : chaque module a le sien.",
                )
            seen_orders.setdefault(lesson.meta.order, lesson.file)
            if lesson.id in seen_ids:
                self.error(
                    lesson.file,
                    (),
                    f"l'identifiant « {lesson.id} » est déjà celui de « {seen_ids[lesson.id]} ».",
                )
            seen_ids.setdefault(lesson.id, lesson.file)
            self.lesson_links(lesson)

    def lesson_links(self, lesson: Lesson) -> None:
        duplicates(
            self,
            lesson.file,
            [(("objectives", i, "id"), o.id) for i, o in enumerate(lesson.meta.objectives)],
        )
        quiz = lesson.meta.quiz
        if quiz is not None and quiz not in self.course.quizzes and not self.broken("quiz", quiz):
            self.error(
                lesson.file,
                ("quiz",),
                f"quiz « {quiz} » introuvable ; quiz existants : {_known(self.course.quizzes)}.",
            )
        linked = self.course.quizzes.get(quiz) if quiz else None
        if linked is not None and linked.lesson != lesson.id:
            self.error(
                lesson.file,
                ("quiz",),
                f"le quiz « {quiz} » est rattaché à « {linked.lesson or 'aucun module'} » : "
                f"mettez « lesson: {lesson.id} » dans {self.course.quiz_files[linked.id]}.",
            )
        index = self.course.glossary_index
        for ref in lesson.glossary_refs:
            if fold(ref.target) not in index and not self.broken("term", ref.target):
                self.errors.append(
                    ContentError(
                        lesson.file,
                        f"[[{ref.target}]] : terme absent du "
                        "glossaire ; ajoutez-le à glossary.yaml ou corrigez le lien.",
                        ref.line,
                    )
                )
        registries = {
            "chart": {c.id for c in self.course.charts},
            "exercise": set(EXERCISES),
        }
        for embed in lesson.embeds:
            if embed.kind in {"mockup", "illustration"}:
                self.picture(lesson, embed)
                continue
            registry = registries[embed.kind]
            if embed.target not in registry and not self.broken(embed.kind, embed.target):
                word = "graphique" if embed.kind == "chart" else "exercice"
                self.errors.append(
                    ContentError(
                        lesson.file,
                        f"{word} « {embed.target} » inconnu ; "
                        f"{word}s existants : {_known(registry)}.",
                        embed.line,
                    )
                )

    def picture(self, lesson: Lesson, embed: Embed) -> None:
        """A mock-up card must exist; an illustration must be an SVG file of assets/illustrations/."""
        problem = None
        if embed.kind == "illustration":
            problem = illustration_problem(self.course.root, embed.target)
        elif self.course.mockup(embed.target) is None and not self.broken("mockup", embed.target):
            known = _known({card.id for card in self.course.mockups})
            problem = f"maquette « {embed.target} » inconnue ; maquettes existantes : {known}."
        if problem is not None:
            self.errors.append(ContentError(lesson.file, problem, embed.line))

    def mockups(self) -> None:
        ids: list[tuple[KeyPath, str]] = [
            (("mockups", i, "id"), card.id) for i, card in enumerate(self.course.mockups)
        ]
        duplicates(self, "data/maquettes.yaml", ids)

    def quizzes(self) -> None:
        lessons = {lesson.id: lesson for lesson in self.course.lessons}
        for quiz in self.course.quizzes.values():
            file = self.course.quiz_files[quiz.id]
            duplicates(
                self, file, [(("questions", i, "id"), q.id) for i, q in enumerate(quiz.questions)]
            )
            if quiz.draw is not None and quiz.draw > len(quiz.questions):
                self.error(
                    file,
                    ("draw",),
                    f"draw ({quiz.draw}) dépasse le nombre de questions ({len(quiz.questions)}).",
                )
            if quiz.lesson is None:
                self.exam_questions(quiz, file, lessons)
                continue
            self.module_quiz(quiz, file, lessons)

    def module_quiz(self, quiz: Quiz, file: str, lessons: Mapping[str, Lesson]) -> None:
        """A module's quiz: its lesson exists and links back; questions check its objectives."""
        assert quiz.lesson is not None
        for i, question in enumerate(quiz.questions):
            if question.module is not None and question.module != quiz.lesson:
                self.error(
                    file,
                    ("questions", i, "module"),
                    f"ce quiz est celui du module « {quiz.lesson} » : supprimez "
                    f"« module: {question.module} » ou écrivez « module: {quiz.lesson} ».",
                )
        if quiz.lesson not in self.course.module_slugs:
            self.error(
                file,
                ("lesson",),
                f"module « {quiz.lesson} » introuvable ; modules existants : {_known(lessons)}.",
            )
        lesson = lessons.get(quiz.lesson)
        if lesson is None:
            return
        if lesson.meta.quiz != quiz.id:
            self.error(
                file,
                ("lesson",),
                f"le module « {lesson.id} » ne renvoie pas vers ce "
                f"quiz : ajoutez « quiz: {quiz.id} » dans {lesson.file}.",
            )
        for i, question in enumerate(quiz.questions):
            if question.objective:
                self.objective_of(lesson, question.objective, file, ("questions", i, "objective"))

    def exam_questions(self, quiz: Quiz, file: str, lessons: Mapping[str, Lesson]) -> None:
        """A quiz without `lesson` (the final exam): each question names a module and objective."""
        for i, question in enumerate(quiz.questions):
            if question.module is None:
                self.error(
                    file,
                    ("questions", i),
                    "un quiz sans « lesson » (examen) doit indiquer pour chaque question "
                    f"le module qu'elle vérifie (module: …) ; modules existants : {_known(lessons)}.",
                )
                continue
            if question.module not in self.course.module_slugs:
                self.error(
                    file,
                    ("questions", i, "module"),
                    f"module « {question.module} » introuvable ; modules "
                    f"existants : {_known(lessons)}.",
                )
                continue
            lesson = lessons.get(question.module)
            if lesson is None:  # the module failed to load: its errors are already reported
                continue
            if question.objective is None:
                self.error(
                    file,
                    ("questions", i),
                    f"indiquez l'objectif du module « {lesson.id} » que vérifie cette question "
                    f"(objective: …) ; objectifs : {_known(o.id for o in lesson.meta.objectives)}.",
                )
                continue
            self.objective_of(lesson, question.objective, file, ("questions", i, "objective"))

    def objective_of(self, lesson: Lesson, objective: str, file: str, path: KeyPath) -> None:
        """Report `objective` when the lesson has no such objective."""
        objectives = {o.id for o in lesson.meta.objectives}
        if objective not in objectives:
            self.error(
                file,
                path,
                f"objectif « {objective} » "
                f"absent du module « {lesson.id} » ; objectifs : {_known(objectives)}.",
            )

    def settings(self) -> None:
        """The final exam the completion rule names must be a quiz of its own."""
        exam = self.course.settings.completion.final_exam if self.course.settings else None
        if exam is None or self.broken("quiz", exam):
            return
        quiz = self.course.quizzes.get(exam)
        if quiz is None:
            self.error(
                "reglages.yaml",
                ("completion", "final_exam"),
                f"quiz « {exam} » introuvable ; quiz existants : {_known(self.course.quizzes)}.",
            )
        elif quiz.lesson is not None:
            self.error(
                "reglages.yaml",
                ("completion", "final_exam"),
                f"« {exam} » est le quiz du module « {quiz.lesson} », pas un examen final.",
            )

    def parts(self) -> None:
        """Each part of course.yaml starts at a module that exists."""
        orders = {m.meta.order if isinstance(m, Lesson) else m.order for m in self.course.modules}
        for index, part in enumerate(self.course.info.parts if self.course.info else []):
            if part.first_module not in orders:
                self.error(
                    "course.yaml",
                    ("parts", index, "first_module"),
                    f"aucun module n'a l'ordre {part.first_module}\u202f; ordres existants\u202f: "
                    f"{_known(map(str, sorted(orders)))}.",
                )

    def glossary(self) -> None:
        ids = {term.id for term in self.course.glossary}
        lessons = {lesson.id for lesson in self.course.lessons}
        duplicates(
            self,
            "glossary.yaml",
            [(("terms", i, "id"), t.id) for i, t in enumerate(self.course.glossary)],
        )
        duplicates(
            self,
            "glossary.yaml",
            [(("terms", i, "term"), fold(t.term)) for i, t in enumerate(self.course.glossary)],
        )
        for i, term in enumerate(self.course.glossary):
            for j, related in enumerate(term.related):
                if (related not in ids and not self.broken("term", related)) or related == term.id:
                    self.error(
                        "glossary.yaml",
                        ("terms", i, "related", j),
                        f"terme lié « {related} » "
                        "introuvable (ou le terme lui-même) ; utilisez l'id d'un autre terme.",
                    )
            if term.lesson is not None and term.lesson not in lessons:
                self.error(
                    "glossary.yaml",
                    ("terms", i, "lesson"),
                    f"module « {term.lesson} » "
                    f"introuvable ; modules existants : {_known(lessons)}.",
                )

    def charts(self) -> None:
        file = "data/charts.yaml"
        duplicates(
            self,
            file,
            [
                (("charts", i, "id"), chart_id)
                for i, chart_id in enumerate(c.id for c in self.course.charts)
            ],
        )
        for i, chart in enumerate(self.course.charts):
            rows = chart_rows(chart, self.course.stats)
            if not rows:
                self.error(
                    file,
                    ("charts", i, "select"),
                    "aucune ligne de data/stats.csv ne "
                    "correspond à ces périmètres (scopes), mesures (metrics) et dates.",
                )
            if len({unit_family(row) for row in rows}) > 1:
                self.error(
                    file,
                    ("charts", i, "select"),
                    "ce graphique mélange des unités "
                    "(nombres, personnes, pourcentages) : faites-en deux graphiques.",
                )


def illustration_problem(root: Path, name: str) -> str | None:
    """Why `{illustration} name` cannot be shown, or None when its SVG file is there."""
    path = illustration_path(root, name)
    if path is None:
        return (
            f"le chemin « {name} » sort du dossier {ILLUSTRATIONS_DIR}/ : écrivez seulement "
            "le nom d'un fichier de ce dossier, ex. « profil.svg »."
        )
    if path.suffix != ".svg":
        return f"« {name} » n'est pas un fichier SVG : une illustration est un fichier « .svg »."
    if not path.is_file():
        existing = _known(p.name for p in (root / ILLUSTRATIONS_DIR).glob("*.svg"))
        return (
            f"illustration « {name} » introuvable dans {ILLUSTRATIONS_DIR}/ ; "
            f"fichiers existants : {existing}."
        )
    return None


def duplicates(checker: _Checker, file: str, keyed: list[tuple[KeyPath, str]]) -> None:
    """Report every value already seen earlier in the same file."""
    seen: set[str] = set()
    for path, value in keyed:
        if value in seen:
            checker.error(
                file, path, f"« {value} » est déjà utilisé : chaque valeur doit être unique."
            )
        seen.add(value)


def check_course(
    course: Course, locator: Locator, unreadable: Mapping[str, set[str]]
) -> list[ContentError]:
    """Every cross-file problem of a loaded course; items that failed to load are not re-reported."""
    checker = _Checker(course, locator, unreadable)
    checker.lessons()
    checker.quizzes()
    checker.glossary()
    checker.charts()
    checker.mockups()
    checker.settings()
    checker.parts()
    return checker.errors


def check_duplicate_quiz_ids(
    quizzes: list[tuple[str, str]], locator: Locator
) -> list[ContentError]:
    """Two quiz files must not share an id."""
    first: dict[str, str] = {}
    errors = []
    for quiz_id, file in quizzes:
        if quiz_id in first:
            errors.append(
                ContentError(
                    file,
                    f"l'identifiant « {quiz_id} » est déjà celui de « {first[quiz_id]} ».",
                    locator.locate(file, ("id",)),
                    "id",
                )
            )
        first.setdefault(quiz_id, file)
    return errors
