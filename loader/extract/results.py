"""A category's results table: each stage's result and the general classification after it, and marker rows."""

from __future__ import annotations

from loader.article import Row, Table
from loader.errors import SourceError
from loader.extract.cells import is_junk, lowered, parse_crew, rows_after_header, starts_with_code
from loader.extract.prose import marker_kind
from loader.parsing import is_duration, is_integer, parse_duration, shown, within
from loader.records import FormatIssue, MarkerRecord, ResultRecord


def is_results_table(table: Table) -> bool:
    """Return whether a table is a stage-results table with the general classification."""
    for row in table.rows[:3]:
        head = lowered(row.cells)
        if "pos" in head and "competitor" in head:
            return True
    return False


def extract_results(
    table: Table, category: str, path: str, last_line: int, issues: list[FormatIssue]
) -> tuple[list[ResultRecord], list[MarkerRecord]]:
    """Return the stage results and general classifications of one category's results table, and its marker rows."""
    header, body = rows_after_header(
        table, (("pos" in lowered(r.cells) and "competitor" in lowered(r.cells)) for r in table.rows)
    )
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
            if is_junk(cell):
                issues.append(FormatIssue("stray-characters", f"stray {cell!r} in a table cell, ignored", row.line))
            elif cell:
                tokens.append(cell)
        if not tokens:
            continue
        leading_empty = next((i for i, c in enumerate(row.cells) if c), 0)
        said = marker_kind(tokens[1]) if len(tokens) > 1 and not starts_with_code(tokens[1]) else None
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
