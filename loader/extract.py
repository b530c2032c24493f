"""Extract plain records from an article's blocks: infobox, stage table, entry lists, results, standings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from loader.article import Article, Bullet, Paragraph, Row, Table
from loader.errors import SourceError
from loader.parsing import (
    DayError,
    dates_in_year,
    find_edition_number,
    find_length,
    is_duration,
    is_integer,
    parse_day_month,
    parse_duration,
    parse_integer,
    shown,
    within,
)
from loader.prose import (
    awarded_time,
    extract_penalties,
    is_penalty_note,
    looks_like_name,
    marker_kind,
    marker_reason,
    stages_named,
)
from loader.records import (
    Coverage,
    EditionRecord,
    EntryRecord,
    FormatIssue,
    InfoboxWinner,
    MarkerRecord,
    Mention,
    NoContestRecord,
    NoteRecord,
    RestDayRecord,
    ResultRecord,
    StageNote,
    StageRecord,
    StandingRecord,
    TownRef,
    WinnerCell,
)
from vocabulary.iris import category_slug

_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(/)?(?=\s|[A-Z][a-z]|$)")
_TOWN = re.compile(r"^([A-Z]{3})(/)?\s*(.*)$")
_YEAR = re.compile(r"^([0-9]{4})\s+(.+)$")
_ENTRY_HEADING = re.compile(r"^(.+?)\s+(?:principal\s+)?entr(?:y|ies)(?:\s+list)?$", re.IGNORECASE)
_ENTRY_LINE = re.compile(r"^([0-9]+)\s+(\S.*)$")
_REST_DAY = re.compile(r"\brest\s*day\b", re.IGNORECASE)


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


def _is_junk(cell: str) -> bool:
    return bool(cell) and not any(ch.isalnum() for ch in cell)


def _rows_after_header(table: Table, is_header_end: Iterable[bool]) -> tuple[list[Row], list[Row]]:
    header: list[Row] = []
    flags = list(is_header_end)
    for row, last in zip(table.rows, flags):
        header.append(row)
        if last:
            return header, list(table.rows[len(header) :])
    return header, []


def _trim(cells: tuple[str, ...]) -> list[str]:
    trimmed = list(cells)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def _lower(cells: Iterable[str]) -> list[str]:
    return [c.strip().lower() for c in cells]


def is_stage_table(table: Table) -> bool:
    """Return whether a table is the stage table (its header names the date and the start town)."""
    head = _lower(table.rows[0].cells)
    return "date" in head and any(h in head for h in ("from", "start"))


def is_results_table(table: Table) -> bool:
    """Return whether a table is a stage-results table with the general classification."""
    for row in table.rows[:3]:
        head = _lower(row.cells)
        if "pos" in head and "competitor" in head:
            return True
    return False


def is_standings_table(table: Table) -> bool:
    """Return whether a table is a final-standings table."""
    head = _lower(table.rows[0].cells)
    return "pos" in head and any(h in head for h in ("no.", "no", "number", "#"))


def extract_stage_table(
    table: Table, year: int, path: str, issues: list[FormatIssue]
) -> tuple[tuple[str, ...], list[StageRecord], list[RestDayRecord]]:
    """Return the category labels (column order), the stages and the rest days of the stage table."""
    categories: list[str] = []
    body: list[Row] = []
    for row in table.rows[1:]:
        cells = _trim(row.cells)
        if not body and cells and not is_integer(cells[0]) and cells[0] and not any(_looks_like_date(c) for c in cells):
            categories.extend(c for c in cells if c)
            continue
        body.append(row)
    if not categories:
        raise SourceError(path, table.line + 1, "the stage table names no categories", "a row of category names")
    days: list[tuple[int, int]] = []
    pending: list[tuple[str, Row, list[str]]] = []
    for row in body:
        cells = _trim(row.cells)
        if not cells:
            continue
        if len(cells) < 2:
            raise SourceError(path, row.line, f"expected a stage row (number, date, towns, km, winners), found {cells!r}")
        try:
            days.append(parse_day_month(cells[1]))
        except ValueError as error:
            raise SourceError(path, row.line, f"expected a date like '1 January' in the second cell: {error}") from None
        if cells[0] == "" and any(_REST_DAY.search(c) for c in cells):
            pending.append(("rest", row, cells))
        elif is_integer(cells[0]):
            pending.append(("stage", row, cells))
        else:
            raise SourceError(
                path, row.line, f"expected a stage number or an empty cell for a rest day, found {shown(cells[0])!r}"
            )
    try:
        dates = dates_in_year(days, year)
    except DayError as error:
        raise SourceError(path, pending[error.index][1].line, str(error)) from None
    for (_kind, row, cells), before, day in zip(pending[1:], dates, dates[1:]):
        if day <= before:
            issues.append(
                FormatIssue(
                    "date-order", f"{cells[1]!r} ({day.isoformat()}) is not after the row above ({before.isoformat()})", row.line
                )
            )
        elif (day - before).days > 31:
            issues.append(
                FormatIssue(
                    "date-order",
                    f"{cells[1]!r} ({day.isoformat()}) is {(day - before).days} days after the row above ({before.isoformat()}): a wrong month?",
                    row.line,
                )
            )
    stages: list[StageRecord] = []
    rest_days: list[RestDayRecord] = []
    seen: dict[int, int] = {}  # stage number -> line
    for (kind, row, cells), day in zip(pending, dates):
        if kind == "rest":
            towns = [c for c in cells[2:] if c and not _REST_DAY.search(c)]
            if not towns:
                raise SourceError(path, row.line, "a rest day without a town")
            rest_days.append(RestDayRecord(day, parse_town(towns[0], row.line), row.line))
            continue
        number = int(cells[0])
        if not within("stage number", number):
            issues.append(
                FormatIssue(
                    "implausible-number",
                    f"stage number {shown(cells[0])} is not one a rally has; the row is not loaded",
                    row.line,
                )
            )
            continue
        if number in seen:
            issues.append(
                FormatIssue(
                    "duplicate-stage",
                    f"stage {number} is given twice in the stage table (lines {seen[number]} and {row.line}); "
                    "this row is not loaded",
                    row.line,
                )
            )
            continue
        seen[number] = row.line
        stages.append(_stage_row(row, cells, day, tuple(categories), path, issues))
    return tuple(categories), stages, rest_days


def _looks_like_date(cell: str) -> bool:
    try:
        parse_day_month(cell)
    except ValueError:
        return False
    return True


def _stage_row(
    row: Row, cells: list[str], day: date, categories: tuple[str, ...], path: str, issues: list[FormatIssue]
) -> StageRecord:
    number = int(cells[0])
    distance_index = next((i for i in range(2, min(len(cells), 5)) if _is_number(cells[i])), None)
    if distance_index is None or distance_index == 2:
        raise SourceError(
            path, row.line, f"stage {number}: expected one or two towns followed by the distance in km, found {cells[2:5]!r}"
        )
    towns = [parse_town(c, row.line) for c in cells[2:distance_index]]
    distance: float | None = float(cells[distance_index].replace(",", ""))
    if distance is not None and not within("distance", distance):
        issues.append(
            FormatIssue(
                "implausible-number",
                f"stage {number}: a distance of {shown(cells[distance_index])} km is not one a stage has; not loaded",
                row.line,
            )
        )
        distance = None
    winner_cells = cells[distance_index + 1 :]
    if len(winner_cells) > len(categories):
        raise SourceError(
            path,
            row.line,
            f"stage {number}: {len(winner_cells)} winner cells for {len(categories)} categories ({', '.join(categories)})",
        )
    return StageRecord(
        number=number,
        day=day,
        start=towns[0],
        finish=towns[-1],
        loop=len(towns) == 1,
        distance_km=distance,
        winners=tuple(winner_row(number, winner_cells, categories, row.line, issues)),
        line=row.line,
    )


def winner_row(
    number: int, cells: list[str], categories: tuple[str, ...], line: int, issues: list[FormatIssue]
) -> list[WinnerCell]:
    """Return the winner cells of a stage row, one per category in the table's column order.

    A cell that names no one is a marker ("Stage cancelled", "Liaison only"); a marker followed only by empty
    cells spans them (a flattened colspan). A category left empty without a marker is reported.

    >>> [(c.category, c.marker) for c in winner_row(1, ["Liaison only"], ("Bikes", "Cars"), 5, [])]
    [('Bikes', 'liaison'), ('Cars', 'liaison')]
    """
    padded = cells + [""] * (len(categories) - len(cells))
    found: list[WinnerCell] = []
    spanning: WinnerCell | None = None
    for index, (category, cell) in enumerate(zip(categories, padded)):
        text = cell.strip()
        if not text:
            if spanning is not None:
                found.append(WinnerCell(category, (), spanning.marker, spanning.text))
                continue
            if any(c.strip() for c in padded):
                issues.append(
                    FormatIssue("missing-winner", f"stage {number}: the stage table gives no winner for {category}", line)
                )
            found.append(WinnerCell(category, (), None, ""))
            continue
        kind = None if _CODE.match(text) else marker_kind(text)
        if kind is None and (_CODE.match(text) or looks_like_name(text)):
            found.append(WinnerCell(category, parse_crew(text, line, issues), None, text))
            spanning = None
            continue
        if kind is None:
            kind = "neutralised"
            issues.append(
                FormatIssue(
                    "unclear-marker",
                    f"stage {number}, {category}: {text!r} names no one and is not a known marker "
                    "(cancelled, neutralised, liaison only); read as a stage without contest",
                    line,
                )
            )
        cell_record = WinnerCell(category, (), kind, text)
        found.append(cell_record)
        spanning = cell_record if all(not c.strip() for c in padded[index + 1 :]) else None
    return found


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"[0-9][0-9,]*(?:\.[0-9]+)?", cell.strip()))


def extract_bullets(
    bullets: list[Bullet], categories: tuple[str, ...], issues: list[FormatIssue]
) -> tuple[list[NoteRecord], list[EntryRecord]]:
    """Return the notes under the stage table and the entry lists ('- Motorcycles principal entry' …)."""
    notes: list[NoteRecord] = []
    entries: list[EntryRecord] = []
    category: str | None = None
    make: str | None = None
    for bullet in bullets:
        text = bullet.text.strip()
        if text.startswith(("-", "*", "^")) and category is None:
            notes.append(NoteRecord(text.lstrip("-*^ ").strip(), bullet.line))
            continue
        heading = _ENTRY_HEADING.match(text)
        if heading:
            category, make = heading.group(1).strip(), None
            continue
        if category is None:
            if text and not text.lower().startswith("source"):
                notes.append(NoteRecord(text, bullet.line))
            continue
        line_match = _ENTRY_LINE.match(text)
        if line_match and not within("race number", int(line_match.group(1))):
            issues.append(
                FormatIssue(
                    "implausible-number",
                    f"race number {shown(line_match.group(1))} is not one a rally has; the entry is not loaded",
                    bullet.line,
                )
            )
        elif line_match:
            entries.append(EntryRecord(category, make or "", int(line_match.group(1)), line_match.group(2).strip(), bullet.line))
        elif text:
            make = text
    return notes, entries


def extract_results(
    table: Table, category: str, path: str, last_line: int, issues: list[FormatIssue]
) -> tuple[list[ResultRecord], list[MarkerRecord]]:
    """Return the stage results and general classifications of one category's results table, and its marker rows."""
    header, body = _rows_after_header(table, (("pos" in _lower(r.cells) and "competitor" in _lower(r.cells)) for r in table.rows))
    if not body:
        raise SourceError(path, header[-1].line, f"the {category} results table has a header but no rows")
    results: list[ResultRecord] = []
    markers: list[MarkerRecord] = []
    stage: int | None = None
    skipping = False  # the rows of a stage whose number is not one a rally has
    previous: dict[str, ResultRecord | None] = {"stage": None, "general": None}
    for row in body:
        tokens: list[str] = []
        for cell in row.cells:
            if _is_junk(cell):
                issues.append(FormatIssue("stray-characters", f"stray {cell!r} in a table cell, ignored", row.line))
            elif cell:
                tokens.append(cell)
        if not tokens:
            continue
        leading_empty = next((i for i, c in enumerate(row.cells) if c), 0)
        said = marker_kind(tokens[1]) if len(tokens) > 1 and not _CODE.match(tokens[1]) else None
        if is_integer(tokens[0]) and len(tokens) > 1 and (is_integer(tokens[1]) or said):
            if not within("stage number", int(tokens[0])) or (not said and not within("position", int(tokens[1]))):
                issues.append(
                    FormatIssue(
                        "implausible-number",
                        f"{category} results: {shown(tokens[0])} {shown(tokens[1])} is not a stage number and a "
                        "position a rally has; the stage's rows are not loaded",
                        row.line,
                    )
                )
                stage, skipping = None, True
                continue
            skipping = False
            stage = int(tokens.pop(0))
            previous = {"stage": None, "general": None}
            if said:
                markers.append(MarkerRecord(category, stage, said, " ".join(tokens), row.line))
                continue
        if skipping:
            issues.append(
                FormatIssue("implausible-number", f"{category} results: a row of the stage above, not loaded", row.line)
            )
            continue
        if stage is None:
            raise SourceError(path, row.line, f"expected a stage number in the first cell of the {category} results")
        parts = ("general",) if leading_empty >= 3 else ("stage", "general")
        for kind in parts:
            if not tokens:
                issues.append(
                    FormatIssue(
                        "missing-general",
                        f"the {category} results row of stage {stage} ends after its stage result "
                        f"({', '.join(m.name for m in results[-1].crew)}): no general-classification half, nothing loaded for it",
                        row.line,
                    )
                )
                break
            try:
                record = _result_part(tokens, kind, category, stage, previous[kind], row, path, issues)
            except Implausible as error:
                issues.append(FormatIssue("implausible-number", f"{error}; the row is not loaded", row.line))
                tokens.clear()
                break
            results.append(record)
            previous[kind] = record
        if tokens:
            raise SourceError(path, row.line, f"unexpected cells at the end of a {category} results row: {tokens!r}")
    _check_complete(results, table, category, path, last_line)
    return results, markers


