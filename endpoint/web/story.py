"""The data behind the pictures of an edition: each category's general classification, and the route by day."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from endpoint.core.lookup import number, prologue, select, text
from endpoint.core.service import Session
from endpoint.web.display import page_href, readable_date

GENERAL = """\
SELECT ?resource ?category ?categoryLabel ?stageNumber ?position ?gapSeconds ?entry ?driverLabel WHERE {
  ?classification a rally:GeneralClassification ; rally:afterStage ?stage ; rally:category ?category ; rally:hasResult ?result .
  ?stage rally:edition ?resource ; rally:stageNumber ?stageNumber .
  ?category rdfs:label ?categoryLabel .
  ?result rally:position ?position ; rally:forEntry ?entry .
  ?entry rally:driver/rdfs:label ?driverLabel .
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
} ORDER BY ?categoryLabel ?stageNumber ?position ?driverLabel"""
ROUTE = """\
SELECT ?resource ?day ?date ?stageNumber ?distance ?from ?to ?rest ?country WHERE {
  ?day rally:edition ?resource ; rally:date ?date .
  OPTIONAL { ?day rally:stageNumber ?stageNumber }
  OPTIONAL { ?day rally:distanceKm ?distance }
  OPTIONAL { ?day rally:startPlace/rdfs:label ?from }
  OPTIONAL { ?day rally:finishPlace ?finish . ?finish rdfs:label ?to . OPTIONAL { ?finish rally:inCountry/rdfs:label ?country } }
  OPTIONAL { ?day rally:restPlace ?place . ?place rdfs:label ?rest . OPTIONAL { ?place rally:inCountry/rdfs:label ?country } }
} ORDER BY ?date ?country"""
NO_CONTEST = """\
SELECT ?resource ?stageNumber ?categoryLabel ?what WHERE {
  ?noContest rally:noContestStage ?stage ; rally:category/rdfs:label ?categoryLabel .
  ?stage rally:edition ?resource ; rally:stageNumber ?stageNumber .
  BIND (IF(EXISTS { ?noContest a rally:Cancellation }, "cancelled", "not raced") AS ?what)
}"""
QUERIES = (
    ("general classification after each stage", GENERAL),
    ("the route, day by day", ROUTE),
    ("stages without contest (cancelled, neutralised, a liaison only)", NO_CONTEST),
)


@dataclass(frozen=True)
class Point:
    """A crew's place in the general classification after one stage."""

    stage: int
    position: int
    gap: int  # seconds behind the leader (0 for the leader)


@dataclass
class Crew:
    """One crew that was in the printed general classification at least once, by its driver's name."""

    name: str
    href: str
    points: list[Point] = field(default_factory=list)


@dataclass
class CategoryStory:
    """A category's general classification over the stages."""

    name: str
    href: str
    stages: list[int]
    crews: list[Crew]
    no_contest: list[tuple[int, str]]  # (stage, "cancelled" or "not raced")

    def leaders(self) -> list[tuple[int, list[str], int | None]]:
        """Return, per classified stage: the leader(s) and the gap to the next crew (None if not printed)."""
        found = []
        for stage in sorted({p.stage for c in self.crews for p in c.points}):
            placed = sorted((p.position, p.gap, c.name) for c in self.crews for p in c.points if p.stage == stage)
            first = [name for position, _, name in placed if position == 1]
            others = [gap for position, gap, _ in placed if position > 1]
            found.append((stage, first, min(others) if others else None))
        return found


@dataclass(frozen=True)
class Day:
    """A day of the route: a stage (number, distance, start and finish) or a rest day."""

    date: str
    href: str
    number: int | None
    distance: float | None
    start: str
    finish: str
    rest: str
    countries: tuple[str, ...]
    no_contest: tuple[str, ...]  # "cancelled for Motorcycles", "not raced by Cars"


def categories(lookups: Session, edition: ox.NamedNode) -> list[CategoryStory]:
    """Return the general-classification story of each category of an edition."""
    stages = sorted({number(row, "stageNumber") or 0 for row in select(lookups, ROUTE, resource=edition)} - {0})
    no_contest: dict[str, list[tuple[int, str]]] = {}
    for row in select(lookups, NO_CONTEST, resource=edition):
        no_contest.setdefault(text(row, "categoryLabel"), []).append((number(row, "stageNumber") or 0, text(row, "what")))
    stories: dict[str, CategoryStory] = {}
    crews: dict[tuple[str, str], Crew] = {}
    for row in select(lookups, GENERAL, resource=edition):
        name = text(row, "categoryLabel")
        story = stories.setdefault(
            name,
            CategoryStory(
                name, page_href(text(row, "category"), lookups.dataset.base) or "", stages, [], sorted(no_contest.get(name, []))
            ),
        )
        key = (name, text(row, "entry"))
        if key not in crews:
            crews[key] = Crew(text(row, "driverLabel"), page_href(text(row, "entry"), lookups.dataset.base) or "")
            story.crews.append(crews[key])
        position = number(row, "position") or 0
        gap = 0 if position == 1 else number(row, "gapSeconds")
        if gap is not None:
            crews[key].points.append(Point(number(row, "stageNumber") or 0, position, gap))
    return list(stories.values())


def route(lookups: Session, edition: ox.NamedNode) -> list[Day]:
    """Return the days of an edition in order, with the categories that did not race each stage as a contest."""
    no_contest: dict[int, list[str]] = {}
    for row in select(lookups, NO_CONTEST, resource=edition):
        said = "cancelled for" if text(row, "what") == "cancelled" else "not raced by"
        no_contest.setdefault(number(row, "stageNumber") or 0, []).append(f"{said} {text(row, 'categoryLabel')}")
    days: dict[str, Day] = {}
    for row in select(lookups, ROUTE, resource=edition):
        key = text(row, "day")
        countries = days[key].countries if key in days else ()
        country = text(row, "country")
        stage = number(row, "stageNumber")
        distance = row.get("distance")
        days[key] = Day(
            readable_date(text(row, "date")),
            page_href(key, lookups.dataset.base) or "",
            stage,
            float(distance.value) if isinstance(distance, ox.Literal) else None,
            text(row, "from"),
            text(row, "to", text(row, "from")),
            text(row, "rest"),
            countries + ((country,) if country and country not in countries else ()),
            tuple(sorted(no_contest.get(stage or 0, []))),
        )
    return list(days.values())


def shown_queries() -> list[tuple[str, str]]:
    """Return the queries behind the pictures, with their prefixes."""
    return [(purpose, prologue() + query) for purpose, query in QUERIES]
