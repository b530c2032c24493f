"""Resolve the records of one or more articles into entities: people, makers, places, countries, entries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from loader.countries import Country, country_by_code, country_by_name, find_country_names
from loader.errors import Problem
from loader.iris import slugify
from loader.names import (
    Cluster,
    MakerResolver,
    PersonMention,
    PersonResolver,
    SimpleResolver,
    assign_slugs,
    category_slug,
    fold,
)
from loader.records import EditionRecord, Mention, TownRef


@dataclass
class CountryUse:
    """A country met in the sources, with the spellings (codes or names) that named it."""

    country: Country
    spellings: Counter[str] = field(default_factory=Counter)
    lines: set[tuple[str, int]] = field(default_factory=set)


@dataclass
class PlaceInfo:
    """A town with its country codes (ISO alpha-3) and how each was found."""

    cluster: Cluster
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> "source" | "disputed" | "route"


@dataclass
class EntryInfo:
    """What the sources say about one entry (edition, category, driver)."""

    edition: str
    category: str
    driver: str  # person slug
    crew: list[str] = field(default_factory=list)  # person slugs, driver first
    crew_lines: dict[tuple[str, ...], set[int]] = field(default_factory=lambda: defaultdict(set))
    numbers: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    makes: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # maker slug -> lines
    models: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    entrants: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    lines: set[int] = field(default_factory=set)


@dataclass
class EditionInfo:
    """An edition's identity: slug, label, series, and its route in order of first visit."""

    record: EditionRecord
    slug: str
    series_slug: str
    route: list[str] = field(default_factory=list)  # iso3 in order of first visit


@dataclass
class Resolution:
    """Everything resolved across the sources; lookups go through its methods."""

    editions: list[EditionInfo]
    people: PersonResolver
    makers: MakerResolver
    entrants: SimpleResolver
    places: dict[str, PlaceInfo]
    countries: dict[str, CountryUse]
    categories: dict[str, Counter[str]]
    entries: dict[tuple[str, str, str], EntryInfo]
    problems: list[Problem]
    _place_keys: dict[str, str] = field(default_factory=dict)

    def person(self, edition: EditionRecord, category: str, mention: Mention) -> Cluster:
        """Return the person a mention resolves to."""
        return self.people.cluster_of(_person_mention(edition, category_slug(category), mention))

    def maker(self, name: str) -> tuple[Cluster, str | None]:
        """Return the maker (and model) a make or vehicle cell resolves to."""
        return self.makers.cluster_of(name)

    def place(self, town: TownRef) -> PlaceInfo:
        """Return the place a town resolves to."""
        return self.places[self._place_keys[fold(town.name)]]

    def entry(self, edition: EditionRecord, category: str, crew: Sequence[Mention]) -> EntryInfo:
        """Return the entry whose driver is the crew's first member."""
        slug = _edition_slug(edition)
        return self.entries[(slug, category_slug(category), self.person(edition, category, crew[0]).slug)]


def _edition_slug(edition: EditionRecord) -> str:
    return slugify(edition.name)


def _iso(code: str | None) -> str | None:
    if not code:
        return None
    match = country_by_code(code)
    return match.country.iso3 if match else code.upper()


def _person_mention(edition: EditionRecord, category: str, m: Mention, number: int | None = None) -> PersonMention:
    return PersonMention(m.name, _iso(m.code), edition.path, m.line, category, number)


