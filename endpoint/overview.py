"""The home page's content: what the dataset is, its counts, and the ways in (editions, stages, people...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from endpoint.dataset import ServedDataset
from endpoint.display import TermView, readable_date, view
from endpoint.lookup import RALLY, number, select, text

EDITIONS = """\
SELECT ?item ?label ?year (COUNT(DISTINCT ?stage) AS ?stages) WHERE {
  ?item a rally:Edition ; rdfs:label ?label .
  OPTIONAL { ?item rally:year ?year }
  OPTIONAL { ?stage a rally:Stage ; rally:edition ?item }
} GROUP BY ?item ?label ?year ORDER BY DESC(?stages) ?year"""
STAGES = """\
SELECT ?item ?label ?number ?date ?edition ?from ?to WHERE {
  ?item a rally:Stage ; rdfs:label ?label ; rally:stageNumber ?number ; rally:edition ?edition .
  OPTIONAL { ?item rally:date ?date }
  OPTIONAL { ?item rally:startPlace/rdfs:label ?from }
  OPTIONAL { ?item rally:finishPlace/rdfs:label ?to }
} ORDER BY ?edition ?number"""
MEMBERS = """\
SELECT ?class ?item ?label (COUNT(DISTINCT ?link) AS ?links) WHERE {
  ?item a ?class ; rdfs:label ?label .
  OPTIONAL { ?link ?property ?item }
} GROUP BY ?class ?item ?label ORDER BY ?label"""
ENTRY_CLASSES = ("Category", "Person", "Manufacturer", "Country", "Entrant", "Place")


@dataclass(frozen=True)
class StageLink:
    """A stage as the home page lists it."""

    item: TermView
    number: int
    date: str
    route: str


@dataclass
class Overview:
    """Everything the home page shows."""

    sources: list[str]
    base: str
    triples: dict[str, int]
    resources: dict[str, int]
    problems: int
    editions: list[tuple[TermView, int]]
    stages: list[StageLink]
    members: dict[str, list[tuple[TermView, int]]] = field(default_factory=dict)


def overview(dataset: ServedDataset) -> Overview:
    """Return the home page's content for the served dataset."""
    base = dataset.base
    summary = dataset.summary
    editions = [
        (view(row["item"], base, {text(row, "item"): text(row, "label")}), number(row, "stages") or 0)
        for row in select(dataset, EDITIONS)
    ]
    stages = [
        StageLink(
            view(row["item"], base, {text(row, "item"): f"Stage {text(row, 'number')}"}),
            number(row, "number") or 0,
            readable_date(text(row, "date")),
            f"{text(row, 'from', '?')} → {text(row, 'to', text(row, 'from', '?'))}",
        )
        for row in select(dataset, STAGES)
    ]
    members: dict[str, list[tuple[TermView, int]]] = {name: [] for name in ENTRY_CLASSES}
    for row in select(dataset, MEMBERS):
        name = text(row, "class").removeprefix(RALLY)
        if name in members and not any(t.iri == text(row, "item") for t, _ in members[name]):
            members[name].append((view(row["item"], base, {text(row, "item"): text(row, "label")}), number(row, "links") or 0))
    return Overview(
        [Path(str(source)).name for source in summary.get("sources") or []],
        base,
        dict(dataset.triples),
        {str(k): int(v) for k, v in (summary.get("resources") or {}).items()},
        len(summary.get("problems") or []),
        editions,
        stages,
        members,
    )
