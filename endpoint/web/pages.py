"""HTML pages for people in a browser: home, resource pages, class listings, search, explanations, the race in pictures.

Server-rendered (they work with JavaScript off), one layout, one local stylesheet; each view calls one function
for its content. The editor, the saved-query pages and the dereferenced IRIs have modules of their own.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, request
from markupsafe import Markup

from endpoint.context import session
from endpoint.core.lookup import select, text
from endpoint.core.negotiation import prefers_html
from endpoint.core.quality import quality
from endpoint.core.resource import describe, exists
from endpoint.core.serialise import parse_term
from endpoint.errors import ProtocolError
from endpoint.responses import cacheable, page
from endpoint.saved import current as saved_queries
from endpoint.web import charts, explain, search, story
from endpoint.web.display import heading, page_href, view
from endpoint.web.overview import overview
from endpoint.web.resource_view import page_model
from loader.parsing import format_duration
from vocabulary.namespaces import RALLY_NS

bp = Blueprint("pages", __name__)

BROWSE_PAGE = 100
MEMBERS = """\
SELECT ?type ?item ?label WHERE { ?item a ?type . OPTIONAL { ?item rdfs:label ?label } } ORDER BY ?label ?item"""
LABEL = "SELECT ?item ?label WHERE { ?item rdfs:label ?label }"


@bp.app_template_filter("duration")
def duration(seconds: int) -> str:
    """Return seconds as h:mm:ss (a template filter)."""
    return format_duration(int(seconds))


bp.add_app_template_filter(heading, "heading")


@bp.route("/")
def home() -> Response:
    """Return the home page: what the dataset is, its counts and the ways in."""
    return page("home.html", o=overview(session()), saved=saved_queries.examples())


@bp.route("/page/<path:rest>")
def resource_page(rest: str) -> Response:
    """Return the HTML page of the resource `{base}rest`."""
    lookups = session()
    iri = lookups.dataset.base + rest
    if not exists(lookups, iri):
        raise ProtocolError(404, f"no resource <{iri}> in this dataset")
    return page("resource.html", m=page_model(lookups, describe(lookups, iri), request.args))


@bp.route("/browse/<name>")
def browse(name: str) -> Response:
    """Return the members of one class of the ontology (rally:<name>), a page of them at a time."""
    lookups = session()
    base = lookups.dataset.base
    cls = RALLY_NS + name
    if not exists(lookups, cls):  # first: a name that makes no IRI names nothing
        raise ProtocolError(404, f"no class rally:{name} in the ontology; see /ontology")
    items: dict[str, Any] = {}
    for row in select(lookups, MEMBERS, ("asserted", "inferred", "metadata"), type=ox.NamedNode(cls)):
        item = text(row, "item")
        items.setdefault(item, view(row["item"], base, {item: text(row, "label")} if "label" in row else {}))
    try:
        start = max(0, int(request.args.get("start", "0")))
    except ValueError:
        raise ProtocolError(400, f"start={request.args.get('start')!r}: expected a number") from None
    members = list(items.values())
    return page(
        "browse.html",
        name=name,
        cls=view(ox.NamedNode(cls), base, {}),
        members=members[start : start + BROWSE_PAGE],
        total=len(members),
        start=start,
        size=BROWSE_PAGE,
    )


@bp.route("/search")
def search_names() -> Response:
    """Return the resources a name finds, however the source spells it (HTML, or JSON when asked)."""
    query = request.args.get("q", "")
    if len(query) > search.MAX_QUERY:
        raise ProtocolError(400, f"parameter 'q': at most {search.MAX_QUERY} characters, got {len(query)}")
    hits = search.search(session(), query)
    if request.args.get("format") == "json" or not prefers_html(request.headers.get("Accept"), "results"):
        listed = [
            {"iri": h.item.iri, "label": h.item.text, "matched": list(h.matched), "types": [t.iri for t in h.types]} for h in hits
        ]
        return cacheable(
            json.dumps({"q": query, "results": listed}, ensure_ascii=False, indent=1) + "\n", "application/json", None
        )
    return page("search.html", q=query, hits=hits)


@bp.route("/quality")
def quality_report() -> Response:
    """Return what is known to be wrong or odd in the dataset: source problems, SHACL results, consistency checks
    (HTML, or JSON when asked)."""
    lookups = session()
    report = quality(lookups)
    if request.args.get("format") == "json" or not prefers_html(request.headers.get("Accept"), "results"):
        return cacheable(json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n", "application/json", None)
    base = lookups.dataset.base
    return page(
        "quality.html",
        q=report,
        view=lambda term, label=None: view(term, base, {_key(term): label} if label else None),
        line_href=lambda document, line: page_href(str(lookups.dataset.mint.source_line(document, line)), base),
    )


def _key(term: Any) -> str:
    return str(getattr(term, "value", term))


@bp.route("/explain")
def explain_triple() -> Response:
    """Return why a triple holds: the OWL 2 RL rule and premises of an inferred one (HTML, or JSON when asked)."""
    terms = []
    for name, what in (("s", "subject"), ("p", "predicate"), ("o", "object")):
        given = request.args.get(name, "")
        try:
            terms.append(parse_term(given))
        except ValueError:
            raise ProtocolError(
                400, f"parameter {name!r}: expected the triple's {what} in N-Triples syntax (<iri> or a literal), got {given!r}"
            ) from None
    subject, predicate, value = terms
    if not isinstance(predicate, ox.NamedNode):
        raise ProtocolError(400, f"parameter 'p': a predicate is an IRI, got {request.args['p']!r}")
    found = explain.page(session(), subject, predicate, value)
    if found.graph is None:
        raise ProtocolError(
            404, f"the graph does not hold the triple {request.args['s']} {request.args['p']} {request.args['o']}"
        )
    if request.args.get("format") == "json" or not prefers_html(request.headers.get("Accept"), "results"):
        return cacheable(json.dumps(explain.as_json(found), ensure_ascii=False, indent=1) + "\n", "application/json", None)
    return page("explain.html", e=found)


@bp.route("/story/<edition>")
def race_story(edition: str) -> Response:
    """Return the race in pictures: each category's general classification, and the route."""
    lookups = session()
    named = str(lookups.dataset.mint.edition(edition))
    if not exists(lookups, named):  # first: a path that makes no IRI names nothing
        raise ProtocolError(404, f"no edition <{named}> in this dataset")
    iri = ox.NamedNode(named)
    stories = story.categories(lookups, iri)
    days = story.route(lookups, iri)
    if not stories and not days:
        raise ProtocolError(404, f"no edition <{iri.value}> with stages in this dataset")
    pictures = [(s, Markup(charts.gap_chart(s, f"gc-{index}"))) for index, s in enumerate(stories)]
    labels = select(lookups, LABEL, item=iri)
    return page(
        "story.html",
        edition=view(iri, lookups.dataset.base, {iri.value: text(labels[0], "label") if labels else iri.value}),
        pictures=pictures,
        route=Markup(charts.route_timeline(days, "route")),
        days=days,
        queries=story.shown_queries(),
    )
