"""Triples: resolved records into the asserted graph, and provenance, spellings and problems into the metadata graph.
Each module writes one family of resources; `build_graphs` writes them all."""

from __future__ import annotations

from rdflib import Graph

from loader.errors import Problem
from loader.resolve.model import Resolution
from loader.triples import editions, entities, provenance, results
from loader.triples.writer import Writer
from vocabulary.iris import Minter


def build_graphs(resolution: Resolution, minter: Minter, problems: list[Problem]) -> tuple[Graph, Graph]:
    """Return the asserted graph and the metadata graph (provenance, spellings, the problems found in the sources)."""
    w = Writer(resolution, minter)
    for write in (
        entities.country_triples,
        entities.person_triples,
        entities.maker_and_entrant_triples,
        entities.place_triples,
        entities.category_triples,
    ):
        write(w)
    for info in resolution.editions:
        for write_edition in (
            editions.edition_triples,
            editions.stage_triples,
            editions.entry_triples,
            results.result_triples,
            results.standing_triples,
            results.no_contest_triples,
            results.note_triples,
            results.penalty_triples,
        ):
            write_edition(w, info)
    provenance.problem_triples(w, problems)
    provenance.source_triples(w)
    return w.asserted, w.metadata
