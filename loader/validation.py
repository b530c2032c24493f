"""Check a built graph against the SHACL shapes (shapes/rally.ttl) with pySHACL, and write the report down.

The data checked is what the endpoint serves: the asserted and inferred graphs (the default graph) with the
metadata graph (provenance). A result of severity sh:Violation is fatal: the graph is malformed whatever the
article said, and `rally-kg build` fails on it without touching the previous build. Warnings are the articles'
own oddities, reported beside the source problems. Each result names the source lines of its resource.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyshacl import shape
from pyshacl import validate as shacl_validate
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SH
from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node
from rdflib.util import from_n3

from vocabulary.iris import Minter
from vocabulary.namespaces import RALLY

SHAPES_PATH = Path(__file__).resolve().parents[1] / "shapes" / "rally.ttl"
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL validation result, as the build reports it."""

    severity: str  # violation (fatal), warning or info
    focus: str  # the resource that breaks the shape
    path: str  # the property path, in SPARQL syntax ("" for a shape of the whole resource)
    value: str  # the offending value, N-Triples ("" when none)
    message: str
    shape: str  # the node shape's IRI (shapes:Result ...)
    component: str  # the constraint component's local name (MinCountConstraintComponent ...)
    lines: tuple[tuple[str, int], ...] = ()  # (source document, line) the resource was read from

    def where(self) -> str:
        """Return the source lines as `file:line` (the first few), or the resource itself when it has none."""
        if not self.lines:
            return f"<{self.focus}>"
        shown = ", ".join(f"{name}:{line}" for name, line in self.lines[:3])
        return shown + (f" and {len(self.lines) - 3} more lines" if len(self.lines) > 3 else "")

    def as_json(self) -> dict[str, Any]:
        """Return the result as build.json and /quality write it."""
        return {
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "shape": self.shape,
            "component": self.component,
            "lines": [{"source": name, "line": line} for name, line in self.lines],
        }


@dataclass(frozen=True)
class ShapeReport:
    """The outcome of validating a build: every result, and how long it took."""

    results: tuple[ShapeResult, ...]
    seconds: float
    shapes: int  # node shapes checked

    @property
    def fatal(self) -> tuple[ShapeResult, ...]:
        """Return the results that fail the build (severity sh:Violation)."""
        return tuple(r for r in self.results if r.severity == "violation")

    def counts(self) -> dict[str, int]:
        """Return the number of results of each severity."""
        return {name: sum(r.severity == name for r in self.results) for name in SEVERITIES.values()}

    def as_json(self) -> dict[str, Any]:
        """Return the report as build.json writes it."""
        return {
            "conforms": not self.results,
            "shapes": self.shapes,
            **self.counts(),
            "seconds": round(self.seconds, 3),
            "results": [r.as_json() for r in self.results],
        }


@dataclass(frozen=True)
class Shapes:
    """SHACL shapes: their graph, and the Turtle they were read from (written into the build as it was)."""

    graph: Graph
    text: str


class ShapesError(Exception):
    """A shapes file that cannot be read or is not Turtle; the message names the file and says why."""


