"""The SHACL shapes a build was checked against, as a page (/shapes): each node shape, what it targets, and each of
its constraints with its severity and message, read from the shapes' Turtle with SPARQL."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from vocabulary.namespaces import PREFIXES

NODE_SHAPES = """\
SELECT ?shape ?label ?severity (GROUP_CONCAT(DISTINCT ?target; separator=" ") AS ?targets) WHERE {
  ?shape a sh:NodeShape .
  OPTIONAL { ?shape rdfs:label ?label }
  OPTIONAL { ?shape sh:severity ?severity }
  OPTIONAL { ?shape sh:targetClass|sh:targetSubjectsOf|sh:targetObjectsOf ?target }
} GROUP BY ?shape ?label ?severity ORDER BY ?shape"""
CONSTRAINTS = """\
SELECT ?shape ?constraint ?path ?inverse ?severity ?message WHERE {
  { ?shape sh:property ?constraint . ?constraint sh:path ?path . OPTIONAL { ?path sh:inversePath ?inverse } }
  UNION { ?shape sh:sparql ?constraint }
  OPTIONAL { ?constraint sh:severity ?own }
  OPTIONAL { ?shape sh:severity ?inherited }
  BIND(COALESCE(?own, ?inherited, sh:Violation) AS ?severity)
  OPTIONAL { ?constraint sh:message ?message }
}"""


@dataclass
class Constraint:
    """One constraint of a shape: its property path (as written), severity and message."""

    path: str
    severity: str
    message: str


@dataclass
class NodeShape:
    """A node shape: its anchor on the page, label, targets and constraints."""

    anchor: str
    iri: str
    label: str
    targets: list[str]
    constraints: list[Constraint] = field(default_factory=list)


def shapes_model(turtle: str) -> list[NodeShape]:
    """Return the node shapes of a shapes document, in the order of their IRIs."""
    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    prefixes = {"sh": "http://www.w3.org/ns/shacl#", **PREFIXES}
    shapes: dict[str, NodeShape] = {}
    for row in store.query(NODE_SHAPES, prefixes=prefixes):  # type: ignore[union-attr]
        iri = _text(row["shape"])
        targets = [_short(t) for t in _text(row["targets"]).split()]
        shapes[iri] = NodeShape(iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1], iri, _text(row["label"]) or iri, targets)
    for row in store.query(CONSTRAINTS, prefixes=prefixes):  # type: ignore[union-attr]
        found = shapes.get(_text(row["shape"]))
        if found is None:
            continue
        path = (
            ("^" + _short(_text(row["inverse"]))) if row["inverse"] else _short(_text(row["path"])) if row["path"] else "(SPARQL)"
        )
        severity = _text(row["severity"]).rsplit("#", 1)[-1].lower()
        found.constraints.append(Constraint(path, severity, _text(row["message"])))
    for shape in shapes.values():
        shape.constraints.sort(key=lambda c: (c.path, c.severity, c.message))
    return list(shapes.values())


def _text(term: object) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
