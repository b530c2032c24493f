"""What reading and resolving could not settle, reported: a row's format, a country code or route country nobody
knows, a town without a country, a name that matches no one or several, a person with two flags, a misspelling."""

from __future__ import annotations

from collections.abc import Iterator

from loader.countries import country_by_code, find_country_names
from loader.errors import Problem
from loader.names import Cluster
from loader.resolve.model import EditionInfo, Resolution
from vocabulary.text import fold

MISSPELT = {
    "spelling": "one letter differs",
    "race-number": "one letter differs and the race number is the same",
}


def format_issues(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield what the extractors found wrong with the article's format (a short row, a stray character...)."""
    for issue in info.record.issues:
        yield Problem(issue.code, issue.message, info.record.path, issue.line)


def route(info: EditionInfo, resolution: Resolution) -> Iterator[Problem]:
    """Yield the infobox's route countries that are blank or unknown, the towns without a country, the towns placed
    by the route, and a route that differs from the one the prose gives."""
    record = info.record
    for line in info.blank_route:
        yield Problem(
            "blank-route-country", "the infobox's Country list has a blank entry (a flag without a name?)", record.path, line
        )
    for text, line in info.unknown_route:
        yield Problem("unknown-country", f"route country {text!r} not recognised", record.path, line)
    for town in info.unplaced:
        yield Problem(
            "unknown-town-country",
            f"town {town.name!r} has no country code and its country cannot be told from the route",
            record.path,
            town.line,
        )
    for iso3, towns in info.placed.items():
        match = country_by_code(iso3)
        yield Problem(
            "missing-country-code",
            f"{', '.join(dict.fromkeys(t.name for t in towns))}: printed without a country code; placed in "
            f"{match.country.name if match else iso3}, the country the prose names between the neighbouring towns' countries",
            record.path,
            towns[0].line,
        )
    if info.prose_route and info.route and info.route != info.prose_route:
        yield Problem(
            "route-mismatch",
            f"the stage table's countries in order ({', '.join(info.route)}) differ from the prose's ({', '.join(info.prose_route)})",
            record.path,
            next((line for text, line in record.prose if find_country_names(text)), None),
        )


def country_codes(resolution: Resolution) -> Iterator[Problem]:
    """Yield each country code that is neither ISO 3166-1 alpha-3 nor IOC."""
    for code, path, line in resolution.unknown_codes:
        yield Problem("unknown-country-code", f"country code {code!r} is neither ISO 3166-1 alpha-3 nor IOC", path, line)


def abbreviations(resolution: Resolution) -> Iterator[Problem]:
    """Yield each abbreviated name that matches several people, and each that matches none (kept as written)."""
    paths = [info.record.path for info in resolution.editions]
    for mention, people in resolution.people.ambiguous:
        yield Problem(
            "ambiguous-abbreviation",
            f"abbreviated name {mention.name!r} matches {len(people)} people: {', '.join(c.label for c in people)}",
            mention.path if mention.path in paths else paths[0],
            mention.line,
        )
    for mention in resolution.people.unresolved:
        yield Problem(
            "unresolved-abbreviation",
            f"abbreviated name {mention.name!r} matches no full name; kept as written",
            mention.path if mention.path in paths else paths[0],
            mention.line,
        )


def nationalities(resolution: Resolution) -> Iterator[Problem]:
    """Yield each person written with several country codes."""
    for cluster in resolution.people.clusters:
        if len(cluster.codes) > 1:
            path, line = min(w for lines in cluster.lines.values() for w in lines)
            yield Problem(
                "nationality-conflict",
                f"{cluster.label} is written with several country codes: {', '.join(sorted(cluster.codes))}",
                path,
                line,
            )


def misspellings(resolution: Resolution) -> Iterator[Problem]:
    """Yield each spelling taken to be another's misspelling (one letter differs); it stays an alternative label."""
    clusters: list[Cluster] = [*resolution.people.clusters, *resolution.makers.clusters]
    for cluster in clusters:
        for spelling, rule in cluster.rules.items():
            if rule not in MISSPELT or fold(spelling) == fold(cluster.label):
                continue
            path, line = min(cluster.lines[spelling])
            others = sorted(w for s, lines in cluster.lines.items() if s == cluster.label for w in lines)
            seen = f" (line {others[0][1]})" if others and others[0][0] == path else ""
            yield Problem(
                "misspelling",
                f"{spelling!r} is taken to be a misspelling of {cluster.label!r}{seen}: {MISSPELT[rule]}; "
                f"kept as an alternative label of the {cluster.kind}",
                path,
                line,
                (cluster.slug,) if cluster.kind == "person" else (),
            )
