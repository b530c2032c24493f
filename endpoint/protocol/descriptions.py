"""The service described in RDF: its SPARQL 1.1 Service Description and the dataset's VoID description."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from endpoint.core.lookup import number, select, text
from endpoint.core.service import Session
from vocabulary.namespaces import PREFIXES, RALLY, SCHEMA, SD, VOID, WIKIPEDIA

FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT_OWL_RDF = URIRef("http://www.w3.org/ns/entailment/OWL-RDF-Based")
PROFILE_RL = URIRef("http://www.w3.org/ns/owl-profile/RL")
# The documents here are single graphs: as quads they are the default graph, and N-Triples lines are
# exactly such N-Quads (rdflib refuses to write a plain Graph as "nquads").
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml", "trig": "trig", "nquads": "nt"}
RESULT_FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS_NS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS_NS.SPARQL_Results_XML,
    "text/csv": FORMATS_NS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS_NS.SPARQL_Results_TSV,
    "text/turtle": FORMATS_NS.Turtle,
    "application/n-triples": FORMATS_NS["N-Triples"],
    "application/ld+json": FORMATS_NS["JSON-LD"],
    "application/rdf+xml": FORMATS_NS.RDF_XML,
    "application/trig": FORMATS_NS.TriG,
    "application/n-quads": FORMATS_NS["N-Quads"],
}


def serialised(graph: Graph, serialiser: str) -> bytes:
    """Return a description in one of the negotiation table's graph serialisers."""
    return graph.serialize(format=RDFLIB_FORMATS[serialiser], encoding="utf-8")


def service_graph(lookups: Session, root: str) -> Graph:
    """Return the SPARQL 1.1 Service Description of the endpoint at `root`sparql."""
    current = lookups.service
    endpoint = URIRef(root + "sparql")
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("formats", FORMATS_NS)
    graph.bind("dcterms", DCTERMS)
    dataset = URIRef(root + "sparql#dataset")
    default = URIRef(root + "sparql#default-graph")
    graph.add((endpoint, RDF.type, SD.Service))
    graph.add((endpoint, SD.endpoint, endpoint))
    graph.add((endpoint, DCTERMS.title, Literal("Rally knowledge graph SPARQL endpoint", lang="en")))
    graph.add((endpoint, SD.supportedLanguage, SD.SPARQL11Query))
    for format_iri in RESULT_FORMAT_IRIS.values():
        graph.add((endpoint, SD.resultFormat, format_iri))
    graph.add((endpoint, SD.defaultEntailmentRegime, ENTAILMENT_OWL_RDF))
    graph.add((endpoint, SD.defaultSupportedEntailmentProfile, PROFILE_RL))
    graph.add(
        (
            endpoint,
            RDFS.comment,
            Literal(
                "Read-only. The default graph is the union of the asserted data and its OWL 2 RL closure (materialised "
                "with owlrl at build time); the ontology and the metadata (provenance, source problems, dataset "
                "description) are named graphs. SERVICE, LOAD, updates and remote FROM are refused. Queries stop after "
                f"{current.limits.timeout:g} s or at {current.limits.query_memory_mb} MB of memory; "
                f"answers are cut at {current.limits.max_rows} rows and say so in the X-Result-Truncated header. "
                "Relative IRIs in a query resolve against this endpoint's URL; a default-graph-uri or named-graph-uri "
                "that is not a graph of the dataset is an empty graph (the Warning header says so). A query sent here "
                "declares its prefixes; the query editor (/editor) and the saved queries (/queries) know these without a "
                "PREFIX line: " + ", ".join(f"{name}: <{iri}>" for name, iri in PREFIXES.items()) + ".",
                lang="en",
            ),
        )
    )
    graph.add((endpoint, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, RDFS.seeAlso, URIRef(root + ".well-known/void")))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(current.dataset.triples["asserted"] + current.dataset.triples["inferred"])))
    graph.add((default, RDFS.comment, Literal("The union of the asserted and inferred graphs.", lang="en")))
    for name, iri in current.dataset.graphs.items():
        named = BNode(f"named-{name}")
        described = BNode(f"graph-{name}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(current.dataset.triples[name])))
        if name == "inferred":
            graph.add((named, SD.entailmentRegime, ENTAILMENT_OWL_RDF))
            graph.add((named, SD.supportedEntailmentProfile, PROFILE_RL))
    return graph


def void_graph(lookups: Session, root: str) -> Graph:
    """Return the VoID description of the dataset served at `root`."""
    served = lookups.dataset
    node = URIRef(root + ".well-known/void#dataset")
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    graph.bind("sd", SD)
    graph.add((node, RDF.type, VOID.Dataset))
    graph.add((node, DCTERMS.title, Literal("Rally knowledge graph", lang="en")))
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                "Motor rallies as linked data: editions, stages, entries, crews, results; built from Wikipedia articles and closed under OWL 2 RL.",
                lang="en",
            ),
        )
    )
    graph.add((node, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by-sa/4.0/")))
    for source in served.summary.get("sources") or []:
        stem = Path(str(source)).stem
        graph.add((node, DCTERMS.source, WIKIPEDIA[stem]))
    graph.add((node, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    graph.add((node, VOID.dataDump, URIRef(root + "dump/dataset.nq")))
    graph.add((node, VOID.dataDump, URIRef(root + "dump/dataset.trig")))
    graph.add((node, VOID.uriSpace, Literal(served.base)))
    graph.add((node, VOID.vocabulary, URIRef(str(RALLY._NS))))
    graph.add((node, VOID.vocabulary, URIRef(str(SCHEMA))))
    graph.add((node, VOID.triples, Literal(sum(served.triples.values()))))
    (entities,) = select(
        lookups,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) ?base WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?base)) } GROUP BY ?base",
        base=ox.Literal(served.base),
    )
    graph.add((node, VOID.entities, Literal(number(entities, "n"))))
    for row in select(lookups, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"):
        partition = BNode()
        graph.add((node, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(text(row, "c"))))
        graph.add((partition, VOID.entities, Literal(number(row, "n"))))
    properties = select(lookups, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")
    graph.add((node, VOID.properties, Literal(len(properties))))
    for row in properties:
        partition = BNode()
        graph.add((node, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(text(row, "p"))))
        graph.add((partition, VOID.triples, Literal(number(row, "n"))))
    for example in select(lookups, "SELECT ?s WHERE { VALUES ?c { rally:Edition rally:Stage rally:Person } ?s a ?c } LIMIT 3"):
        graph.add((node, VOID.exampleResource, URIRef(text(example, "s"))))
    for name, iri in served.graphs.items():
        subset = URIRef(f"{root}.well-known/void#{name}")
        graph.add((node, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, SD.name, URIRef(iri)))
        graph.add((subset, VOID.triples, Literal(served.triples[name])))
        graph.add((subset, DCTERMS.title, Literal(f"{name} graph", lang="en")))
    return graph
