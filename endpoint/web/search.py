"""Find resources by name, however the source spells them: labels and every variant, accents and case folded."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from endpoint.core.names import Name, name_index
from endpoint.core.service import Session
from endpoint.web.display import TermView, view
from vocabulary.text import fold

MAX_QUERY = 200
MOST = 50


@dataclass(frozen=True)
class Hit:
    """A resource found: how it is shown, the spellings that matched, its classes."""

    item: TermView
    matched: tuple[str, ...]
    types: tuple[TermView, ...]


def search(lookups: Session, query: str, most: int = MOST) -> list[Hit]:
    """Return the resources a name or part of one finds: whole-name matches first, then names starting so, then the rest."""
    wanted = fold(query)
    if not wanted:
        return []
    index = name_index(lookups)
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
    base = lookups.dataset.base
    return [
        Hit(
            view(ox.NamedNode(name.item), base, {name.item: name.label}),
            tuple(sorted(set(spellings) - {name.label})),
            tuple(view(t, base, {}) for t in index.types.get(name.item, [])),
        )
        for _, name, spellings in chosen
    ]
