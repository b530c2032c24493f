"""Plain records extracted from an article, each carrying the source line it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Mention:
    """A person as the source writes them: name, country code (as written, may be None), line."""

    name: str
    code: str | None
    line: int


@dataclass(frozen=True)
class TownRef:
    """A town as the source writes it, with its country code(s); `disputed` marks a code written 'MAR/'."""

    name: str
    codes: tuple[str, ...]
    disputed: bool
    line: int


@dataclass(frozen=True)
class WinnerCell:
    """One category's cell of the stage table: the winners named, or a cancellation."""

    category: str
    people: tuple[Mention, ...]
    cancelled: bool
    text: str


@dataclass(frozen=True)
class StageRecord:
    """A row of the stage table."""

    number: int
    day: date
    start: TownRef
    finish: TownRef
    loop: bool
    distance_km: float | None
    winners: tuple[WinnerCell, ...]
    line: int


@dataclass(frozen=True)
class RestDayRecord:
    """A rest-day row of the stage table."""

    day: date
    town: TownRef
    line: int


@dataclass(frozen=True)
class NoteRecord:
    """A note printed under the stage table."""

    text: str
    line: int


@dataclass(frozen=True)
class EntryRecord:
    """A line of an entry list: race number and name under a make heading."""

    category: str
    make: str
    number: int
    name: str
    line: int


@dataclass(frozen=True)
class ResultRecord:
    """A line of a stage result or of the general classification after a stage."""

    category: str
    stage: int
    kind: str  # "stage" or "general"
    position: int
    crew: tuple[Mention, ...]
    make: str
    time: int | None
    gap: int | None
    inherited: bool  # position/time/gap taken from the row above (a tie printed with missing cells)
    line: int


@dataclass(frozen=True)
class CancellationRecord:
    """A stage cancelled for one category, with the reason printed beside it."""

    category: str
    stage: int
    reason: str
    line: int


@dataclass(frozen=True)
class StandingRecord:
    """A line of a category's final standings."""

    category: str
    position: int
    number: int | None
    crew: tuple[Mention, ...]
    vehicle: str
    entrant: str | None
    time: int | None
    gap: int | None
    line: int


@dataclass(frozen=True)
class InfoboxWinner:
    """A category winner as the infobox gives it."""

    category: str
    crew: tuple[Mention, ...]
    team: str | None
    line: int


@dataclass(frozen=True)
class FormatIssue:
    """A flaw of form the extractor worked around (stray characters, a missing space); reported."""

    code: str
    message: str
    line: int


@dataclass(frozen=True)
class EditionRecord:
    """Everything extracted from one article."""

    path: str
    source_name: str
    title: str
    name: str
    title_line: int
    year: int
    series_name: str
    previous: tuple[str, int] | None
    next: tuple[str, int] | None
    edition_number: tuple[int, int] | None
    stated_length: tuple[str, float, int] | None
    route_codes: tuple[tuple[str, int], ...]
    prose: tuple[tuple[str, int], ...]
    categories: tuple[str, ...]
    stages: tuple[StageRecord, ...]
    rest_days: tuple[RestDayRecord, ...]
    notes: tuple[NoteRecord, ...]
    entries: tuple[EntryRecord, ...]
    results: tuple[ResultRecord, ...]
    cancellations: tuple[CancellationRecord, ...]
    standings: tuple[StandingRecord, ...]
    infobox_winners: tuple[InfoboxWinner, ...]
    issues: tuple[FormatIssue, ...]
    lines: tuple[str, ...]