def resolve(editions: Sequence[EditionRecord]) -> Resolution:
    """Return the entities of all editions, resolved across all their tables and across documents."""
    problems: list[Problem] = []
    countries: dict[str, CountryUse] = {}

    def use_country(country: Country, spelling: str, where: tuple[str, int]) -> str:
        use = countries.setdefault(country.iso3, CountryUse(country))
        use.spellings[spelling] += 1
        use.lines.add(where)
        return country.iso3

    def use_code(code: str, edition: EditionRecord, line: int) -> str | None:
        match = country_by_code(code)
        if match is None:
            problems.append(
                Problem(
                    "unknown-country-code", f"country code {code!r} is neither ISO 3166-1 alpha-3 nor IOC", edition.path, line
                )
            )
            return None
        return use_country(match.country, code, (edition.path, line))

    # people
    mentions: list[PersonMention] = []
    for edition in editions:
        for entry in edition.entries:
            mentions.append(
                PersonMention(entry.name, None, edition.path, entry.line, category_slug(entry.category), entry.number)
            )
        for result in edition.results:
            mentions.extend(_person_mention(edition, category_slug(result.category), m) for m in result.crew)
        for standing in edition.standings:
            mentions.extend(
                _person_mention(edition, category_slug(standing.category), m, standing.number if i == 0 else None)
                for i, m in enumerate(standing.crew)
            )
        for winner in edition.infobox_winners:
            mentions.extend(_person_mention(edition, category_slug(winner.category), m) for m in winner.crew)
        for stage in edition.stages:
            for cell in stage.winners:
                mentions.extend(_person_mention(edition, category_slug(cell.category), m) for m in cell.people)
        for m in (m for r in edition.results for m in r.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for s in edition.standings for m in s.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for w in edition.infobox_winners for m in w.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for s in edition.stages for c in s.winners for m in c.people):
            if m.code:
                use_code(m.code, edition, m.line)
    people = PersonResolver()
    people.resolve(mentions)
    paths = {e.path for e in editions}
    for code, message, line, path in people.notes:
        problems.append(Problem(code, message, path if path in paths else next(iter(paths)), line))
    assign_slugs(people.clusters)
    for cluster in people.clusters:
        if len(cluster.codes) > 1:
            where = min(w for lines in cluster.lines.values() for w in lines)
            problems.append(
                Problem(
                    "nationality-conflict",
                    f"{cluster.label} is written with several country codes: {', '.join(sorted(cluster.codes))}",
                    where[0],
                    where[1],
                )
            )

    # makers and entrants
    makers = MakerResolver()
    maker_mentions: list[tuple[str, str, int]] = []
    entrants = SimpleResolver("entrant")
    for edition in editions:
        maker_mentions += [(r.make, edition.path, r.line) for r in edition.results]
        maker_mentions += [(e.make, edition.path, e.line) for e in edition.entries if e.make]
        maker_mentions += [(s.vehicle, edition.path, s.line) for s in edition.standings if s.vehicle]
        maker_mentions += [(w.team, edition.path, w.line) for w in edition.infobox_winners if w.team]
        for standing in edition.standings:
            if standing.entrant:
                entrants.add(standing.entrant, (edition.path, standing.line))
    makers.resolve(maker_mentions)
    assign_slugs(makers.clusters)
    assign_slugs(entrants.clusters)

    # categories
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    for edition in editions:
        labels = list(edition.categories) + [r.category for r in edition.results] + [s.category for s in edition.standings]
        labels += [e.category for e in edition.entries] + [w.category for w in edition.infobox_winners]
        for label in labels:
            categories[category_slug(label)][label] += 1

    # editions, places and the route
    infos: list[EditionInfo] = []
    places: dict[str, PlaceInfo] = {}
    place_keys: dict[str, str] = {}
    place_resolver = SimpleResolver("place")
    for edition in editions:
        info = EditionInfo(edition, _edition_slug(edition), slugify(edition.series_name))
        infos.append(info)
        prose_route = _prose_route(edition)
        for text, line in edition.route_codes:
            if not text:
                problems.append(
                    Problem(
                        "blank-route-country",
                        "the infobox's Country list has a blank entry (a flag without a name?)",
                        edition.path,
                        line,
                    )
                )
                continue
            match = country_by_code(text) if len(text) == 3 and text.isupper() else None
            country = match.country if match else country_by_name(text)
            if country is None:
                problems.append(Problem("unknown-country", f"route country {text!r} not recognised", edition.path, line))
                continue
            use_country(country, text, (edition.path, line))
        towns = itinerary_towns(edition)
        for town in towns:
            cluster = place_resolver.add(town.name, (edition.path, town.line))
            key = fold(town.name)
            place_keys[key] = key
            place = places.setdefault(key, PlaceInfo(cluster))
            for code in town.codes:
                iso = use_code(code, edition, town.line)
                if iso and iso not in place.countries:
                    place.countries[iso] = "source"
            if town.disputed and town.codes:
                iso = _iso(town.codes[0])
                partner = _next_in(prose_route, iso)
                if partner and partner not in place.countries:
                    place.countries[partner] = "disputed"
        _fill_route_countries(edition, towns, places, prose_route, problems, use_country)
        route: list[str] = []
        for town in towns:
            for iso in places[fold(town.name)].countries:
                if iso not in route:
                    route.append(iso)
        info.route = route
        _compare_routes(edition, route, prose_route, problems)
    assign_slugs(place_resolver.clusters)

    # entries
    resolution = Resolution(infos, people, makers, entrants, places, countries, categories, {}, problems, place_keys)
    for info in infos:
        _collect_entries(info, resolution)
    return resolution


