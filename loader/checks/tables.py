"""Checks that the tables agree with one another: final standings with the last general classification, the
stage table's winners and markers with the results, the infobox with the standings, the prose's length with
the stage distances; no crew listed twice in a classification."""

from __future__ import annotations

from collections.abc import Iterator

from loader.checks.common import awarded, by_classification, driver_of, who
from loader.errors import Problem
from loader.parsing import format_duration
from loader.resolve.model import EditionInfo, Resolution


def final_standings(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield problems where the final standings disagree with the general classification after the last stage."""
    record = info.record
    tables = by_classification(record)
    for standing in record.standings:
        category = standing.category_slug
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        if not stages:
            continue
        last = stages[-1]
        rows = tables[(category, last, "general")]
        driver = resolution.person(record, standing.category_slug, standing.crew[0]).slug
        leader = next((r for r in rows if r.position == 1), None)
        row = next((r for r in rows if driver_of(info, resolution, r) == driver), None)
        if row is None or leader is None or leader.time is None:
            continue
        if standing.position != row.position:
            yield Problem(
                "standing-mismatch",
                f"{category}: {who(resolution, driver)} is {standing.position} in the final standings (line {standing.line}) but {row.position} after stage {last} (line {row.line})",
                record.path,
                standing.line,
            )
        if standing.gap is not None and row.time is not None and standing.gap != row.time - leader.time:
            yield Problem(
                "standing-mismatch",
                f"{category}: final gap of {who(resolution, driver)} {format_duration(standing.gap)} (line {standing.line}) is not {format_duration(row.time)} - {format_duration(leader.time)} = {format_duration(row.time - leader.time)} (line {row.line})",
                record.path,
                standing.line,
            )
        extra = awarded(record, category, last)
        if standing.time is not None and row.time is not None and standing.time != row.time + extra:
            given = f" plus the {format_duration(extra)} awarded after it" if extra else ""
            yield Problem(
                "standing-mismatch",
                f"{category}: final time of {who(resolution, driver)} {format_duration(standing.time)} (line {standing.line}) is not the time after stage {last}, {format_duration(row.time)} (line {row.line}){given}",
                record.path,
                standing.line,
            )


def distance(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem when the prose's length of the rally is not the sum of the stage distances (1% tolerance)."""
    record = info.record
    if record.stated_length is None:
        return
    wording, stated_km, line = record.stated_length
    total = sum(s.distance_km or 0 for s in record.stages)
    if total and abs(total - stated_km) > 0.01 * total:
        yield Problem(
            "length-mismatch",
            f"the prose gives the length as {wording} ({stated_km:,.0f} km) but the stage distances add up to "
            f"{total:,.0f} km ({total - stated_km:+,.0f} km)",
            record.path,
            line,
        )


def stage_winners(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where the stage table's winners are not the first of the category's stage result."""
    record = info.record
    tables = by_classification(record)
    for stage in record.stages:
        for cell in stage.winners:
            category = cell.category_slug
            rows = tables.get((category, stage.number, "stage"))
            if cell.marker or not rows:
                continue
            listed = {resolution.person(record, cell.category_slug, m).slug for m in cell.people}
            first = {driver_of(info, resolution, r) for r in rows if r.position == 1}
            if listed != first:
                yield Problem(
                    "winner-mismatch",
                    f"stage {stage.number} {category}: the stage table names {', '.join(sorted(who(resolution, d) for d in listed)) or 'nobody'} "
                    f"but the results table puts {', '.join(sorted(who(resolution, d) for d in first))} first (line {rows[0].line})",
                    record.path,
                    stage.line,
                )


def cancellations(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where the stage table and the results table disagree on a cancellation."""
    record = info.record
    tables = by_classification(record)
    in_results = {(c.category_slug, c.stage) for c in record.markers}
    for stage in record.stages:
        for cell in stage.winners:
            key = (cell.category_slug, stage.number)
            has_results = (key[0], stage.number, "stage") in tables
            if cell.marker and has_results:
                yield Problem(
                    "cancellation-mismatch",
                    f"stage {stage.number} is {cell.text!r} for {key[0]} in the stage table but has results",
                    record.path,
                    stage.line,
                )
            if not cell.marker and key in in_results:
                yield Problem(
                    "cancellation-mismatch",
                    f"stage {stage.number} has no contest for {key[0]} in the results table but not in the stage table",
                    record.path,
                    stage.line,
                )


def infobox_winners(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where the infobox's category winner is not first in the final standings."""
    record = info.record
    for winner in record.infobox_winners:
        category = winner.category_slug
        first = [s for s in record.standings if s.category_slug == category and s.position == 1]
        if not first or not winner.crew:
            continue
        named = resolution.person(record, winner.category_slug, winner.crew[0]).slug
        standing = resolution.person(record, first[0].category_slug, first[0].crew[0]).slug
        if named != standing:
            yield Problem(
                "winner-mismatch",
                f"the infobox names {who(resolution, named)} winner of {category} but the final standings put {who(resolution, standing)} first (line {first[0].line})",
                record.path,
                winner.line,
            )
        if winner.team and first[0].vehicle:
            if resolution.maker(winner.team)[0] is not resolution.maker(first[0].vehicle)[0]:
                yield Problem(
                    "winner-mismatch",
                    f"the infobox gives {winner.team} as the {category} winner's team but the final standings give {first[0].vehicle} (line {first[0].line})",
                    record.path,
                    winner.line,
                )


def duplicate_results(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each crew listed twice in one classification."""
    for (category, stage, kind), rows in sorted(by_classification(info.record).items()):
        seen: set[str] = set()
        for row in rows:
            driver = driver_of(info, resolution, row)
            if driver in seen:
                what = "stage result" if kind == "stage" else "general classification"
                yield Problem(
                    "duplicate-result",
                    f"{who(resolution, driver)} appears twice in the {category} {what} of stage {stage}",
                    info.record.path,
                    row.line,
                )
            seen.add(driver)
