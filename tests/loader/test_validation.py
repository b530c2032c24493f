"""The SHACL shapes (shapes/rally.ttl) hold on what the loader writes, and a graph that breaks a shape (broken here,
one shape at a time, from the build of tests/data/2005_Test_Rally.txt) gets that shape's result, with its severity:
sh:Violation for what the loader must never write, sh:Warning for what an article may leave out or get wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from loader.pipeline import Build, load_paths
from loader.validation import ShapeReport, validate
from tests.servers import ROOT
from vocabulary.namespaces import RALLY

ARTICLE = ROOT / "tests" / "data" / "2005_Test_Rally.txt"
ID = "http://127.0.0.1:5000/id/"
EDITION = URIRef(ID + "edition/2005-atlas-rally")
STAGE_2 = URIRef(ID + "edition/2005-atlas-rally/stage/2")
STAGE_3 = URIRef(ID + "edition/2005-atlas-rally/stage/3")
ENTRY = URIRef(ID + "edition/2005-atlas-rally/entry/cars/jutta-kleinschmidt")  # with Marieke de Boer (line 8)
CREW_1 = URIRef(str(ENTRY) + "/crew/1")
RESULT = URIRef(ID + "edition/2005-atlas-rally/final/cars/result/jutta-kleinschmidt")
STAGE_CARS = URIRef(ID + "edition/2005-atlas-rally/stage/1/cars")
GENERAL_CARS = URIRef(ID + "edition/2005-atlas-rally/stage/1/cars/general")
FINAL_CARS = URIRef(ID + "edition/2005-atlas-rally/final/cars")
ROUTE_1 = URIRef(ID + "edition/2005-atlas-rally/route/1")
CANCELLATION = URIRef(ID + "edition/2005-atlas-rally/stage/3/trucks/cancellation")
JUTTA = URIRef(ID + "person/jutta-kleinschmidt")
MARIEKE = URIRef(ID + "person/marieke-de-boer")
TUNISIA = URIRef(ID + "country/TUN")
VEHICLE = URIRef(str(ENTRY) + "/vehicle")


@dataclass
class Graphs:
    """Copies of a build's asserted and metadata graphs for one test to break (the inferred graph is shared)."""

    asserted: Graph
    metadata: Graph
    inferred: Graph

    def report(self) -> ShapeReport:
        return validate({"asserted": self.asserted, "inferred": self.inferred, "metadata": self.metadata})

    def place_of(self, stage: URIRef) -> URIRef:
        place = self.asserted.value(stage, RALLY.startPlace)
        assert isinstance(place, URIRef)
        return place


@pytest.fixture(scope="module")
def build() -> Build:
    return load_paths([ARTICLE])


@pytest.fixture
def graphs(build: Build) -> Graphs:
    def copy(graph: Graph) -> Graph:
        made = Graph()
        for triple in graph:
            made.add(triple)
        return made

    return Graphs(copy(build.graph("asserted")), copy(build.graph("metadata")), build.graph("inferred"))


def test_the_loader_writes_a_graph_that_conforms(build: Build) -> None:
    assert build.shapes is not None and build.shapes.results == ()
    assert build.shapes.shapes >= 20


def _two_labels(g: Graphs) -> None:
    g.asserted.add((JUTTA, RDFS.label, Literal("J. Kleinschmidt")))


def _no_label(g: Graphs) -> None:
    g.asserted.remove((TUNISIA, RDFS.label, None))


def _year(g: Graphs) -> None:
    g.asserted.set((EDITION, RALLY.year, Literal(1805)))


def _ends_before_it_starts(g: Graphs) -> None:
    g.asserted.set((EDITION, RALLY.endDate, Literal("2004-12-01", datatype=XSD.date)))


def _duplicate_stage_number(g: Graphs) -> None:
    g.asserted.set((STAGE_3, RALLY.stageNumber, Literal(2)))


def _stage_number_zero(g: Graphs) -> None:
    g.asserted.set((STAGE_3, RALLY.stageNumber, Literal(0)))


