"""Plain records extracted from an article, each carrying the source line it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from vocabulary.iris import category_slug


class InCategory:
    """A record of one category: `category` is the name as the source writes it ("Bikes", "Motorcycles")."""

    category: str

    @cached_property
    def category_slug(self) -> str:
        """Return the slug of the category (one category however the source names it), computed once per record."""
        return category_slug(self.category)


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
class WinnerCell(InCategory):
    """One category's cell of the stage table: the winners named, or a marker saying why there are none."""

    category: str
    people: tuple[Mention, ...]
    marker: str | None  # what a cell without names says: "cancelled", "neutralised" or "liaison"
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
class EntryRecord(InCategory):
    """A line of an entry list: race number and name under a make heading."""

    category: str
    make: str
    number: int
    name: str
    line: int


@dataclass(frozen=True)
class ResultRecord(InCategory):
    """A line of a stage result or of the general classification after a stage."""

    category: str
    stage: int
    kind: str  # "stage" or "general"
    position: int
    crew: tuple[Mention, ...]
    make: str
    time: int | None
    gap: int | None
    inherited: tuple[str, ...]  # the fields taken from the row above ("position", "time", "gap"): a tie printed once
    line: int


@dataclass(frozen=True)
class MarkerRecord(InCategory):
    """A results-table row saying that a stage had no contest for the table's category ("Stage cancelled due to ...")."""

    category: str
    stage: int
    kind: str  # "cancelled", "neutralised" or "liaison"
    text: str
    line: int


@dataclass(frozen=True)
class NoContestRecord(InCategory):
    """A stage without a contest for one category, from every place the source says so: kind, markers, reasons."""

    category: str
    stage: int
    kind: str  # "cancelled" when any marker says so, else "neutralised" when one says so, else "liaison"
    markers: tuple[str, ...]  # the texts printed in the tables
    reasons: tuple[tuple[str, int], ...]  # (reason as stated, line)
    awarded: int | None  # seconds every competitor was awarded, when a note says so
    lines: tuple[int, ...]


@dataclass(frozen=True)
class StageNote:
    """A note printed under the stage table, with the stages it concerns (none: it concerns the edition)."""

    text: str
    stages: tuple[int, ...]
    line: int


@dataclass(frozen=True)
class PenaltyStatement:
    """A penalty as one sentence states it: names as written, time, reason and stage where stated."""

    names: tuple[str, ...]  # capitalised name sequences of the sentence, resolved later
    seconds: int | None
    wording: str | None
    reason: str | None
    stage: int | None
    stage_wording: str | None
    text: str
    line: int


@dataclass(frozen=True)
class StandingRecord(InCategory):
    """A line of a category's final standings."""

    category: str
    position: int
    number: int | None
    crew: tuple[Mention, ...]
    roles: tuple[str, ...]  # per crew member, from the column header: "driver", "codriver" or "further"
    vehicle: str
    entrant: str | None
    time: int | None
    gap: int | None
    line: int


@dataclass(frozen=True)
class InfoboxWinner(InCategory):
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
class Coverage:
    """How much of an article's tables was read: every table row, and the rows reported as not wholly loaded."""

    rows: int
    reported: tuple[int, ...]  # lines of rows with a part that could not be loaded (a source problem says what)

    @property
    def loaded(self) -> int:
        """Return the number of rows loaded whole."""
        return self.rows - len(self.reported)


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
    markers: tuple[MarkerRecord, ...]
    no_contests: tuple[NoContestRecord, ...]
    stage_notes: tuple[StageNote, ...]
    penalties: tuple[PenaltyStatement, ...]
    standings: tuple[StandingRecord, ...]
    infobox_winners: tuple[InfoboxWinner, ...]
    issues: tuple[FormatIssue, ...]
    coverage: Coverage
    lines: tuple[str, ...]
