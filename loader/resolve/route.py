"""An edition's itinerary: its towns in order, each town's country (as printed, or placed by the route the prose
names), and the countries of the route in the order they are first visited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from loader.countries import Country, country_by_code, find_country_names
from loader.records import EditionRecord, TownRef
from loader.resolve.model import EditionInfo, PlaceInfo
from vocabulary.text import fold


def itinerary_towns(edition: EditionRecord) -> list[TownRef]:
    """Return the towns of the itinerary in order: each stage's start and finish, each rest day's town."""
    days: list[tuple[date, int, list[TownRef]]] = [
        (s.day, s.line, [s.start] if s.loop else [s.start, s.finish]) for s in edition.stages
    ]
    days += [(r.day, r.line, [r.town]) for r in edition.rest_days]
    return [town for _, _, towns in sorted(days, key=lambda d: (d[0], d[1])) for town in towns]


def prose_route(edition: EditionRecord) -> list[str]:
    """Return the countries (ISO alpha-3) of the first sentence of prose that names two or more, in its order."""
    for text, _line in edition.prose:
        found = find_country_names(text)
        if len(found) >= 2:
            return list(dict.fromkeys(country.iso3 for _, country in found))
    return []


def next_in(sequence: list[str], item: str | None) -> str | None:
    """Return the item after `item` in a sequence, None when it is last or absent.

    >>> next_in(["MAR", "MRT", "SEN"], "MRT"), next_in(["MAR"], "MAR"), next_in([], None)
    ('SEN', None, None)
    """
    if item in sequence:
        index = sequence.index(item)
        return sequence[index + 1] if index + 1 < len(sequence) else None
    return None


def place_by_route(
    info: EditionInfo,
    towns: list[TownRef],
    places: dict[str, PlaceInfo],
    use_country: Callable[[Country, str, tuple[str, int]], str],
) -> None:
    """Place towns printed without a country code in the one country the prose names between their neighbours'
    (recorded in `info.placed`); the towns that cannot be placed go to `info.unplaced`."""
    route = info.prose_route
    for index, town in enumerate(towns):
        place = places[fold(town.name)]
        if place.countries:
            continue
        before = next((places[fold(t.name)] for t in reversed(towns[:index]) if places[fold(t.name)].countries), None)
        after = next(
            (
                places[fold(t.name)]
                for t in towns[index + 1 :]
                if places[fold(t.name)].countries and places[fold(t.name)] is not place
            ),
            None,
        )
        guess = None
        if before and after and route:
            last_before = max((route.index(c) for c in before.countries if c in route), default=None)
            first_after = min((route.index(c) for c in after.countries if c in route), default=None)
            if last_before is not None and first_after is not None:
                if first_after - last_before == 2:
                    guess = route[last_before + 1]
                elif first_after == last_before:
                    guess = route[last_before]
        if guess:
            info.placed.setdefault(guess, []).append(town)
        else:
            info.unplaced.append(town)
    for iso3, found in info.placed.items():
        for town in found:
            places[fold(town.name)].countries.setdefault(iso3, "route")
        match = country_by_code(iso3)
        if match:
            for town in found:
                use_country(match.country, match.country.name, (info.record.path, town.line))


def first_visits(towns: list[TownRef], places: dict[str, PlaceInfo]) -> list[str]:
    """Return the countries of the itinerary (ISO alpha-3) in the order they are first visited."""
    route: list[str] = []
    for town in towns:
        for iso3 in places[fold(town.name)].countries:
            if iso3 not in route:
                route.append(iso3)
    return route