def _stage_number_past_the_last(g: Graphs) -> None:
    g.asserted.set((STAGE_3, RALLY.stageNumber, Literal(40)))


def _dated_outside(g: Graphs) -> None:
    g.asserted.set((STAGE_3, RALLY.date, Literal("2005-03-01", datatype=XSD.date)))


def _negative_distance(g: Graphs) -> None:
    g.asserted.set((STAGE_3, RALLY.distanceKm, Literal("-455", datatype=XSD.decimal)))


def _place_without_country(g: Graphs) -> None:
    g.asserted.remove((g.place_of(STAGE_2), RALLY.inCountry, None))


def _country_code(g: Graphs) -> None:
    g.asserted.set((TUNISIA, RALLY.iso3166Alpha3, Literal("tn")))


def _two_drivers(g: Graphs) -> None:
    g.asserted.add((ENTRY, RALLY.driver, MARIEKE))


def _no_driver(g: Graphs) -> None:
    g.asserted.remove((ENTRY, RALLY.driver, None))


def _crew_of_five(g: Graphs) -> None:
    for number in range(3, 6):
        listing = URIRef(f"{ENTRY}/crew/{number}")
        g.asserted.add((ENTRY, RALLY.crewListing, listing))
        g.asserted.add((listing, RDF.type, RALLY.CrewListing))
        g.asserted.add((listing, RDFS.label, Literal(f"crew member {number}")))
        g.asserted.add((listing, RALLY.listedPerson, MARIEKE))
        g.asserted.add((listing, RALLY.role, RALLY.FurtherCrewRole))
        g.asserted.add((listing, RALLY.crewPosition, Literal(number)))


def _two_driving(g: Graphs) -> None:
    g.asserted.set((URIRef(f"{ENTRY}/crew/2"), RALLY.role, RALLY.DriverRole))


def _unknown_role(g: Graphs) -> None:
    g.asserted.set((CREW_1, RALLY.role, RALLY.Person))


def _listing_in_two_entries(g: Graphs) -> None:
    g.asserted.add((URIRef(ID + "edition/2005-atlas-rally/entry/cars/henri-delorme"), RALLY.crewListing, CREW_1))


def _result_without_entry(g: Graphs) -> None:
    g.asserted.remove((RESULT, RALLY.forEntry, None))


def _result_in_no_classification(g: Graphs) -> None:
    g.asserted.remove((None, RALLY.hasResult, RESULT))


def _position_zero(g: Graphs) -> None:
    g.asserted.set((RESULT, RALLY.position, Literal(0)))


def _time_as_text(g: Graphs) -> None:
    g.asserted.set((RESULT, RALLY.time, Literal("38:12:44")))


def _tied_as_text(g: Graphs) -> None:
    g.asserted.set((RESULT, RALLY.tied, Literal("yes")))


def _negative_seconds(g: Graphs) -> None:
    g.asserted.set((RESULT, RALLY.timeSeconds, Literal(-5)))


def _classification_without_category(g: Graphs) -> None:
    g.asserted.remove((FINAL_CARS, RALLY.category, None))


def _stage_classification_of_two_stages(g: Graphs) -> None:
    g.asserted.add((STAGE_CARS, RALLY.classifiedStage, STAGE_2))


def _no_stage_winner(g: Graphs) -> None:
    g.asserted.remove((STAGE_CARS, RALLY.stageWinner, None))


def _general_after_no_stage(g: Graphs) -> None:
    g.asserted.remove((GENERAL_CARS, RALLY.afterStage, None))


def _final_of_no_edition(g: Graphs) -> None:
    g.asserted.remove((FINAL_CARS, RALLY.standingsOf, None))


def _route_order_zero(g: Graphs) -> None:
    g.asserted.set((ROUTE_1, RALLY.firstVisitOrder, Literal(0)))


def _cancellation_of_no_stage(g: Graphs) -> None:
    g.asserted.remove((CANCELLATION, RALLY.cancelledStage, None))


def _two_makes(g: Graphs) -> None:
    g.asserted.add((VEHICLE, RALLY.manufacturer, URIRef(ID + "manufacturer/kamaz")))


