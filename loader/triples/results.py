"""Triples of the results: stage and general classifications, final standings (ties and derived totals marked),
stages without a contest, notes and penalties."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Literal, URIRef

from loader.parsing import xsd_duration
from loader.records import ResultRecord
from loader.resolve.model import EditionInfo
from loader.triples.writer import Writer, english
from vocabulary.namespaces import RALLY

_TIME_PROPERTIES = {"position": (RALLY.position,), "time": (RALLY.time, RALLY.timeSeconds), "gap": (RALLY.gap, RALLY.gapSeconds)}


def stage_classification(w: Writer, info: EditionInfo, stage: int, slug: str) -> URIRef:
    """Assert (once) and return a category's (by slug) classification of a stage."""
    node = w.mint.stage_classification(info.slug, stage, slug)
    w.add(node, RDF.type, RALLY.StageClassification)
    w.add(node, RDFS.label, f"{info.record.name}, stage {stage}, {w.category_name(slug)}")
    w.add(node, RALLY.classifiedStage, w.mint.stage(info.slug, stage))
    w.add(node, RALLY.category, w.mint.category(slug))
    return node


def _result(
    w: Writer, info: EditionInfo, classification: URIRef, title: str, category: str, driver: str, position: int
) -> URIRef:
    """Assert a result of an entry in a classification (its IRI numbered when the driver appears twice)."""
    w.results_written[(classification, driver)] += 1  # the same crew twice in a classification is a reported problem
    node = w.mint.result(classification, driver, w.results_written[(classification, driver)])
    entry = w.r.entries[(info.slug, category, driver)]
    names = " / ".join(w.person_label(p) for p in entry.crew or [driver])
    w.add(classification, RALLY.hasResult, node)
    w.add(node, RDF.type, RALLY.Result)
    w.add(node, RDFS.label, f"{title}: {position}. {names}")
    w.add(node, RALLY.forEntry, w.mint.entry(info.slug, category, driver))
    w.add(node, RALLY.position, position)
    return node


def _times(w: Writer, node: URIRef, time: int | None, gap: int | None) -> None:
    if time is not None:
        w.add(node, RALLY.time, Literal(xsd_duration(time), datatype=XSD.duration))
        w.add(node, RALLY.timeSeconds, time)
    if gap is not None:
        w.add(node, RALLY.gap, Literal(xsd_duration(gap), datatype=XSD.duration))
        w.add(node, RALLY.gapSeconds, gap)


def _derived(w: Writer, node: URIRef, fields: Iterable[str]) -> None:
    """Mark the properties of these fields as derived by the loader, not read in a cell."""
    for name in fields:
        for prop in _TIME_PROPERTIES[name]:
            w.add(node, RALLY.derivedValue, prop)


def result_triples(w: Writer, info: EditionInfo) -> None:
    """Assert stage classifications and general classifications with their results; mark ties."""
    record = info.record
    groups: dict[tuple[str, int, str], list[ResultRecord]] = defaultdict(list)
    for result in record.results:
        groups[(result.category_slug, result.stage, result.kind)].append(result)
    for (category, stage, kind), rows in groups.items():
        if kind == "stage":
            classification = stage_classification(w, info, stage, category)
            title = f"{record.name}, stage {stage}, {w.category_name(category)}"
        else:
            classification = w.mint.general_classification(info.slug, stage, category)
            title = f"{record.name}, {w.category_name(category)}, general classification after stage {stage}"
            w.add(classification, RDF.type, RALLY.GeneralClassification)
            w.add(classification, RDFS.label, title)
            w.add(classification, RALLY.afterStage, w.mint.stage(info.slug, stage))
            w.add(classification, RALLY.category, w.mint.category(category))
        w.derive(classification, record.path, sorted({r.line for r in rows}))
        shared = Counter(r.position for r in rows)
        for row in rows:
            driver = w.r.person(record, row.category_slug, row.crew[0]).slug
            node = _result(w, info, classification, title, category, driver, row.position)
            if shared[row.position] > 1:
                w.add(node, RALLY.tied, True)
            _times(w, node, row.time, row.gap)
            _derived(w, node, row.inherited)
            w.derive(node, record.path, [row.line])


