"""The graphs a build writes and the helpers every triple writer uses: typed literals, provenance, labels, spellings.

One rule for literals (docs/data-model.md): names and labels are plain strings (`rdfs:label "Cars"`); sentences
of English prose (comments, reasons, notes, messages) are tagged `@en`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from loader.names import Cluster
from loader.resolve.model import Resolution
from vocabulary.iris import Minter, category_label
from vocabulary.namespaces import RALLY, SCHEMA, WD


def english(text: str) -> Literal:
    """Return a sentence of English prose as a literal (tagged @en, as every sentence of the data is)."""
    return Literal(text, lang="en")


class Writer:
    """Writes asserted triples and their provenance into the two graphs of a build; one instance per build."""

    def __init__(self, resolution: Resolution, minter: Minter) -> None:
        self.r = resolution
        self.mint = minter
        self.asserted = Graph(store="SimpleMemory")
        self.metadata = Graph(store="SimpleMemory")
        self.lines: dict[str, set[int]] = defaultdict(set)  # path -> line numbers cited
        self.texts = {info.record.path: info.record.lines for info in resolution.editions}
        self.names = {info.record.path: info.record.source_name for info in resolution.editions}
        self.makers = {c.slug: c.label for c in resolution.makers.clusters}
        self.results_written: Counter[tuple[URIRef, str]] = Counter()  # results written per (classification, driver)
        for graph in (self.asserted, self.metadata):
            graph.bind("rally", RALLY._NS)
            graph.bind("schema", SCHEMA)
            graph.bind("wd", WD)
            graph.bind("prov", PROV)
            graph.bind("skos", SKOS)
            graph.bind("dcterms", DCTERMS)

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
            self.metadata.add((node, PROV.wasDerivedFrom, self.mint.source_line(self.names[path], line)))

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
                m.add((variant, PROV.wasDerivedFrom, self.mint.source_line(self.names[path], line)))
