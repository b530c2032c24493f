"""What the graph says about one resource: outgoing and incoming statements by graph, labels, provenance.

Every query here is fixed text run with `?resource` (and the graph IRIs) bound; the pages show the
same text as "the SPARQL behind this page".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import PROV, RDFS

from endpoint.core.lookup import DATA_GRAPHS, Term, number, prologue, select, text
from endpoint.core.service import Session
from vocabulary.iris import GRAPHS

PROV_DERIVED = str(PROV.wasDerivedFrom)

OUTGOING = """\
SELECT ?resource ?property ?value ?graph ?label ?labelGraph WHERE {
  GRAPH ?graph { ?resource ?property ?value }
  OPTIONAL { GRAPH ?labelGraph { ?value rdfs:label ?label } }
}"""
INCOMING = """\
SELECT ?resource ?subject ?property ?graph ?label ?labelGraph WHERE {
  GRAPH ?graph { ?subject ?property ?resource }
  OPTIONAL { GRAPH ?labelGraph { ?subject rdfs:label ?label } }
}"""
PARTS = """\
SELECT ?resource ?part ?property ?value ?graph WHERE {
  GRAPH ?document { ?part dcterms:isPartOf ?resource }
  GRAPH ?graph { ?part ?property ?value }
  FILTER (STRSTARTS(STR(?part), CONCAT(STR(?resource), "#")))
}"""
PROVENANCE = """\
SELECT ?resource ?line ?number ?text WHERE {
  GRAPH ?graph { ?resource prov:wasDerivedFrom ?line . ?line rally:lineNumber ?number ; prov:value ?text }
} ORDER BY ?number"""
NEIGHBOUR_LINES = """\
SELECT DISTINCT ?resource ?neighbour ?number WHERE {
  { SELECT DISTINCT ?resource ?neighbour WHERE {
      { GRAPH ?graph { ?resource ?property ?neighbour } } UNION { GRAPH ?graph { ?neighbour ?property ?resource } }
      FILTER(isIRI(?neighbour))
  } }
  GRAPH ?provenance { ?neighbour prov:wasDerivedFrom ?line . ?line rally:lineNumber ?number }
}"""
# What NEIGHBOUR_LINES asks, for the neighbours the description has already found (index lookups, not a join over
# every source line of the dataset: at ten editions that was 0.4 s of every page)
LINES_OF = """\
SELECT ?neighbour ?number WHERE {
  VALUES ?neighbour { %s }
  GRAPH ?provenance { ?neighbour prov:wasDerivedFrom ?line . ?line rally:lineNumber ?number }
}"""
TERM_LABELS = """\
SELECT ?term ?label WHERE { GRAPH ?graph { ?term rdfs:label ?label } }"""
QUERIES = (
    ("statements about it, with the labels of their values", OUTGOING),
    ("statements that point at it, with the labels of their subjects", INCOMING),
    ("statements about its fragments (hash IRIs of a document)", PARTS),
    ("the source lines it was derived from", PROVENANCE),
    ("the source lines of its neighbours (a fact's lines are those it shares with its neighbour)", NEIGHBOUR_LINES),
)


@dataclass(frozen=True)
class Statement:
    """One triple of the description and the graph it is in (asserted, inferred or metadata)."""

    subject: Term
    predicate: ox.NamedNode
    object: Term
    graph: str


@dataclass(frozen=True)
class SourceLine:
    """A line of a source document: its IRI, number and text."""

    iri: str
    number: int
    text: str


@dataclass
class Description:
    """Everything the pages and data documents show about one resource."""

    iri: str
    outgoing: list[Statement]
    incoming: list[Statement]
    parts: list[Statement]
    labels: dict[str, ox.Literal]
    label_graphs: dict[str, str]
    lines: list[SourceLine]
    neighbour_lines: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        """Return whether the graph says anything about the resource or its fragments."""
        return bool(self.outgoing or self.incoming or self.parts)

    def label(self, iri: str | None = None) -> str | None:
        """Return the label of the resource (or of another IRI it mentions)."""
        found = self.labels.get(iri or self.iri)
        return found.value if found is not None else None

    def fact_lines(self, statement: Statement) -> list[int]:
        """Return the source lines a statement between two resources came from: the lines both were read off."""
        if statement.graph != "asserted":
            return []
        other = statement.object if statement.subject == ox.NamedNode(self.iri) else statement.subject
        if not isinstance(other, ox.NamedNode):
            return []
        own = {line.number for line in self.lines}
        return sorted(own & self.neighbour_lines.get(other.value, frozenset()))


def shown_queries() -> list[tuple[str, str]]:
    """Return the queries behind a resource page, with their prefixes, as (purpose, text)."""
    return [(purpose, prologue() + query) for purpose, query in QUERIES]


def describe(session: Session, iri: str) -> Description:
    """Return the description of one IRI of the dataset."""
    names = {graph: name for name, graph in session.dataset.graphs.items()}
    resource = ox.NamedNode(iri)
    labels: dict[str, ox.Literal] = {}
    label_graphs: dict[str, str] = {}

    def keep_label(node: Term | None, row: dict[str, Term]) -> None:
        label, graph = row.get("label"), row.get("labelGraph")
        if isinstance(node, ox.NamedNode) and isinstance(label, ox.Literal) and node.value not in labels:
            labels[node.value] = label
            label_graphs[node.value] = names.get(text(row, "labelGraph"), "asserted") if graph else "asserted"

    outgoing: dict[tuple[Term, Term, str], Statement] = {}
    for row in select(session, OUTGOING, GRAPHS, GRAPHS, resource=resource):
        value, graph = row["value"], names.get(text(row, "graph"), "")
        if graph in DATA_GRAPHS and isinstance(row["property"], ox.NamedNode):
            outgoing.setdefault((row["property"], value, graph), Statement(resource, row["property"], value, graph))
            keep_label(value, row)
            if row["property"].value == str(RDFS.label) and isinstance(value, ox.Literal) and iri not in labels:
                labels[iri], label_graphs[iri] = value, graph
    incoming: dict[tuple[Term, Term, str], Statement] = {}
    for row in select(session, INCOMING, GRAPHS, GRAPHS, resource=resource):
        subject, graph = row["subject"], names.get(text(row, "graph"), "")
        if graph in DATA_GRAPHS and isinstance(row["property"], ox.NamedNode):
            incoming.setdefault((subject, row["property"], graph), Statement(subject, row["property"], resource, graph))
            keep_label(subject, row)
    parts = [
        Statement(row["part"], row["property"], row["value"], names.get(text(row, "graph"), ""))
        for row in select(session, PARTS, resource=resource)
        if isinstance(row["property"], ox.NamedNode)
    ]
    for row in select(session, TERM_LABELS, named=("ontology",)):
        term, label = row.get("term"), row.get("label")
        if isinstance(term, ox.NamedNode) and isinstance(label, ox.Literal):
            labels.setdefault(term.value, label)
            label_graphs.setdefault(term.value, "ontology")
    lines = [
        SourceLine(text(row, "line"), number(row, "number") or 0, text(row, "text"))
        for row in select(session, PROVENANCE, resource=resource)
    ]
    neighbour_lines: dict[str, set[int]] = {}
    neighbours = {s.object.value for s in outgoing.values() if isinstance(s.object, ox.NamedNode)}
    neighbours |= {s.subject.value for s in incoming.values() if isinstance(s.subject, ox.NamedNode)}
    if neighbours:
        values = " ".join(str(ox.NamedNode(neighbour)) for neighbour in sorted(neighbours))
        for row in select(session, LINES_OF % values):
            neighbour_lines.setdefault(text(row, "neighbour"), set()).add(number(row, "number") or 0)
    return Description(
        iri,
        sorted(outgoing.values(), key=_order),
        sorted(incoming.values(), key=_order),
        sorted(parts, key=_order),
        labels,
        label_graphs,
        lines,
        {key: frozenset(values) for key, values in neighbour_lines.items()},
    )


def _order(statement: Statement) -> tuple[str, str, str]:
    return (statement.predicate.value, str(statement.subject), str(statement.object))


EXISTS = """\
SELECT ?resource WHERE {
  { GRAPH ?graph { ?resource ?property ?value } }
  UNION { GRAPH ?graph { ?subject ?property ?resource } }
  UNION { GRAPH ?graph { ?part dcterms:isPartOf ?resource } FILTER (STRSTARTS(STR(?part), CONCAT(STR(?resource), "#"))) }
} LIMIT 1"""


def exists(session: Session, iri: str) -> bool:
    """Return whether the dataset says anything about an IRI (or, for a document, about its fragments).

    A string that is not a valid IRI (a request path with a space or a NUL in it) names nothing.
    """
    try:
        resource = ox.NamedNode(iri)
    except ValueError:
        return False
    return bool(select(session, EXISTS, resource=resource))
