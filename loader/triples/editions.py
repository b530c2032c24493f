"""Triples of an edition: its series, neighbours and route, its stages and rest days, and its entries with crew,
vehicle, race numbers and entrant."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from loader.resolve.model import EditionInfo, EntryInfo
from loader.triples.results import stage_classification
from loader.triples.writer import Writer, english
from vocabulary.iris import edition_slug, slugify
from vocabulary.namespaces import RALLY

_ROLES = {
    "driver": (RALLY.driver, RALLY.DriverRole, "driver"),
    "codriver": (RALLY.coDriver, RALLY.CoDriverRole, "co-driver"),
    "further": (RALLY.furtherCrew, RALLY.FurtherCrewRole, "crew member"),
}


def edition_triples(w: Writer, info: EditionInfo) -> None:
    """Assert an edition: series, neighbours, stages, rest days, entries, classifications, no-contests, penalties."""
    record, e = info.record, info.slug
    node = w.mint.edition(e)
    series = w.mint.series(info.series_slug)
    path = record.path
    w.add(series, RDF.type, RALLY.RallySeries)
    w.add(series, RDFS.label, record.series_name)
    w.derive(series, path, [record.title_line])
    w.add(node, RDF.type, RALLY.CoveredEdition)
    w.add(node, RDF.type, RALLY.Edition)
    w.add(node, RDFS.label, record.name)
    if record.title != record.name:
        w.add(node, SKOS.altLabel, record.title)
    w.add(node, RALLY.series, series)
    w.add(node, RALLY.year, record.year)
    w.derive(node, path, [record.title_line])
    for text, _line in record.prose[:1]:
        w.add(node, RDFS.comment, english(text))
    if record.edition_number:
        w.add(node, RALLY.editionNumber, record.edition_number[0])
        w.derive(node, path, [record.edition_number[1]])
    if record.stated_length:
        wording, km, line = record.stated_length
        w.add(node, RALLY.statedLength, wording)
        w.add(node, RALLY.statedLengthKm, Decimal(str(km)))
        w.derive(node, path, [line])
    for neighbour, prop in ((record.previous, RALLY.previousEdition), (record.next, RALLY.nextEdition)):
        if neighbour:
            name, line = neighbour
            other = w.mint.edition(edition_slug(name))
            w.add(node, prop, other)
            w.add(other, RDF.type, RALLY.Edition)
            w.add(other, RDFS.label, name)
            match = re.match(r"^([0-9]{4})\s+(.+)$", name)
            if match and slugify(match.group(2)) == info.series_slug:
                w.add(other, RALLY.series, series)
                w.add(other, RALLY.year, int(match.group(1)))
            w.derive(other, path, [line])
    days = sorted([s.day for s in record.stages] + [d.day for d in record.rest_days])
    w.add(node, RALLY.startDate, days[0])
    w.add(node, RALLY.endDate, days[-1])
    for order, iso3 in enumerate(info.route, 1):
        visit = w.mint.route_visit(e, order)
        w.add(node, RALLY.routeVisit, visit)
        w.add(visit, RDF.type, RALLY.RouteVisit)
        w.add(visit, RALLY.firstVisitOrder, order)
        w.add(visit, RALLY.visitedCountry, w.mint.country(iso3))
        w.add(visit, RDFS.label, f"{record.name}: country {order} of the route")


def stage_triples(w: Writer, info: EditionInfo) -> None:
    """Assert stages (loop stages typed as such), their winners, and rest days."""
    record, e = info.record, info.slug
    previous: URIRef | None = None
    for stage in sorted(record.stages, key=lambda s: s.number):
        node = w.mint.stage(e, stage.number)
        w.add(node, RDF.type, RALLY.Stage)
        if stage.loop:
            w.add(node, RDF.type, RALLY.LoopStage)
        w.add(node, RDFS.label, f"{record.name}, stage {stage.number}")
        w.add(node, RALLY.edition, w.mint.edition(e))
        w.add(node, RALLY.stageNumber, stage.number)
        w.add(node, RALLY.date, stage.day)
        w.add(node, RALLY.startPlace, w.mint.place(w.r.place(stage.start).cluster.slug))
        w.add(node, RALLY.finishPlace, w.mint.place(w.r.place(stage.finish).cluster.slug))
        if stage.distance_km is not None:
            w.add(node, RALLY.distanceKm, Decimal(str(stage.distance_km)).normalize())
        if previous is not None:
            w.add(node, RALLY.previousStage, previous)
        previous = node
        w.derive(node, record.path, [stage.line])
        for cell in stage.winners:
            if cell.marker or not cell.people:
                continue
            classification = stage_classification(w, info, stage.number, cell.category_slug)
            for mention in cell.people:
                w.add(classification, RALLY.stageWinner, w.person(w.r.person(record, cell.category_slug, mention).slug))
            w.derive(classification, record.path, [stage.line])
    for rest in record.rest_days:
        node = w.mint.rest_day(e, rest.day)
        w.add(node, RDF.type, RALLY.RestDay)
        w.add(node, RDFS.label, f"{record.name}, rest day {rest.day.isoformat()}")
        w.add(node, RALLY.edition, w.mint.edition(e))
        w.add(node, RALLY.date, rest.day)
        w.add(node, RALLY.restPlace, w.mint.place(w.r.place(rest.town).cluster.slug))
        w.derive(node, record.path, [rest.line])


def entry_label(w: Writer, info: EditionInfo, entry: EntryInfo) -> str:
    """Return an entry's label: race numbers, crew, category and edition."""
    names = " / ".join(w.person_label(p) for p in entry.crew or [entry.driver])
    prefix = "".join(f"#{n} " for n in sorted(entry.numbers))
    return f"{prefix}{names} ({w.category_name(entry.category)}, {info.record.name})"


