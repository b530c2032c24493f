"""An edition's entries (crew in their roles, race numbers, makes, entrants), its penalties (one per person and
stage) and its notes with the stages they concern."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from loader.records import Mention, StageNote
from loader.resolve.model import EditionInfo, EntryInfo, PenaltyInfo, Resolution, unique
from vocabulary.text import fold


def collect_entries(info: EditionInfo, resolution: Resolution) -> None:
    """Gather the edition's entries (edition, category, driver) from every table and list that names a crew."""
    edition = info.record

    def entry_for(slug: str, crew: Sequence[Mention]) -> EntryInfo:
        driver = resolution.person(edition, slug, crew[0]).slug
        key = (info.slug, slug, driver)
        if key not in resolution.entries:
            resolution.entries[key] = EntryInfo(info.slug, slug, driver)
        return resolution.entries[key]

    def note_crew(entry: EntryInfo, category: str, crew: Sequence[Mention], line: int) -> None:
        slugs = tuple(resolution.person(edition, category, m).slug for m in crew)
        entry.crew_lines[slugs].add(line)
        entry.lines.add(line)
        if len(slugs) > len(entry.crew) and list(slugs[: len(entry.crew)]) == entry.crew:
            entry.crew = list(slugs)

    for record in edition.entries:
        mention = Mention(record.name, None, record.line)
        entry = entry_for(record.category_slug, [mention])
        note_crew(entry, record.category_slug, [mention], record.line)
        entry.numbers[record.number].add(record.line)
        if record.make:
            entry.makes[resolution.maker(record.make)[0].slug].add(record.line)
    for result in edition.results:
        entry = entry_for(result.category_slug, result.crew)
        note_crew(entry, result.category_slug, result.crew, result.line)
        entry.makes[resolution.maker(result.make)[0].slug].add(result.line)
    for standing in edition.standings:
        entry = entry_for(standing.category_slug, standing.crew)
        note_crew(entry, standing.category_slug, standing.crew, standing.line)
        for member, role in zip(standing.crew, standing.roles):
            entry.roles.setdefault(resolution.person(edition, standing.category_slug, member).slug, role)
        if standing.number is not None:
            entry.numbers[standing.number].add(standing.line)
        if standing.vehicle:
            maker, model = resolution.maker(standing.vehicle)
            entry.makes[maker.slug].add(standing.line)
            if model:
                entry.models[model].add(standing.line)
        if standing.entrant:
            entry.entrants[resolution.entrants.cluster_of(standing.entrant).slug].add(standing.line)
    for winner in edition.infobox_winners:
        if winner.crew:
            entry = entry_for(winner.category_slug, winner.crew)
            note_crew(entry, winner.category_slug, winner.crew, winner.line)
    for stage in edition.stages:
        for cell in stage.winners:
            for person in cell.people:
                entry_for(cell.category_slug, [person]).lines.add(stage.line)
    columns: dict[str, list[str]] = defaultdict(list)  # category -> the roles its standings' header names, in order
    for standing in edition.standings:
        known = columns[standing.category_slug]
        known += [role for role in standing.roles if role not in known]
    for (slug, category, _driver), entry in resolution.entries.items():
        if slug == info.slug and len(columns.get(category, ())) > 1:
            for position, person_slug in enumerate(entry.crew, 1):
                entry.roles.setdefault(person_slug, role_in(columns[category], position))


def role_in(columns: Sequence[str], position: int) -> str:
    """Return the role of the crew member at `position` (from 1) by the columns a standings header gives.

    The driver comes first; the first column after the driver's takes the second member; the last column
    takes everyone after (a "Co-Drivers" column lists both further members of a truck crew).

    >>> [role_in(["driver", "codriver"], n) for n in (1, 2, 3)]
    ['driver', 'codriver', 'codriver']
    >>> [role_in(["driver", "codriver", "further"], n) for n in (1, 2, 3, 4)]
    ['driver', 'codriver', 'further', 'further']
    """
    others = [role for role in columns if role != "driver"]
    if position == 1 or not others:
        return "driver" if position == 1 else "further"
    return others[min(position - 2, len(others) - 1)]


def penalties(info: EditionInfo, resolution: Resolution) -> list[PenaltyInfo]:
    """Return the edition's penalties: one per person and stage, however many sentences state it.

    A sentence that names no stage takes the one stage other sentences give the same person's penalty.
    """
    record = info.record
    resolved = [(statement, named_people(record.path, statement.names, resolution)) for statement in record.penalties]
    stages_of: dict[str, set[int]] = defaultdict(set)
    for statement, people in resolved:
        for person in people:
            if statement.stage is not None:
                stages_of[person].add(statement.stage)
    penalties: dict[tuple[str, int | None], PenaltyInfo] = {}
    for statement, people in resolved:
        for person in people:
            stage = statement.stage
            if stage is None and len(stages_of[person]) == 1:
                stage = next(iter(stages_of[person]))
            penalty = penalties.setdefault((person, stage), PenaltyInfo(person, stage))
            penalty.statements.append(statement)
    return list(penalties.values())


def named_people(path: str, names: Iterable[str], resolution: Resolution) -> list[str]:
    """Return the slugs of the people of a document that names in its prose stand for (full name, or a unique surname)."""
    people = [c for c in resolution.people.clusters if any(p == path for ls in c.lines.values() for p, _ in ls)]
    found: list[str] = []
    for name in names:
        key = fold(name)
        exact = [c for c in people if key in c.keys()]
        by_surname = [c for c in people if any(k.endswith(" " + key) for k in c.keys())]
        match = exact or (by_surname if len(by_surname) == 1 else [])
        for cluster in match[:1]:
            if cluster.slug not in found:
                found.append(cluster.slug)
    return found


def notes(info: EditionInfo) -> list[StageNote]:
    """Return the notes with the stages they concern, a penalty note also the stage of the penalty it states."""
    stage_of_line: dict[int, set[int]] = defaultdict(set)
    for penalty in info.penalties:
        if penalty.stage is not None:
            for statement in penalty.statements:
                stage_of_line[statement.line].add(penalty.stage)
    known = {s.number for s in info.record.stages}
    return [
        StageNote(note.text, tuple(unique([*note.stages, *sorted(stage_of_line[note.line] & known)])), note.line)
        for note in info.record.stage_notes
    ]
