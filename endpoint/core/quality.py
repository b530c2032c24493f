"""What is known to be wrong or odd in the dataset, in one place (/quality): the problems the loader's cross-checks
found in the sources, the results of the SHACL shapes the build was checked against, and the OWL 2 RL consistency
checks, each with the resources and source lines it concerns. Read from the store, so it answers the same over a
remote SPARQL server."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from endpoint.core.lookup import Term, select, text
from endpoint.core.service import Session

PROBLEMS = """\
SELECT ?problem ?code ?message ?line ?document ?concerned ?concernedLabel WHERE {
  GRAPH ?metadata {
    ?problem a rally:SourceProblem ; rally:problemCode ?code ; rally:message ?message .
    OPTIONAL { ?problem prov:wasDerivedFrom ?source . ?source rally:lineNumber ?line ; dcterms:isPartOf ?document }
  }
  OPTIONAL {
    GRAPH ?metadata { ?problem rally:concerns ?concerned }
    OPTIONAL { ?concerned rdfs:label ?concernedLabel }
  }
} ORDER BY ?document ?line ?problem"""

SHAPE_RESULTS = """\
SELECT ?result ?severity ?focus ?focusLabel ?message ?path ?value ?shape ?line ?document WHERE {
  GRAPH ?metadata {
    ?report a sh:ValidationReport ; sh:result ?result .
    ?result sh:resultSeverity ?severity ; sh:focusNode ?focus ; sh:resultMessage ?message .
    OPTIONAL { ?result sh:resultPath ?path }
    OPTIONAL { ?result sh:value ?value }
    OPTIONAL { ?result sh:sourceShape ?shape }
    OPTIONAL { ?focus prov:wasDerivedFrom ?source . ?source rally:lineNumber ?line ; dcterms:isPartOf ?document }
  }
  OPTIONAL { ?focus rdfs:label ?focusLabel }
} ORDER BY ?severity ?shape ?focus ?result"""

# OWL 2 RL's inconsistencies (the rules of table 4 of the OWL 2 RL profile that make a graph inconsistent)
CONSISTENCY = {
    "owl:Nothing": (
        "members of owl:Nothing (a resource of two classes that exclude each other, by a restriction)",
        "SELECT DISTINCT ?item WHERE { ?item a owl:Nothing }",
    ),
    "disjoint classes": (
        "resources of two classes the ontology declares disjoint",
        """SELECT DISTINCT ?item WHERE { GRAPH ?ontology { ?c owl:disjointWith ?d } ?item a ?c , ?d }""",
    ),
    "same and different": (
        "resources stated to be the same and different (owl:sameAs and owl:differentFrom)",
        "SELECT DISTINCT ?item WHERE { ?item owl:sameAs ?other ; owl:differentFrom ?other }",
    ),
    "functional literals": (
        "resources with two different values of a functional property that takes literals",
        """SELECT DISTINCT ?item WHERE {
  GRAPH ?ontology { ?property a owl:FunctionalProperty }
  ?item ?property ?a , ?b . FILTER(isLiteral(?a) && isLiteral(?b) && ?a != ?b)
}""",
    ),
}


@dataclass
class SourceProblem:
    """A problem the loader's cross-checks found in a source, kept as reported."""

    iri: Term
    code: str
    message: str
    lines: list[tuple[str, int]] = field(default_factory=list)  # (document, line number)
    concerns: list[tuple[Term, str]] = field(default_factory=list)  # (resource, label)


@dataclass
class ShapeResult:
    """A result of the SHACL shapes the build was checked against."""

    iri: Term
    severity: str  # violation, warning or info
    focus: Term
    label: str
    message: str
    path: Term | None
    value: Term | None
    shape: Term | None
    lines: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Check:
    """An OWL 2 RL consistency check: what it looks for, and the resources it found."""

    name: str
    description: str
    items: list[Term]


@dataclass
class Quality:
    """Everything /quality shows."""

    problems: list[SourceProblem]
    shapes_checked: bool
    shape_results: list[ShapeResult]
    checks: list[Check]

    def as_json(self) -> dict[str, Any]:
        """Return the report as /quality answers it in JSON."""
        return {
            "source_problems": [
                {
                    "iri": p.iri.value if isinstance(p.iri, ox.NamedNode) else str(p.iri),
                    "code": p.code,
                    "message": p.message,
                    "lines": [{"source": document, "line": number} for document, number in p.lines],
                    "concerns": [{"iri": _value(iri), "label": label} for iri, label in p.concerns],
                }
                for p in self.problems
            ],
            "shapes": {
                "checked": self.shapes_checked,
                "violations": sum(r.severity == "violation" for r in self.shape_results),
                "warnings": sum(r.severity == "warning" for r in self.shape_results),
                "results": [
                    {
                        "severity": r.severity,
                        "focus": _value(r.focus),
                        "label": r.label,
                        "message": r.message,
                        "path": _value(r.path) if r.path is not None else None,
                        "value": str(r.value) if r.value is not None else None,
                        "shape": _value(r.shape) if r.shape is not None else None,
                        "lines": [{"source": document, "line": number} for document, number in r.lines],
                    }
                    for r in self.shape_results
                ],
            },
            "consistency": [
                {"check": c.name, "description": c.description, "consistent": not c.items, "items": [_value(i) for i in c.items]}
                for c in self.checks
            ],
        }


def quality(session: Session) -> Quality:
    """Return the dataset's source problems, SHACL results and consistency checks."""
    problems: dict[str, SourceProblem] = {}
    for row in select(session, PROBLEMS, named=("metadata",)):
        key = str(row["problem"])
        found = problems.setdefault(key, SourceProblem(row["problem"], text(row, "code"), text(row, "message")))
        if "line" in row and "document" in row:
            line = (_document(row["document"]), int(text(row, "line")))
            if line not in found.lines:
                found.lines.append(line)
        if "concerned" in row and all(c[0] != row["concerned"] for c in found.concerns):
            found.concerns.append((row["concerned"], text(row, "concernedLabel") or _tail(row["concerned"])))
    results: dict[str, ShapeResult] = {}
    for row in select(session, SHAPE_RESULTS, named=("metadata",)):
        key = str(row["result"])
        result = results.get(key)
        if result is None:
            result = results[key] = ShapeResult(
                row["result"],
                _tail(row["severity"]).lower(),
                row["focus"],
                text(row, "focusLabel") or _tail(row["focus"]),
                text(row, "message"),
                row.get("path"),
                row.get("value"),
                row.get("shape"),
            )
        if "line" in row and "document" in row:
            entry = (_document(row["document"]), int(text(row, "line")))
            if entry not in result.lines:
                result.lines.append(entry)
    for result in results.values():
        result.lines.sort()
    order = {"violation": 0, "warning": 1, "info": 2}
    checks = [
        Check(name, description, [row["item"] for row in select(session, query, named=("ontology",))])
        for name, (description, query) in CONSISTENCY.items()
    ]
    checked = bool(select(session, "SELECT ?r WHERE { GRAPH ?m { ?r a sh:ValidationReport } } LIMIT 1", named=("metadata",)))
    return Quality(
        list(problems.values()),
        checked,
        sorted(results.values(), key=lambda r: (order.get(r.severity, 3), str(r.shape), str(r.focus))),
        checks,
    )


def _value(term: Term | None) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def _tail(term: Term) -> str:
    return _value(term).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _document(term: Term) -> str:
    return _value(term).rsplit("/", 1)[-1]