def _two_countries(g: Graphs) -> None:
    g.asserted.add((JUTTA, RALLY.countryForSport, TUNISIA))


def _alt_label_not_text(g: Graphs) -> None:
    g.asserted.add((JUTTA, SKOS.altLabel, Literal(7)))


def _line_without_number(g: Graphs) -> None:
    line = URIRef(ID + "source/2005_Test_Rally.txt#line=7,8")
    g.metadata.remove((line, RALLY.lineNumber, None))


def _line_of_no_document(g: Graphs) -> None:
    line = URIRef(ID + "source/2005_Test_Rally.txt#line=7,8")
    g.metadata.remove((line, DCTERMS.isPartOf, None))


def _problem_without_code(g: Graphs) -> None:
    g.metadata.remove((URIRef(ID + "problem/2005-atlas-rally/1"), RALLY.problemCode, None))


def _spelling_of_two(g: Graphs) -> None:
    g.metadata.add((URIRef(ID + "country/DZA/spelling/1"), RALLY.variantOf, TUNISIA))


# (how the test breaks the graph, the shape, the constraint component, the resource the result is about, severity)
CASES: list[tuple[Callable[[Graphs], None], str, str, URIRef, str]] = [
    (_two_labels, "Labelled", "MaxCountConstraintComponent", JUTTA, "violation"),
    (_no_label, "Labelled", "MinCountConstraintComponent", TUNISIA, "warning"),
    (_year, "Edition", "MinInclusiveConstraintComponent", EDITION, "warning"),
    (_ends_before_it_starts, "Edition", "LessThanOrEqualsConstraintComponent", EDITION, "warning"),
    (_duplicate_stage_number, "Stage", "SPARQLConstraintComponent", STAGE_3, "violation"),
    (_stage_number_zero, "Stage", "MinInclusiveConstraintComponent", STAGE_3, "warning"),
    (_stage_number_past_the_last, "StageNumberInsideItsEdition", "SPARQLConstraintComponent", STAGE_3, "warning"),
    (_dated_outside, "DatedInsideItsEdition", "SPARQLConstraintComponent", STAGE_3, "warning"),
    (_negative_distance, "Stage", "MinInclusiveConstraintComponent", STAGE_3, "violation"),
    (_country_code, "Country", "PatternConstraintComponent", TUNISIA, "violation"),
    (_two_drivers, "Entry", "MaxCountConstraintComponent", ENTRY, "warning"),
    (_no_driver, "Entry", "MinCountConstraintComponent", ENTRY, "warning"),
    (_crew_of_five, "Entry", "MaxCountConstraintComponent", ENTRY, "warning"),
    (_two_driving, "Entry", "QualifiedMaxCountConstraintComponent", ENTRY, "warning"),
    (_unknown_role, "CrewListing", "InConstraintComponent", CREW_1, "violation"),
    (_listing_in_two_entries, "CrewListing", "MaxCountConstraintComponent", CREW_1, "violation"),
    (_result_without_entry, "Result", "MinCountConstraintComponent", RESULT, "violation"),
    (_result_in_no_classification, "Result", "MinCountConstraintComponent", RESULT, "violation"),
    (_position_zero, "Result", "MinInclusiveConstraintComponent", RESULT, "violation"),
    (_time_as_text, "Result", "DatatypeConstraintComponent", RESULT, "violation"),
    (_tied_as_text, "Result", "DatatypeConstraintComponent", RESULT, "violation"),
    (_negative_seconds, "Result", "MinInclusiveConstraintComponent", RESULT, "violation"),
    (_classification_without_category, "Classification", "MinCountConstraintComponent", FINAL_CARS, "warning"),
    (_stage_classification_of_two_stages, "StageClassification", "MaxCountConstraintComponent", STAGE_CARS, "warning"),
    (_no_stage_winner, "StageClassification", "MinCountConstraintComponent", STAGE_CARS, "warning"),
    (_general_after_no_stage, "GeneralClassification", "MinCountConstraintComponent", GENERAL_CARS, "warning"),
    (_final_of_no_edition, "FinalClassification", "MinCountConstraintComponent", FINAL_CARS, "warning"),
    (_route_order_zero, "RouteVisit", "MinInclusiveConstraintComponent", ROUTE_1, "violation"),
    (_cancellation_of_no_stage, "Cancellation", "MinCountConstraintComponent", CANCELLATION, "warning"),
    (_two_makes, "Vehicle", "MaxCountConstraintComponent", VEHICLE, "violation"),
    (_two_countries, "Person", "MaxCountConstraintComponent", JUTTA, "warning"),
    (_alt_label_not_text, "Person", "DatatypeConstraintComponent", JUTTA, "violation"),
    (
        _line_without_number,
        "SourceLine",
        "MinCountConstraintComponent",
        URIRef(ID + "source/2005_Test_Rally.txt#line=7,8"),
        "violation",
    ),
    (
        _line_of_no_document,
        "SourceLine",
        "MinCountConstraintComponent",
        URIRef(ID + "source/2005_Test_Rally.txt#line=7,8"),
        "violation",
    ),
    (
        _problem_without_code,
        "SourceProblem",
        "MinCountConstraintComponent",
        URIRef(ID + "problem/2005-atlas-rally/1"),
        "violation",
    ),
    (_spelling_of_two, "NameVariant", "MaxCountConstraintComponent", URIRef(ID + "country/DZA/spelling/1"), "violation"),
]


