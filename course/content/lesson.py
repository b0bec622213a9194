"""A lesson file: YAML front matter, then Markdown cut into `##` sections made of blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token

from course.content.models import LessonMeta

CALLOUT_TITLES = {
    "a-retenir": "À retenir",
    "aujourdhui": "Et aujourd'hui ?",
    "conseil": "Conseil",
    "exemple": "Exemple",
    "attention": "Attention",
}
EMBED_DIRECTIVES = ("chart", "exercise", "mockup", "illustration")
ILLUSTRATIONS_DIR = "assets/illustrations"
DIRECTIVES = (*CALLOUT_TITLES, "notes", *EMBED_DIRECTIVES)
GLOSSARY_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
_DIRECTIVE_INFO = re.compile(r"^\{([^}]*)\}\s*(.*)$")
_markdown = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@dataclass(frozen=True)
class MarkdownBlock:
    """Plain Markdown, shown as written (glossary links turned into links)."""

    text: str


@dataclass(frozen=True)
class Callout:
    """A boxed message: « À retenir », « Et aujourd'hui ? »…"""

    kind: str
    title: str
    text: str


@dataclass(frozen=True)
class TrainerNotes:
    """Notes only the trainer sees, in presentation mode."""

    text: str


@dataclass(frozen=True)
class Embed:
    """A chart, an exercise, a mock-up card or an illustration (file name; `caption` is its alt)."""

    kind: str
    target: str
    caption: str
    line: int


Block = MarkdownBlock | Callout | TrainerNotes | Embed


@dataclass(frozen=True)
class Section:
    """One `##` section: a page part for learners, a slide in presentation mode."""

    title: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class GlossaryRef:
    """A `[[terme]]` or `[[terme|texte]]` written in a lesson."""

    target: str
    label: str
    line: int


@dataclass(frozen=True)
class Problem:
    """Something wrong in the body, at a 1-based line of the file."""

    line: int
    message: str


@dataclass(frozen=True)
class Lesson:
    """A parsed lesson, ready to show."""

    id: str
    file: str
    meta: LessonMeta
    sections: tuple[Section, ...]
    glossary_refs: tuple[GlossaryRef, ...]
    content_hash: str

    @property
    def embeds(self) -> list[Embed]:
        """Every chart, exercise, mock-up and illustration the lesson shows."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Embed)]


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, file line where the body starts), or None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


def glossary_refs_in(text: str, first_line: int) -> list[GlossaryRef]:
    """Every glossary link in `text`, whose first line is `first_line` of the file."""
    refs = []
    for match in GLOSSARY_LINK.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        target = match.group(1).strip()
        refs.append(GlossaryRef(target, (match.group(2) or target).strip(), line))
    return refs


@dataclass
class _SectionBuilder:
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # [start, end) lines of plain Markdown

    def flush(self, lines: list[str]) -> None:
        if self.pending:
            text = "".join(lines[self.pending[0] : self.pending[1]]).strip("\n")
            if text.strip():
                self.blocks.append(MarkdownBlock(text))
            self.pending = []

    def add_markdown(self, start: int, end: int) -> None:
        self.pending = [self.pending[0] if self.pending else start, end]

    def build(self) -> Section:
        return Section(self.title, tuple(self.blocks))


def _directive_block(token: Token, line: int) -> Block | Problem:
    match = _DIRECTIVE_INFO.match(token.info.strip())
    assert match is not None
    name, argument, body = match.group(1).strip(), match.group(2).strip(), token.content.strip()
    if name in CALLOUT_TITLES:
        return Callout(name, argument or CALLOUT_TITLES[name], body)
    if name == "notes":
        return TrainerNotes(body)
    if name in EMBED_DIRECTIVES:
        if not argument and name == "illustration":
            return Problem(
                line,
                "la directive {illustration} doit être suivie du nom d'un fichier SVG du dossier "
                "assets/illustrations/, ex. « profil.svg ».",
            )
        if not argument:
            return Problem(line, f"la directive {{{name}}} doit être suivie d'un identifiant.")
        if name == "illustration" and not body:
            return Problem(
                line,
                "la directive {illustration} doit contenir le texte de remplacement de l'image : "
                "décrivez en une ou deux phrases ce qu'elle montre.",
            )
        return Embed(name, argument, body, line)
    known = ", ".join(f"{{{d}}}" for d in DIRECTIVES)
    return Problem(line, f"directive {{{name}}} inconnue ; directives possibles : {known}.")


def parse_body(body: str, first_line: int) -> tuple[list[Section], list[Problem]]:
    """Cut the Markdown body into sections and blocks; report directive problems by line."""
    lines = body.splitlines(keepends=True)
    tokens = _markdown.parse(body)
    sections, problems = [_SectionBuilder(None)], []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        current = sections[-1]
        if token.type == "heading_open" and token.tag in {"h1", "h2"}:
            if token.tag == "h1":
                problems.append(
                    Problem(
                        first_line + start,
                        "titre « # » interdit : le titre du "
                        "module vient de « title » ; utilisez « ## » pour une section.",
                    )
                )
                continue
            current.flush(lines)
            sections.append(_SectionBuilder(tokens[index + 1].content.strip()))
        elif token.type == "fence" and _DIRECTIVE_INFO.match(token.info.strip()):
            current.flush(lines)
            block = _directive_block(token, first_line + start)
            if isinstance(block, Problem):
                problems.append(block)
            else:
                current.blocks.append(block)
        else:
            current.add_markdown(start, end)
    sections[-1].flush(lines)
    built = [s.build() for s in sections]
    return [s for s in built if s.title is not None or s.blocks], problems


def illustration_path(root: Path, name: str) -> Path | None:
    """The file of an `{illustration} name`, or None when `name` leaves assets/illustrations/."""
    relative = PurePosixPath(name)
    if "\\" in name or relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    folder = (root / ILLUSTRATIONS_DIR).resolve()
    path = (folder / relative).resolve()
    return path if path.is_relative_to(folder) else None
