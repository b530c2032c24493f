"""Facts stated in words: markers in table cells ("Stage cancelled"), reasons, penalties, awarded times, notes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from loader.parsing import is_duration, parse_duration
from loader.records import PenaltyStatement

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "thirty": 30}
_NUMBER = r"([0-9]+|a|an|one|two|three|four|five|six|ten|thirty)"
_HOURS = re.compile(rf"\b{_NUMBER}[\s-]hours?(?:\s+and\s+{_NUMBER}[\s-]minutes?)?", re.IGNORECASE)
_MINUTES = re.compile(rf"\b{_NUMBER}[\s-]minutes?\b", re.IGNORECASE)
_PENALTY = re.compile(r"\bpenal(?:ty|ties|ised|ized|ise|ize)\b", re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:for|as a result of|because of|because|due to|owing to|after|following)\s+(\S.*)$", re.IGNORECASE)
_STAGE = re.compile(r"\bstages?\s+([0-9]+)\b", re.IGNORECASE)
_STAGE_LIST = re.compile(r"\bstages?\s+([0-9]+(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)[0-9]+)*)", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:de|da|del|van|von|le|la|di)?\s*[A-Z][\w'’-]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NEXT_CLAUSE = (  # where the words after a penalty's reason start saying something else
    r"\s(?:but|which|who|yet|while|whereas|although|though)\s|"
    r"\sand\s+(?:still|so|then|was|were|had|has|is|lost|won|finished|took|kept|dropped|fell)\b"
)
_NOT_NAMES = {"on", "the", "in", "after", "during", "but", "and", "he", "she", "they", "his", "her", "stage", "all"}

# What a table cell says instead of names when a stage had no contest for a category
_CANCELLED = re.compile(
    r"\b(?:cancel+(?:ed|ation)?|annul+ed|not\s+(?:held|run|raced)|called\s+off|scrapped|abandoned)\b", re.IGNORECASE
)
_NEUTRALISED = re.compile(
    r"\b(?:neutrali[sz](?:ed|ation)|not\s+timed|untimed|no\s+(?:timed|competitive|competition|contest)|non[\s-]competitive)",
    re.IGNORECASE,
)
_LIAISON = re.compile(r"\b(?:liaison|transfer|no\s+special)", re.IGNORECASE)
_PARTICLES = {
    "de",
    "da",
    "das",
    "do",
    "dos",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "le",
    "la",
    "di",
    "du",
    "y",
    "al",
    "bin",
    "el",
}
_MARKER_CAUSE = re.compile(
    r"(?:\b(?:due to|because of|because|owing to|after|following|as a result of)\b|[:;–—]|\s-\s)\s*(\S.*)$", re.IGNORECASE
)
_AWARDED = re.compile(
    r"\bawarded\s+(?:a|the)?\s*(?:stage\s+|notional\s+)?time\s+of\s+([0-9]+(?::[0-9][0-9]){1,2})", re.IGNORECASE
)


def marker_kind(text: str) -> str | None:
    """Return what a cell that names no one says: "cancelled", "neutralised", "liaison", or None for anything else.

    >>> marker_kind("Stage cancelled"), marker_kind("Neutralised"), marker_kind("Liaison only"), marker_kind("FRA R. Sainct")
    ('cancelled', 'neutralised', 'liaison', None)
    """
    if _CANCELLED.search(text):
        return "cancelled"
    if _NEUTRALISED.search(text):
        return "neutralised"
    if _LIAISON.search(text):
        return "liaison"
    return None


def looks_like_name(text: str) -> bool:
    """Return whether a cell without a country code reads as a person's name (capitalised words, initials, particles).

    >>> looks_like_name("G. Sala"), looks_like_name("Jean-Louis Schlesser"), looks_like_name("Carlo de Gavardo")
    (True, True, True)
    >>> looks_like_name("Liaison only"), looks_like_name("Fog, no timing"), looks_like_name("—")
    (False, False, False)
    """
    words = text.split()
    if not words or not any(ch.isalpha() for ch in text):
        return False
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not (word[0].isupper() and all(ch.isalpha() or ch in ".-'’" for ch in word)):
            return False
    return True


def marker_reason(text: str) -> str | None:
    """Return the reason a marker text states after its marker, None when it states none.

    >>> marker_reason("Stage cancelled due to a dispute over sanctioning fees")
    'a dispute over sanctioning fees'
    >>> marker_reason("Stage cancelled for trucks only: a sandstorm closed the crossing.")
    'a sandstorm closed the crossing'
    >>> marker_reason("Stage cancelled") is None, marker_reason("Liaison only") is None
    (True, True)
    """
    match = _MARKER_CAUSE.search(text)
    if not match:
        return None
    reason = re.split(r"[;.](?:\s|$)", match.group(1).strip())[0].strip().rstrip(".")
    return reason or None


def awarded_time(text: str) -> int | None:
    """Return the seconds of a stage time awarded to every competitor ("awarded a stage time of 50:00"), if stated.

    >>> awarded_time("All competitors awarded a stage time of 50:00."), awarded_time("Stage cancelled") is None
    (3000, True)
    """
    match = _AWARDED.search(text)
    return parse_duration(match.group(1)) if match and is_duration(match.group(1)) else None


def stages_named(text: str) -> tuple[int, ...]:
    """Return the stage numbers a text names ("stage 4", "stages 3 and 5").

    >>> stages_named("Stages 3 and 5 were cancelled for quads; stage 7 was not.")
    (3, 5, 7)
    """
    found: list[int] = []
    for match in _STAGE_LIST.finditer(text):
        found += [int(n) for n in re.findall(r"[0-9]+", match.group(1)) if int(n) not in found]
    return tuple(found)


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


def penalty_reason(sentence: str, keyword_at: int) -> str | None:
    """Return why a penalty was given, as the sentence states it after the penalty (up to the next comma).

    >>> penalty_reason("He was penalised 1 hour for missing a waypoint on stage 4.", 7)
    'missing a waypoint on stage 4'
    >>> penalty_reason("He was penalised 1 hour for missing a waypoint and still won the class.", 7)
    'missing a waypoint'
    >>> s = "Ono had a 14-minute penalty added to his time as a result of speeding in the liaison section."
    >>> penalty_reason(s, s.index("penalty"))
    'speeding in the liaison section'
    >>> s = "They were given a 60-minute penalty, which gave Kleinschmidt a lead for the final mini stage."
    >>> penalty_reason(s, s.index("penalty")) is None
    True
    """
    clause = re.split(r",|;|\.(?:\s|$)|\balong with\b|" + _NEXT_CLAUSE, sentence[keyword_at:])[0]
    match = _CAUSE.search(clause)
    if not match:
        return None
    return match.group(1).strip().rstrip(".") or None


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


def extract_penalties(texts: Iterable[tuple[str, int]], last_stage: int | None) -> list[PenaltyStatement]:
    """Return the penalties stated in (paragraph, line) texts, with the stage where the paragraph names it."""
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
            statements.append(
                PenaltyStatement(
                    names=penalised_names(sentence, keyword.start()),
                    seconds=time[1] if time else None,
                    wording=time[0] if time else None,
                    reason=penalty_reason(sentence, keyword.start()),
                    stage=context_stage[0] if context_stage else None,
                    stage_wording=context_stage[1] if context_stage else None,
                    text=sentence.strip(),
                    line=line,
                )
            )
    return statements


def is_penalty_note(text: str) -> bool:
    """Return whether a text states a penalty."""
    return bool(_PENALTY.search(text))
