"""Content negotiation in one table: media types, their serialisers, q-values, wildcards, `format=`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A media type the endpoint can answer with, and the serialiser behind it."""

    media_type: str
    kind: str  # "results" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE, graph documents)
    serialiser: str  # key in endpoint.results.RESULT_FORMATS or GRAPH_FORMATS
    names: tuple[str, ...]  # values of the `format` parameter and file suffixes that select it

    @property
    def content_type(self) -> str:
        """Return the Content-Type header: the media type, with a charset for text types."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


# In order of preference when a client accepts several equally (e.g. */*).
FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", "results", "json", ("json", "srj")),
    Format("application/sparql-results+xml", "results", "xml", ("xml", "srx")),
    Format("text/csv", "results", "csv", ("csv",)),
    Format("text/tab-separated-values", "results", "tsv", ("tsv",)),
    Format("application/json", "results", "json", ()),
    Format("application/xml", "results", "xml", ()),
    Format("text/turtle", "graph", "turtle", ("turtle", "ttl")),
    Format("application/n-triples", "graph", "ntriples", ("ntriples", "nt")),
    Format("application/ld+json", "graph", "jsonld", ("jsonld", "json-ld", "json")),
    Format("application/rdf+xml", "graph", "rdfxml", ("rdfxml", "rdf", "xml", "owl")),
    Format("application/trig", "graph", "trig", ("trig",)),
    Format("application/n-quads", "graph", "nquads", ("nquads", "nq")),
    Format("application/x-turtle", "graph", "turtle", ()),
    Format("application/json", "graph", "jsonld", ()),
    Format("application/xml", "graph", "rdfxml", ()),
    Format("text/plain", "graph", "ntriples", ()),
)


class UnknownFormat(ValueError):
    """A `format` parameter naming nothing the endpoint offers."""


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values (a missing header accepts anything).

    >>> parse_accept("text/turtle;q=0.9, application/ld+json, */*;q=0.1")
    [('text/turtle', 0.9), ('application/ld+json', 1.0), ('*/*', 0.1)]
    """
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        quality = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """Return the q-value the most specific matching range gives a media type (0 when none matches)."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, quality in ranges:
        if media == media_type:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = quality, rank
    return best


def negotiate(accept: str | None, kind: str, requested: str | None = None) -> Format | None:
    """Return the format to answer with for a kind of answer, or None when nothing acceptable exists.

    A `format` value (short name or media type) overrides the Accept header.

    >>> negotiate("application/sparql-results+xml;q=0.5, application/json", "results").media_type
    'application/json'
    >>> negotiate("*/*", "graph").media_type
    'text/turtle'
    >>> negotiate("text/csv", "graph") is None
    True
    >>> negotiate(None, "graph", "json").media_type
    'application/ld+json'
    """
    candidates = [f for f in FORMATS if f.kind == kind]
    if requested:
        wanted = requested.strip().lower()
        for fmt in candidates:
            if wanted in fmt.names or wanted == fmt.media_type:
                return fmt
        if any(wanted in f.names or wanted == f.media_type for f in FORMATS):
            return None
        raise UnknownFormat(requested)
    ranges = parse_accept(accept)
    scored = [(_quality(f.media_type, ranges), -index, f) for index, f in enumerate(candidates)]
    quality, _, best = max(scored, key=lambda item: (item[0], item[1]))
    return best if quality > 0 else None


def format_names() -> list[str]:
    """Return every accepted value of the `format` parameter."""
    return sorted({name for f in FORMATS for name in f.names})
