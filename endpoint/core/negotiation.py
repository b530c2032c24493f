"""Content negotiation in one table: media types, their serialisers, q-values, wildcards, `format=`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A media type the endpoint can answer with, and the serialiser behind it."""

    media_type: str
    kind: str  # "results" (SELECT/ASK) or "graph" (CONSTRUCT/DESCRIBE, graph documents)
    serialiser: str  # key in endpoint.core.serialise.RESULT_FORMATS or GRAPH_FORMATS
    names: tuple[str, ...]  # values of the `format` parameter and file suffixes that select it

    @property
    def content_type(self) -> str:
        """Return the Content-Type header: the media type, with a charset for text types."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type


FORM = "application/x-www-form-urlencoded"  # how forms send parameters (a SPARQL protocol POST, a saved query's)
HTML_TYPES = ("text/html", "application/xhtml+xml")

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
    Format("text/n3", "graph", "turtle", ("n3",)),  # every Turtle document is N3
    Format("text/rdf+n3", "graph", "turtle", ()),
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
        q = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """Return the q-value the most specific matching range gives a media type (0 when none matches)."""
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == media_type:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = q, rank
    return best


def negotiate(accept: str | None, kind: str, requested: str | None = None) -> Format | None:
    """Return the format to answer with for a kind of answer, or None when nothing acceptable exists.

    A `format` value (short name or media type) overrides the Accept header. It may list several,
    separated by commas (as SPARQLWrapper sends them): the first one this kind of answer can take wins.

    >>> negotiate("application/sparql-results+xml;q=0.5, application/json", "results").media_type
    'application/json'
    >>> negotiate("*/*", "graph").media_type
    'text/turtle'
    >>> negotiate("text/csv", "graph") is None
    True
    >>> negotiate(None, "graph", "json").media_type
    'application/ld+json'
    >>> negotiate(None, "graph", "json-ld,application/ld+json,application/x-json+ld").media_type
    'application/ld+json'
    """
    candidates = [f for f in FORMATS if f.kind == kind]
    if requested:
        wanted = [value.strip().lower() for value in requested.split(",") if value.strip()]
        for value in wanted:
            for fmt in candidates:
                if value in fmt.names or value == fmt.media_type:
                    return fmt
        if any(value in f.names or value == f.media_type for value in wanted for f in FORMATS):
            return None
        raise UnknownFormat(requested)
    ranges = parse_accept(accept)
    scored = [(quality(f.media_type, ranges), -index, f) for index, f in enumerate(candidates)]
    top, _, best = max(scored, key=lambda item: (item[0], item[1]))
    return best if top > 0 else None


def graph_fallback(accept: str | None) -> Format | None:
    """Return the graph format for a client that accepts only result formats (as roqet asks for a CONSTRUCT):
    RDF/XML when it accepts an XML one, else Turtle, as Fuseki does; None when it accepts no result format either.

    >>> graph_fallback("application/sparql-results+xml").media_type, graph_fallback("text/csv").media_type
    ('application/rdf+xml', 'text/turtle')
    >>> graph_fallback("image/png") is None
    True
    """
    ranges = parse_accept(accept)
    accepted = [f for f in FORMATS if f.kind == "results" and quality(f.media_type, ranges) > 0]
    if not accepted:
        return None
    wanted = "rdfxml" if any(f.serialiser == "xml" for f in accepted) else "turtle"
    return next(f for f in FORMATS if f.kind == "graph" and f.serialiser == wanted)


def format_names() -> list[str]:
    """Return every accepted value of the `format` parameter."""
    return sorted({name for f in FORMATS for name in f.names})


def answer_formats(accept: str | None, requested: str | None = None) -> tuple[Format | None, Format | None]:
    """Return the formats a query's answer may take, (results, graph), before it is known which kind it is: a graph
    for a client that accepts only result formats falls back as `graph_fallback` says (unless `format=` was given).

    >>> [f.media_type for f in answer_formats("application/sparql-results+json")]
    ['application/sparql-results+json', 'text/turtle']
    """
    results = negotiate(accept, "results", requested)
    graph = negotiate(accept, "graph", requested) or (graph_fallback(accept) if not requested else None)
    return results, graph


def prefers_html(accept: str | None, kind: str | None = None) -> bool:
    """Return whether a client ranks a web page above every format of a kind of answer (None: of any kind; */* gets data).

    >>> browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    >>> prefers_html(browser, "graph"), prefers_html(browser, "results"), prefers_html("*/*", "graph")
    (True, True, False)
    >>> prefers_html("application/rdf+xml, text/n3, text/turtle, application/ld+json", "graph")
    False
    >>> prefers_html("text/html;q=0.5, text/turtle", "graph"), prefers_html("text/html;q=0.5, text/turtle", "results")
    (False, True)
    """
    ranges = parse_accept(accept)
    html = max(quality(media, ranges) for media in HTML_TYPES)
    data = max(quality(f.media_type, ranges) for f in FORMATS if kind is None or f.kind == kind)
    return html > data
