"""The syntax of a GIFT file, as Moodle's importer reads it (question/format/gift/format.php).

Blank lines separate questions; lines starting with `//` are comments. A backslash escapes
`~ = # { } :` and itself, `\\n` is a line break. Escapes are replaced by two private-use
characters before anything is parsed, so every offset in the protected text is an offset in the
file and messages can give the line of an answer. Texts may start with a format marker:
`[markdown]` and `[moodle]` are kept as written, `[plain]` too; `[html]` loses its tags (parsed,
never matched with a pattern) and its entities are decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_MARK = "\ue000"
_ESCAPED = "~=#{}:\\n"
_PROTECTED = re.compile(_MARK + "(.)", re.DOTALL)
FORMATS = ("html", "moodle", "plain", "markdown")
_FORMAT = re.compile(r"\s*\[(" + "|".join(FORMATS) + r")\]")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5"}
_HIDDEN_TAGS = {"script", "style", "head", "title"}
_MEDIA_TAGS = {"img", "audio", "video", "iframe", "object", "embed"}


def protect(text: str) -> str:
    """Each escape `\\c` becomes two private-use characters: offsets do not move."""
    return re.sub(
        r"\\(.)",
        lambda m: _MARK + chr(0xE000 + ord(m[1])) if m[1] in _ESCAPED else m[0],
        text,
        flags=re.DOTALL,
    )


def unprotect(text: str) -> str:
    """The escaped characters back as plain characters (`\\n` as a line break)."""

    def character(match: re.Match[str]) -> str:
        plain = chr(ord(match[1]) - 0xE000)
        return "\n" if plain == "n" else plain

    return _PROTECTED.sub(character, text)


@dataclass
class Block:
    """One question (or `$CATEGORY`) of the file: its text with comments blanked out."""

    line: int  # the file line of the text's first character
    text: str
    comments: list[str] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """The file line of an offset in `text`."""
        return self.line + self.text.count("\n", 0, offset)


def blocks(source: str) -> list[Block]:
    """The file cut at blank lines; comment lines are kept apart and blanked in the text."""
    found: list[Block] = []
    lines: list[str] = []
    comments: list[str] = []
    start = 0
    for number, line in enumerate([*source.splitlines(), ""], start=1):
        if not line.strip():
            if any(part.strip() for part in lines):
                found.append(Block(start, "\n".join(lines), comments))
            lines, comments = [], []
            continue
        if not lines:
            start = number
        if line.lstrip().startswith("//"):
            comments.append(line.strip()[2:].strip())
            line = ""
        lines.append(line)
    for block in found:  # start at the first line that is not a comment
        while block.text.startswith("\n"):
            block.text, block.line = block.text[1:], block.line + 1
    return [block for block in found if block.text.strip()]


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; blocks become line breaks, scripts vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.media = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        if tag in _MEDIA_TAGS:
            self.media += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(fragment: str) -> tuple[str, int]:
    """The text of an HTML fragment (paragraphs kept), and how many images or media it lost."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = [
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    ]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, parser.media


@dataclass(frozen=True)
class Text:
    """A text of the file once its format is applied."""

    text: str
    text_format: str
    lost_media: int = 0


def formatted(protected: str, default: str = "moodle") -> Text:
    """A protected text without its format marker, unescaped, HTML turned into text."""
    text_format = default
    marker = _FORMAT.match(protected)
    if marker:
        text_format, protected = marker[1], protected[marker.end() :]
    text = unprotect(protected).strip()
    if text_format == "html":
        plain, media = html_to_text(text)
        return Text(plain, text_format, media)
    return Text(text, text_format)


def text_format(protected: str, default: str = "moodle") -> str:
    """The format a text is marked with, or the default."""
    marker = _FORMAT.match(protected)
    return marker[1] if marker else default


@dataclass(frozen=True)
class Part:
    """One answer of an answer block: the character that opens it, its text and offset."""

    marker: str
    text: str
    offset: int


def split_answers(protected: str, offset: int, markers: str) -> list[Part]:
    """Answers opened by one of `markers`; text before the first one has marker ''."""
    parts: list[Part] = []
    start, marker = 0, ""
    for index, character in enumerate(protected):
        if character in markers:
            parts.append(Part(marker, protected[start:index], offset + start))
            start, marker = index + 1, character
    parts.append(Part(marker, protected[start:], offset + start))
    return [part for part in parts if part.marker or part.text.strip()]


def cut_feedback(protected: str) -> tuple[str, str | None]:
    """An answer and the feedback after its first `#` (None when it has none)."""
    if "#" not in protected:
        return protected, None
    answer, feedback = protected.split("#", 1)
    return answer, feedback