class Implausible(Exception):
    """A number in a row that no rally has (a misprint): the row is reported and not loaded."""


def _result_part(
    tokens: list[str],
    kind: str,
    category: str,
    stage: int,
    above: ResultRecord | None,
    row: Row,
    path: str,
    issues: list[FormatIssue],
) -> ResultRecord:
    what = "stage result" if kind == "stage" else "general classification"
    position: int | None = None
    if tokens and is_integer(tokens[0]):
        if not within("position", int(tokens[0])):
            raise Implausible(f"{category} {what}: position {shown(tokens[0])} is not one a classification has")
        position = int(tokens.pop(0))
    if len(tokens) < 2 or is_duration(tokens[0]) or is_integer(tokens[0]) or is_duration(tokens[1]):
        raise SourceError(
            path,
            row.line,
            f"expected a {what} (position, competitor, make, time, gap) in the {category} table, found {tokens[:4]!r}",
        )
    crew_cell, make = tokens.pop(0), tokens.pop(0)
    crew = parse_crew(crew_cell, row.line, issues)
    if not crew:
        raise SourceError(path, row.line, f"expected a competitor in the {category} {what}")
    time = gap = None
    if tokens and is_duration(tokens[0]):
        time = parse_duration(tokens.pop(0))
        if tokens and is_duration(tokens[0]):
            gap = parse_duration(tokens.pop(0))
    for value in (time, gap):
        if value is not None and not within("time", value):
            raise Implausible(f"{category} {what}: a time of {value // 3600:,} hours is not one a rally has")
    inherited: tuple[str, ...] = ()
    if position is None:
        if above is None:
            raise SourceError(
                path, row.line, f"a {what} row with no position and no row above it to share a tie with ({category})"
            )
        position, inherited = above.position, ("position",)
        if time is None:
            time, gap = above.time, above.gap
            inherited += tuple(name for name, value in (("time", time), ("gap", gap)) if value is not None)
    elif time is None and kind == "stage" and tokens and not is_integer(tokens[0]):
        raise SourceError(path, row.line, f"expected a time after {make!r} in the {category} {what}")
    assert position is not None
    return ResultRecord(category, stage, kind, position, crew, make, time, gap, inherited, row.line)