def standing_triples(w: Writer, info: EditionInfo) -> None:
    """Assert each category's final standings; a total printed as a gap is derived from the winner's time."""
    record = info.record
    for category in dict.fromkeys(s.category_slug for s in record.standings):
        rows = [s for s in record.standings if s.category_slug == category]
        node = w.mint.final_classification(info.slug, category)
        title = f"{record.name}, {w.category_name(category)}, final standings"
        w.add(node, RDF.type, RALLY.FinalClassification)
        w.add(node, RDFS.label, title)
        w.add(node, RALLY.standingsOf, w.mint.edition(info.slug))
        w.add(node, RALLY.category, w.mint.category(category))
        w.derive(node, record.path, sorted({r.line for r in rows}))
        shared = Counter(r.position for r in rows)
        winner = next((r.time for r in rows if r.position == 1 and r.time is not None), None)
        for row in rows:
            driver = w.r.person(record, row.category_slug, row.crew[0]).slug
            result = _result(w, info, node, title, category, driver, row.position)
            if shared[row.position] > 1:
                w.add(result, RALLY.tied, True)
            time = row.time
            if time is None and row.gap is not None and winner is not None:
                time = winner + row.gap
                _derived(w, result, ["time"])
            _times(w, result, time, row.gap)
            w.derive(result, record.path, [row.line])


def no_contest_triples(w: Writer, info: EditionInfo) -> None:
    """Assert the stages a category did not race as a contest (cancelled or neutralised), with markers and reasons."""
    record = info.record
    for found in record.no_contests:
        category = found.category_slug
        cancelled = found.kind == "cancelled"
        node = (w.mint.cancellation if cancelled else w.mint.neutralisation)(info.slug, found.stage, category)
        stage = w.mint.stage(info.slug, found.stage)
        name = w.category_name(category).lower()
        label = f"cancelled for {name}" if cancelled else f"not raced as a contest by {name} ({found.markers[0]})"
        w.add(node, RDF.type, RALLY.Cancellation if cancelled else RALLY.Neutralisation)
        w.add(node, RDFS.label, f"{record.name}, stage {found.stage} {label}")
        w.add(node, RALLY.cancelledStage if cancelled else RALLY.noContestStage, stage)
        w.add(node, RALLY.category, w.mint.category(category))
        for marker in found.markers:
            w.add(node, RALLY.marker, marker)
        for reason, _line in found.reasons:
            w.add(node, RALLY.reason, english(reason))
        if found.awarded is not None:
            w.add(node, RALLY.awardedTime, Literal(xsd_duration(found.awarded), datatype=XSD.duration))
            w.add(node, RALLY.awardedTimeSeconds, found.awarded)
        w.derive(node, record.path, found.lines)


def note_triples(w: Writer, info: EditionInfo) -> None:
    """Assert each note under the stage table on the stages it concerns (on the edition when it names none)."""
    for note in info.notes:
        targets = [w.mint.stage(info.slug, n) for n in note.stages] or [w.mint.edition(info.slug)]
        for target in targets:
            w.add(target, RALLY.note, english(note.text))


def penalty_triples(w: Writer, info: EditionInfo) -> None:
    """Assert each penalty: one per person and stage, with the duration stated most often and every reason."""
    record = info.record
    for number, penalty in enumerate(info.penalties, 1):
        node = w.mint.penalty(info.slug, number)
        on_stage = f" on stage {penalty.stage}" if penalty.stage is not None else ""
        w.add(node, RDF.type, RALLY.Penalty)
        w.add(node, RDFS.label, f"{record.name}, penalty of {w.person_label(penalty.person)}{on_stage}")
        w.add(node, RALLY.penalisedPerson, w.person(penalty.person))
        if penalty.stage is not None and any(s.number == penalty.stage for s in record.stages):
            w.add(node, RALLY.penaltyStage, w.mint.stage(info.slug, penalty.stage))
        if penalty.seconds is not None:
            w.add(node, RALLY.penaltyDuration, Literal(xsd_duration(penalty.seconds), datatype=XSD.duration))
            w.add(node, RALLY.penaltySeconds, penalty.seconds)
        for reason in penalty.reasons:
            w.add(node, RALLY.reason, english(reason))
        w.derive(node, record.path, penalty.lines)
