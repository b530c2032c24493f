"""Cross-checks of the source: what does not add up is reported as a Problem, never corrected."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from loader.errors import Problem
from loader.parsing import format_duration
from loader.records import EditionRecord, ResultRecord
from loader.resolve import EditionInfo, Resolution
from vocabulary.iris import category_slug

Check = Callable[[EditionInfo, Resolution], Iterator[Problem]]


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th…

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _who(resolution: Resolution, driver: str) -> str:
    return resolution.person_label(driver)


def race_numbers(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each race number given to two different entries, and each entry with two numbers."""
    path = info.record.path
    holders: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for (edition, _category, driver), entry in sorted(resolution.entries.items()):
        if edition != info.slug:
            continue
        for number, lines in entry.numbers.items():
            holders[number].append((driver, min(lines)))
        if len(entry.numbers) > 1:
            numbers = ", ".join(f"{n} (line {min(lines)})" for n, lines in sorted(entry.numbers.items()))
            yield Problem(
                "entry-number-conflict",
                f"{_who(resolution, driver)} is given several race numbers: {numbers}",
                path,
                max(min(v) for v in entry.numbers.values()),
            )
    for number, drivers in sorted(holders.items()):
        if len(drivers) > 1:
            drivers.sort(key=lambda item: item[1])
            named = " and to ".join(f"{_who(resolution, d)} (line {line})" for d, line in drivers)
            yield Problem(
                "race-number-conflict",
                f"race number {number} is given to {named}",
                path,
                drivers[-1][1],
                tuple(d for d, _ in drivers),
            )


def _by_classification(record: EditionRecord) -> dict[tuple[str, int, str], list[ResultRecord]]:
    tables: dict[tuple[str, int, str], list[ResultRecord]] = defaultdict(list)
    for result in record.results:
        tables[(category_slug(result.category), result.stage, result.kind)].append(result)
    return tables


def awarded(record: EditionRecord, category: str, after: int, before: int | None = None) -> int:
    """Return the seconds a category was awarded on stages without contest after stage `after` (and before `before`)."""
    return sum(
        found.awarded or 0
        for found in record.no_contests
        if category_slug(found.category) == category and after < found.stage and (before is None or found.stage < before)
    )


def gaps(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each printed gap that is not the time minus the leader's time."""
    for (category, stage, kind), rows in sorted(_by_classification(info.record).items()):
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
                    f"{category} {what}: {_who(resolution, resolution.person(info.record, category, row.crew[0]).slug)} "
                    f"has gap {format_duration(row.gap)} but {format_duration(row.time)} - {format_duration(leader.time)} = {format_duration(expected)}",
                    info.record.path,
                    row.line,
                )


