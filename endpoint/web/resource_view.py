"""The resource page's content: a Description grouped by property, paged, with provenance and extras."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS

from endpoint.core.lookup import number, prologue, select, text
from endpoint.core.negotiation import negotiate
from endpoint.core.resource import PROV_DERIVED, Description, Statement, shown_queries
from endpoint.core.service import Session
from endpoint.web import explain
from endpoint.web.display import SUFFIXES, TermView, curie, data_path, local_path, page_href, view
from loader.parsing import format_duration
from vocabulary.namespaces import RALLY, SCHEMA, WD, WIKIDATA_PAGE

PAGE_SIZE = 20
HIDDEN = {str(RDF.type), str(RDFS.label), PROV_DERIVED}
SAME_AS = {str(RALLY.wikidata), str(SCHEMA.sameAs), str(OWL.sameAs)}

VARIANTS = """\
SELECT ?resource ?spelling ?rule WHERE {
  GRAPH ?graph { ?variant rally:variantOf ?resource ; rally:spelling ?spelling . OPTIONAL { ?variant rally:resolvedBy ?rule } }
} ORDER BY ?spelling"""
PROBLEMS = """\
SELECT ?resource ?problem ?code ?message WHERE {
  GRAPH ?graph { ?problem rally:concerns ?resource ; rally:problemCode ?code ; rally:message ?message }
} ORDER BY ?problem"""
PERSON_ENTRIES = """\
SELECT ?resource ?entry ?entryLabel ?edition ?editionLabel ?category ?categoryLabel ?raceNumber ?role ?roleLabel
       ?make ?makeLabel ?position ?timeSeconds ?gapSeconds ?wins ?stagesWon WHERE {
  ?entry rally:crewListing ?listing ; rally:entryIn ?edition ; rally:category ?category ; rdfs:label ?entryLabel .
  ?listing rally:listedPerson ?resource ; rally:role ?role .
  ?edition rdfs:label ?editionLabel . ?category rdfs:label ?categoryLabel . ?role rdfs:label ?roleLabel .
  OPTIONAL { ?entry rally:raceNumber ?raceNumber }
  OPTIONAL { ?entry rally:make ?make . ?make rdfs:label ?makeLabel }
  OPTIONAL {
    ?final a rally:FinalClassification ; rally:hasResult ?result .
    ?result rally:forEntry ?entry ; rally:position ?position .
    OPTIONAL { ?result rally:timeSeconds ?timeSeconds }
    OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
  }
  OPTIONAL {
    SELECT ?entry (COUNT(?number) AS ?wins) (GROUP_CONCAT(?won; separator=", ") AS ?stagesWon) WHERE {
      { SELECT DISTINCT ?entry ?number (STR(?number) AS ?won) WHERE {
          ?win a rally:StageWin ; rally:forEntry ?entry ; rally:inClassification/rally:classifiedStage/rally:stageNumber ?number .
        } ORDER BY ?entry ?number }
    } GROUP BY ?entry
  }
} ORDER BY ?editionLabel ?categoryLabel"""
PERSON_STAGES = """\
SELECT ?resource ?entry ?number ?kind ?position ?seconds ?gap WHERE {
  ?entry rally:crewListing/rally:listedPerson ?resource .
  ?result rally:forEntry ?entry ; rally:position ?position .
  ?classification rally:hasResult ?result .
  { ?classification a rally:StageClassification ; rally:classifiedStage ?stage . BIND("stage" AS ?kind) }
  UNION { ?classification a rally:GeneralClassification ; rally:afterStage ?stage . BIND("general" AS ?kind) }
  ?stage rally:stageNumber ?number .
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gap }
} ORDER BY ?entry ?number ?kind"""
DOCUMENT_LINES = """\
SELECT ?resource ?line ?number ?text ?derived ?label WHERE {
  GRAPH ?graph { ?line dcterms:isPartOf ?resource ; rally:lineNumber ?number ; prov:value ?text }
  OPTIONAL { GRAPH ?graph { ?derived prov:wasDerivedFrom ?line } OPTIONAL { ?derived rdfs:label ?label } }
} ORDER BY ?number ?derived"""


@dataclass
class StageRow:
    """One stage of an entry: its place, time and gap on the stage, and in the general classification after it."""

    number: int
    stage: tuple[str, str, str] = ("", "", "")  # position, time, gap (h:mm:ss; empty when the source gives none)
    general: tuple[str, str, str] = ("", "", "")


@dataclass
class EntryStages:
    """A person's entry, stage by stage."""

    entry: str  # the entry's IRI
    rows: list[StageRow] = field(default_factory=list)


@dataclass(frozen=True)
class LineRef:
    """A link to one source line."""

    number: int
    href: str


@dataclass(frozen=True)
class ValueRow:
    """One value of a property group: the term, its graph, the source lines the fact came from."""

    term: TermView
    graph: str
    lines: list[LineRef]
    why: str | None = None  # the explanation of an inferred fact


