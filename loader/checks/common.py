"""What the checks share: how a check is called, who a driver is, the tables of one edition by classification."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from loader.errors import Problem
from loader.records import EditionRecord, ResultRecord
from loader.resolve.model import EditionInfo, Resolution

Check = Callable[[EditionInfo, Resolution], Iterator[Problem]]  # the problems one check finds in one edition


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th…

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def who(resolution: Resolution, driver: str) -> str:
    """Return how messages name a person (by slug): the preferred label."""
    return resolution.person_label(driver)


def driver_of(info: EditionInfo, resolution: Resolution, row: ResultRecord) -> str:
    """Return the slug of the driver of a results row (the crew's first member)."""
    return resolution.person(info.record, row.category_slug, row.crew[0]).slug


def by_classification(record: EditionRecord) -> dict[tuple[str, int, str], list[ResultRecord]]:
    """Return an edition's results rows by (category slug, stage, "stage" or "general")."""
    tables: dict[tuple[str, int, str], list[ResultRecord]] = defaultdict(list)
    for result in record.results:
        tables[(result.category_slug, result.stage, result.kind)].append(result)
    return tables


def awarded(record: EditionRecord, category: str, after: int, before: int | None = None) -> int:
    """Return the seconds a category was awarded on stages without contest after stage `after` (and before `before`)."""
    return sum(
        found.awarded or 0
        for found in record.no_contests
        if found.category_slug == category and after < found.stage and (before is None or found.stage < before)
    )
