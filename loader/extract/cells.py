"""Reading table cells: crews with their country codes, towns, and the small tests every table reader shares."""

from __future__ import annotations

import re
from collections.abc import Iterable

from loader.article import Row, Table
from loader.records import FormatIssue, Mention, TownRef

_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(/)?(?=\s|[A-Z][a-z]|$)")
_TOWN = re.compile(r"^([A-Z]{3})(/)?\s*(.*)$")


def starts_with_code(text: str) -> bool:
    """Return whether a cell starts with a country code (as a crew's cell does).

    >>> starts_with_code("ESP Jose Maria Servia"), starts_with_code("Stage cancelled")
    (True, False)
    """
    return _CODE.match(text) is not None


def parse_crew(cell: str, line: int, issues: list[FormatIssue]) -> tuple[Mention, ...]:
    """Return the people of a cell such as 'ESP Jose Maria Servia BEL Jean-Marie Lurquin'.

    >>> [(m.code, m.name) for m in parse_crew("ESP Jose Maria Servia BEL Jean-Marie Lurquin", 1, [])]
    [('ESP', 'Jose Maria Servia'), ('BEL', 'Jean-Marie Lurquin')]
    >>> [(m.code, m.name) for m in parse_crew("BELJean-Marie Lurquin", 1, [])]
    [('BEL', 'Jean-Marie Lurquin')]
    """
    text = cell.strip()
    matches = list(_CODE.finditer(text))
    if not matches or matches[0].start() != 0:
        return (Mention(text, None, line),) if text else ()
    people: list[Mention] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        name = text[match.end() : end].strip()
        if not name:
            issues.append(FormatIssue("empty-name", f"country code {match.group(1)} with no name after it in {text!r}", line))
            continue
        if match.end() < len(text) and not text[match.end()].isspace():
            issues.append(
                FormatIssue(
                    "missing-space",
                    f"no space between country code {match.group(1)} and name {name!r} in {text!r}",
                    line,
                )
            )
        people.append(Mention(name, match.group(1), line))
    return tuple(people)


def parse_town(cell: str, line: int) -> TownRef:
    """Return a town with its country code(s) as written, such as 'MAR/ Smara' or 'Atar'.

    >>> parse_town("MAR/ Smara", 7)
    TownRef(name='Smara', codes=('MAR',), disputed=True, line=7)
    >>> parse_town("El Ghallaouiya", 8).codes
    ()
    """
    match = _TOWN.match(cell.strip())
    if match and match.group(3) and match.group(3)[0].isupper():
        return TownRef(match.group(3).strip(), (match.group(1),), bool(match.group(2)), line)
    return TownRef(cell.strip(), (), False, line)


def is_junk(cell: str) -> bool:
    """Return whether a cell holds only stray characters (no letter or digit)."""
    return bool(cell) and not any(ch.isalnum() for ch in cell)


def rows_after_header(table: Table, is_header_end: Iterable[bool]) -> tuple[list[Row], list[Row]]:
    """Return a table's header rows (up to the first that ends it) and the rows after."""
    header: list[Row] = []
    flags = list(is_header_end)
    for row, last in zip(table.rows, flags):
        header.append(row)
        if last:
            return header, list(table.rows[len(header) :])
    return header, []


def trimmed(cells: tuple[str, ...]) -> list[str]:
    """Return a row's cells without the empty ones at its end."""
    trimmed = list(cells)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def lowered(cells: Iterable[str]) -> list[str]:
    """Return cells stripped and in lower case, to compare headers."""
    return [c.strip().lower() for c in cells]


def is_number(cell: str) -> bool:
    """Return whether a cell is a number such as 1,234.5 (a distance).

    >>> is_number("1,234.5"), is_number("12 km")
    (True, False)
    """
    return bool(re.fullmatch(r"[0-9][0-9,]*(?:\.[0-9]+)?", cell.strip()))
