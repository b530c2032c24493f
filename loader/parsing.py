"""Small parsers for the cells of a rally article: durations, dates, numbers, lengths."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_DURATION = re.compile(r"^\+?([0-9]+):([0-5][0-9])(?::([0-5][0-9]))?$")
_DAY_MONTH = re.compile(r"^([0-9]{1,2})\s+([A-Za-z]+)$")


def is_duration(text: str) -> bool:
    """Return whether a cell reads as a time or gap (h:mm:ss or mm:ss, optionally '+').

    >>> is_duration("1:16:01"), is_duration("+25:10"), is_duration("KTM")
    (True, True, False)
    """
    return bool(_DURATION.match(text.strip()))


def parse_duration(text: str) -> int:
    """Return the seconds of a time printed as h:mm:ss or mm:ss (a leading '+' marks a gap).

    >>> parse_duration("3:37")
    217
    >>> parse_duration("70:01:08")
    252068
    >>> parse_duration("+1:02:44")
    3764
    """
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(f"not a time of the form h:mm:ss or mm:ss: {text!r}")
    first, second, third = match.groups()
    if third is None:
        return int(first) * 60 + int(second)
    return int(first) * 3600 + int(second) * 60 + int(third)


def format_duration(seconds: int) -> str:
    """Return seconds as h:mm:ss, the way the article prints long times.

    >>> format_duration(252068)
    '70:01:08'
    >>> format_duration(217)
    '0:03:37'
    >>> format_duration(-23702)
    '-6:35:02'
    """
    if seconds < 0:
        return "-" + format_duration(-seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def xsd_duration(seconds: int) -> str:
    """Return seconds as an xsd:duration lexical form.

    >>> xsd_duration(252068)
    'PT70H1M8S'
    >>> xsd_duration(0)
    'PT0S'
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    return "PT" + (parts or "0S")


def parse_day_month(text: str) -> tuple[int, int]:
    """Return (day, month) of a date printed without a year, such as '11 January'.

    >>> parse_day_month("11 January")
    (11, 1)
    """
    match = _DAY_MONTH.match(text.strip())
    if not match or match.group(2).lower() not in MONTHS:
        raise ValueError(f"not a date of the form '1 January': {text!r}")
    day, month = int(match.group(1)), MONTHS[match.group(2).lower()]
    date(2000, month, day)  # raises ValueError for 31 February and the like (2000 is a leap year)
    return day, month


def dates_in_year(days: list[tuple[int, int]], year: int) -> list[date]:
    """Return dates for (day, month) pairs of an edition named by `year`, in itinerary order.

    December days before the January ones belong to the year before.

    >>> dates_in_year([(30, 12), (31, 12), (1, 1)], 2005)
    [datetime.date(2004, 12, 30), datetime.date(2004, 12, 31), datetime.date(2005, 1, 1)]
    >>> dates_in_year([(1, 1), (21, 1)], 2001)
    [datetime.date(2001, 1, 1), datetime.date(2001, 1, 21)]
    """
    wraps = sum(1 for before, after in zip(days, days[1:]) if after[1] < before[1])
    current = year - wraps
    result: list[date] = []
    for index, (day, month) in enumerate(days):
        if index and month < days[index - 1][1]:
            current += 1
        try:
            result.append(date(current, month, day))
        except ValueError as error:
            raise DayError(index, f"{day} {month_name(month)} {current} is not a date: {error}") from None
    return result


class DayError(ValueError):
    """A day and month that make no date in the year they fall in (29 February of a year that is not a leap year)."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def month_name(month: int) -> str:
    """Return a month's English name.

    >>> month_name(2)
    'February'
    """
    return list(MONTHS)[month - 1].capitalize()


def is_integer(text: str) -> bool:
    """Return whether a cell is a whole number written with ASCII digits (not '²' or '①').

    >>> is_integer("07"), is_integer("²"), is_integer("①"), is_integer("")
    (True, False, False, False)
    """
    return bool(re.fullmatch(r"[0-9]+", text))


# What a rally can hold: a number outside these bounds is a misprint, reported, never loaded.
BOUNDS = {
    "stage number": (0, 99),
    "position": (1, 9999),
    "race number": (0, 9999),
    "distance": (0, 5000),  # km of one stage
    "time": (0, 1000 * 3600),  # seconds: a thousand hours
}


def within(kind: str, value: float) -> bool:
    """Return whether a value is one a rally can hold (see BOUNDS).

    >>> within("stage number", 20), within("stage number", 10**400), within("distance", float("inf"))
    (True, False, False)
    """
    low, high = BOUNDS[kind]
    return low <= value <= high


def shown(text: str, limit: int = 20) -> str:
    """Return a cell as a message shows it, cut when long.

    >>> shown("1" * 30)
    '11111111111111111111… (30 characters)'
    """
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def parse_integer(text: str) -> int:
    """Return the integer of a cell such as '916' or '1,234'.

    >>> parse_integer("1,234")
    1234
    """
    cleaned = text.strip().replace(",", "")
    if not is_integer(cleaned):
        raise ValueError(f"not a whole number: {text!r}")
    return int(cleaned)


_LENGTH = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(miles|mi|kilometres|kilometers|km)\b", re.IGNORECASE)
KM_PER_MILE = 1.609344


def find_length(text: str) -> tuple[str, float] | None:
    """Return the first length stated in prose, as (wording, kilometres).

    >>> find_length("The 2001 rally was 6600 miles long and began in Paris")
    ('6600 miles', 10621.6704)
    >>> find_length("no length here") is None
    True
    """
    match = _LENGTH.search(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2).lower()
    km = value * KM_PER_MILE if unit in ("miles", "mi") else value
    return match.group(0), round(km, 4)


_ORDINAL = re.compile(r"\b([0-9]+)(?:st|nd|rd|th)\s+(?:running|edition)\b", re.IGNORECASE)


def find_edition_number(text: str) -> int | None:
    """Return the edition's ordinal when prose states it ('the 23rd running of').

    >>> find_edition_number("was the 23rd running of the Dakar Rally event")
    23
    """
    match = _ORDINAL.search(text)
    return int(match.group(1)) if match else None
