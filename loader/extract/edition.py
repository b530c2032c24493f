"""One article's records: the infobox, prose, and every table and list the article holds, in one EditionRecord."""

from __future__ import annotations

import re
from pathlib import PurePath

from loader.article import Article, Bullet, Paragraph, Table
from loader.errors import SourceError
from loader.extract.bullets import extract_bullets
from loader.extract.cells import parse_crew
from loader.extract.no_contests import no_contests_and_notes
from loader.extract.prose import extract_penalties
from loader.extract.results import extract_results, is_results_table
from loader.extract.stages import extract_stage_table, is_stage_table
from loader.extract.standings import extract_standings, is_standings_table
from loader.parsing import find_edition_number, find_length
from loader.records import (
    Coverage,
    EditionRecord,
    EntryRecord,
    FormatIssue,
    InfoboxWinner,
    MarkerRecord,
    Mention,
    NoteRecord,
    RestDayRecord,
    ResultRecord,
    StageRecord,
    StandingRecord,
)

_YEAR = re.compile(r"^([0-9]{4})\s+(.+)$")


# Issues that mean part of a row could not be loaded: the row counts as reported, not loaded.
ROW_NOT_LOADED = frozenset(
    {
        "missing-general",
        "short-row",
        "missing-winner",
        "unclear-marker",
        "empty-name",
        "unknown-column",
        "implausible-number",
        "duplicate-stage",
    }
)


def extract_edition(article: Article) -> EditionRecord:
    """Return all the records of one article; raise SourceError where the format is broken."""
    path = article.path
    last_line = max((n for n, line in enumerate(article.lines, 1) if line.strip()), default=0)
    issues: list[FormatIssue] = []
    name = article.infobox_name or article.title
    year_match = _YEAR.match(name) or _YEAR.match(article.title)
    if not year_match:
        raise SourceError(path, article.title_line, f"expected the edition's year at the start of the title, found {name!r}")
    year = int(year_match.group(1))
    series_name = year_match.group(2).strip()

    def round_of(key: str) -> tuple[str, int] | None:
        item = article.field(key)
        return (item.value, item.line) if item and item.value else None

    prose = tuple((p.text, p.line) for p in article.lead)
    lead_text = [(p.text, p.line) for p in article.lead]
    edition_number = next(((n, line) for text, line in lead_text if (n := find_edition_number(text))), None)
    stated = next(((found[0], found[1], line) for text, line in lead_text if (found := find_length(text))), None)
    country_field = article.field("Country")
    route_codes = (
        tuple((part.strip().lstrip("/").strip(), country_field.line) for part in country_field.value.split(","))
        if country_field
        else ()
    )

    categories: tuple[str, ...] = ()
    stages: list[StageRecord] = []
    rest_days: list[RestDayRecord] = []
    notes: list[NoteRecord] = []
    entries: list[EntryRecord] = []
    results: list[ResultRecord] = []
    markers: list[MarkerRecord] = []
    standings: list[StandingRecord] = []
    row_lines: set[int] = set()
    reported: set[int] = set()
    stage_table_seen = False
    for section in article.sections:
        tables = [b for b in section.blocks if isinstance(b, Table)]
        bullets = [b for b in section.blocks if isinstance(b, Bullet)]
        paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
        prose += tuple((p.text, p.line) for p in paragraphs)
        for table in tables:
            row_lines.update(row.line for row in table.rows)
            if is_stage_table(table):
                if stage_table_seen:
                    raise SourceError(path, table.line, "a second stage table")
                stage_table_seen = True
                categories, found_stages, found_rest = extract_stage_table(table, year, path, issues)
                stages.extend(found_stages)
                rest_days.extend(found_rest)
            elif is_results_table(table):
                results_found, said = extract_results(table, section.title, path, last_line, issues)
                results.extend(results_found)
                markers.extend(said)
            elif is_standings_table(table):
                standings.extend(extract_standings(table, section.title, path, issues))
            else:
                issues.append(
                    FormatIssue("unknown-table", f"a table not understood, ignored (header {table.rows[0].cells!r})", table.line)
                )
                reported.update(row.line for row in table.rows)
        if bullets:
            found_notes, found_entries = extract_bullets(bullets, issues)
            notes.extend(found_notes)
            entries.extend(found_entries)
    if not stage_table_seen:
        raise SourceError(path, article.title_line, "no stage table found (a table whose header names Stage, Date and From)")
    if not stages:
        raise SourceError(path, article.title_line, "the stage table has no stages")
    reported.update(issue.line for issue in issues if issue.code in ROW_NOT_LOADED and issue.line in row_lines)

    winners: list[InfoboxWinner] = []
    for item in article.infobox:
        match = re.fullmatch(r"category\s*([0-9]+)", item.key, re.IGNORECASE)
        if not match:
            continue
        index = match.group(1)
        driver = article.field(f"Driver{index}")
        team = article.field(f"Team{index}")
        crew: tuple[Mention, ...] = ()
        if driver:
            crew = tuple(m for part in driver.value.split(",") for m in parse_crew(part, driver.line, issues))
        winners.append(InfoboxWinner(item.value, crew, team.value if team else None, item.line))

    no_contests, stage_notes = no_contests_and_notes(stages, markers, notes)
    last_stage = max((s.number for s in stages), default=None)
    penalties = extract_penalties([*prose, *((n.text, n.line) for n in notes)], last_stage)
    return EditionRecord(
        path=path,
        source_name=PurePath(path).name,
        title=article.title,
        name=name,
        title_line=article.title_line,
        year=year,
        series_name=series_name,
        previous=round_of("Previous Round"),
        next=round_of("Next Round"),
        edition_number=edition_number,
        stated_length=stated,
        route_codes=route_codes,
        prose=prose,
        categories=categories,
        stages=tuple(stages),
        rest_days=tuple(rest_days),
        notes=tuple(notes),
        entries=tuple(entries),
        results=tuple(results),
        markers=tuple(markers),
        no_contests=tuple(no_contests),
        stage_notes=tuple(stage_notes),
        penalties=tuple(penalties),
        standings=tuple(standings),
        infobox_winners=tuple(winners),
        issues=tuple(issues),
        coverage=Coverage(len(row_lines), tuple(sorted(reported))),
        lines=article.lines,
    )
