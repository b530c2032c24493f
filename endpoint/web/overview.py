"""The home page's content: what the dataset is, its counts, and the ways in (editions, stages, people...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from endpoint.core.lookup import number, select, text
from endpoint.core.service import Session
from endpoint.web.display import TermView, readable_date, view
from vocabulary.namespaces import RALLY_NS

EDITIONS = """\
SELECT ?item ?label ?covered ?start ?end (COUNT(DISTINCT ?stage) AS ?stages) WHERE {
  ?item a rally:Edition ; rdfs:label ?label .
  BIND(xsd:boolean(EXISTS { ?item a rally:CoveredEdition }) AS ?covered)
  OPTIONAL { ?item rally:startDate ?start }
  OPTIONAL { ?item rally:endDate ?end }
  OPTIONAL { ?stage a rally:Stage ; rally:edition ?item }
} GROUP BY ?item ?label ?covered ?start ?end ORDER BY ?label"""
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


MOST = 60  # of each kind of resource listed on the home page; the rest is a click away


@dataclass(frozen=True)
class EditionLink:
    """An edition as the home page lists it: covered (its article was loaded) or only mentioned."""

    item: TermView
    covered: bool
    stages: int
    dates: str


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
    editions: list[EditionLink]
    stages: list[StageLink]  # of the one covered edition; a corpus lists its editions instead
    members: dict[str, list[tuple[TermView, int]]] = field(default_factory=dict)  # the most linked of each class
    counts: dict[str, int] = field(default_factory=dict)  # class name -> resources

    @property
    def covered(self) -> list[EditionLink]:
        """Return the editions whose articles were loaded."""
        return [e for e in self.editions if e.covered]

    @property
    def mentioned(self) -> list[EditionLink]:
        """Return the editions the articles only mention (previous and next rounds)."""
        return [e for e in self.editions if not e.covered]


def overview(lookups: Session) -> Overview:
    """Return the home page's content for the served dataset."""
    base = lookups.dataset.base
    summary = lookups.dataset.summary
    editions = [
        EditionLink(
            view(row["item"], base, {text(row, "item"): text(row, "label")}),
            text(row, "covered") == "true",
            number(row, "stages") or 0,
            f"{readable_date(text(row, 'start'))} – {readable_date(text(row, 'end'))}" if "start" in row else "",
        )
        for row in select(lookups, EDITIONS)
    ]
    stages: list[StageLink] = []
    if sum(1 for e in editions if e.covered) == 1:  # a corpus lists its editions; each edition's page, its stages
        stages = [
            StageLink(
                view(row["item"], base, {text(row, "item"): f"Stage {text(row, 'number')}"}),
                number(row, "number") or 0,
                readable_date(text(row, "date")),
                f"{text(row, 'from', '?')} → {text(row, 'to', text(row, 'from', '?'))}",
            )
            for row in select(lookups, STAGES)
        ]
    members: dict[str, list[tuple[TermView, int]]] = {name: [] for name in ENTRY_CLASSES}
    for row in select(lookups, MEMBERS):
        name = text(row, "class").removeprefix(RALLY_NS)
        if name in members and not any(t.iri == text(row, "item") for t, _ in members[name]):
            members[name].append((view(row["item"], base, {text(row, "item"): text(row, "label")}), number(row, "links") or 0))
    counts = {name: len(found) for name, found in members.items()}
    for name, found in members.items():
        if len(found) > MOST:  # the most linked, in name order
            kept = {t.iri for t, _ in sorted(found, key=lambda item: -item[1])[:MOST]}
            members[name] = [item for item in found if item[0].iri in kept]
    return Overview(
        [Path(str(source)).name for source in summary.get("sources") or []],
        base,
        dict(lookups.dataset.triples),
        {str(k): int(v) for k, v in (summary.get("resources") or {}).items()},
        len(summary.get("problems") or []),
        editions,
        stages,
        members,
        counts,
    )