@dataclass
class Group:
    """The values of one property, in one direction, one page of them."""

    anchor: str
    predicate: TermView
    direction: str  # "out" or "in"
    total: int
    rows: list[ValueRow]
    start: int
    previous: str | None
    next: str | None

    @property
    def inferred_only(self) -> bool:
        """Return whether every value of the group was inferred."""
        return all(row.graph == "inferred" for row in self.rows)


@dataclass(frozen=True)
class PersonEntry:
    """A person's entry: edition, category, race number, role, make, final position and time or gap."""

    edition: TermView
    category: TermView
    entry: TermView
    race_number: str
    role: TermView
    make: TermView | None
    position: str
    time: str
    stage_wins: str  # "2 (4, 5)", empty when none


@dataclass(frozen=True)
class DocumentLine:
    """A line of a source document, its anchor, and the resources read off it."""

    number: int
    anchor: str
    text: str
    derived: list[TermView]


@dataclass
class PageModel:
    """Everything the resource page shows."""

    iri: str
    rest: str
    title: str
    types: list[tuple[TermView, str]]
    outgoing: list[Group]
    incoming: list[Group]
    sources: list[tuple[LineRef, str]]
    wikidata: list[TermView]
    variants: list[tuple[str, str]]
    problems: list[tuple[TermView, str, str]]
    formats: list[tuple[str, str, str]]
    queries: list[tuple[str, str, str]] = field(default_factory=list)
    person: list[PersonEntry] = field(default_factory=list)
    person_stages: dict[str, EntryStages] = field(default_factory=dict)  # entry IRI -> its stages
    document_lines: list[DocumentLine] = field(default_factory=list)
    story: str | None = None


def _editor_href(query: str, iri: str) -> str:
    return "/editor?" + urlencode({"query": f"{query}\nVALUES ?resource {{ <{iri}> }}"})


def _groups(
    statements: list[Statement], direction: str, description: Description, base: str, args: Mapping[str, str]
) -> list[Group]:
    by_property: dict[str, list[Statement]] = {}
    for statement in statements:
        if direction == "out" and statement.predicate.value in HIDDEN:
            continue
        by_property.setdefault(statement.predicate.value, []).append(statement)
    lines = {line.number: page_href(line.iri, base) or "" for line in description.lines}
    labels = {iri: literal.value for iri, literal in description.labels.items()}
    groups = []
    for predicate, members in by_property.items():
        anchor = f"{direction}-{curie(predicate).replace(':', '-').replace('/', '-').replace('#', '-')}"
        start = _start(args, direction, predicate, len(members))
        rows = [
            ValueRow(
                view(s.object if direction == "out" else s.subject, base, labels, predicate),
                s.graph,
                [LineRef(n, lines[n]) for n in description.fact_lines(s) if n in lines],
                explain.link(s.subject, s.predicate, s.object) if s.graph == "inferred" else None,
            )
            for s in sorted(members, key=lambda s: _sort_key(s, direction, labels))[start : start + PAGE_SIZE]
        ]
        groups.append(
            Group(
                anchor,
                view(ox.NamedNode(predicate), base, labels),
                direction,
                len(members),
                rows,
                start,
                _page_link(direction, predicate, start - PAGE_SIZE, anchor) if start > 0 else None,
                _page_link(direction, predicate, start + PAGE_SIZE, anchor) if start + PAGE_SIZE < len(members) else None,
            )
        )
    return sorted(groups, key=lambda g: (g.inferred_only, g.predicate.kind != "ontology", g.predicate.text.lower()))