def _check_complete(results: list[ResultRecord], table: Table, category: str, path: str, last_line: int) -> None:
    """Raise when the table's last stage has fewer rows than the others and the table ends the file."""
    per_stage: dict[int, int] = {}
    for record in results:
        if record.kind == "stage":
            per_stage[record.stage] = per_stage.get(record.stage, 0) + 1
    if len(per_stage) < 2:
        return
    *earlier, last = sorted(per_stage)
    usual = max(per_stage[s] for s in earlier)
    if per_stage[last] < usual and table.rows[-1].line == last_line:
        raise SourceError(
            path,
            table.rows[-1].line,
            f"the {category} results table ends early: stage {last} has {per_stage[last]} of {usual} rows "
            "and nothing follows; the file looks truncated",
        )


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
    names = _lower(header.cells)
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
            if _is_junk(cell):
                issues.append(FormatIssue("stray-characters", f"stray {cell!r} in a table cell, ignored", row.line))
        cells = [c for c in cells if not _is_junk(c)]
        cells = _trim(tuple(cells))
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


# Issues that mean part of a row could not be loaded: the row counts as reported, not loaded.
ROW_NOT_LOADED = frozenset(
    {
        "missing-general",
        "short-row",
        "missing-winner",
        "unclear-marker",
        "empty-name",
        "unknown-column",
        "implausible-number",
        "duplicate-stage",
    }
)


