"""owlrl's closure of a corpus, edition by edition, in several processes (`rally-kg build --jobs N`).

OWL 2 RL's rules join triples that share a resource. An edition's triples (its stages, entries, classifications,
results: every IRI under `edition/<slug>`) share resources with no other edition's; what editions share is
people, makers, places, countries and the series. So the rules are run on groups of editions, each with the
shared resources it reaches, and once on the shared resources alone; the union of what they add is the closure of
the whole. tests/loader/test_inference_engine.py proves it equal to owlrl's closure of the whole input on a
generated corpus. A group whose closure joins resources by owl:sameAs (which copies triples across groups)
makes the build close the whole input at once instead.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, URIRef

from loader.inference import Triple, closure, inferred_graph, joins_resources, new_triples, rule_input
from vocabulary.iris import Minter

_FORK = multiprocessing.get_context("fork")
_GROUPS: list[list[Triple]] = []  # the groups' inputs, inherited by the forked workers


def close_by_edition(ontology: Graph, asserted: Graph, minter: Minter, jobs: int) -> Graph | None:
    """Return the inferred graph of a corpus closed edition by edition in `jobs` processes; None when a group's
    closure joins resources by owl:sameAs (the caller then closes the whole input)."""
    split = rule_input(ontology, asserted)
    groups = [split.axioms + part for part in _groups(split.data, minter, jobs)]
    global _GROUPS
    _GROUPS = groups
    try:
        with _FORK.Pool(min(jobs, len(groups))) as pool:
            results = pool.map(_close_group, range(len(groups)), chunksize=1)
    finally:
        _GROUPS = []
    if any(result is None for result in results):
        return None
    given = set(split.axioms) | set(split.data) | set(split.unused)
    found = {t for result in results if result is not None for t in result if t not in given}
    return inferred_graph(found, asserted, minter.base)


def _close_group(index: int) -> list[Triple] | None:
    work = closure(_GROUPS[index])
    if joins_resources(work):
        return None
    return new_triples(work, _GROUPS[index])


def _groups(data: list[Triple], minter: Minter, jobs: int) -> list[list[Triple]]:
    """Split data triples into groups of editions (each with the shared triples it reaches) and the shared ones alone."""
    by_edition: dict[str, list[Triple]] = defaultdict(list)
    shared: dict[object, list[Triple]] = defaultdict(list)
    for triple in data:
        edition = minter.edition_of(str(triple[0]))
        if edition is None:
            shared[triple[0]].append(triple)
        else:
            by_edition[edition].append(triple)
    editions = sorted(by_edition)
    count = max(1, min(len(editions), jobs * 4))  # a few groups per process: one slow group does not hold up the rest
    groups = [[t for slug in editions[i::count] for t in by_edition[slug]] for i in range(count) if editions[i::count]]
    return [group + _reached(group, shared) for group in groups] + [[t for ts in shared.values() for t in ts]]


def _reached(group: Iterable[Triple], shared: dict[object, list[Triple]]) -> list[Triple]:
    """Return the shared triples about the resources a group names, and about those they name, and so on."""
    seen: set[object] = set()
    frontier = [term for s, _, o in group for term in (s, o) if isinstance(term, URIRef)]
    found: list[Triple] = []
    while frontier:
        node = frontier.pop()
        if node in seen or node not in shared:
            continue
        seen.add(node)
        for triple in shared[node]:
            found.append(triple)
            if isinstance(triple[2], URIRef):
                frontier.append(triple[2])
    return found
