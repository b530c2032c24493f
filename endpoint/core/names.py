"""The names of the served dataset's resources, however the sources spell them: one index, accents and case folded.

The dataset's names (labels and every variant) number a few thousand per edition, so they are read once per
dataset into a list and matched in Python: that is what lets "Andre" find "André" and "souza" find Carlos
Sousa, which a SPARQL FILTER cannot do without a full-text index. Search and parameter values use it alike.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pyoxigraph as ox

from endpoint.core.lookup import select, text
from endpoint.core.service import Session
from vocabulary.text import fold

NAMES = """\
SELECT ?item ?label ?name WHERE {
  ?item rdfs:label ?label .
  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
  FILTER(isIRI(?item))
}"""
TYPES = "SELECT ?item ?type WHERE { ?item a ?type . FILTER(isIRI(?type)) }"
RALLY_TYPES = "SELECT ?item ?type WHERE { ?item a ?type . FILTER(STRSTARTS(STR(?type), STR(rally:))) }"

_indexes: dict[str, NameIndex] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Name:
    """One way a resource is named: its folded form, the spelling, the resource and its label."""

    folded: str
    spelling: str
    item: str
    label: str


@dataclass(frozen=True)
class NameIndex:
    """A dataset's names, the classes each resource is stated to have (rally: ones), and all its classes."""

    names: list[Name]
    types: dict[str, list[ox.NamedNode]]  # the rally: classes stated (asserted), for showing
    classes: dict[str, set[str]]  # every class, asserted or inferred, for checking

    def named(self, name: str, of_class: str | None = None) -> list[str]:
        """Return the resources (of the class, when given) that a whole name names, however spelt."""
        wanted = fold(name)
        found = {n.item for n in self.names if n.folded == wanted}
        if of_class is not None:
            found = {item for item in found if of_class in self.classes.get(item, ())}
        return sorted(found)


def name_index(session: Session) -> NameIndex:
    """Return the dataset's names and classes, read once per dataset."""
    dataset = session.dataset
    with _lock:
        found = _indexes.get(dataset.etag)
        if found is None:
            rows = select(session, NAMES, ("asserted", "inferred"))
            names = sorted(
                {Name(fold(text(r, "name")), text(r, "name"), text(r, "item"), text(r, "label")) for r in rows},
                key=lambda n: (n.label, n.item, n.spelling),
            )
            types: dict[str, list[ox.NamedNode]] = {}
            for row in select(session, RALLY_TYPES, ("asserted",)):
                if isinstance(row["type"], ox.NamedNode):
                    types.setdefault(text(row, "item"), []).append(row["type"])
            classes: dict[str, set[str]] = {}
            for row in select(session, TYPES, ("asserted", "inferred")):
                classes.setdefault(text(row, "item"), set()).add(text(row, "type"))
            stated = {item: sorted(listed, key=lambda t: t.value) for item, listed in types.items()}
            found = NameIndex(names, stated, classes)
            _indexes[dataset.etag] = found
        return found