def load_shapes(path: Path = SHAPES_PATH) -> Shapes:
    """Return the shapes of a Turtle file; raise ShapesError when it cannot be read, is not Turtle or has no shape."""
    try:
        text = path.read_text(encoding="utf-8")
        graph = Graph().parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except OSError as error:
        raise ShapesError(f"{path}: cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ShapesError(f"{path}: not UTF-8 text") from None
    except Exception as error:  # rdflib raises its parsers' own exceptions
        raise ShapesError(f"{path}: not Turtle: {str(error).strip().splitlines()[0][:300]}") from None
    if not any(graph.subjects(RDF.type, SH.NodeShape)) and not any(graph.subjects(RDF.type, SH.PropertyShape)):
        raise ShapesError(f"{path}: no sh:NodeShape or sh:PropertyShape in it")
    return Shapes(graph, text)


def validate(graphs: dict[str, Graph], shapes: Shapes | None = None) -> ShapeReport:
    """Return the SHACL report of a build's graphs (by short name: asserted, inferred, metadata)."""
    shapes_graph = (shapes or load_shapes()).graph
    started = time.perf_counter()
    data = Graph()  # pySHACL wants a context-aware store behind it, as rdflib's own Memory store is
    for name in ("asserted", "inferred", "metadata"):
        for triple in graphs[name]:
            data.add(triple)
    with queries_prepared_once(), parameters_looked_up_in_a_set():
        _conforms, report, _text = shacl_validate(
            data, shacl_graph=shapes_graph, inference="none", allow_warnings=True, allow_infos=True
        )
    assert isinstance(report, Graph)
    results = sorted(
        (_result(report, node, shapes_graph, graphs["metadata"]) for node in report.subjects(RDF.type, SH.ValidationResult)),
        key=lambda r: (("violation", "warning", "info").index(r.severity), r.shape, r.focus, r.path, r.value),
    )
    node_shapes = len(set(shapes_graph.subjects(RDF.type, SH.NodeShape)))
    return ShapeReport(tuple(results), time.perf_counter() - started, node_shapes)


class _ParameterList(list[Any]):
    """pySHACL's list of constraint parameters, asked `p in it` once per predicate of every shape it evaluates (a
    linear scan of rdflib terms compared in Python: at ten editions 5.7 million comparisons, a quarter of the
    validation): the same list, answering `in` from a set."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


@contextmanager
def parameters_looked_up_in_a_set() -> Iterator[None]:
    """Let pySHACL look its constraint parameters up in a set while it runs (loader.validation._ParameterList)."""
    original = getattr(shape, "CONSTRAINT_PARAMS", None)
    shape.CONSTRAINT_PARAMS = (_ParameterList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if original is None:
            del shape.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
        else:
            shape.CONSTRAINT_PARAMS = original  # type: ignore[attr-defined]


@contextmanager
def queries_prepared_once() -> Iterator[None]:
    """Parse each SPARQL text once while pySHACL runs: it asks rdflib to run a SPARQL constraint's text once per focus
    node, with the node bound, and rdflib parses the text each time (13 ms, four fifths of the bundled article's
    validation). The parsed query is rdflib's own reusable form (what `prepareQuery` makes), run with the bindings.
    """
    original = processor.SPARQLProcessor.query
    prepared: dict[tuple[str, str | None, tuple[tuple[str, Any], ...]], Query] = {}

    def query(
        self: processor.SPARQLProcessor,
        text: str | Query,
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's own names)
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Mapping[str, Any]:
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            found = prepared.get(key)
            if found is None:
                found = prepared[key] = translateQuery(parseQuery(text), base, initNs)
            text = found
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _result(report: Graph, node: Node, shapes: Graph, metadata: Graph) -> ShapeResult:
    focus = report.value(node, SH.focusNode)
    source = report.value(node, SH.sourceShape)
    owner = shapes.value(None, SH.property, source) if isinstance(source, BNode) else source
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    component = report.value(node, SH.sourceConstraintComponent)
    return ShapeResult(
        severity=SEVERITIES.get(URIRef(str(report.value(node, SH.resultSeverity))), "violation"),
        focus=str(focus),
        path=_path(report, path) if path is not None else "",
        value=value.n3() if value is not None else "",
        message=str(report.value(node, SH.resultMessage) or ""),
        shape=str(owner) if isinstance(owner, URIRef) else "",
        component=str(component).rsplit("#", 1)[-1] if component is not None else "",
        lines=_lines(metadata, focus),
    )


def _path(graph: Graph, path: Node) -> str:
    """Return a SHACL property path in SPARQL syntax (`<p>`, `^<p>`, `<p>/<q>`)."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(graph, step) for step in Collection(graph, path))
    return str(path)


def _lines(metadata: Graph, focus: Node | None) -> tuple[tuple[str, int], ...]:
    found = []
    for line in metadata.objects(focus, PROV.wasDerivedFrom):
        number = metadata.value(line, RALLY.lineNumber)
        document = metadata.value(line, DCTERMS.isPartOf)
        if number is not None and document is not None:
            found.append((str(document).rsplit("/", 1)[-1], int(number)))  # type: ignore[call-overload]
    return tuple(sorted(set(found)))


def describe_report(report: ShapeReport, metadata: Graph, mint: Minter) -> None:
    """Add the report to the metadata graph: a sh:ValidationReport about the dataset, made by the build, with its
    results (each a sh:ValidationResult with its focus node, path, value, severity, message and shape)."""
    node = mint.shapes_report()
    metadata.add((node, RDF.type, SH.ValidationReport))
    metadata.add((node, RDFS.label, Literal("SHACL validation report of the dataset")))
    metadata.add((node, SH.conforms, Literal(not report.results)))
    metadata.add((node, DCTERMS.subject, mint.build()))
    metadata.add((node, PROV.wasGeneratedBy, mint.build_activity()))
    severities = {name: iri for iri, name in SEVERITIES.items()}
    for number, result in enumerate(report.results, start=1):
        entry = mint.shapes_result(number)
        metadata.add((node, SH.result, entry))
        metadata.add((entry, RDF.type, SH.ValidationResult))
        metadata.add((entry, RDFS.label, Literal(f"{result.severity}: {result.message} ({result.where()})")))
        metadata.add((entry, SH.focusNode, URIRef(result.focus)))
        metadata.add((entry, SH.resultSeverity, severities[result.severity]))
        metadata.add((entry, SH.resultMessage, Literal(result.message, lang="en")))
        if result.shape:
            metadata.add((entry, SH.sourceShape, URIRef(result.shape)))
        if result.component:
            metadata.add((entry, SH.sourceConstraintComponent, SH[result.component]))
        if re.fullmatch(r"<[^<>^/]*>", result.path):
            metadata.add((entry, SH.resultPath, URIRef(result.path[1:-1])))
        value = from_n3(result.value) if result.value else None
        if isinstance(value, Node):
            metadata.add((entry, SH.value, value))