def general_times(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each GC time that is not the previous GC time plus the stage time."""
    record = info.record
    tables = _by_classification(record)
    by_category: dict[str, list[int]] = defaultdict(list)
    for category, stage, kind in tables:
        if kind == "general":
            by_category[category].append(stage)
    for category, stages in sorted(by_category.items()):
        stages.sort()
        history: dict[str, ResultRecord] = {}  # each driver's latest general-classification row before the stage
        for before, stage in zip([None, *stages], stages):
            stage_rows = {_driver(info, resolution, r): r for r in tables.get((category, stage, "stage"), [])}
            previous = {_driver(info, resolution, r): r for r in tables.get((category, before, "general"), [])} if before else {}
            if before is not None:
                history.update(previous)
            for row in tables[(category, stage, "general")]:
                driver = _driver(info, resolution, row)
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
                    f"{category} general classification after stage {stage}: {_who(resolution, driver)} has "
                    f"{format_duration(row.time)}, not {sum_text} = {format_duration(expected)}{hint}",
                    record.path,
                    row.line,
                    (driver,),
                )


def implied_stage_times(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where two GC times imply a stage time faster than the stage's listed results, for a
    crew not listed among them (so one of the GC times cannot be right)."""
    record = info.record
    tables = _by_classification(record)
    for category in sorted({c for c, _, k in tables if k == "general"}):
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        for before, stage in zip(stages, stages[1:]):
            listed = tables.get((category, stage, "stage"), [])
            timed = [r for r in listed if r.time is not None]
            if not timed:
                continue
            slowest = max(timed, key=lambda r: r.time or 0)
            names = {_driver(info, resolution, r) for r in listed}
            earlier = {_driver(info, resolution, r): r for r in tables[(category, before, "general")]}
            for row in tables[(category, stage, "general")]:
                driver = _driver(info, resolution, row)
                prior = earlier.get(driver)
                if driver in names or prior is None or prior.time is None or row.time is None:
                    continue
                implied = row.time - prior.time - awarded(record, category, before, stage)
                if slowest.time is not None and implied < slowest.time:
                    yield Problem(
                        "general-time-mismatch",
                        f"{category}: the general classification times of {_who(resolution, driver)} after stage {before} "
                        f"({format_duration(prior.time)}, line {prior.line}) and after stage {stage} ({format_duration(row.time)}, "
                        f"line {row.line}) imply a stage-{stage} time of {format_duration(implied)}, faster than the "
                        f"{ordinal(slowest.position)} of stage {stage} ({format_duration(slowest.time)}, line {slowest.line}), "
                        "yet the stage result does not list this crew",
                        record.path,
                        row.line,
                        (driver,),
                    )


def _driver(info: EditionInfo, resolution: Resolution, row: ResultRecord) -> str:
    return resolution.person(info.record, row.category, row.crew[0]).slug


def final_standings(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield problems where the final standings disagree with the general classification after the last stage."""
    record = info.record
    tables = _by_classification(record)
    for standing in record.standings:
        category = category_slug(standing.category)
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        if not stages:
            continue
        last = stages[-1]
        rows = tables[(category, last, "general")]
        driver = resolution.person(record, standing.category, standing.crew[0]).slug
        leader = next((r for r in rows if r.position == 1), None)
        row = next((r for r in rows if _driver(info, resolution, r) == driver), None)
        if row is None or leader is None or leader.time is None:
            continue
        if standing.position != row.position:
            yield Problem(
                "standing-mismatch",
                f"{category}: {_who(resolution, driver)} is {standing.position} in the final standings (line {standing.line}) but {row.position} after stage {last} (line {row.line})",
                record.path,
                standing.line,
            )
        if standing.gap is not None and row.time is not None and standing.gap != row.time - leader.time:
            yield Problem(
                "standing-mismatch",
                f"{category}: final gap of {_who(resolution, driver)} {format_duration(standing.gap)} (line {standing.line}) is not {format_duration(row.time)} - {format_duration(leader.time)} = {format_duration(row.time - leader.time)} (line {row.line})",
                record.path,
                standing.line,
            )
        extra = awarded(record, category, last)
        if standing.time is not None and row.time is not None and standing.time != row.time + extra:
            given = f" plus the {format_duration(extra)} awarded after it" if extra else ""
            yield Problem(
                "standing-mismatch",
                f"{category}: final time of {_who(resolution, driver)} {format_duration(standing.time)} (line {standing.line}) is not the time after stage {last}, {format_duration(row.time)} (line {row.line}){given}",
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
    tables = _by_classification(record)
    for stage in record.stages:
        for cell in stage.winners:
            category = category_slug(cell.category)
            rows = tables.get((category, stage.number, "stage"))
            if cell.marker or not rows:
                continue
            listed = {resolution.person(record, cell.category, m).slug for m in cell.people}
            first = {_driver(info, resolution, r) for r in rows if r.position == 1}
            if listed != first:
                yield Problem(
                    "winner-mismatch",
                    f"stage {stage.number} {category}: the stage table names {', '.join(sorted(_who(resolution, d) for d in listed)) or 'nobody'} "
                    f"but the results table puts {', '.join(sorted(_who(resolution, d) for d in first))} first (line {rows[0].line})",
                    record.path,
                    stage.line,
                )


def cancellations(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem where the stage table and the results table disagree on a cancellation."""
    record = info.record
    tables = _by_classification(record)
    in_results = {(category_slug(c.category), c.stage) for c in record.markers}
    for stage in record.stages:
        for cell in stage.winners:
            key = (category_slug(cell.category), stage.number)
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
        category = category_slug(winner.category)
        first = [s for s in record.standings if category_slug(s.category) == category and s.position == 1]
        if not first or not winner.crew:
            continue
        named = resolution.person(record, winner.category, winner.crew[0]).slug
        standing = resolution.person(record, first[0].category, first[0].crew[0]).slug
        if named != standing:
            yield Problem(
                "winner-mismatch",
                f"the infobox names {_who(resolution, named)} winner of {category} but the final standings put {_who(resolution, standing)} first (line {first[0].line})",
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


def entries(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for an entry given two makes or two different crews."""
    for (edition, category, driver), entry in sorted(resolution.entries.items()):
        if edition != info.slug:
            continue
        if len(entry.makes) > 1:
            makes = ", ".join(f"{m} (line {min(lines)})" for m, lines in sorted(entry.makes.items()))
            yield Problem(
                "make-conflict",
                f"{category} entry of {_who(resolution, driver)} is given several makes: {makes}",
                info.record.path,
                max(min(v) for v in entry.makes.values()),
            )
        full = tuple(entry.crew)
        for crew, lines in entry.crew_lines.items():
            if crew != full[: len(crew)]:
                yield Problem(
                    "crew-conflict",
                    f"{category} entry of {_who(resolution, driver)}: crew {' / '.join(_who(resolution, p) for p in crew)} "
                    f"differs from {' / '.join(_who(resolution, p) for p in full)}",
                    info.record.path,
                    min(lines),
                )


def penalties(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each penalty whose sentences state different durations."""
    for penalty in info.penalties:
        amounts = {s.seconds for s in penalty.statements if s.seconds is not None}
        if len(amounts) > 1:
            where = ", ".join(f"{s.wording} (line {s.line})" for s in penalty.statements if s.wording)
            on_stage = f" on stage {penalty.stage}" if penalty.stage else ""
            yield Problem(
                "penalty-mismatch",
                f"the penalty of {_who(resolution, penalty.person)}{on_stage} is stated differently: {where}",
                info.record.path,
                max(s.line for s in penalty.statements),
                (penalty.person,),
            )


def duplicate_results(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem for each crew listed twice in one classification."""
    for (category, stage, kind), rows in sorted(_by_classification(info.record).items()):
        seen: set[str] = set()
        for row in rows:
            driver = _driver(info, resolution, row)
            if driver in seen:
                what = "stage result" if kind == "stage" else "general classification"
                yield Problem(
                    "duplicate-result",
                    f"{_who(resolution, driver)} appears twice in the {category} {what} of stage {stage}",
                    info.record.path,
                    row.line,
                )
            seen.add(driver)


def likely_causes(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield a problem naming a general-classification time as the likely wrong cell when one other value of it
    would make several figures on other lines add up (the gaps printed against it, the sums before and after it)
    and no figure agrees with the value printed."""
    record = info.record
    tables = _by_classification(record)
    for category in sorted({c for c, _, k in tables if k == "general"}):
        stages = sorted(s for c, s, k in tables if c == category and k == "general")
        general = {s: {_driver(info, resolution, r): r for r in tables[(category, s, "general")]} for s in stages}
        ran = {s: {_driver(info, resolution, r): r for r in tables.get((category, s, "stage"), [])} for s in stages}
        for index, stage in enumerate(stages):
            rows = tables[(category, stage, "general")]
            leaders = [r for r in rows if r.position == 1 and r.time is not None]
            for row in rows:
                if row.time is None:
                    continue
                driver = _driver(info, resolution, row)
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
                    f"{category} general classification after stage {stage}: {_who(resolution, driver)}'s time "
                    f"{format_duration(row.time)} is likely the wrong cell: {format_duration(value)} would make "
                    f"{len(implied)} figures add up (lines {', '.join(str(n) for n in lines)})",
                    record.path,
                    row.line,
                    (driver,),
                )


CHECKS: tuple[Check, ...] = (
    race_numbers,
    general_times,
    implied_stage_times,
    gaps,
    final_standings,
    stage_winners,
    cancellations,
    infobox_winners,
    entries,
    distance,
    penalties,
    duplicate_results,
    likely_causes,
)


def check_all(resolution: Resolution) -> list[Problem]:
    """Return the problems every check finds in every edition, in source order."""
    found = [problem for info in resolution.editions for check in CHECKS for problem in check(info, resolution)]
    return sorted(found, key=lambda p: (p.path, p.line or 0, p.code))
