"""Find resources by name, however the source spells them: labels and every variant, accents and case folded.

The dataset is small (a few thousand names), so the names are read once per dataset into a list and
matched in Python: that is what lets "Andre" find "André" and "souza" find Carlos Sousa, which a
SPARQL FILTER cannot do without a full-text index.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from endpoint.dataset import ServedDataset
from endpoint.display import TermView, view
from endpoint.lookup import select, text

NAMES = """\
SELECT ?item ?label ?name WHERE {
  ?item rdfs:label ?label .
  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }
  FILTER(isIRI(?item))
}"""
TYPES = "SELECT ?item ?type WHERE { ?item a ?type . FILTER(STRSTARTS(STR(?type), STR(rally:))) }"
MAX_QUERY = 200
MOST = 50

_indexes: dict[str, Index] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Name:
    """One way a resource is named: its folded form, the spelling, the resource and its label."""

    folded: str
    spelling: str
    item: str
    label: str


@dataclass(frozen=True)
class Index:
    """A dataset's names, and the classes (rally:) each resource is stated to have."""

    names: list[Name]
    types: dict[str, list[ox.NamedNode]]


@dataclass(frozen=True)
class Hit:
    """A resource found: how it is shown, the spellings that matched, its classes."""

    item: TermView
    matched: tuple[str, ...]
    types: tuple[TermView, ...]


def fold(text: str) -> str:
    """Return text without accents, case or punctuation differences, for matching.

    >>> fold("André  de Azevedo"), fold("J-P. Fontenay")
    ('andre de azevedo', 'j p fontenay')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def _index(dataset: ServedDataset) -> Index:
    """Return the dataset's names and classes, read once per dataset."""
    with _lock:
        found = _indexes.get(dataset.etag)
        if found is None:
            rows = select(dataset, NAMES, ("asserted", "inferred", "metadata"))
            names = sorted(
                {Name(fold(text(r, "name")), text(r, "name"), text(r, "item"), text(r, "label")) for r in rows},
                key=lambda n: (n.label, n.item, n.spelling),
            )
            types: dict[str, list[ox.NamedNode]] = {}
            for row in select(dataset, TYPES, ("asserted",)):
                if isinstance(row["type"], ox.NamedNode):
                    types.setdefault(text(row, "item"), []).append(row["type"])
            found = Index(names, {item: sorted(classes, key=lambda t: t.value) for item, classes in types.items()})
            _indexes[dataset.etag] = found
        return found


def search(dataset: ServedDataset, query: str, most: int = MOST) -> list[Hit]:
    """Return the resources a name or part of one finds: whole-name matches first, then names starting so, then the rest."""
    wanted = fold(query)
    if not wanted:
        return []
    index = _index(dataset)
    ranked: dict[str, tuple[int, Name, list[str]]] = {}
    for name in index.names:
        if wanted not in name.folded:
            continue
        rank = 0 if name.folded == wanted else 1 if name.folded.startswith(wanted) else 2
        best = ranked.get(name.item)
        if best is None:
            ranked[name.item] = (rank, name, [name.spelling])
        else:
            best[2].append(name.spelling)
            if rank < best[0]:
                ranked[name.item] = (rank, name, best[2])
    chosen = sorted(ranked.values(), key=lambda entry: (entry[0], entry[1].label.casefold()))[:most]
    base = dataset.base
    return [
        Hit(
            view(ox.NamedNode(name.item), base, {name.item: name.label}),
            tuple(sorted(set(spellings) - {name.label})),
            tuple(view(t, base, {}) for t in index.types.get(name.item, [])),
        )
        for _, name, spellings in chosen
    ]