def itinerary_towns(edition: EditionRecord) -> list[TownRef]:
    """Return the towns of the itinerary in order: each stage's start and finish, each rest day's town."""
    days: list[tuple[date, int, list[TownRef]]] = [
        (s.day, s.line, [s.start] if s.loop else [s.start, s.finish]) for s in edition.stages
    ]
    days += [(r.day, r.line, [r.town]) for r in edition.rest_days]
    return [town for _, _, towns in sorted(days, key=lambda d: (d[0], d[1])) for town in towns]


def _prose_route(edition: EditionRecord) -> list[str]:
    for text, _line in edition.prose:
        found = find_country_names(text)
        if len(found) >= 2:
            return list(dict.fromkeys(country.iso3 for _, country in found))
    return []


def _next_in(sequence: list[str], item: str | None) -> str | None:
    if item in sequence:
        index = sequence.index(item)
        return sequence[index + 1] if index + 1 < len(sequence) else None
    return None


def _fill_route_countries(
    edition: EditionRecord,
    towns: list[TownRef],
    places: dict[str, PlaceInfo],
    prose_route: list[str],
    problems: list[Problem],
    use_country: Callable[[Country, str, tuple[str, int]], str],
) -> None:
    """Place towns printed without a country code in the one country the prose names between their neighbours."""
    missing: dict[str, list[TownRef]] = {}
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
        if before and after and prose_route:
            last_before = max((prose_route.index(c) for c in before.countries if c in prose_route), default=None)
            first_after = min((prose_route.index(c) for c in after.countries if c in prose_route), default=None)
            if last_before is not None and first_after is not None:
                if first_after - last_before == 2:
                    guess = prose_route[last_before + 1]
                elif first_after == last_before:
                    guess = prose_route[last_before]
        if guess:
            missing.setdefault(guess, []).append(town)
        else:
            problems.append(
                Problem(
                    "unknown-town-country",
                    f"town {town.name!r} has no country code and its country cannot be told from the route",
                    edition.path,
                    town.line,
                )
            )
    for iso, found in missing.items():
        names = list(dict.fromkeys(t.name for t in found))
        for town in found:
            places[fold(town.name)].countries.setdefault(iso, "route")
        country = country_by_code(iso)
        label = country.country.name if country else iso
        if country:
            for town in found:
                use_country(country.country, country.country.name, (edition.path, town.line))
        problems.append(
            Problem(
                "missing-country-code",
                f"{', '.join(names)}: printed without a country code; placed in {label}, "
                "the country the prose names between the neighbouring towns' countries",
                edition.path,
                found[0].line,
            )
        )


def _compare_routes(edition: EditionRecord, route: list[str], prose_route: list[str], problems: list[Problem]) -> None:
    if prose_route and route and route != prose_route:
        problems.append(
            Problem(
                "route-mismatch",
                f"the stage table's countries in order ({', '.join(route)}) differ from the prose's ({', '.join(prose_route)})",
                edition.path,
                next((line for text, line in edition.prose if find_country_names(text)), None),
            )
        )


def _collect_entries(info: EditionInfo, resolution: Resolution) -> None:
    edition = info.record

    def entry_for(category: str, crew: Sequence[Mention]) -> EntryInfo:
        slug = category_slug(category)
        driver = resolution.person(edition, category, crew[0]).slug
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
        entry = entry_for(record.category, [mention])
        note_crew(entry, record.category, [mention], record.line)
        entry.numbers[record.number].add(record.line)
        if record.make:
            entry.makes[resolution.maker(record.make)[0].slug].add(record.line)
    for result in edition.results:
        entry = entry_for(result.category, result.crew)
        note_crew(entry, result.category, result.crew, result.line)
        entry.makes[resolution.maker(result.make)[0].slug].add(result.line)
    for standing in edition.standings:
        entry = entry_for(standing.category, standing.crew)
        note_crew(entry, standing.category, standing.crew, standing.line)
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
            entry = entry_for(winner.category, winner.crew)
            note_crew(entry, winner.category, winner.crew, winner.line)
    for stage in edition.stages:
        for cell in stage.winners:
            for person in cell.people:
                entry_for(cell.category, [person]).lines.add(stage.line)


def unique(items: Iterable[str]) -> list[str]:
    """Return items without repeats, in first-seen order."""
    return list(dict.fromkeys(items))
