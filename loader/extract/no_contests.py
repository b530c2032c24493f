"""Stages without a contest: what the stage table's and results tables' markers and the notes say, gathered per
stage and category (kind, markers, reasons, awarded time); and each note with the stages it concerns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.extract.prose import awarded_time, is_penalty_note, marker_kind, marker_reason, stages_named
from loader.records import MarkerRecord, NoContestRecord, NoteRecord, StageNote, StageRecord
from vocabulary.iris import category_slug


@dataclass
class _NoContest:
    """A no-contest being gathered from the places the source states it."""

    category: str
    kinds: set[str] = field(default_factory=set)
    markers: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)
    awarded: int | None = None

    def say(self, kind: str | None, text: str, line: int, marker: bool) -> None:
        """Record one statement: a marker printed in a table (marker=True) or a note."""
        if kind:
            self.kinds.add(kind)
        if marker and text not in self.markers:
            self.markers.append(text)
        reason = marker_reason(text)
        if reason:
            self.reasons.setdefault(reason, line)
        self.lines.add(line)
        self.awarded = awarded_time(text) or self.awarded


def no_contests_and_notes(
    stages: list[StageRecord], markers: list[MarkerRecord], notes: list[NoteRecord]
) -> tuple[list[NoContestRecord], list[StageNote]]:
    """Return each stage's no-contest per category (from the stage table's and results tables' markers, with the
    reasons and awarded times the notes state) and the notes with the stages they concern."""
    found: dict[tuple[int, str], _NoContest] = {}
    for stage in stages:
        for cell in stage.winners:
            if cell.marker:
                item = found.setdefault((stage.number, cell.category_slug), _NoContest(cell.category))
                item.say(cell.marker, cell.text, stage.line, marker=True)
    for marker in markers:
        item = found.setdefault((marker.stage, marker.category_slug), _NoContest(marker.category))
        item.say(marker.kind, marker.text, marker.line, marker=True)

    stage_notes: list[StageNote] = []
    known_stages = {s.number for s in stages}
    marked_categories = {slug for _, slug in found}
    for note in notes:
        named = [n for n in stages_named(note.text) if n in known_stages]
        concerned = list(named)
        kind = marker_kind(note.text)
        if kind and not is_penalty_note(note.text):
            words = {category_slug(w) for w in re.findall(r"[A-Za-z-]+", note.text)} & marked_categories
            candidates = [
                key
                for key, item in found.items()
                if (key[0] in named if named else kind in item.kinds) and (not words or key[1] in words)
            ]
            if len({stage for stage, _ in candidates}) == 1 or named:
                for key in candidates:
                    found[key].say(None, note.text, note.line, marker=False)
                    if key[0] not in concerned:
                        concerned.append(key[0])
        stage_notes.append(StageNote(note.text, tuple(concerned), note.line))

    no_contests = [
        NoContestRecord(
            category=item.category,
            stage=stage,
            kind=next((k for k in ("cancelled", "neutralised") if k in item.kinds), "liaison"),
            markers=tuple(item.markers),
            reasons=tuple(item.reasons.items()),
            awarded=item.awarded,
            lines=tuple(sorted(item.lines)),
        )
        for (stage, _slug), item in sorted(found.items())
    ]
    return no_contests, stage_notes
