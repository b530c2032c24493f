"""Read the text format of a rally article into numbered blocks: title, infobox, prose, sections, tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.errors import SourceError

_TITLE = re.compile(r"^=\s*([^=].*?)\s*=$")
_HEADING = re.compile(r"^(={2,6})\s*(.*?)\s*\1$")
_INFOBOX_FIELD = re.compile(r"^-\s*([A-Za-z][A-Za-z ]*?[0-9]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Row:
    """One table row: its line number and its cells, stripped."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """Consecutive '|' rows of a section."""

    rows: tuple[Row, ...]

    @property
    def line(self) -> int:
        """Return the line of the table's first row."""
        return self.rows[0].line


@dataclass(frozen=True)
class Bullet:
    """A '- ' line of a section."""

    line: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A prose line."""

    line: int
    text: str


Block = Table | Bullet | Paragraph


@dataclass(frozen=True)
class Section:
    """A '==' or '===' section with its blocks; `path` holds the titles of its parent sections and its own."""

    title: str
    level: int
    line: int
    path: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class InfoboxField:
    """A '- Key: value' line of the infobox."""

    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Article:
    """A rally article split into blocks, every block with its line number."""

    path: str
    title: str
    title_line: int
    infobox_name: str | None
    infobox: tuple[InfoboxField, ...]
    lead: tuple[Paragraph, ...]
    sections: tuple[Section, ...] = field(default=())
    lines: tuple[str, ...] = field(default=(), repr=False)

    def field(self, key: str) -> InfoboxField | None:
        """Return the infobox field named `key` (case-insensitive), if present."""
        for item in self.infobox:
            if item.key.lower() == key.lower():
                return item
        return None


def split_cells(text: str) -> tuple[str, ...]:
    """Return the stripped cells of a '|' row (the outer bars removed).

    >>> split_cells("| 1 | 1 January | FRA Paris |")
    ('1', '1 January', 'FRA Paris')
    """
    inner = text.strip()[1:-1]
    return tuple(cell.strip() for cell in inner.split("|"))


def read_article(text: str, path: str) -> Article:
    """Return the article's blocks; raise SourceError naming the line when the text is not in the format."""
    if "\x00" in text:
        at = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(path, at, "a NUL byte: this is a binary file, not a rally article", "text")
    lines = text.splitlines()
    numbered = [(number, line.rstrip()) for number, line in enumerate(lines, 1)]
    content = [(n, line) for n, line in numbered if line.strip()]
    if not content:
        raise SourceError(path, 1, "the file is empty; expected a rally article starting with a title line '= … ='")
    first_line, first = content[0]
    title_match = _TITLE.match(first.strip())
    if not title_match:
        raise SourceError(
            path,
            first_line,
            f"expected the article's title as '= 2001 Dakar Rally =', found {_excerpt(first)!r}",
            "title line",
        )
    index = numbered.index((first_line, first)) + 1

    infobox_name: str | None = None
    infobox: list[InfoboxField] = []
    lead: list[Paragraph] = []
    while index < len(numbered):
        number, line = numbered[index]
        stripped = line.strip()
        if _HEADING.match(stripped):
            break
        index += 1
        if not stripped:
            continue
        field_match = _INFOBOX_FIELD.match(stripped)
        if field_match and not lead:
            infobox.append(InfoboxField(field_match.group(1).strip(), field_match.group(2).strip(), number))
        elif not infobox and not lead and infobox_name is None and not stripped.startswith(("|", "-")):
            infobox_name = stripped
        elif stripped.startswith("|"):
            raise SourceError(path, number, "a table before the first '==' section heading", "prose or a heading")
        else:
            lead.append(Paragraph(number, stripped))

    sections: list[Section] = []
    parents: list[tuple[int, str]] = []
    current: tuple[str, int, int] | None = None
    blocks: list[Block] = []
    table_rows: list[Row] = []

    def flush_table() -> None:
        if table_rows:
            blocks.append(Table(tuple(table_rows)))
            table_rows.clear()

    def flush_section() -> None:
        flush_table()
        if current is not None:
            title, level, line_no = current
            path_titles = tuple(t for _, t in parents)
            sections.append(Section(title, level, line_no, path_titles, tuple(blocks)))
        blocks.clear()

    for number, line in numbered[index:]:
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            flush_section()
            level = len(heading.group(1))
            title = heading.group(2).strip()
            while parents and parents[-1][0] >= level:
                parents.pop()
            parents.append((level, title))
            current = (title, level, number)
            continue
        if stripped.startswith("|"):
            if not stripped.endswith("|") or len(stripped) < 2:
                raise SourceError(
                    path,
                    number,
                    f"table row is cut off: expected cells closed by '|', found {_excerpt(stripped)!r}",
                    "a complete table row",
                )
            table_rows.append(Row(number, split_cells(stripped)))
            continue
        flush_table()
        if not stripped:
            continue
        if stripped.startswith("-"):
            blocks.append(Bullet(number, stripped[1:].strip()))
        else:
            blocks.append(Paragraph(number, stripped))
    flush_section()
    return Article(
        path=path,
        title=title_match.group(1).strip(),
        title_line=first_line,
        infobox_name=infobox_name,
        infobox=tuple(infobox),
        lead=tuple(lead),
        sections=tuple(sections),
        lines=tuple(lines),
    )


def _excerpt(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
