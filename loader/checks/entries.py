"""Checks of the entries: a race number given twice, an entry given two makes or two crews, a penalty stated
differently."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from loader.checks.common import who
from loader.errors import Problem
from loader.resolve.model import EditionInfo, Resolution


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
                f"{who(resolution, driver)} is given several race numbers: {numbers}",
                path,
                max(min(v) for v in entry.numbers.values()),
            )
    for number, drivers in sorted(holders.items()):
        if len(drivers) > 1:
            drivers.sort(key=lambda item: item[1])
            named = " and to ".join(f"{who(resolution, d)} (line {line})" for d, line in drivers)
            yield Problem(
                "race-number-conflict",
                f"race number {number} is given to {named}",
                path,
                drivers[-1][1],
                tuple(d for d, _ in drivers),
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
                f"{category} entry of {who(resolution, driver)} is given several makes: {makes}",
                info.record.path,
                max(min(v) for v in entry.makes.values()),
            )
        full = tuple(entry.crew)
        for crew, lines in entry.crew_lines.items():
            if crew != full[: len(crew)]:
                yield Problem(
                    "crew-conflict",
                    f"{category} entry of {who(resolution, driver)}: crew {' / '.join(who(resolution, p) for p in crew)} "
                    f"differs from {' / '.join(who(resolution, p) for p in full)}",
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
                f"the penalty of {who(resolution, penalty.person)}{on_stage} is stated differently: {where}",
                info.record.path,
                max(s.line for s in penalty.statements),
                (penalty.person,),
            )
