"""The stage table: one row per stage (number, date, towns, distance, each category's winner) or rest day."""

from __future__ import annotations

import re
from datetime import date

from loader.article import Row, Table
from loader.errors import SourceError
from loader.extract.cells import is_number, lowered, parse_crew, parse_town, starts_with_code, trimmed
from loader.extract.prose import looks_like_name, marker_kind
from loader.parsing import DayError, dates_in_year, is_integer, parse_day_month, shown, within
from loader.records import FormatIssue, RestDayRecord, StageRecord, WinnerCell

_REST_DAY = re.compile(r"\brest\s*day\b", re.IGNORECASE)


def is_stage_table(table: Table) -> bool:
    """Return whether a table is the stage table (its header names the date and the start town)."""
    head = lowered(table.rows[0].cells)
    return "date" in head and any(h in head for h in ("from", "start"))


def extract_stage_table(
    table: Table, year: int, path: str, issues: list[FormatIssue]
) -> tuple[tuple[str, ...], list[StageRecord], list[RestDayRecord]]:
    """Return the category labels (column order), the stages and the rest days of the stage table."""
    categories: list[str] = []
    body: list[Row] = []
    for row in table.rows[1:]:
        cells = trimmed(row.cells)
        if not body and cells and not is_integer(cells[0]) and cells[0] and not any(_looks_like_date(c) for c in cells):
            categories.extend(c for c in cells if c)
            continue
        body.append(row)
    if not categories:
        raise SourceError(path, table.line + 1, "the stage table names no categories", "a row of category names")
    days: list[tuple[int, int]] = []
    pending: list[tuple[str, Row, list[str]]] = []
    for row in body:
        cells = trimmed(row.cells)
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
    distance_index = next((i for i in range(2, min(len(cells), 5)) if is_number(cells[i])), None)
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
        kind = None if starts_with_code(text) else marker_kind(text)
        if kind is None and (starts_with_code(text) or looks_like_name(text)):
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