@pytest.mark.parametrize(("breaking", "shape", "component", "focus", "severity"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_a_graph_that_breaks_a_shape_gets_its_result(
    graphs: Graphs, breaking: Callable[[Graphs], None], shape: str, component: str, focus: URIRef, severity: str
) -> None:
    breaking(graphs)
    found = {(r.shape.rsplit("#", 1)[-1], r.component, r.focus, r.severity) for r in graphs.report().results}
    assert (shape, component, str(focus), severity) in found, found


def test_a_place_of_the_route_without_a_country_is_a_warning(graphs: Graphs) -> None:
    place = graphs.place_of(STAGE_2)
    _place_without_country(graphs)
    found = {(r.shape.rsplit("#", 1)[-1], r.component, r.focus, r.severity) for r in graphs.report().results}
    assert ("Place", "MinCountConstraintComponent", str(place), "warning") in found


def test_a_result_names_the_source_lines_of_its_resource(graphs: Graphs) -> None:
    _two_labels(graphs)
    [result] = [r for r in graphs.report().results if r.focus == str(JUTTA) and r.severity == "violation"]
    assert ("2005_Test_Rally.txt", 8) in result.lines  # Driver1: GER Jutta Kleinschmidt, NED Marieke de Boer
    assert result.path == f"<{RDFS.label}>" and result.message.startswith("a resource has at most one rdfs:label")


def test_sparql_constraints_parsed_once_give_pyshacls_own_report(graphs: Graphs) -> None:
    """The build parses each SPARQL constraint once (loader.validation.queries_prepared_once): same results as
    pySHACL run as it comes."""
    from pyshacl import validate as plain_validate
    from rdflib.namespace import SH

    from loader.validation import load_shapes

    _duplicate_stage_number(graphs)
    _dated_outside(graphs)
    _two_drivers(graphs)
    ours = {(r.focus, r.component, r.severity, r.message) for r in graphs.report().results}
    data = Graph()
    for graph in (graphs.asserted, graphs.inferred, graphs.metadata):
        for triple in graph:
            data.add(triple)
    _, report, _ = plain_validate(data, shacl_graph=load_shapes().graph, inference="none", advanced=True, allow_warnings=True)
    assert isinstance(report, Graph)
    theirs = {
        (
            str(report.value(node, SH.focusNode)),
            str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1].lower(),
            str(report.value(node, SH.resultMessage)),
        )
        for node in report.subjects(RDF.type, SH.ValidationResult)
    }
    assert ours == theirs and len(ours) == 4  # stages 2 and 3 numbered 2, stage 3 dated in March, two drivers
