"""A category's final standings, read by the names of its columns (the crew's roles among them)."""

from __future__ import annotations

from loader.article import Table
from loader.errors import SourceError
from loader.extract.cells import is_junk, lowered, parse_crew, trimmed
from loader.parsing import is_duration, parse_duration, parse_integer, shown, within
from loader.records import FormatIssue, Mention, StandingRecord


def is_standings_table(table: Table) -> bool:
    """Return whether a table is a final-standings table."""
    head = lowered(table.rows[0].cells)
    return "pos" in head and any(h in head for h in ("no.", "no", "number", "#"))


_STANDING_ROLES = {
    "pos": "position",
    "position": "position",
    "rank": "position",
    "no.": "number",
    "no": "number",
    "number": "number",
    "#": "number",
    "bib": "number",
    "rider": "driver",
    "driver": "driver",
    "competitor": "driver",
    "pilot": "driver",
    "co-driver": "codriver",
    "co-drivers": "codriver",
    "codriver": "codriver",
    "codrivers": "codriver",
    "navigator": "codriver",
    "navigators": "codriver",
    "co-pilot": "codriver",
    "co-pilots": "codriver",
    "crew": "further",
    "mechanic": "further",
    "mechanics": "further",
    "further crew": "further",
    "bike": "vehicle",
    "car": "vehicle",
    "truck": "vehicle",
    "quad": "vehicle",
    "vehicle": "vehicle",
    "make": "vehicle",
    "motorcycle": "vehicle",
    "entrant": "entrant",
    "team": "entrant",
    "time": "time",
    "total": "time",
}
CREW_ROLES = ("driver", "codriver", "further")  # the columns that name people, in the order a crew is listed


def extract_standings(table: Table, category: str, path: str, issues: list[FormatIssue]) -> list[StandingRecord]:
    """Return a category's final standings, reading columns by their header names (crew roles included)."""
    header = table.rows[0]
    roles: list[str | None] = []
    names = lowered(header.cells)
    for name in names:
        role = _STANDING_ROLES.get(name)
        if role is None and name:
            issues.append(FormatIssue("unknown-column", f"final standings column {name!r} not understood, ignored", header.line))
        roles.append(role)
    for needed in ("position", "driver", "time"):
        if needed not in roles:
            raise SourceError(path, header.line, f"the {category} final standings have no {needed} column")
    named = max(i for i, name in enumerate(names) if name) + 1
    standings: list[StandingRecord] = []
    for row in table.rows[1:]:
        cells = [c for c in row.cells]
        for cell in cells:
            if is_junk(cell):
                issues.append(FormatIssue("stray-characters", f"stray {cell!r} in a table cell, ignored", row.line))
        cells = [c for c in cells if not is_junk(c)]
        cells = trimmed(tuple(cells))
        if not cells:
            continue
        if len(cells) > len(roles):
            raise SourceError(path, row.line, f"{len(cells)} cells where the {category} standings header has {len(roles)}")
        if len(cells) < named:
            missing = [header.cells[i] for i in range(len(cells), named) if roles[i] is not None]
            issues.append(
                FormatIssue(
                    "short-row",
                    f"the {category} standings row has {len(cells)} cells where the header has {named}: "
                    f"no {', no '.join(missing)}; the rest is loaded",
                    row.line,
                )
            )
        values: dict[str, str] = {}
        people: list[tuple[str, str]] = []  # (role, cell) of the columns naming people, in column order
        for role, cell in zip(roles, cells):
            if role in CREW_ROLES:
                people.append((role, cell))
            elif role is not None:
                values[role] = cell
        try:
            position = parse_integer(values.get("position", ""))
        except ValueError:
            raise SourceError(
                path, row.line, f"expected a position in the first cell of the {category} standings, found {cells[0]!r}"
            ) from None
        number = None
        if values.get("number"):
            try:
                number = parse_integer(values["number"])
            except ValueError:
                raise SourceError(path, row.line, f"expected a race number, found {values['number']!r}") from None
        crew: list[Mention] = []
        crew_roles: list[str] = []
        for role, cell in sorted(people, key=lambda item: CREW_ROLES.index(item[0])):
            found = parse_crew(cell, row.line, issues)
            crew += found
            crew_roles += [role] * len(found)
        if not crew or crew_roles[0] != "driver":
            raise SourceError(path, row.line, f"expected a driver or rider in the {category} standings")
        time_text = values.get("time", "")
        seconds: int | None = None
        if time_text:
            if not is_duration(time_text):
                raise SourceError(
                    path, row.line, f"expected a time like 70:01:08 or a gap like +25:10, found {shown(time_text)!r}"
                )
            seconds = parse_duration(time_text)
        elif len(cells) >= named:
            issues.append(FormatIssue("short-row", f"the {category} standings row has an empty time cell", row.line))
        implausible = [
            f"{kind} {shown(text)}"
            for kind, text, value in (
                ("position", str(position), position),
                ("race number", str(number), number),
                ("time", time_text, seconds),
            )
            if value is not None and not within(kind, value)
        ]
        if implausible:
            issues.append(
                FormatIssue(
                    "implausible-number",
                    f"the {category} standings give {' and '.join(implausible)}, not what a rally has; the row is not loaded",
                    row.line,
                )
            )
            continue
        is_gap = time_text.startswith("+")
        standings.append(
            StandingRecord(
                category=category,
                position=position,
                number=number,
                crew=tuple(crew),
                roles=tuple(crew_roles),
                vehicle=values.get("vehicle", ""),
                entrant=values.get("entrant") or None,
                time=None if is_gap else seconds,
                gap=seconds if is_gap else None,
                line=row.line,
            )
        )
    return standings