def extract_edition(article: Article) -> EditionRecord:
    """Return all the records of one article; raise SourceError where the format is broken."""
    path = article.path
    last_line = max((n for n, line in enumerate(article.lines, 1) if line.strip()), default=0)
    issues: list[FormatIssue] = []
    name = article.infobox_name or article.title
    year_match = _YEAR.match(name) or _YEAR.match(article.title)
    if not year_match:
        raise SourceError(path, article.title_line, f"expected the edition's year at the start of the title, found {name!r}")
    year = int(year_match.group(1))
    series_name = year_match.group(2).strip()

    def round_of(key: str) -> tuple[str, int] | None:
        item = article.field(key)
        return (item.value, item.line) if item and item.value else None

    prose = tuple((p.text, p.line) for p in article.lead)
    lead_text = [(p.text, p.line) for p in article.lead]
    edition_number = next(((n, line) for text, line in lead_text if (n := find_edition_number(text))), None)
    stated = next(((found[0], found[1], line) for text, line in lead_text if (found := find_length(text))), None)
    country_field = article.field("Country")
    route_codes = (
        tuple((part.strip().lstrip("/").strip(), country_field.line) for part in country_field.value.split(","))
        if country_field
        else ()
    )

    categories: tuple[str, ...] = ()
    stages: list[StageRecord] = []
    rest_days: list[RestDayRecord] = []
    notes: list[NoteRecord] = []
    entries: list[EntryRecord] = []
    results: list[ResultRecord] = []
    markers: list[MarkerRecord] = []
    standings: list[StandingRecord] = []
    row_lines: set[int] = set()
    reported: set[int] = set()
    stage_table_seen = False
    for section in article.sections:
        tables = [b for b in section.blocks if isinstance(b, Table)]
        bullets = [b for b in section.blocks if isinstance(b, Bullet)]
        paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
        prose += tuple((p.text, p.line) for p in paragraphs)
        for table in tables:
            row_lines.update(row.line for row in table.rows)
            if is_stage_table(table):
                if stage_table_seen:
                    raise SourceError(path, table.line, "a second stage table")
                stage_table_seen = True
                categories, found_stages, found_rest = extract_stage_table(table, year, path, issues)
                stages.extend(found_stages)
                rest_days.extend(found_rest)
            elif is_results_table(table):
                results_found, said = extract_results(table, section.title, path, last_line, issues)
                results.extend(results_found)
                markers.extend(said)
            elif is_standings_table(table):
                standings.extend(extract_standings(table, section.title, path, issues))
            else:
                issues.append(
                    FormatIssue("unknown-table", f"a table not understood, ignored (header {table.rows[0].cells!r})", table.line)
                )
                reported.update(row.line for row in table.rows)
        if bullets:
            found_notes, found_entries = extract_bullets(bullets, categories, issues)
            notes.extend(found_notes)
            entries.extend(found_entries)
    if not stage_table_seen:
        raise SourceError(path, article.title_line, "no stage table found (a table whose header names Stage, Date and From)")
    if not stages:
        raise SourceError(path, article.title_line, "the stage table has no stages")
    reported.update(issue.line for issue in issues if issue.code in ROW_NOT_LOADED and issue.line in row_lines)

    winners: list[InfoboxWinner] = []
    for item in article.infobox:
        match = re.fullmatch(r"category\s*([0-9]+)", item.key, re.IGNORECASE)
        if not match:
            continue
        index = match.group(1)
        driver = article.field(f"Driver{index}")
        team = article.field(f"Team{index}")
        crew: tuple[Mention, ...] = ()
        if driver:
            crew = tuple(m for part in driver.value.split(",") for m in parse_crew(part, driver.line, issues))
        winners.append(InfoboxWinner(item.value, crew, team.value if team else None, item.line))

    no_contests, stage_notes = no_contests_and_notes(stages, markers, notes)
    last_stage = max((s.number for s in stages), default=None)
    penalties = extract_penalties([*prose, *((n.text, n.line) for n in notes)], last_stage)
    return EditionRecord(
        path=path,
        source_name=PurePath(path).name,
        title=article.title,
        name=name,
        title_line=article.title_line,
        year=year,
        series_name=series_name,
        previous=round_of("Previous Round"),
        next=round_of("Next Round"),
        edition_number=edition_number,
        stated_length=stated,
        route_codes=route_codes,
        prose=prose,
        categories=categories,
        stages=tuple(stages),
        rest_days=tuple(rest_days),
        notes=tuple(notes),
        entries=tuple(entries),
        results=tuple(results),
        markers=tuple(markers),
        no_contests=tuple(no_contests),
        stage_notes=tuple(stage_notes),
        penalties=tuple(penalties),
        standings=tuple(standings),
        infobox_winners=tuple(winners),
        issues=tuple(issues),
        coverage=Coverage(len(row_lines), tuple(sorted(reported))),
        lines=article.lines,
    )


