"""Dereferencing: every IRI the graph mints answers on this server, and so do the ontology's terms.

Resource IRIs (slash IRIs under the dataset's base) follow the 303 pattern: `{base path}x` answers
`303 See Other` to `/page/x` (HTML) or `/data/x.ttl|.nt|.jsonld|.rdf|.trig|.nq` (RDF), by `Accept`, with
`?format=` overriding. The ontology (hash IRIs) is one document negotiated in place at `/ontology`.
See docs/linked-data.md.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request
from flask.blueprints import BlueprintSetupState

from endpoint.context import service, session
from endpoint.core.lookup import graph_document
from endpoint.core.negotiation import FORMATS, Format, UnknownFormat, negotiate, prefers_html
from endpoint.core.resource import describe, exists
from endpoint.core.serialise import graph as serialise_graph
from endpoint.errors import ProtocolError
from endpoint.responses import cacheable, document, html, not_acceptable
from endpoint.web import ontology_docs
from endpoint.web.display import SUFFIXES, data_path, page_path
from endpoint.web.documents import resource_quads, serialise
from endpoint.web.shapes_docs import shapes_model

bp = Blueprint("linked", __name__)

HTML_NAMES = ("html", "htm", "page")


@bp.record_once
def _mount(setup: BlueprintSetupState) -> None:
    """Answer the dataset's own namespace: the path part of its base IRI (`/id/` for the default base)."""
    base = setup.app.extensions["rally"].dataset.base  # the service, made before the blueprints are registered
    if base.endswith("/"):
        setup.add_url_rule(urlsplit(base).path + "<path:rest>", "resource", resource_iri, methods=["GET"])


def wants_html(accept: str | None) -> bool:
    """Return whether a client ranks HTML above every RDF format (a bare */* gets RDF)."""
    return prefers_html(accept, "graph")


def graph_format(name: str) -> Format:
    """Return the RDF format a `format` value or file suffix names; a 400 for anything else."""
    try:
        fmt = negotiate(None, "graph", name)
    except UnknownFormat:
        fmt = None
    if fmt is None:
        names = sorted({n for f in FORMATS if f.kind == "graph" for n in f.names} | set(HTML_NAMES))
        raise ProtocolError(400, f"format={name!r} is not an RDF format or html; use one of: {', '.join(names)}")
    return fmt


def _data_path(rest: str, fmt: Format) -> str:
    return data_path(rest, fmt.serialiser)


def _see_other(location: str) -> Response:
    response = cacheable(f"303 See Other: {location}\n", "text/plain; charset=utf-8", None, status=303, vary="Accept")
    response.headers["Location"] = location
    return response


def _not_acceptable() -> ProtocolError:
    return not_acceptable("a page or an RDF document", ["graph"], pages=True)


def _split_suffix(rest: str) -> tuple[str, Format] | None:
    """Return (resource path, format) for a path ending in a format suffix, e.g. person/x.ttl."""
    stem, dot, suffix = rest.rpartition(".")
    if not dot or not stem or "/" in suffix:
        return None
    try:
        fmt = negotiate(None, "graph", suffix)
    except UnknownFormat:
        return None
    return (stem, fmt) if fmt is not None else None


def resource_iri(rest: str) -> Response:
    """Answer a resource IRI with 303 See Other to its page or to its data document."""
    lookups = session()
    dataset = lookups.dataset
    requested = request.args.get("format")
    if not exists(lookups, dataset.base + rest):
        split = _split_suffix(rest)
        if split is not None and exists(lookups, dataset.base + split[0]):
            return _see_other(_data_path(*split))
        raise ProtocolError(404, f"no resource <{dataset.base + rest}> in this dataset")
    if requested:
        return _see_other(page_path(rest) if requested.lower() in HTML_NAMES else _data_path(rest, graph_format(requested)))
    accept = request.headers.get("Accept")
    if wants_html(accept):
        return _see_other(page_path(rest))
    fmt = negotiate(accept, "graph")
    if fmt is None:
        raise _not_acceptable()
    if dataset.is_local_graph(dataset.base + rest):  # a graph's name: its contents, from the graph store
        return _see_other("/rdf-graphs?" + urlencode({"graph": dataset.base + rest, "format": SUFFIXES[fmt.serialiser]}))
    return _see_other(_data_path(rest, fmt))