def _sort_key(statement: Statement, direction: str, labels: dict[str, str]) -> list[tuple[int, str]]:
    """Sort values naturally (stage 2 before stage 10), by label where there is one."""
    term = statement.object if direction == "out" else statement.subject
    shown = labels.get(term.value, term.value) if isinstance(term, ox.NamedNode) else str(getattr(term, "value", term))
    return [(0, f"{int(part):012d}") if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", shown) if part]


def _start(args: Mapping[str, str], direction: str, predicate: str, total: int) -> int:
    if args.get(direction) != predicate:
        return 0
    try:
        start = int(args.get("start", "0"))
    except ValueError:
        return 0
    return max(0, min(start - start % PAGE_SIZE, max(total - 1, 0)))


def _page_link(direction: str, predicate: str, start: int, anchor: str) -> str:
    return "?" + urlencode({direction: predicate, "start": max(start, 0)}) + f"#{anchor}"


def page_model(lookups: Session, description: Description, args: Mapping[str, str]) -> PageModel:
    """Return the resource page's content for a description and the page's query arguments (paging)."""
    base, iri = lookups.dataset.base, description.iri
    rest = local_path(iri, base) or iri
    labels = {key: literal.value for key, literal in description.labels.items()}
    resource = ox.NamedNode(iri)
    types = [(view(s.object, base, labels), s.graph) for s in description.outgoing if s.predicate.value == str(RDF.type)]
    wikidata = [
        TermView(
            s.object.value.rsplit("/", 1)[-1],
            WIKIDATA_PAGE + s.object.value.rsplit("/", 1)[-1],
            s.object.value,
            "external",
            s.object.value,
        )
        for s in description.outgoing
        if s.predicate.value in SAME_AS and isinstance(s.object, ox.NamedNode) and s.object.value.startswith(WD)
    ]
    formats = []
    for serialiser in SUFFIXES:
        fmt = negotiate(None, "graph", serialiser)
        if fmt is not None:
            formats.append((SUFFIXES[serialiser], data_path(rest, serialiser), fmt.media_type))
    model = PageModel(
        iri,
        rest,
        description.label() or rest,
        types,
        _groups(description.outgoing, "out", description, base, args),
        _groups(description.incoming, "in", description, base, args),
        [(LineRef(line.number, page_href(line.iri, base) or ""), line.text) for line in description.lines],
        wikidata,
        [(text(r, "spelling"), text(r, "rule")) for r in select(lookups, VARIANTS, resource=resource)],
        [(view(r["problem"], base), text(r, "code"), text(r, "message")) for r in select(lookups, PROBLEMS, resource=resource)],
        formats,
        [(purpose, query, _editor_href(query, iri)) for purpose, query in shown_queries()],
    )
    for purpose, query in (("the spellings the source uses for it", VARIANTS), ("the source problems about it", PROBLEMS)):
        model.queries.append((purpose, prologue() + query, _editor_href(prologue() + query, iri)))
    type_iris = {t.iri for t, _ in types}
    if str(RALLY.Person) in type_iris:
        model.person = person_entries(lookups, resource)
        model.person_stages = person_stages(lookups, resource)
        model.queries.append(
            ("the person's entries", prologue() + PERSON_ENTRIES, _editor_href(prologue() + PERSON_ENTRIES, iri))
        )
        model.queries.append(
            ("the person's entries stage by stage", prologue() + PERSON_STAGES, _editor_href(prologue() + PERSON_STAGES, iri))
        )
    if str(RALLY.Edition) in type_iris and rest.startswith("edition/"):
        model.story = "/story/" + rest.removeprefix("edition/")
    if description.parts:
        model.document_lines = document_lines(lookups, resource)
        model.queries.append(
            ("the document's lines", prologue() + DOCUMENT_LINES, _editor_href(prologue() + DOCUMENT_LINES, iri))
        )
    return model


def person_entries(lookups: Session, person: ox.NamedNode) -> list[PersonEntry]:
    """Return a person's entries with race number, role, make and final result (times as h:mm:ss)."""
    rows = select(lookups, PERSON_ENTRIES, ("asserted", "inferred", "ontology"), resource=person)
    entries = []
    for row in rows:
        names = {text(row, key): text(row, key + "Label") for key in ("entry", "edition", "category", "role", "make")}
        seconds, gap = number(row, "timeSeconds"), number(row, "gapSeconds")
        shown = " ".join(
            part
            for part in (
                format_duration(seconds) if seconds is not None else "",
                f"(+{format_duration(gap)})" if gap is not None else "",
            )
            if part
        )
        wins = number(row, "wins")
        entries.append(
            PersonEntry(
                view(row["edition"], lookups.dataset.base, names),
                view(row["category"], lookups.dataset.base, names),
                view(row["entry"], lookups.dataset.base, names),
                text(row, "raceNumber"),
                view(row["role"], lookups.dataset.base, names),
                view(row["make"], lookups.dataset.base, names) if "make" in row else None,
                text(row, "position"),
                shown,
                f"{wins} ({text(row, 'stagesWon')})" if wins else "",
            )
        )
    return entries


def person_stages(lookups: Session, person: ox.NamedNode) -> dict[str, EntryStages]:
    """Return each of a person's entries stage by stage: place, time and gap on the stage and in the general
    classification after it."""
    found: dict[str, EntryStages] = {}
    for row in select(lookups, PERSON_STAGES, resource=person):
        entry = text(row, "entry")
        stages = found.setdefault(entry, EntryStages(entry))
        number_ = number(row, "number") or 0
        if not stages.rows or stages.rows[-1].number != number_:
            stages.rows.append(StageRow(number_))
        seconds, gap = number(row, "seconds"), number(row, "gap")
        shown = (
            text(row, "position"),
            format_duration(seconds) if seconds is not None else "",
            f"+{format_duration(gap)}" if gap else "",
        )
        if text(row, "kind") == "stage":
            stages.rows[-1].stage = shown
        else:
            stages.rows[-1].general = shown
    return found


def document_lines(lookups: Session, document: ox.NamedNode) -> list[DocumentLine]:
    """Return the lines of a source document with the resources derived from each."""
    lines: dict[int, DocumentLine] = {}
    for row in select(lookups, DOCUMENT_LINES, resource=document):
        n = number(row, "number") or 0
        line = lines.setdefault(n, DocumentLine(n, text(row, "line").partition("#")[2], text(row, "text"), []))
        derived = row.get("derived")
        if isinstance(derived, ox.NamedNode) and (not line.derived or line.derived[-1].iri != derived.value):
            line.derived.append(
                view(derived, lookups.dataset.base, {derived.value: text(row, "label")} if "label" in row else {})
            )
    return [lines[n] for n in sorted(lines)]