@dataclass
class _NoContest:
    """A no-contest being gathered from the places the source states it."""

    category: str
    kinds: set[str] = field(default_factory=set)
    markers: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)
    awarded: int | None = None

    def say(self, kind: str | None, text: str, line: int, marker: bool) -> None:
        """Record one statement: a marker printed in a table (marker=True) or a note."""
        if kind:
            self.kinds.add(kind)
        if marker and text not in self.markers:
            self.markers.append(text)
        reason = marker_reason(text)
        if reason:
            self.reasons.setdefault(reason, line)
        self.lines.add(line)
        self.awarded = awarded_time(text) or self.awarded


def no_contests_and_notes(
    stages: list[StageRecord], markers: list[MarkerRecord], notes: list[NoteRecord]
) -> tuple[list[NoContestRecord], list[StageNote]]:
    """Return each stage's no-contest per category (from the stage table's and results tables' markers, with the
    reasons and awarded times the notes state) and the notes with the stages they concern."""
    found: dict[tuple[int, str], _NoContest] = {}
    for stage in stages:
        for cell in stage.winners:
            if cell.marker:
                item = found.setdefault((stage.number, category_slug(cell.category)), _NoContest(cell.category))
                item.say(cell.marker, cell.text, stage.line, marker=True)
    for marker in markers:
        item = found.setdefault((marker.stage, category_slug(marker.category)), _NoContest(marker.category))
        item.say(marker.kind, marker.text, marker.line, marker=True)

    stage_notes: list[StageNote] = []
    known_stages = {s.number for s in stages}
    marked_categories = {slug for _, slug in found}
    for note in notes:
        named = [n for n in stages_named(note.text) if n in known_stages]
        concerned = list(named)
        kind = marker_kind(note.text)
        if kind and not is_penalty_note(note.text):
            words = {category_slug(w) for w in re.findall(r"[A-Za-z-]+", note.text)} & marked_categories
            candidates = [
                key
                for key, item in found.items()
                if (key[0] in named if named else kind in item.kinds) and (not words or key[1] in words)
            ]
            if len({stage for stage, _ in candidates}) == 1 or named:
                for key in candidates:
                    found[key].say(None, note.text, note.line, marker=False)
                    if key[0] not in concerned:
                        concerned.append(key[0])
        stage_notes.append(StageNote(note.text, tuple(concerned), note.line))

    no_contests = [
        NoContestRecord(
            category=item.category,
            stage=stage,
            kind=next((k for k in ("cancelled", "neutralised") if k in item.kinds), "liaison"),
            markers=tuple(item.markers),
            reasons=tuple(item.reasons.items()),
            awarded=item.awarded,
            lines=tuple(sorted(item.lines)),
        )
        for (stage, _slug), item in sorted(found.items())
    ]
    return no_contests, stage_notes
