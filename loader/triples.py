"""Turn resolved records into triples: the asserted graph, and provenance, variants and problems as metadata.

One rule for literals (docs/data-model.md): names and labels are plain strings (`rdfs:label "Cars"`); sentences
of English prose (comments, reasons, notes, messages) are tagged `@en`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from loader.countries import country_by_code
from loader.errors import Problem
from loader.names import Cluster
from loader.parsing import xsd_duration
from loader.records import ResultRecord
from loader.resolve import EditionInfo, EntryInfo, Resolution
from vocabulary.iris import Minter, category_label, category_slug, edition_slug, slugify
from vocabulary.namespaces import CC_BY_SA, RALLY, SCHEMA, WD, WIKIDATA_PAGE, WIKIPEDIA
from vocabulary.text import fold

_ROLES = {
    "driver": (RALLY.driver, RALLY.DriverRole, "driver"),
    "codriver": (RALLY.coDriver, RALLY.CoDriverRole, "co-driver"),
    "further": (RALLY.furtherCrew, RALLY.FurtherCrewRole, "crew member"),
}
_TIME_PROPERTIES = {"position": (RALLY.position,), "time": (RALLY.time, RALLY.timeSeconds), "gap": (RALLY.gap, RALLY.gapSeconds)}


def english(text: str) -> Literal:
    """Return a sentence of English prose as a literal (tagged @en, as every sentence of the data is)."""
    return Literal(text, lang="en")


class GraphBuilder:
    """Writes asserted triples and their provenance; one instance per build."""

    def __init__(self, resolution: Resolution, minter: Minter) -> None:
        self.r = resolution
        self.mint = minter
        self.asserted = Graph()
        self.metadata = Graph()
        self.lines: dict[str, set[int]] = defaultdict(set)  # path -> line numbers cited
        self._texts = {info.record.path: info.record.lines for info in resolution.editions}
        self._names = {info.record.path: info.record.source_name for info in resolution.editions}
        self._makers = {c.slug: c.label for c in resolution.makers.clusters}
        self._results: Counter[tuple[URIRef, str]] = Counter()  # results written per (classification, driver)
        for graph in (self.asserted, self.metadata):
            graph.bind("rally", RALLY._NS)
            graph.bind("schema", SCHEMA)
            graph.bind("wd", WD)
            graph.bind("prov", PROV)
            graph.bind("skos", SKOS)
            graph.bind("dcterms", DCTERMS)

    # -- helpers ---------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | int | float | Decimal | date | None) -> None:
        """Assert one triple; plain Python values become typed literals (str: a plain string); None asserts nothing."""
        if o is None:
            return
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        self.asserted.add((s, p, o))

    def derive(self, node: URIRef, path: str, lines: Iterable[int]) -> None:
        """Record that `node` was read off these lines of a document."""
        for line in lines:
            self.lines[path].add(line)
            self.metadata.add((node, PROV.wasDerivedFrom, self.mint.source_line(self._names[path], line)))

    def cluster_lines(self, node: URIRef, cluster: Cluster) -> None:
        """Record provenance of a resolved name from every line it was written on."""
        for where in cluster.lines.values():
            for path, line in where:
                self.derive(node, path, [line])

    def label(self, node: URIRef, cluster: Cluster) -> None:
        """Assert the preferred label and every other spelling as an alternative label."""
        self.add(node, RDFS.label, cluster.label)
        for spelling in cluster.spellings:
            if spelling != cluster.label:
                self.add(node, SKOS.altLabel, spelling)

    def person(self, slug: str) -> URIRef:
        """Return a person's IRI from the slug."""
        return self.mint.person(slug)

    def person_label(self, slug: str) -> str:
        """Return a person's preferred label."""
        return self.r.person_label(slug)

    def category_name(self, slug: str) -> str:
        """Return a category's label."""
        return category_label(slug, self.r.categories[slug])

    # -- entities --------------------------------------------------------
    def countries(self) -> None:
        """Assert every country met, with its codes and Wikidata link."""
        for iso3, use in sorted(self.r.countries.items()):
            node = self.mint.country(iso3)
            country = use.country
            self.add(node, RDF.type, RALLY.Country)
            self.add(node, RDFS.label, country.name)
            self.add(node, RALLY.iso3166Alpha3, country.iso3)
            self.add(node, RALLY.iso3166Alpha2, country.iso2 or None)
            self.add(node, RALLY.iocCode, country.ioc or None)
            if country.wikidata:
                self.add(node, RALLY.wikidata, WD[country.wikidata])
                self.add(node, SCHEMA.sameAs, WIKIDATA_PAGE[country.wikidata])
            for path, line in use.lines:
                self.derive(node, path, [line])
            self.variants(
                "country",
                iso3,
                node,
                Cluster(
                    "country",
                    spellings=use.spellings,
                    rules={s: ("iso" if s == iso3 else "code" if len(s) == 3 else "name") for s in use.spellings},
                ),
            )

    def people(self) -> None:
        """Assert every person with labels and the country they race for (the flag before the name)."""
        for cluster in self.r.people.clusters:
            node = self.person(cluster.slug)
            self.add(node, RDF.type, RALLY.Person)
            self.label(node, cluster)
            if cluster.codes:
                code, _ = cluster.codes.most_common(1)[0]
                match = country_by_code(code)
                if match:
                    self.add(node, RALLY.countryForSport, self.mint.country(match.country.iso3))
            self.cluster_lines(node, cluster)
            self.variants("person", cluster.slug, node, cluster)

    def makers_and_entrants(self) -> None:
        """Assert manufacturers and entrants with their spellings."""
        for kind, clusters, mint, klass in (
            ("manufacturer", self.r.makers.clusters, self.mint.manufacturer, RALLY.Manufacturer),
            ("entrant", self.r.entrants.clusters, self.mint.entrant, RALLY.Entrant),
        ):
            for cluster in clusters:
                node = mint(cluster.slug)
                self.add(node, RDF.type, klass)
                self.label(node, cluster)
                self.cluster_lines(node, cluster)
                self.variants(kind, cluster.slug, node, cluster)

    def places(self) -> None:
        """Assert every town with its country or countries."""
        for place in self.r.places.values():
            node = self.mint.place(place.cluster.slug)
            self.add(node, RDF.type, RALLY.Place)
            self.label(node, place.cluster)
            for iso3 in place.countries:
                self.add(node, RALLY.inCountry, self.mint.country(iso3))
            self.cluster_lines(node, place.cluster)
            self.variants("place", place.cluster.slug, node, place.cluster)

    def categories(self) -> None:
        """Assert every category with the spellings met."""
        for slug, labels in sorted(self.r.categories.items()):
            node = self.mint.category(slug)
            label = category_label(slug, labels)
            self.add(node, RDF.type, RALLY.Category)
            self.add(node, RDFS.label, label)
            for spelling in labels:
                if fold(spelling) != fold(label):
                    self.add(node, SKOS.altLabel, spelling)

    def variants(self, kind: str, slug: str, node: URIRef, cluster: Cluster) -> None:
        """Write a NameVariant record for each spelling of a resource written in more than one way."""
        if len(cluster.spellings) < 2:
            return
        m = self.metadata
        for number, spelling in enumerate(sorted(cluster.spellings), 1):
            variant = self.mint.name_variant(kind, slug, number)
            m.add((variant, RDF.type, RALLY.NameVariant))
            m.add((variant, RDFS.label, Literal(f"{spelling!r}, a spelling of {cluster.label}")))
            m.add((variant, RALLY.spelling, Literal(spelling)))
            m.add((variant, RALLY.variantOf, node))
            m.add((variant, RALLY.resolvedBy, Literal(cluster.rules.get(spelling, "exact"))))
            for path, line in sorted(cluster.lines.get(spelling, ())):
                self.lines[path].add(line)
                m.add((variant, PROV.wasDerivedFrom, self.mint.source_line(self._names[path], line)))

    # -- editions --------------------------------------------------------
    def edition(self, info: EditionInfo) -> None:
        """Assert an edition: series, neighbours, stages, rest days, entries, classifications, no-contests, penalties."""
        record, e = info.record, info.slug
        node = self.mint.edition(e)
        series = self.mint.series(info.series_slug)
        path = record.path
        self.add(series, RDF.type, RALLY.RallySeries)
        self.add(series, RDFS.label, record.series_name)
        self.derive(series, path, [record.title_line])
        self.add(node, RDF.type, RALLY.CoveredEdition)
        self.add(node, RDF.type, RALLY.Edition)
        self.add(node, RDFS.label, record.name)
        if record.title != record.name:
            self.add(node, SKOS.altLabel, record.title)
        self.add(node, RALLY.series, series)
        self.add(node, RALLY.year, record.year)
        self.derive(node, path, [record.title_line])
        for text, _line in record.prose[:1]:
            self.add(node, RDFS.comment, english(text))
        if record.edition_number:
            self.add(node, RALLY.editionNumber, record.edition_number[0])
            self.derive(node, path, [record.edition_number[1]])
        if record.stated_length:
            wording, km, line = record.stated_length
            self.add(node, RALLY.statedLength, wording)
            self.add(node, RALLY.statedLengthKm, Decimal(str(km)))
            self.derive(node, path, [line])
        for neighbour, prop in ((record.previous, RALLY.previousEdition), (record.next, RALLY.nextEdition)):
            if neighbour:
                name, line = neighbour
                other = self.mint.edition(edition_slug(name))
                self.add(node, prop, other)
                self.add(other, RDF.type, RALLY.Edition)
                self.add(other, RDFS.label, name)
                match = re.match(r"^([0-9]{4})\s+(.+)$", name)
                if match and slugify(match.group(2)) == info.series_slug:
                    self.add(other, RALLY.series, series)
                    self.add(other, RALLY.year, int(match.group(1)))
                self.derive(other, path, [line])
        days = sorted([s.day for s in record.stages] + [d.day for d in record.rest_days])
        self.add(node, RALLY.startDate, days[0])
        self.add(node, RALLY.endDate, days[-1])
        for order, iso3 in enumerate(info.route, 1):
            visit = self.mint.route_visit(e, order)
            self.add(node, RALLY.routeVisit, visit)
            self.add(visit, RDF.type, RALLY.RouteVisit)
            self.add(visit, RALLY.firstVisitOrder, order)
            self.add(visit, RALLY.visitedCountry, self.mint.country(iso3))
            self.add(visit, RDFS.label, f"{record.name}: country {order} of the route")
        self.stages(info)
        self.entries(info)
        self.results(info)
        self.standings(info)
        self.no_contests(info)
        self.notes(info)
        self.penalties(info)

    def stages(self, info: EditionInfo) -> None:
        """Assert stages (loop stages typed as such), their winners, and rest days."""
        record, e = info.record, info.slug
        previous: URIRef | None = None
        for stage in sorted(record.stages, key=lambda s: s.number):
            node = self.mint.stage(e, stage.number)
            self.add(node, RDF.type, RALLY.Stage)
            if stage.loop:
                self.add(node, RDF.type, RALLY.LoopStage)
            self.add(node, RDFS.label, f"{record.name}, stage {stage.number}")
            self.add(node, RALLY.edition, self.mint.edition(e))
            self.add(node, RALLY.stageNumber, stage.number)
            self.add(node, RALLY.date, stage.day)
            self.add(node, RALLY.startPlace, self.mint.place(self.r.place(stage.start).cluster.slug))
            self.add(node, RALLY.finishPlace, self.mint.place(self.r.place(stage.finish).cluster.slug))
            if stage.distance_km is not None:
                self.add(node, RALLY.distanceKm, Decimal(str(stage.distance_km)).normalize())
            if previous is not None:
                self.add(node, RALLY.previousStage, previous)
            previous = node
            self.derive(node, record.path, [stage.line])
            for cell in stage.winners:
                if cell.marker or not cell.people:
                    continue
                classification = self.stage_classification(info, stage.number, cell.category)
                for mention in cell.people:
                    self.add(classification, RALLY.stageWinner, self.person(self.r.person(record, cell.category, mention).slug))
                self.derive(classification, record.path, [stage.line])
        for rest in record.rest_days:
            node = self.mint.rest_day(e, rest.day)
            self.add(node, RDF.type, RALLY.RestDay)
            self.add(node, RDFS.label, f"{record.name}, rest day {rest.day.isoformat()}")
            self.add(node, RALLY.edition, self.mint.edition(e))
            self.add(node, RALLY.date, rest.day)
            self.add(node, RALLY.restPlace, self.mint.place(self.r.place(rest.town).cluster.slug))
            self.derive(node, record.path, [rest.line])

    def stage_classification(self, info: EditionInfo, stage: int, category: str) -> URIRef:
        """Assert (once) and return a category's classification of a stage."""
        slug = category_slug(category)
        node = self.mint.stage_classification(info.slug, stage, slug)
        self.add(node, RDF.type, RALLY.StageClassification)
        self.add(node, RDFS.label, f"{info.record.name}, stage {stage}, {self.category_name(slug)}")
        self.add(node, RALLY.classifiedStage, self.mint.stage(info.slug, stage))
        self.add(node, RALLY.category, self.mint.category(slug))
        return node

    def entry_label(self, info: EditionInfo, entry: EntryInfo) -> str:
        """Return an entry's label: race numbers, crew, category and edition."""
        names = " / ".join(self.person_label(p) for p in entry.crew or [entry.driver])
        prefix = "".join(f"#{n} " for n in sorted(entry.numbers))
        return f"{prefix}{names} ({self.category_name(entry.category)}, {info.record.name})"

    def entries(self, info: EditionInfo) -> None:
        """Assert every entry of the edition with crew (in the roles the source gives), vehicle, race number(s), entrant."""
        edition = self.mint.edition(info.slug)
        path = info.record.path
        for (e, category, driver), entry in sorted(self.r.entries.items()):
            if e != info.slug:
                continue
            node = self.mint.entry(e, category, driver)
            label = self.entry_label(info, entry)
            self.add(node, RDF.type, RALLY.Entry)
            self.add(node, RALLY.entryIn, edition)
            self.add(node, RALLY.category, self.mint.category(category))
            self.add(node, RDFS.label, label)
            for number in sorted(entry.numbers):
                self.add(node, RALLY.raceNumber, number)
            for position, person in enumerate(entry.crew or [driver], 1):
                prop, role, role_name = _ROLES[entry.role(position, person)]
                self.add(node, prop, self.person(person))
                listing = self.mint.crew_listing(node, position)
                self.add(node, RALLY.crewListing, listing)
                self.add(listing, RDF.type, RALLY.CrewListing)
                self.add(listing, RDFS.label, f"{self.person_label(person)}, {role_name} of {label}")
                self.add(listing, RALLY.listedPerson, self.person(person))
                self.add(listing, RALLY.role, role)
                self.add(listing, RALLY.crewPosition, position)
            if entry.makes:
                vehicle = self.mint.vehicle(node)
                makes = " / ".join(self._makers[maker] for maker in sorted(entry.makes))
                models = " ".join(sorted(entry.models))
                self.add(node, RALLY.vehicle, vehicle)
                self.add(vehicle, RDF.type, RALLY.Vehicle)
                self.add(vehicle, RDFS.label, f"{makes}{' ' + models if models else ''}, the vehicle of {label}")
                for maker in entry.makes:
                    self.add(vehicle, RALLY.manufacturer, self.mint.manufacturer(maker))
                for model, lines in entry.models.items():
                    self.add(vehicle, RALLY.model, model)
                    self.derive(vehicle, path, lines)
                self.derive(vehicle, path, {min(lines) for lines in entry.makes.values()})
            for entrant in entry.entrants:
                self.add(node, RALLY.entrant, self.mint.entrant(entrant))
            self.derive(node, path, sorted(entry.lines | {line for ls in entry.numbers.values() for line in ls}))

    def _result(self, info: EditionInfo, classification: URIRef, title: str, category: str, driver: str, position: int) -> URIRef:
        """Assert a result of an entry in a classification (its IRI numbered when the driver appears twice)."""
        self._results[(classification, driver)] += 1  # the same crew twice in a classification is a reported problem
        node = self.mint.result(classification, driver, self._results[(classification, driver)])
        entry = self.r.entries[(info.slug, category, driver)]
        names = " / ".join(self.person_label(p) for p in entry.crew or [driver])
        self.add(classification, RALLY.hasResult, node)
        self.add(node, RDF.type, RALLY.Result)
        self.add(node, RDFS.label, f"{title}: {position}. {names}")
        self.add(node, RALLY.forEntry, self.mint.entry(info.slug, category, driver))
        self.add(node, RALLY.position, position)
        return node

    def _times(self, node: URIRef, time: int | None, gap: int | None) -> None:
        if time is not None:
            self.add(node, RALLY.time, Literal(xsd_duration(time), datatype=XSD.duration))
            self.add(node, RALLY.timeSeconds, time)
        if gap is not None:
            self.add(node, RALLY.gap, Literal(xsd_duration(gap), datatype=XSD.duration))
            self.add(node, RALLY.gapSeconds, gap)

    def _derived(self, node: URIRef, fields: Iterable[str]) -> None:
        """Mark the properties of these fields as derived by the loader, not read in a cell."""
        for name in fields:
            for prop in _TIME_PROPERTIES[name]:
                self.add(node, RALLY.derivedValue, prop)

    def results(self, info: EditionInfo) -> None:
        """Assert stage classifications and general classifications with their results; mark ties."""
        record = info.record
        groups: dict[tuple[str, int, str], list[ResultRecord]] = defaultdict(list)
        for result in record.results:
            groups[(category_slug(result.category), result.stage, result.kind)].append(result)
        for (category, stage, kind), rows in groups.items():
            if kind == "stage":
                classification = self.stage_classification(info, stage, rows[0].category)
                title = f"{record.name}, stage {stage}, {self.category_name(category)}"
            else:
                classification = self.mint.general_classification(info.slug, stage, category)
                title = f"{record.name}, {self.category_name(category)}, general classification after stage {stage}"
                self.add(classification, RDF.type, RALLY.GeneralClassification)
                self.add(classification, RDFS.label, title)
                self.add(classification, RALLY.afterStage, self.mint.stage(info.slug, stage))
                self.add(classification, RALLY.category, self.mint.category(category))
            self.derive(classification, record.path, sorted({r.line for r in rows}))
            shared = Counter(r.position for r in rows)
            for row in rows:
                driver = self.r.person(record, row.category, row.crew[0]).slug
                node = self._result(info, classification, title, category, driver, row.position)
                if shared[row.position] > 1:
                    self.add(node, RALLY.tied, True)
                self._times(node, row.time, row.gap)
                self._derived(node, row.inherited)
                self.derive(node, record.path, [row.line])

    def standings(self, info: EditionInfo) -> None:
        """Assert each category's final standings; a total printed as a gap is derived from the winner's time."""
        record = info.record
        for category in dict.fromkeys(category_slug(s.category) for s in record.standings):
            rows = [s for s in record.standings if category_slug(s.category) == category]
            node = self.mint.final_classification(info.slug, category)
            title = f"{record.name}, {self.category_name(category)}, final standings"
            self.add(node, RDF.type, RALLY.FinalClassification)
            self.add(node, RDFS.label, title)
            self.add(node, RALLY.standingsOf, self.mint.edition(info.slug))
            self.add(node, RALLY.category, self.mint.category(category))
            self.derive(node, record.path, sorted({r.line for r in rows}))
            shared = Counter(r.position for r in rows)
            winner = next((r.time for r in rows if r.position == 1 and r.time is not None), None)
            for row in rows:
                driver = self.r.person(record, row.category, row.crew[0]).slug
                result = self._result(info, node, title, category, driver, row.position)
                if shared[row.position] > 1:
                    self.add(result, RALLY.tied, True)
                time = row.time
                if time is None and row.gap is not None and winner is not None:
                    time = winner + row.gap
                    self._derived(result, ["time"])
                self._times(result, time, row.gap)
                self.derive(result, record.path, [row.line])

    def no_contests(self, info: EditionInfo) -> None:
        """Assert the stages a category did not race as a contest (cancelled or neutralised), with markers and reasons."""
        record = info.record
        for found in record.no_contests:
            category = category_slug(found.category)
            cancelled = found.kind == "cancelled"
            node = (self.mint.cancellation if cancelled else self.mint.neutralisation)(info.slug, found.stage, category)
            stage = self.mint.stage(info.slug, found.stage)
            name = self.category_name(category).lower()
            label = f"cancelled for {name}" if cancelled else f"not raced as a contest by {name} ({found.markers[0]})"
            self.add(node, RDF.type, RALLY.Cancellation if cancelled else RALLY.Neutralisation)
            self.add(node, RDFS.label, f"{record.name}, stage {found.stage} {label}")
            self.add(node, RALLY.cancelledStage if cancelled else RALLY.noContestStage, stage)
            self.add(node, RALLY.category, self.mint.category(category))
            for marker in found.markers:
                self.add(node, RALLY.marker, marker)
            for reason, _line in found.reasons:
                self.add(node, RALLY.reason, english(reason))
            if found.awarded is not None:
                self.add(node, RALLY.awardedTime, Literal(xsd_duration(found.awarded), datatype=XSD.duration))
                self.add(node, RALLY.awardedTimeSeconds, found.awarded)
            self.derive(node, record.path, found.lines)

    def notes(self, info: EditionInfo) -> None:
        """Assert each note under the stage table on the stages it concerns (on the edition when it names none)."""
        for note in info.notes:
            targets = [self.mint.stage(info.slug, n) for n in note.stages] or [self.mint.edition(info.slug)]
            for target in targets:
                self.add(target, RALLY.note, english(note.text))

    def penalties(self, info: EditionInfo) -> None:
        """Assert each penalty: one per person and stage, with the duration stated most often and every reason."""
        record = info.record
        for number, penalty in enumerate(info.penalties, 1):
            node = self.mint.penalty(info.slug, number)
            on_stage = f" on stage {penalty.stage}" if penalty.stage is not None else ""
            self.add(node, RDF.type, RALLY.Penalty)
            self.add(node, RDFS.label, f"{record.name}, penalty of {self.person_label(penalty.person)}{on_stage}")
            self.add(node, RALLY.penalisedPerson, self.person(penalty.person))
            if penalty.stage is not None and any(s.number == penalty.stage for s in record.stages):
                self.add(node, RALLY.penaltyStage, self.mint.stage(info.slug, penalty.stage))
            if penalty.seconds is not None:
                self.add(node, RALLY.penaltyDuration, Literal(xsd_duration(penalty.seconds), datatype=XSD.duration))
                self.add(node, RALLY.penaltySeconds, penalty.seconds)
            for reason in penalty.reasons:
                self.add(node, RALLY.reason, english(reason))
            self.derive(node, record.path, penalty.lines)

    # -- metadata ---------------------------------------------------------
    def sources(self) -> None:
        """Write the source documents and every cited line (number and text) to the metadata graph."""
        m = self.metadata
        for path, numbers in self.lines.items():
            name = self._names[path]
            document = self.mint.source(name)
            m.add((document, RDF.type, PROV.Entity))
            m.add((document, RDF.type, FOAF.Document))
            m.add((document, RDFS.label, Literal(name)))
            m.add((document, DCTERMS.title, Literal(name)))
            stem = name.rsplit(".", 1)[0]
            m.add((document, DCTERMS.source, WIKIPEDIA[stem]))
            m.add((document, DCTERMS.license, CC_BY_SA))
            texts = self._texts[path]
            for number in sorted(numbers):
                line = self.mint.source_line(name, number)
                m.add((line, RDF.type, RALLY.SourceLine))
                m.add((line, RDFS.label, Literal(f"{name}, line {number}")))
                m.add((line, RALLY.lineNumber, Literal(number)))
                m.add((line, PROV.value, Literal(texts[number - 1] if 0 < number <= len(texts) else "")))
                m.add((line, DCTERMS.isPartOf, document))

    def report(self, problems: list[Problem]) -> None:
        """Write the source problems to the metadata graph."""
        by_path: dict[str, int] = defaultdict(int)
        editions = {info.record.path: info.slug for info in self.r.editions}
        m = self.metadata
        for problem in problems:
            by_path[problem.path] += 1
            node = self.mint.problem(editions.get(problem.path, "unknown"), by_path[problem.path])
            m.add((node, RDF.type, RALLY.SourceProblem))
            m.add((node, RALLY.problemCode, Literal(problem.code)))
            m.add((node, RALLY.message, english(problem.message)))
            m.add((node, RDFS.label, Literal(f"{problem.code}: {problem.message}")))
            if problem.path in editions:
                m.add((node, RALLY.foundIn, self.mint.edition(editions[problem.path])))
            if problem.line is not None and problem.path in self._names:
                self.lines[problem.path].add(problem.line)
                m.add((node, PROV.wasDerivedFrom, self.mint.source_line(self._names[problem.path], problem.line)))
            for slug in problem.concerns:
                m.add((node, RALLY.concerns, self.person(slug)))


def build_graphs(resolution: Resolution, minter: Minter, problems: list[Problem]) -> tuple[Graph, Graph, list[Problem]]:
    """Return the asserted graph, the metadata graph, and all problems in source order."""
    builder = GraphBuilder(resolution, minter)
    builder.countries()
    builder.people()
    builder.makers_and_entrants()
    builder.places()
    builder.categories()
    for info in resolution.editions:
        builder.edition(info)
    everything = sorted(problems, key=lambda p: (p.path, p.line or 0, p.code))
    builder.report(everything)
    builder.sources()
    return builder.asserted, builder.metadata, everything