def entry_triples(w: Writer, info: EditionInfo) -> None:
    """Assert every entry of the edition with crew (in the roles the source gives), vehicle, race number(s), entrant."""
    edition = w.mint.edition(info.slug)
    path = info.record.path
    for (e, category, driver), entry in sorted(w.r.entries.items()):
        if e != info.slug:
            continue
        node = w.mint.entry(e, category, driver)
        label = entry_label(w, info, entry)
        w.add(node, RDF.type, RALLY.Entry)
        w.add(node, RALLY.entryIn, edition)
        w.add(node, RALLY.category, w.mint.category(category))
        w.add(node, RDFS.label, label)
        for number in sorted(entry.numbers):
            w.add(node, RALLY.raceNumber, number)
        for position, person in enumerate(entry.crew or [driver], 1):
            prop, role, role_name = _ROLES[entry.role(position, person)]
            w.add(node, prop, w.person(person))
            listing = w.mint.crew_listing(node, position)
            w.add(node, RALLY.crewListing, listing)
            w.add(listing, RDF.type, RALLY.CrewListing)
            w.add(listing, RDFS.label, f"{w.person_label(person)}, {role_name} of {label}")
            w.add(listing, RALLY.listedPerson, w.person(person))
            w.add(listing, RALLY.role, role)
            w.add(listing, RALLY.crewPosition, position)
        if entry.makes:
            vehicle = w.mint.vehicle(node)
            makes = " / ".join(w.makers[maker] for maker in sorted(entry.makes))
            models = " ".join(sorted(entry.models))
            w.add(node, RALLY.vehicle, vehicle)
            w.add(vehicle, RDF.type, RALLY.Vehicle)
            w.add(vehicle, RDFS.label, f"{makes}{' ' + models if models else ''}, the vehicle of {label}")
            for maker in entry.makes:
                w.add(vehicle, RALLY.manufacturer, w.mint.manufacturer(maker))
            for model, lines in entry.models.items():
                w.add(vehicle, RALLY.model, model)
                w.derive(vehicle, path, lines)
            w.derive(vehicle, path, {min(lines) for lines in entry.makes.values()})
        for entrant in entry.entrants:
            w.add(node, RALLY.entrant, w.mint.entrant(entrant))
        w.derive(node, path, sorted(entry.lines | {line for ls in entry.numbers.values() for line in ls}))
