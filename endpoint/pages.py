"""HTML pages for people in a browser: home, resource pages, class listings, the query editor, the race in pictures.

Server-rendered (they work with JavaScript off), one layout, one local stylesheet; views stay thin and
call one function for their content.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup

from endpoint import charts, editor, explain, ontology_docs, queries, search, story
from endpoint.display import view
from endpoint.errors import ProtocolError
from endpoint.lookup import RALLY, select, text
from endpoint.negotiation import prefers_html
from endpoint.overview import overview
from endpoint.resource import describe, exists
from endpoint.resource_view import page_model
from endpoint.responses import cacheable, public_cache_control, secure
from endpoint.results import parse_term
from endpoint.saved_view import saved_page
from endpoint.state import state
from loader.parsing import format_duration

bp = Blueprint("pages", __name__)

BROWSE_PAGE = 100
DEFAULT_QUERY = """\
PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# The stage winners of the cars on stage 7
SELECT ?winner ?person WHERE {
  ?classification a rally:StageClassification ;
      rally:classifiedStage/rally:stageNumber 7 ;
      rally:category/rdfs:label "Cars" ;
      rally:stageWinner ?person .
  ?person rdfs:label ?winner .
}"""
MEMBERS = """\
SELECT ?type ?item ?label WHERE { ?item a ?type . OPTIONAL { ?item rdfs:label ?label } } ORDER BY ?label ?item"""


@bp.app_template_filter("duration")
def duration(seconds: int) -> str:
    """Return seconds as h:mm:ss (a template filter)."""
    return format_duration(int(seconds))


def html(template: str, status: int = 200, public: bool = True, **context: Any) -> Response:
    """Return a rendered page with the headers every page carries (CSP, caching, ETag for public pages)."""
    return _respond(render_template(template, **context).encode("utf-8"), status, public)


def _respond(body: bytes, status: int, public: bool, tag: tuple[object, ...] | None = None) -> Response:
    response = secure(Response(body, status=status, content_type="text/html; charset=utf-8"))
    if public and status == 200:
        response.headers["Cache-Control"] = public_cache_control()
        response.set_etag(state().etag(*(tag or ("page", request.full_path))))
        response.make_conditional(request)
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def ontology_page() -> Response:
    """Return the ontology's documentation (rendered once per dataset and kept); /ontology negotiates it."""
    current = state()
    key = ("ontology-html",)
    body = current.documents.get(key)
    if body is None:
        body = render_template("ontology.html", doc=ontology_docs.build(current.dataset)).encode("utf-8")
        current.documents[key] = body
    return _respond(body, 200, True, key)


@bp.route("/")
def home() -> Response:
    """Return the home page: what the dataset is, its counts and the ways in."""
    return html("home.html", o=overview(state().dataset), saved=saved_queries())


@bp.route("/page/<path:rest>")
def resource_page(rest: str) -> Response:
    """Return the HTML page of the resource `{base}rest`."""
    dataset = state().dataset
    if not exists(dataset, dataset.base + rest):
        raise ProtocolError(404, f"no resource <{dataset.base + rest}> in this dataset")
    return html("resource.html", m=page_model(dataset, describe(dataset, dataset.base + rest), request.args))


@bp.route("/browse/<name>")
def browse(name: str) -> Response:
    """Return the members of one class of the ontology (rally:<name>), a page of them at a time."""
    dataset = state().dataset
    if not exists(dataset, RALLY + name):
        raise ProtocolError(404, f"no class rally:{name} in the ontology; see /ontology")
    rows = select(dataset, MEMBERS, ("asserted", "inferred", "metadata"), type=ox.NamedNode(RALLY + name))
    items: dict[str, Any] = {}
    for row in rows:
        items.setdefault(
            text(row, "item"), view(row["item"], dataset.base, {text(row, "item"): text(row, "label")} if "label" in row else {})
        )
    try:
        start = max(0, int(request.args.get("start", "0")))
    except ValueError:
        raise ProtocolError(400, f"start={request.args.get('start')!r}: expected a number") from None
    members = list(items.values())
    return html(
        "browse.html",
        name=name,
        cls=view(ox.NamedNode(RALLY + name), dataset.base, {}),
        members=members[start : start + BROWSE_PAGE],
        total=len(members),
        start=start,
        size=BROWSE_PAGE,
    )