@bp.route("/data/<path:rest>")
def data_document(rest: str) -> Response:
    """Return a resource's data document: the format from the suffix, else from `format` or `Accept`."""
    lookups = session()
    dataset = lookups.dataset
    if exists(lookups, dataset.base + rest):
        fmt, negotiated = _negotiated_format(), True
    else:
        split = _split_suffix(rest)
        if split is None or not exists(lookups, dataset.base + split[0]):
            raise ProtocolError(404, f"no resource <{dataset.base + rest}> in this dataset")
        rest, fmt, negotiated = split[0], split[1], False
    iri = dataset.base + rest
    root = request.url_root.rstrip("/")

    def build() -> bytes:
        description = describe(lookups, iri)
        quads = resource_quads(
            dataset.graphs, description, root + _data_path(rest, fmt), root + page_path(rest), root + "/dump/dataset.nq"
        )
        return serialise(quads, fmt.serialiser, dataset.graphs["inferred"])

    response = document(("data", iri, root), fmt, build)
    if negotiated:
        response.headers["Content-Location"] = _data_path(rest, fmt)
    response.headers["Link"] = f'<{page_path(rest)}>; rel="alternate"; type="text/html"'
    return response


def _negotiated_format(requested: str | None = None) -> Format:
    """Return the RDF format asked for: by name (a suffix or `format`), else by Accept; a 406 when none fits."""
    requested = requested or request.args.get("format")
    if requested:
        return graph_format(requested)
    fmt = negotiate(request.headers.get("Accept"), "graph")
    if fmt is None:
        raise _not_acceptable()
    return fmt


def _wants_page(suffix: str | None) -> bool:
    """Tell whether a fixed document (the ontology, the shapes) is asked for as its page rather than as RDF."""
    requested = suffix or request.args.get("format")
    return bool(requested and requested.lower() in HTML_NAMES or not requested and wants_html(request.headers.get("Accept")))


def _kept_page(key: tuple[object, ...], render: Callable[[], str]) -> Response:
    """Return a page rendered once per dataset and kept (the ontology's documentation, the shapes)."""
    current = service()
    body = current.documents.get(key)
    if body is None:
        body = render().encode("utf-8")
        current.documents[key] = body
    return html(body, 200, True, key)


@bp.route("/ontology")
@bp.route("/ontology.<suffix>")
def ontology(suffix: str | None = None) -> Response:
    """Return the ontology: HTML documentation or RDF, negotiated in place (its terms are hash IRIs)."""
    if _wants_page(suffix):
        response = ontology_page()
        if not suffix:
            response.headers["Content-Location"] = "/ontology.html"
            response.headers["Vary"] = "Accept, Accept-Encoding"
        return response
    fmt = _negotiated_format(suffix)
    graphs = (service().dataset.graphs["ontology"],)
    response = document(("ontology",), fmt, lambda: graph_document(session(), graphs, fmt.serialiser), keep=True)
    if not suffix:
        response.headers["Content-Location"] = f"/ontology.{SUFFIXES[fmt.serialiser]}"
    return response


@bp.route("/shapes")
@bp.route("/shapes.<suffix>")
def shapes(suffix: str | None = None) -> Response:
    """Return the SHACL shapes the build was checked against: a page, the Turtle as written, or another RDF format."""
    turtle = service().dataset.shapes
    if not turtle:
        raise ProtocolError(404, "this build was made before builds were checked against SHACL shapes; rebuild it")
    if _wants_page(suffix):
        return _kept_page(("shapes-html",), lambda: render_template("shapes.html", shapes=shapes_model(turtle), turtle=turtle))
    fmt = _negotiated_format(suffix)

    def build() -> bytes:
        if fmt.serialiser == "turtle":
            return turtle.encode("utf-8")
        return serialise_graph(list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)), fmt.serialiser)

    response = document(("shapes",), fmt, build, keep=True)
    if not suffix:
        response.headers["Content-Location"] = f"/shapes.{SUFFIXES[fmt.serialiser]}"
    return response


@bp.route("/ontology/<version>")
def ontology_version(version: str) -> Response:
    """Return the ontology under its version IRI (…/ontology/1.0.0), when the version is the served one."""
    served = ontology_docs.version(session())
    if version != served:
        raise ProtocolError(404, f"no ontology version {version!r}; this server has {served}")
    return ontology()


def ontology_page() -> Response:
    """Return the ontology's documentation (rendered once per dataset and kept)."""
    return _kept_page(("ontology-html",), lambda: render_template("ontology.html", doc=ontology_docs.build(session())))
