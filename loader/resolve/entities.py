"""Resolve the records of one or more articles into entities: people, makers, entrants, categories, places and
countries, and each edition's route and entries. Nothing here reports: what cannot be settled is kept in the
Resolution, and loader.checks says so."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from loader.countries import Country, country_by_code, country_by_name
from loader.names import MakerResolver, PersonMention, PersonResolver, SimpleResolver, assign_slugs
from loader.records import EditionRecord, Mention
from loader.resolve import entries, route
from loader.resolve.model import CountryUse, EditionInfo, PlaceInfo, Resolution, iso, person_mention
from vocabulary.iris import category_slug, edition_slug, slugify
from vocabulary.text import fold


def resolve(editions: Sequence[EditionRecord]) -> Resolution:
    """Return the entities of all editions, resolved across all their tables and across documents."""
    countries: dict[str, CountryUse] = {}
    unknown_codes: list[tuple[str, str, int]] = []

    def use_country(country: Country, spelling: str, where: tuple[str, int]) -> str:
        use = countries.setdefault(country.iso3, CountryUse(country))
        use.spellings[spelling] += 1
        use.lines.add(where)
        return country.iso3

    def use_code(code: str, edition: EditionRecord, line: int) -> str | None:
        match = country_by_code(code)
        if match is None:
            unknown_codes.append((code, edition.path, line))
            return None
        return use_country(match.country, code, (edition.path, line))

    people = PersonResolver()
    people.resolve(_person_mentions(editions))
    assign_slugs(people.clusters)
    for edition in editions:
        for mention in _coded_mentions(edition):
            if mention.code:
                use_code(mention.code, edition, mention.line)

    makers = MakerResolver()
    entrants = SimpleResolver("entrant")
    maker_mentions: list[tuple[str, str, int]] = []
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

    categories: dict[str, Counter[str]] = defaultdict(Counter)
    for edition in editions:
        labels = list(edition.categories) + [r.category for r in edition.results] + [s.category for s in edition.standings]
        labels += [e.category for e in edition.entries] + [w.category for w in edition.infobox_winners]
        for label in labels:
            categories[category_slug(label)][label] += 1  # the stage table's header names categories without records

    infos: list[EditionInfo] = []
    places: dict[str, PlaceInfo] = {}
    place_resolver = SimpleResolver("place")
    for edition in editions:
        info = EditionInfo(edition, edition_slug(edition.name), slugify(edition.series_name))
        info.prose_route = route.prose_route(edition)
        infos.append(info)
        for text, line in edition.route_codes:
            if not text:
                info.blank_route.append(line)
                continue
            match = country_by_code(text) if len(text) == 3 and text.isupper() else None
            country = match.country if match else country_by_name(text)
            if country is None:
                info.unknown_route.append((text, line))
                continue
            use_country(country, text, (edition.path, line))
        towns = route.itinerary_towns(edition)
        for town in towns:
            cluster = place_resolver.add(town.name, (edition.path, town.line))
            key = fold(town.name)
            place = places.setdefault(key, PlaceInfo(cluster))
            for code in town.codes:
                found = use_code(code, edition, town.line)
                if found and found not in place.countries:
                    place.countries[found] = "source"
            if town.disputed and town.codes:
                partner = route.next_in(info.prose_route, iso(town.codes[0]))
                if partner and partner not in place.countries:
                    place.countries[partner] = "disputed"
        route.place_by_route(info, towns, places, use_country)
        info.route = route.first_visits(towns, places)
    assign_slugs(place_resolver.clusters)

    resolution = Resolution(infos, people, makers, entrants, places, countries, categories, {}, unknown_codes)
    for info in infos:
        entries.collect_entries(info, resolution)
        info.penalties = entries.penalties(info, resolution)
        info.notes = entries.notes(info)
    return resolution


def _person_mentions(editions: Sequence[EditionRecord]) -> list[PersonMention]:
    """Return every mention of a person in the editions: entry lists, results, standings, infobox, stage winners."""
    mentions: list[PersonMention] = []
    for edition in editions:
        for entry in edition.entries:
            mentions.append(PersonMention(entry.name, None, edition.path, entry.line, entry.category_slug, entry.number))
        for result in edition.results:
            mentions.extend(person_mention(edition, result.category_slug, m) for m in result.crew)
        for standing in edition.standings:
            mentions.extend(
                person_mention(edition, standing.category_slug, m, standing.number if i == 0 else None)
                for i, m in enumerate(standing.crew)
            )
        for winner in edition.infobox_winners:
            mentions.extend(person_mention(edition, winner.category_slug, m) for m in winner.crew)
        for stage in edition.stages:
            for cell in stage.winners:
                mentions.extend(person_mention(edition, cell.category_slug, m) for m in cell.people)
    return mentions


def _coded_mentions(edition: EditionRecord) -> list[Mention]:
    """Return the mentions of people written with a country code, in the order the tables give them."""
    return [
        *(m for r in edition.results for m in r.crew),
        *(m for s in edition.standings for m in s.crew),
        *(m for w in edition.infobox_winners for m in w.crew),
        *(m for s in edition.stages for c in s.winners for m in c.people),
    ]
