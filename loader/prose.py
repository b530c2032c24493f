"""Facts stated in an article's prose and notes: penalties (who, how long, why, on which stage)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loader.records import EditionRecord

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "thirty": 30}
_NUMBER = r"(\d+|a|an|one|two|three|four|five|six|ten|thirty)"
_HOURS = re.compile(rf"\b{_NUMBER}[\s-]hours?(?:\s+and\s+{_NUMBER}[\s-]minutes?)?", re.IGNORECASE)
_MINUTES = re.compile(rf"\b{_NUMBER}[\s-]minutes?\b", re.IGNORECASE)
_PENALTY = re.compile(r"\bpenal(?:ty|ties|ised|ized|ise|ize)\b", re.IGNORECASE)
_REASON = re.compile(
    r"\bfor\s+((?:starting|unsporting|unsportsmanlike|speeding|missing|taking|skipping|receiving|using|dangerous|a\s|an\s|the\s)[^,.;]*)",
    re.IGNORECASE,
)
_STAGE = re.compile(r"\bstage\s+(\d+)\b", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:de|da|del|van|von|le|la|di)?\s*[A-Z][\w'’-]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class PenaltyStatement:
    """A penalty as one sentence states it."""

    names: tuple[str, ...]  # capitalised name sequences of the sentence, resolved later
    seconds: int | None
    wording: str | None
    reason: str | None
    stage: int | None
    stage_wording: str | None
    text: str
    line: int


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word.lower()]


def parse_penalty_time(text: str) -> tuple[str, int] | None:
    """Return the wording and seconds of the first penalty time in a sentence.

    >>> parse_penalty_time("was penalised 1 hour and 6 minutes for starting")
    ('1 hour and 6 minutes', 3960)
    >>> parse_penalty_time("were given a 60-minute penalty")
    ('60-minute', 3600)
    >>> parse_penalty_time("was penalised one hour for unsportsmanlike conduct")
    ('one hour', 3600)
    """
    hours = _HOURS.search(text)
    if hours:
        seconds = _count(hours.group(1)) * 3600 + (_count(hours.group(2)) * 60 if hours.group(2) else 0)
        return hours.group(0), seconds
    minutes = _MINUTES.search(text)
    if minutes:
        return minutes.group(0), _count(minutes.group(1)) * 60
    return None


def penalised_names(sentence: str, keyword_at: int) -> tuple[str, ...]:
    """Return the names a penalty sentence gives as penalised: those before the keyword or after 'along with'.

    >>> penalised_names("Schlesser and Servia were given a 60-minute penalty, which gave Kleinschmidt a lead.", 40)
    ('Schlesser', 'Servia')
    """
    names = [m.group(0) for m in _NAME.finditer(sentence[:keyword_at])]
    along = re.search(r"\balong with\b(.*)$", sentence[keyword_at:])
    if along:
        names += [m.group(0) for m in _NAME.finditer(along.group(1))]
    return tuple(n for n in names if n.lower() not in _NOT_NAMES)


_NOT_NAMES = {"on", "the", "in", "after", "during", "but", "and", "he", "she", "they", "his", "her", "stage"}


def extract_penalties(edition: EditionRecord) -> list[PenaltyStatement]:
    """Return the penalties stated in the lead prose and in the notes, with the stage where it can be read."""
    last_stage = max((s.number for s in edition.stages), default=None)
    texts = [(text, line) for text, line in edition.prose] + [(n.text, n.line) for n in edition.notes]
    statements: list[PenaltyStatement] = []
    for paragraph, line in texts:
        context_stage: tuple[int, str] | None = None
        for sentence in _SENTENCE.split(paragraph):
            stage_match = _STAGE.search(sentence)
            if stage_match:
                context_stage = (int(stage_match.group(1)), stage_match.group(0))
            elif last_stage and re.search(r"\bpenultimate stage\b", sentence, re.IGNORECASE):
                context_stage = (last_stage - 1, "penultimate stage")
            elif last_stage and re.search(r"\b(?:final|last) stage\b", sentence, re.IGNORECASE):
                context_stage = (last_stage, "final stage")
            keyword = _PENALTY.search(sentence)
            if not keyword:
                continue
            time = parse_penalty_time(sentence)
            reason = _REASON.search(sentence)
            names = penalised_names(sentence, keyword.start())
            statements.append(
                PenaltyStatement(
                    names=names,
                    seconds=time[1] if time else None,
                    wording=time[0] if time else None,
                    reason=reason.group(1).strip() if reason else None,
                    stage=context_stage[0] if context_stage else None,
                    stage_wording=context_stage[1] if context_stage else None,
                    text=sentence.strip(),
                    line=line,
                )
            )
    return statements
