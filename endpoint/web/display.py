"""How RDF terms look on the pages: links that stay on this server, compact names, readable literals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import XSD as XSD_NS

from endpoint.core.lookup import Term
from loader.parsing import format_duration
from vocabulary.namespaces import PREFIXES, RALLY_NS

XSD = str(XSD_NS)
ONTOLOGY_DOC = "/ontology"
CURIE_PREFIXES = PREFIXES
_DURATION = re.compile(r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
SECONDS_PROPERTIES = {RALLY_NS + name for name in ("timeSeconds", "gapSeconds", "penaltySeconds")}
SUFFIXES = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "rdfxml": "rdf", "trig": "trig", "nquads": "nq"}
_SAFE = "/:@!$&'()*+,;=-._~"


@dataclass(frozen=True)
class TermView:
    """A term as a page shows it: text, where it links (None: no link), and a hint (datatype, language, IRI)."""

    text: str
    href: str | None
    hint: str
    kind: str  # "local", "ontology", "external", "literal", "blank"
    iri: str | None = None


def duration_seconds(lexical: str) -> int | None:
    """Return the seconds of an xsd:duration without years or months, None for anything else.

    >>> duration_seconds("P2DT22H42M6S"), duration_seconds("PT3M37S"), duration_seconds("-PT1H"), duration_seconds("P1Y")
    (254526, 217, -3600, None)
    """
    match = _DURATION.match(lexical.strip())
    if not match or lexical.strip() in ("P", "PT", "-P"):
        return None
    sign, days, hours, minutes, seconds = match.groups()
    total = int(days or 0) * 86400 + int(hours or 0) * 3600 + int(minutes or 0) * 60 + round(float(seconds or 0))
    return -total if sign else total


def readable_date(lexical: str) -> str:
    """Return an xsd:date as the article writes dates.

    >>> readable_date("2001-01-01")
    '1 January 2001'
    """
    try:
        day = date.fromisoformat(lexical)
    except ValueError:
        return lexical
    return f"{day.day} {day:%B} {day.year}"


def curie(iri: str) -> str:
    """Return a compact name (prefix:local) for an IRI in a known namespace, else the IRI.

    >>> curie("https://w3id.org/rally-kg/ontology#Edition"), curie("http://example.org/x")
    ('rally:Edition', 'http://example.org/x')
    """
    for prefix, namespace in sorted(CURIE_PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_path(iri: str, base: str) -> str | None:
    """Return the path after the dataset's base for one of its IRIs, None for any other IRI.

    >>> local_path("http://h/id/person/x", "http://h/id/"), local_path("http://other/x", "http://h/id/")
    ('person/x', None)
    """
    return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else None


def page_path(rest: str) -> str:
    """Return the path of the HTML page of the resource `{base}rest`.

    >>> page_path("person/jutta-kleinschmidt")
    '/page/person/jutta-kleinschmidt'
    """
    return "/page/" + quote(rest, safe=_SAFE)


def data_path(rest: str, serialiser: str) -> str:
    """Return the path of the data document of the resource `{base}rest` in one format.

    >>> data_path("source/2001_Dakar_Rally.txt", "turtle")
    '/data/source/2001_Dakar_Rally.txt.ttl'
    """
    return f"/data/{quote(rest, safe=_SAFE)}.{SUFFIXES[serialiser]}"


def page_href(iri: str, base: str) -> str | None:
    """Return the link to an IRI's page on this server: /page/… for the data, /ontology#… for terms, else None.

    >>> page_href("http://h/id/source/a.txt#line=1,2", "http://h/id/")
    '/page/source/a.txt#line=1,2'
    >>> page_href("https://w3id.org/rally-kg/ontology#Stage", "http://h/id/")
    '/ontology#Stage'
    """
    if iri.startswith(RALLY_NS):
        return f"{ONTOLOGY_DOC}#{iri[len(RALLY_NS) :]}"
    if iri == RALLY_NS.rstrip("#"):
        return ONTOLOGY_DOC
    path = local_path(iri, base)
    if path is None:
        return None
    document, hash_, fragment = path.partition("#")
    return page_path(document) + hash_ + fragment


def literal_text(literal: ox.Literal, predicate: str | None = None) -> str:
    """Return a literal as people read it: durations as h:mm:ss, dates spelt out, seconds with h:mm:ss.

    >>> literal_text(ox.Literal("PT70H1M8S", datatype=ox.NamedNode(XSD + "duration")))
    '70:01:08'
    >>> literal_text(ox.Literal("254526", datatype=ox.NamedNode(XSD + "integer")), RALLY_NS + "timeSeconds")
    '254526 s (70:42:06)'
    >>> literal_text(ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")))
    'no'
    """
    datatype = literal.datatype.value
    if datatype == XSD + "boolean":
        return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(literal.value, literal.value)
    if datatype == XSD + "duration":
        seconds = duration_seconds(literal.value)
        return literal.value if seconds is None else format_duration(seconds)
    if datatype == XSD + "date":
        return readable_date(literal.value)
    if predicate in SECONDS_PROPERTIES:
        try:
            return f"{literal.value} s ({format_duration(int(literal.value))})"
        except ValueError:
            return literal.value
    return literal.value


_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
UNITS = {"seconds": "(s)", "km": "(km)"}


def heading(variable: str, columns: Sequence[str] = ()) -> str:
    """Return a column's heading: what the variable means, in words (a label of a thing is the thing; the thing
    itself, when its label is a column too, is its IRI).

    >>> [heading(v) for v in ("categoryLabel", "finalTimeSeconds", "after_stage", "distanceKm", "raceNumber", "iri", "s")]
    ['Category', 'Final time (s)', 'After stage', 'Distance (km)', 'Race number', 'IRI', 's']
    >>> [heading(v, ["edition", "editionLabel"]) for v in ("edition", "editionLabel")]
    ['Edition IRI', 'Edition']
    """
    if len(variable) < 3:
        return variable  # ?s, ?p, ?o, ?x: a name, not a meaning
    words = [w.lower() for w in _WORD.findall(variable)]
    if len(words) > 1 and words[-1] == "label":
        words = words[:-1]
    if not words:
        return variable
    words = [UNITS.get(w, w) for w in words]
    text = " ".join(words)
    if text == "iri":
        return "IRI"
    return text[0].upper() + text[1:] + (" IRI" if variable + "Label" in columns else "")


def view(term: Term, base: str, labels: dict[str, str] | None = None, predicate: str | None = None) -> TermView:
    """Return how a term is shown: a label and link for IRIs, readable text for literals."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        label = (labels or {}).get(iri)
        href = page_href(iri, base)
        kind = "external" if href is None else ("ontology" if href.startswith(ONTOLOGY_DOC) else "local")
        if label is None:
            path = local_path(iri, base)
            label = curie(iri) if kind != "local" or path is None else path
        return TermView(label, href if href is not None else iri, iri, kind, iri)
    if isinstance(term, ox.Literal):
        hint = f"@{term.language}" if term.language else curie(term.datatype.value)
        return TermView(literal_text(term, predicate), None, hint, "literal")
    if isinstance(term, ox.BlankNode):
        return TermView(f"_:{term.value}", None, "blank node", "blank")
    return TermView(str(term), None, "triple", "literal")
