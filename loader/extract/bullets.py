"""The bullets of an article: notes under the stage table and the entry lists ('- Motorcycles principal entry')."""

from __future__ import annotations

import re

from loader.article import Bullet
from loader.parsing import shown, within
from loader.records import EntryRecord, FormatIssue, NoteRecord

_ENTRY_HEADING = re.compile(r"^(.+?)\s+(?:principal\s+)?entr(?:y|ies)(?:\s+list)?$", re.IGNORECASE)
_ENTRY_LINE = re.compile(r"^([0-9]+)\s+(\S.*)$")


def extract_bullets(bullets: list[Bullet], issues: list[FormatIssue]) -> tuple[list[NoteRecord], list[EntryRecord]]:
    """Return the notes under the stage table and the entry lists ('- Motorcycles principal entry' …)."""
    notes: list[NoteRecord] = []
    entries: list[EntryRecord] = []
    category: str | None = None
    make: str | None = None
    for bullet in bullets:
        text = bullet.text.strip()
        if text.startswith(("-", "*", "^")) and category is None:
            notes.append(NoteRecord(text.lstrip("-*^ ").strip(), bullet.line))
            continue
        heading = _ENTRY_HEADING.match(text)
        if heading:
            category, make = heading.group(1).strip(), None
            continue
        if category is None:
            if text and not text.lower().startswith("source"):
                notes.append(NoteRecord(text, bullet.line))
            continue
        line_match = _ENTRY_LINE.match(text)
        if line_match and not within("race number", int(line_match.group(1))):
            issues.append(
                FormatIssue(
                    "implausible-number",
                    f"race number {shown(line_match.group(1))} is not one a rally has; the entry is not loaded",
                    bullet.line,
                )
            )
        elif line_match:
            entries.append(EntryRecord(category, make or "", int(line_match.group(1)), line_match.group(2).strip(), bullet.line))
        elif text:
            make = text
    return notes, entries
