"""Checks that the times add up: gaps against the leader, each general time against the one before plus the
stage time, stage times the general times imply, and the one cell that would make several figures agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from loader.checks.common import awarded, by_classification, driver_of, ordinal, who
from loader.errors import Problem
from loader.parsing import format_duration
from loader.records import ResultRecord
from loader.resolve.model import EditionInfo, Resolution


def gaps(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each printed gap that is not the time minus the leader's time."""
    for (category, stage, kind), rows in sorted(by_classification(info.record).items()):
        leader = next((r for r in rows if r.position == 1 and r.time is not None), None)
        if leader is None or leader.time is None:
            continue
        for row in rows:
            if row.inherited or row.time is None or row.gap is None:
                continue
            expected = row.time - leader.time
            if expected != row.gap:
                what = f"result of stage {stage}" if kind == "stage" else f"general classification after stage {stage}"
                yield Problem(
                    "gap-mismatch",
                    f"{category} {what}: {who(resolution, resolution.person(info.record, category, row.crew[0]).slug)} "
                    f"has gap {format_duration(row.gap)} but {format_duration(row.time)} - {format_duration(leader.time)} = {format_duration(expected)}",
                    info.record.path,
                    row.line,
                )


def general_times(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each GC time that is not the previous GC time plus the stage time."""
    record = info.record
    tables = by_classification(record)
    by_category: dict[str, list[int]] = defaultdict(list)
    for category, stage, kind in tables:
        if kind == "general":
            by_category[category].append(stage)
    for category, stages in sorted(by_category.items()):
        stages.sort()
        history: dict[str, ResultRecord] = {}  # each driver's latest general-classification row before the stage
        for before, stage in zip([None, *stages], stages):
            stage_rows = {driver_of(info, resolution, r): r for r in tables.get((category, stage, "stage"), [])}
            previous = (
                {driver_of(info, resolution, r): r for r in tables.get((category, before, "general"), [])} if before else {}
            )
            if before is not None:
                history.update(previous)
            for row in tables[(category, stage, "general")]:
                driver = driver_of(info, resolution, row)
                ran = stage_rows.get(driver)
                if row.time is None or ran is None or ran.time is None:
                    continue
                if before is None:
                    expected, known = ran.time + awarded(record, category, 0, stage), True
                else:
                    prior = previous.get(driver)
                    known = prior is not None and prior.time is not None
                    expected = (prior.time + ran.time) if known and prior and prior.time is not None else 0
                    expected += awarded(record, category, before, stage)
                if not known or expected == row.time:
                    continue
                copied = [r for r in (history.get(driver),) if r is not None and r.time == row.time]
                hint = (
                    f"; it equals the time printed for the general classification after stage {copied[0].stage} (line {copied[0].line})"
                    if copied
                    else ""
                )
                sum_text = (
                    f"{format_duration(ran.time)} (stage {stage}, line {ran.line})"
                    if before is None
                    else f"{format_duration(previous[driver].time or 0)} (after stage {before}, line {previous[driver].line}) "
                    f"+ {format_duration(ran.time)} (stage {stage}, line {ran.line})"
                )
                yield Problem(
                    "general-time-mismatch",
                    f"{category} general classification after stage {stage}: {who(resolution, driver)} has "
                    f"{format_duration(row.time)}, not {sum_text} = {format_duration(expected)}{hint}",
                    record.path,
                    row.line,
                    (driver,),
                )


def implied_stage_times(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where two GC times imply a stage time faster than the stage's listed results, for a
    crew not listed among them (so one of the GC times cannot be right)."""
    record = info.record
    tables = by_classification(record)
    for category in sorted({c for c, _, k in tables if k == "general"}):
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        for before, stage in zip(stages, stages[1:]):
            listed = tables.get((category, stage, "stage"), [])
            timed = [r for r in listed if r.time is not None]
            if not timed:
                continue
            slowest = max(timed, key=lambda r: r.time or 0)
            names = {driver_of(info, resolution, r) for r in listed}
            earlier = {driver_of(info, resolution, r): r for r in tables[(category, before, "general")]}
            for row in tables[(category, stage, "general")]:
                driver = driver_of(info, resolution, row)
                prior = earlier.get(driver)
                if driver in names or prior is None or prior.time is None or row.time is None:
                    continue
                implied = row.time - prior.time - awarded(record, category, before, stage)
                if slowest.time is not None and implied < slowest.time:
                    yield Problem(
                        "general-time-mismatch",
                        f"{category}: the general classification times of {who(resolution, driver)} after stage {before} "
                        f"({format_duration(prior.time)}, line {prior.line}) and after stage {stage} ({format_duration(row.time)}, "
                        f"line {row.line}) imply a stage-{stage} time of {format_duration(implied)}, faster than the "
                        f"{ordinal(slowest.position)} of stage {stage} ({format_duration(slowest.time)}, line {slowest.line}), "
                        "yet the stage result does not list this crew",
                        record.path,
                        row.line,
                        (driver,),
                    )


def likely_causes(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem naming a general-classification time as the likely wrong cell when one other value of it
    would make several figures on other lines add up (the gaps printed against it, the sums before and after it)
    and no figure agrees with the value printed."""
    record = info.record
    tables = by_classification(record)
    for category in sorted({c for c, _, k in tables if k == "general"}):
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        general = {s: {driver_of(info, resolution, r): r for r in tables[(category, s, "general")]} for s in stages}
        ran = {s: {driver_of(info, resolution, r): r for r in tables.get((category, s, "stage"), [])} for s in stages}
        for index, stage in enumerate(stages):
            rows = tables[(category, stage, "general")]
            leaders = [r for r in rows if r.position == 1 and r.time is not None]
            for row in rows:
                if row.time is None:
                    continue
                driver = driver_of(info, resolution, row)
                implied: list[tuple[int, int]] = []  # (value the figure implies for this cell, line of the figure)
                if leaders == [row]:
                    implied += [
                        (o.time - o.gap, o.line)
                        for o in rows
                        if o is not row and o.time is not None and o.gap is not None and not o.inherited
                    ]
                elif len(leaders) == 1 and row.gap is not None and leaders[0].time is not None:
                    implied.append((leaders[0].time + row.gap, row.line))
                if index > 0:
                    before = stages[index - 1]
                    prior, this = general[before].get(driver), ran[stage].get(driver)
                    if prior and this and prior.time is not None and this.time is not None:
                        implied.append((prior.time + this.time + awarded(record, category, before, stage), row.line))
                if index + 1 < len(stages):
                    after = stages[index + 1]
                    later, that = general[after].get(driver), ran[after].get(driver)
                    if later and that and later.time is not None and that.time is not None:
                        implied.append((later.time - that.time - awarded(record, category, stage, after), later.line))
                values = {value for value, _ in implied}
                lines = sorted({line for _, line in implied})
                if len(implied) < 2 or len(values) != 1 or row.time in values or lines == [row.line]:
                    continue
                value = values.pop()
                yield Problem(
                    "likely-cause",
                    f"{category} general classification after stage {stage}: {who(resolution, driver)}'s time "
                    f"{format_duration(row.time)} is likely the wrong cell: {format_duration(value)} would make "
                    f"{len(implied)} figures add up (lines {', '.join(str(n) for n in lines)})",
                    record.path,
                    row.line,
                    (driver,),
                )