@bp.route("/editor", methods=["GET", "POST"])
def query_editor() -> Response:
    """Return the query editor, with the answer of the query it was given (a GET form: works without JavaScript)."""
    dataset = state().dataset
    outcome = editor.run(dataset.base)
    query = request.values.get("query", "")
    asserted = dataset.graphs["asserted"]
    status = outcome.status if outcome is not None else 200
    return html(
        "editor.html",
        status=status,
        public=False,
        query=query,
        default_query=DEFAULT_QUERY,
        outcome=outcome,
        examples=saved_queries(),
        asserted=asserted,
        asserted_only=asserted in request.values.getlist("default-graph-uri"),
    )


@bp.route("/search")
def search_names() -> Response:
    """Return the resources a name finds, however the source spells it (HTML, or JSON when asked)."""
    query = request.args.get("q", "")
    if len(query) > search.MAX_QUERY:
        raise ProtocolError(400, f"parameter 'q': at most {search.MAX_QUERY} characters, got {len(query)}")
    hits = search.search(state().dataset, query)
    if request.args.get("format") == "json" or not prefers_html(request.headers.get("Accept"), "results"):
        listed = [
            {"iri": h.item.iri, "label": h.item.text, "matched": list(h.matched), "types": [t.iri for t in h.types]} for h in hits
        ]
        return cacheable(
            json.dumps({"q": query, "results": listed}, ensure_ascii=False, indent=1) + "\n", "application/json", None
        )
    return html("search.html", q=query, hits=hits)


@bp.route("/explain")
def explain_triple() -> Response:
    """Return why a triple holds: the OWL 2 RL rule and premises of an inferred one (HTML, or JSON when asked)."""
    dataset = state().dataset
    terms = []
    for name, what in (("s", "subject"), ("p", "predicate"), ("o", "object")):
        text = request.args.get(name, "")
        try:
            terms.append(parse_term(text))
        except ValueError:
            raise ProtocolError(
                400, f"parameter {name!r}: expected the triple's {what} in N-Triples syntax (<iri> or a literal), got {text!r}"
            ) from None
    subject, predicate, value = terms
    if not isinstance(predicate, ox.NamedNode):
        raise ProtocolError(400, f"parameter 'p': a predicate is an IRI, got {request.args['p']!r}")
    found = explain.page(dataset, subject, predicate, value)
    if found.graph is None:
        raise ProtocolError(
            404, f"the graph does not hold the triple {request.args['s']} {request.args['p']} {request.args['o']}"
        )
    if request.args.get("format") == "json" or not prefers_html(request.headers.get("Accept"), "results"):
        return cacheable(json.dumps(explain.as_json(found), ensure_ascii=False, indent=1) + "\n", "application/json", None)
    return html("explain.html", e=found)


@bp.route("/story/<edition>")
def race_story(edition: str) -> Response:
    """Return the race in pictures: each category's general classification, and the route."""
    dataset = state().dataset
    if not exists(dataset, f"{dataset.base}edition/{edition}"):
        raise ProtocolError(404, f"no edition <{dataset.base}edition/{edition}> in this dataset")
    iri = ox.NamedNode(f"{dataset.base}edition/{edition}")
    stories = story.categories(dataset, iri)
    days = story.route(dataset, iri)
    if not stories and not days:
        raise ProtocolError(404, f"no edition <{iri.value}> with stages in this dataset")
    pictures = [(s, Markup(charts.gap_chart(s, f"gc-{index}"))) for index, s in enumerate(stories)]
    return html(
        "story.html",
        edition=view(iri, dataset.base, {iri.value: _label(iri)}),
        pictures=pictures,
        route=Markup(charts.route_timeline(days, "route")),
        days=days,
        queries=story.shown_queries(),
    )


@bp.route("/saved/<name>")
def saved_query_page(name: str) -> Response:
    """Return a saved query as a page: a form per parameter, the answer as a table, the shareable URL and curl command."""
    args = request.args.to_dict(flat=False)
    page = saved_page(name, args, request.url_root, request.base_url, state().dataset, int(current_app.config["MAX_ROWS"]))
    return html("saved_query.html", status=page.status, public=False, p=page)


def _label(iri: ox.NamedNode) -> str:
    rows = select(state().dataset, "SELECT ?item ?label WHERE { ?item rdfs:label ?label }", item=iri)
    return text(rows[0], "label") if rows else iri.value


def saved_queries() -> list[tuple[str, str, str, str]]:
    """Return the saved queries as (name, title, summary, SPARQL text) for links and editor examples."""
    if "saved-queries" not in current_app.extensions:  # the saved-query blueprint is not registered
        return []
    return [(q.name, q.title, q.summary, q.text) for q in queries.registry().queries.values()]
