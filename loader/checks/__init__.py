"""Cross-checks of the sources: what does not add up is reported as a Problem, never corrected. Every check lives in
this package, each module one family of them; `check_all` runs them all."""

from __future__ import annotations

from loader.checks import entries, sources, tables, times
from loader.checks.common import Check
from loader.errors import Problem
from loader.resolve.model import Resolution

EDITION_CHECKS: tuple[Check, ...] = (
    sources.format_issues,
    sources.route,
    entries.race_numbers,
    times.general_times,
    times.implied_stage_times,
    times.gaps,
    tables.final_standings,
    tables.stage_winners,
    tables.cancellations,
    tables.infobox_winners,
    entries.entries,
    tables.distance,
    entries.penalties,
    tables.duplicate_results,
    times.likely_causes,
)
CORPUS_CHECKS = (sources.country_codes, sources.abbreviations, sources.nationalities, sources.misspellings)


def check_all(resolution: Resolution) -> list[Problem]:
    """Return every problem found in the sources (in the corpus, then in each edition), in source order."""
    found = [problem for check in CORPUS_CHECKS for problem in check(resolution)]
    found += [problem for info in resolution.editions for check in EDITION_CHECKS for problem in check(info, resolution)]
    return sorted(found, key=lambda p: (p.path, p.line or 0, p.code))
