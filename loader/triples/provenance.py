"""Metadata triples: the source documents with every line cited, and the problems found in the sources."""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import DCTERMS, FOAF, PROV

from loader.errors import Problem
from loader.triples.writer import Writer, english
from vocabulary.namespaces import CC_BY_SA, RALLY, WIKIPEDIA


def source_triples(w: Writer) -> None:
    """Write the source documents and every cited line (number and text) to the metadata graph."""
    m = w.metadata
    for path, numbers in w.lines.items():
        name = w.names[path]
        document = w.mint.source(name)
        m.add((document, RDF.type, PROV.Entity))
        m.add((document, RDF.type, FOAF.Document))
        m.add((document, RDFS.label, Literal(name)))
        m.add((document, DCTERMS.title, Literal(name)))
        stem = name.rsplit(".", 1)[0]
        m.add((document, DCTERMS.source, WIKIPEDIA[stem]))
        m.add((document, DCTERMS.license, CC_BY_SA))
        texts = w.texts[path]
        for number in sorted(numbers):
            line = w.mint.source_line(name, number)
            m.add((line, RDF.type, RALLY.SourceLine))
            m.add((line, RDFS.label, Literal(f"{name}, line {number}")))
            m.add((line, RALLY.lineNumber, Literal(number)))
            m.add((line, PROV.value, Literal(texts[number - 1] if 0 < number <= len(texts) else "")))
            m.add((line, DCTERMS.isPartOf, document))


def problem_triples(w: Writer, problems: list[Problem]) -> None:
    """Write the source problems to the metadata graph."""
    by_path: dict[str, int] = defaultdict(int)
    editions = {info.record.path: info.slug for info in w.r.editions}
    m = w.metadata
    for problem in problems:
        by_path[problem.path] += 1
        node = w.mint.problem(editions.get(problem.path, "unknown"), by_path[problem.path])
        m.add((node, RDF.type, RALLY.SourceProblem))
        m.add((node, RALLY.problemCode, Literal(problem.code)))
        m.add((node, RALLY.message, english(problem.message)))
        m.add((node, RDFS.label, Literal(f"{problem.code}: {problem.message}")))
        if problem.path in editions:
            m.add((node, RALLY.foundIn, w.mint.edition(editions[problem.path])))
        if problem.line is not None and problem.path in w.names:
            w.lines[problem.path].add(problem.line)
            m.add((node, PROV.wasDerivedFrom, w.mint.source_line(w.names[problem.path], problem.line)))
        for slug in problem.concerns:
            m.add((node, RALLY.concerns, w.person(slug)))
