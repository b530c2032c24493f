"""Turn resolved records into triples: the asserted graph, and provenance, variants and problems as metadata."""

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
from loader.iris import Minter, slugify
from loader.names import Cluster, category_label, category_slug, fold
from loader.namespaces import RALLY, SCHEMA, WD, WIKIDATA_PAGE
from loader.parsing import xsd_duration
from loader.prose import PenaltyStatement, extract_penalties
from loader.records import ResultRecord, StandingRecord
from loader.resolve import EditionInfo, Resolution

CC_BY_SA = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
_ROLES = ((RALLY.driver, RALLY.DriverRole), (RALLY.coDriver, RALLY.CoDriverRole))


class GraphBuilder:
    """Writes asserted triples and their provenance; one instance per build."""

    def __init__(self, resolution: Resolution, minter: Minter) -> None:
        self.r = resolution
        self.mint = minter
        self.asserted = Graph()
        self.metadata = Graph()
        self.lines: dict[str, set[int]] = defaultdict(set)  # path -> line numbers cited
        self.problems: list[Problem] = []
        self._texts = {info.record.path: info.record.lines for info in resolution.editions}
        self._names = {info.record.path: info.record.source_name for info in resolution.editions}
        for graph in (self.asserted, self.metadata):
            graph.bind("rally", RALLY._NS)
            graph.bind("schema", SCHEMA)
            graph.bind("wd", WD)
            graph.bind("prov", PROV)
            graph.bind("skos", SKOS)
            graph.bind("dcterms", DCTERMS)

    # -- helpers ---------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | int | float | Decimal | date | None) -> None:
        """Assert one triple; plain Python values become typed literals; None asserts nothing."""
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
        self.add(node, RDFS.label, Literal(cluster.label))
        for spelling in cluster.spellings:
            if spelling != cluster.label:
                self.add(node, SKOS.altLabel, Literal(spelling))

    def person(self, slug: str) -> URIRef:
        """Return a person's IRI from the slug."""
        return self.mint.person(slug)

    # -- entities --------------------------------------------------------
    def countries(self) -> None:
        """Assert every country met, with its codes and Wikidata link."""
        for iso3, use in sorted(self.r.countries.items()):
            node = self.mint.country(iso3)
            country = use.country
            self.add(node, RDF.type, RALLY.Country)
            self.add(node, RDFS.label, Literal(country.name, lang="en"))
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
        """Assert every person with labels and nationality."""
        for cluster in self.r.people.clusters:
            node = self.person(cluster.slug)
            self.add(node, RDF.type, RALLY.Person)
            self.label(node, cluster)
            if cluster.codes:
                code, _ = cluster.codes.most_common(1)[0]
                match = country_by_code(code)
                if match:
                    self.add(node, RALLY.nationality, self.mint.country(match.country.iso3))
            self.cluster_lines(node, cluster)
            self.variants("person", cluster.slug, node, cluster)

    def makers_and_entrants(self) -> None:
        """Assert manufacturers and entrants with their spellings."""
        for cluster in self.r.makers.clusters:
            node = self.mint.manufacturer(cluster.slug)
            self.add(node, RDF.type, RALLY.Manufacturer)
            self.label(node, cluster)
            self.cluster_lines(node, cluster)
            self.variants("manufacturer", cluster.slug, node, cluster)
        for cluster in self.r.entrants.clusters:
            node = self.mint.entrant(cluster.slug)
            self.add(node, RDF.type, RALLY.Entrant)
            self.label(node, cluster)
            self.cluster_lines(node, cluster)
            self.variants("entrant", cluster.slug, node, cluster)

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
            self.add(node, RDFS.label, Literal(label, lang="en"))
            for spelling in labels:
                if fold(spelling) != fold(label):
                    self.add(node, SKOS.altLabel, Literal(spelling, lang="en"))

    def variants(self, kind: str, slug: str, node: URIRef, cluster: Cluster) -> None:
        """Write a NameVariant record for each spelling of a resource written in more than one way."""
        if len(cluster.spellings) < 2:
            return
        for number, spelling in enumerate(sorted(cluster.spellings), 1):
            variant = self.mint.name_variant(kind, slug, number)
            m = self.metadata
            m.add((variant, RDF.type, RALLY.NameVariant))
            m.add((variant, RALLY.spelling, Literal(spelling)))
            m.add((variant, RALLY.variantOf, node))
            m.add((variant, RALLY.resolvedBy, Literal(cluster.rules.get(spelling, "exact"))))
            for path, line in sorted(cluster.lines.get(spelling, ())):
                self.lines[path].add(line)
                m.add((variant, PROV.wasDerivedFrom, self.mint.source_line(self._names[path], line)))

    # -- editions --------------------------------------------------------
    def edition(self, info: EditionInfo) -> None:
        """Assert an edition: series, neighbours, stages, rest days, entries, classifications, penalties."""
        record, e = info.record, info.slug
        node = self.mint.edition(e)
        series = self.mint.series(info.series_slug)
        path = record.path
        self.add(series, RDF.type, RALLY.RallySeries)
        self.add(series, RDFS.label, Literal(record.series_name, lang="en"))
        self.derive(series, path, [record.title_line])
        self.add(node, RDF.type, RALLY.Edition)
        self.add(node, RDFS.label, Literal(record.name, lang="en"))
        if record.title != record.name:
            self.add(node, SKOS.altLabel, Literal(record.title, lang="en"))
        self.add(node, RALLY.series, series)
        self.add(node, RALLY.year, record.year)
        self.derive(node, path, [record.title_line])
        for text, _line in record.prose[:1]:
            self.add(node, RDFS.comment, Literal(text, lang="en"))
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
                other = self.mint.edition(slugify(name))
                self.add(node, prop, other)
                self.add(other, RDF.type, RALLY.Edition)
                self.add(other, RDFS.label, Literal(name, lang="en"))
                match = re.match(r"^(\d{4})\s+(.+)$", name)
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
            self.add(visit, RDFS.label, Literal(f"{record.name}: country {order} of the route", lang="en"))
        self.stages(info)
        self.entries(info)
        self.results(info)
        self.standings(info)
        self.cancellations(info)
        self.penalties(info)

    def stages(self, info: EditionInfo) -> None:
        """Assert stages (loop stages typed as such) and rest days."""
        record, e = info.record, info.slug
        previous: URIRef | None = None
        for stage in sorted(record.stages, key=lambda s: s.number):
            node = self.mint.stage(e, stage.number)
            self.add(node, RDF.type, RALLY.Stage)
            if stage.loop:
                self.add(node, RDF.type, RALLY.LoopStage)
            self.add(node, RDFS.label, Literal(f"{record.name}, stage {stage.number}", lang="en"))
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
                if cell.cancelled or not cell.people:
                    continue
                classification = self.stage_classification(info, stage.number, cell.category)
                for mention in cell.people:
                    self.add(classification, RALLY.stageWinner, self.person(self.r.person(record, cell.category, mention).slug))
                self.derive(classification, record.path, [stage.line])
        for rest in record.rest_days:
            node = self.mint.rest_day(e, rest.day)
            self.add(node, RDF.type, RALLY.RestDay)
            self.add(node, RDFS.label, Literal(f"{record.name}, rest day {rest.day.isoformat()}", lang="en"))
            self.add(node, RALLY.edition, self.mint.edition(e))
            self.add(node, RALLY.date, rest.day)
            self.add(node, RALLY.restPlace, self.mint.place(self.r.place(rest.town).cluster.slug))
            self.derive(node, record.path, [rest.line])

    def stage_classification(self, info: EditionInfo, stage: int, category: str) -> URIRef:
        """Assert (once) and return a category's classification of a stage."""
        slug = category_slug(category)
        node = self.mint.stage_classification(info.slug, stage, slug)
        self.add(node, RDF.type, RALLY.StageClassification)
        self.add(
            node,
            RDFS.label,
            Literal(f"{info.record.name}, stage {stage}, {category_label(slug, self.r.categories[slug])}", lang="en"),
        )
        self.add(node, RALLY.classifiedStage, self.mint.stage(info.slug, stage))
        self.add(node, RALLY.category, self.mint.category(slug))
        return node

    def entries(self, info: EditionInfo) -> None:
        """Assert every entry of the edition with crew, vehicle, race number(s) and entrant."""
        edition = self.mint.edition(info.slug)
        path = info.record.path
        for (e, category, driver), entry in sorted(self.r.entries.items()):
            if e != info.slug:
                continue
            node = self.mint.entry(e, category, driver)
            crew = entry.crew or [driver]
            self.add(node, RDF.type, RALLY.Entry)
            self.add(node, RALLY.entryIn, edition)
            self.add(node, RALLY.category, self.mint.category(category))
            names = " / ".join(self._person_label(p) for p in crew)
            numbers = sorted(entry.numbers)
            prefix = "".join(f"#{n} " for n in numbers)
            self.add(
                node,
                RDFS.label,
                Literal(
                    f"{prefix}{names} ({category_label(category, self.r.categories[category])}, {info.record.name})", lang="en"
                ),
            )
            for number in numbers:
                self.add(node, RALLY.raceNumber, number)
            for position, person in enumerate(crew, 1):
                prop, role = _ROLES[position - 1] if position <= len(_ROLES) else (RALLY.furtherCrew, RALLY.FurtherCrewRole)
                self.add(node, prop, self.person(person))
                listing = self.mint.crew_listing(node, position)
                self.add(node, RALLY.crewListing, listing)
                self.add(listing, RDF.type, RALLY.CrewListing)
                self.add(listing, RALLY.listedPerson, self.person(person))
                self.add(listing, RALLY.role, role)
                self.add(listing, RALLY.crewPosition, position)
            vehicle = self.mint.vehicle(node)
            if entry.makes:
                self.add(node, RALLY.vehicle, vehicle)
                self.add(vehicle, RDF.type, RALLY.Vehicle)
                for maker in entry.makes:
                    self.add(vehicle, RALLY.manufacturer, self.mint.manufacturer(maker))
                for model, lines in entry.models.items():
                    self.add(vehicle, RALLY.model, model)
                    self.derive(vehicle, path, lines)
                self.derive(vehicle, path, {min(lines) for lines in entry.makes.values()})
            for entrant in entry.entrants:
                self.add(node, RALLY.entrant, self.mint.entrant(entrant))
            self.derive(node, path, sorted(entry.lines | {line for ls in entry.numbers.values() for line in ls}))

    def _person_label(self, slug: str) -> str:
        if not hasattr(self, "_labels"):
            self._labels = {c.slug: c.label for c in self.r.people.clusters}
        return self._labels.get(slug, slug)

    def _result(
        self,
        info: EditionInfo,
        classification: URIRef,
        category: str,
        crew_first: ResultRecord | None,
        driver: str,
        used: set[URIRef],
    ) -> URIRef:
        node = self.mint.result(classification, driver)
        if node in used:
            n = 2
            while URIRef(f"{node}-{n}") in used:
                n += 1
            node = URIRef(f"{node}-{n}")
        used.add(node)
        self.add(classification, RALLY.hasResult, node)
        self.add(node, RDF.type, RALLY.Result)
        self.add(node, RALLY.forEntry, self.mint.entry(info.slug, category, driver))
        return node

    def _times(self, node: URIRef, time: int | None, gap: int | None) -> None:
        if time is not None:
            self.add(node, RALLY.time, Literal(xsd_duration(time), datatype=XSD.duration))
            self.add(node, RALLY.timeSeconds, time)
        if gap is not None:
            self.add(node, RALLY.gap, Literal(xsd_duration(gap), datatype=XSD.duration))
            self.add(node, RALLY.gapSeconds, gap)

    def results(self, info: EditionInfo) -> None:
        """Assert stage classifications and general classifications with their results; mark ties."""
        record = info.record
        groups: dict[tuple[str, int, str], list[ResultRecord]] = defaultdict(list)
        for result in record.results:
            groups[(category_slug(result.category), result.stage, result.kind)].append(result)
        for (category, stage, kind), rows in groups.items():
            if kind == "stage":
                classification = self.stage_classification(info, stage, rows[0].category)
            else:
                classification = self.mint.general_classification(info.slug, stage, category)
                self.add(classification, RDF.type, RALLY.GeneralClassification)
                self.add(
                    classification,
                    RDFS.label,
                    Literal(
                        f"{record.name}, {category_label(category, self.r.categories[category])}, general classification after stage {stage}",
                        lang="en",
                    ),
                )
                self.add(classification, RALLY.afterStage, self.mint.stage(info.slug, stage))
                self.add(classification, RALLY.category, self.mint.category(category))
            self.derive(classification, record.path, sorted({r.line for r in rows}))
            shared = Counter(r.position for r in rows)
            used: set[URIRef] = set()
            for row in rows:
                driver = self.r.person(record, row.category, row.crew[0]).slug
                if self.mint.result(classification, driver) in used:
                    self.problems.append(
                        Problem(
                            "duplicate-result",
                            f"{self._person_label(driver)} appears twice in the {category} {'stage result' if kind == 'stage' else 'general classification'} of stage {stage}",
                            record.path,
                            row.line,
                        )
                    )
                node = self._result(info, classification, category, row, driver, used)
                self.add(node, RALLY.position, row.position)
                if shared[row.position] > 1:
                    self.add(node, RALLY.tied, True)
                self._times(node, row.time, row.gap)
                self.derive(node, record.path, [row.line])

    def standings(self, info: EditionInfo) -> None:
        """Assert each category's final standings."""
        record = info.record
        by_category: dict[str, list[StandingRecord]] = defaultdict(list)
        for standing in record.standings:
            by_category[category_slug(standing.category)].append(standing)
        for category, rows in by_category.items():
            node = self.mint.final_classification(info.slug, category)
            self.add(node, RDF.type, RALLY.FinalClassification)
            self.add(
                node,
                RDFS.label,
                Literal(f"{record.name}, {category_label(category, self.r.categories[category])}, final standings", lang="en"),
            )
            self.add(node, RALLY.standingsOf, self.mint.edition(info.slug))
            self.add(node, RALLY.category, self.mint.category(category))
            self.derive(node, record.path, sorted({r.line for r in rows}))
            shared = Counter(r.position for r in rows)
            used: set[URIRef] = set()
            for row in rows:
                driver = self.r.person(record, row.category, row.crew[0]).slug
                result = self._result(info, node, category, None, driver, used)
                self.add(result, RALLY.position, row.position)
                if shared[row.position] > 1:
                    self.add(result, RALLY.tied, True)
                self._times(result, row.time, row.gap)
                self.derive(result, record.path, [row.line])

    def cancellations(self, info: EditionInfo) -> None:
        """Assert cancellations from the stage table, the results tables and the notes, with every reason given."""
        record = info.record
        found: dict[tuple[int, str], set[int]] = defaultdict(set)
        reasons: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
        for stage in record.stages:
            for cell in stage.winners:
                if cell.cancelled:
                    found[(stage.number, category_slug(cell.category))].add(stage.line)
        for c in record.cancellations:
            key = (c.stage, category_slug(c.category))
            found[key].add(c.line)
            reasons[key][c.reason] = c.line
        for note in record.notes:
            if not re.search(r"\bcancel", note.text, re.IGNORECASE):
                continue
            words = {category_slug(w) for w in re.findall(r"[A-Za-z-]+", note.text)}
            numbers = {int(n) for n in re.findall(r"\bstage\s+(\d+)", note.text, re.IGNORECASE)}
            for number, category in found:
                if category in words and (not numbers or number in numbers):
                    reasons[(number, category)][note.text] = note.line
        for (number, category), lines in sorted(found.items()):
            node = self.mint.cancellation(info.slug, number, category)
            self.add(node, RDF.type, RALLY.Cancellation)
            self.add(
                node,
                RDFS.label,
                Literal(
                    f"{record.name}, stage {number} cancelled for {category_label(category, self.r.categories[category]).lower()}",
                    lang="en",
                ),
            )
            self.add(node, RALLY.cancelledStage, self.mint.stage(info.slug, number))
            self.add(node, RALLY.category, self.mint.category(category))
            for reason, line in reasons[(number, category)].items():
                self.add(node, RALLY.reason, Literal(reason, lang="en"))
                lines.add(line)
            self.derive(node, record.path, sorted(lines))

    def penalties(self, info: EditionInfo) -> None:
        """Assert each penalty statement; report penalties of the same people and stage stated differently."""
        record = info.record
        statements = extract_penalties(record)
        resolved: list[tuple[PenaltyStatement, list[str], int | None]] = []
        for statement in statements:
            people = self._named_people(info, statement.names)
            resolved.append((statement, people, statement.stage))
        for index, (statement, people, stage) in enumerate(resolved):
            if stage is None:
                candidates = {s for st, ps, s in resolved if s is not None and set(ps) & set(people)}
                if len(candidates) == 1:
                    resolved[index] = (statement, people, candidates.pop())
        groups: dict[tuple[int | None, str], list[tuple[PenaltyStatement, int | None]]] = defaultdict(list)
        for number, (statement, people, stage) in enumerate(resolved, 1):
            node = self.mint.penalty(info.slug, number)
            self.add(node, RDF.type, RALLY.Penalty)
            self.add(node, RDFS.label, Literal(f"{record.name}, penalty: {statement.text}", lang="en"))
            for person in people:
                self.add(node, RALLY.penalisedPerson, self.person(person))
                groups[(stage, person)].append((statement, statement.seconds))
            if stage is not None and any(s.number == stage for s in record.stages):
                self.add(node, RALLY.penaltyStage, self.mint.stage(info.slug, stage))
            if statement.seconds is not None:
                self.add(node, RALLY.penaltyDuration, Literal(xsd_duration(statement.seconds), datatype=XSD.duration))
                self.add(node, RALLY.penaltySeconds, statement.seconds)
            self.add(node, RALLY.reason, Literal(statement.reason, lang="en") if statement.reason else None)
            self.derive(node, record.path, [statement.line])
        for (stage, person), said in groups.items():
            amounts = {seconds for _, seconds in said if seconds is not None}
            if len(amounts) > 1:
                where = ", ".join(f"{s.wording} (line {s.line})" for s, _ in said if s.wording)
                self.problems.append(
                    Problem(
                        "penalty-mismatch",
                        f"the penalty of {self._person_label(person)}{f' on stage {stage}' if stage else ''} is stated differently: {where}",
                        record.path,
                        max(s.line for s, _ in said),
                        (person,),
                    )
                )

    def _named_people(self, info: EditionInfo, names: Iterable[str]) -> list[str]:
        people = [c for c in self.r.people.clusters if any(p == info.record.path for ls in c.lines.values() for p, _ in ls)]
        found: list[str] = []
        for name in names:
            key = fold(name)
            exact = [c for c in people if key in c.keys()]
            by_surname = [c for c in people if any(k.endswith(" " + key) for k in c.keys())]
            match = exact or (by_surname if len(by_surname) == 1 else [])
            for cluster in match[:1]:
                if cluster.slug not in found:
                    found.append(cluster.slug)
        return found

    # -- metadata ---------------------------------------------------------
    def sources(self) -> None:
        """Write the source documents and every cited line (number and text) to the metadata graph."""
        m = self.metadata
        for path, numbers in self.lines.items():
            name = self._names[path]
            document = self.mint.source(name)
            m.add((document, RDF.type, PROV.Entity))
            m.add((document, RDF.type, FOAF.Document))
            m.add((document, DCTERMS.title, Literal(name)))
            stem = name.rsplit(".", 1)[0]
            m.add((document, DCTERMS.source, URIRef(f"https://en.wikipedia.org/wiki/{stem}")))
            m.add((document, DCTERMS.license, CC_BY_SA))
            texts = self._texts[path]
            for number in sorted(numbers):
                line = self.mint.source_line(name, number)
                m.add((line, RDF.type, RALLY.SourceLine))
                m.add((line, RALLY.lineNumber, Literal(number)))
                m.add((line, PROV.value, Literal(texts[number - 1] if 0 < number <= len(texts) else "")))
                m.add((line, DCTERMS.isPartOf, document))

    def report(self, problems: list[Problem]) -> None:
        """Write the source problems to the metadata graph."""
        by_path: dict[str, int] = defaultdict(int)
        editions = {info.record.path: info.slug for info in self.r.editions}
        for problem in problems:
            by_path[problem.path] += 1
            node = self.mint.problem(editions.get(problem.path, "unknown"), by_path[problem.path])
            m = self.metadata
            m.add((node, RDF.type, RALLY.SourceProblem))
            m.add((node, RALLY.problemCode, Literal(problem.code)))
            m.add((node, RALLY.message, Literal(problem.message, lang="en")))
            m.add((node, RDFS.label, Literal(f"{problem.code}: {problem.message}", lang="en")))
            if problem.line is not None and problem.path in self._names:
                self.lines[problem.path].add(problem.line)
                m.add((node, PROV.wasDerivedFrom, self.mint.source_line(self._names[problem.path], problem.line)))
            for slug in problem.concerns:
                m.add((node, RALLY.concerns, self.person(slug)))


def build_graphs(resolution: Resolution, minter: Minter, problems: list[Problem]) -> tuple[Graph, Graph, list[Problem]]:
    """Return the asserted graph, the metadata graph, and all problems (those given plus those found on the way)."""
    builder = GraphBuilder(resolution, minter)
    builder.countries()
    builder.people()
    builder.makers_and_entrants()
    builder.places()
    builder.categories()
    for info in resolution.editions:
        builder.edition(info)
    everything = sorted([*problems, *builder.problems], key=lambda p: (p.path, p.line or 0, p.code))
    builder.report(everything)
    builder.sources()
    return builder.asserted, builder.metadata, everything
