"""Documents of the service at their own URLs: the VoID description, the graph store (read-only), the data dumps."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, request, send_file

from endpoint.context import service, session
from endpoint.core.lookup import graph_document
from endpoint.errors import ProtocolError
from endpoint.protocol.descriptions import serialised, void_graph
from endpoint.responses import document, negotiated
from loader.layout import NQUADS, TRIG

bp = Blueprint("documents", __name__)


@bp.route("/.well-known/void")
def void() -> Response:
    """Return the VoID description of the dataset."""
    fmt = negotiated("graph", request.args.get("format"), "an RDF graph")
    return document(
        ("void", request.url_root), fmt, lambda: serialised(void_graph(session(), request.url_root), fmt.serialiser), keep=True
    )


@bp.route("/rdf-graphs", methods=["GET"])
def graph_store() -> Response:
    """Return one graph, read-only (SPARQL 1.1 Graph Store HTTP Protocol, GET): ?graph=IRI or ?default."""
    current = service()
    asked_named = request.args.getlist("graph")
    asked_default = "default" in request.args
    if asked_default == bool(asked_named) or len(asked_named) > 1:
        raise ProtocolError(400, "give exactly one of ?default or ?graph=IRI")
    fmt = negotiated("graph", request.args.get("format"), "an RDF graph")
    if asked_named:
        iri = asked_named[0]
        if not current.dataset.is_local_graph(iri):
            raise ProtocolError(
                404, f"no graph <{iri}> in this dataset; the graphs are {', '.join(current.dataset.graphs.values())}"
            )
        graphs: tuple[str, ...] = (iri,)
    else:
        graphs = tuple(g.value for g in current.dataset.default_graphs)
    return document(("graph-store", graphs), fmt, lambda: graph_document(session(), graphs, fmt.serialiser), keep=True)


@bp.route("/dump/<name>")
def dump(name: str) -> Response:
    """Return the whole dataset as built: dataset.nq (N-Quads) or dataset.trig (TriG)."""
    types = {NQUADS: "application/n-quads", TRIG: "application/trig"}
    if name not in types:
        raise ProtocolError(404, f"no dump {name!r}; the dumps are {', '.join(types)}")
    path = Path(current_app.config["DATA_DIR"]) / name
    response = send_file(
        path,
        mimetype=types[name],
        conditional=True,
        etag=service().etag("dump", name),
        max_age=int(current_app.config["CACHE_MAX_AGE"]),
    )
    return response
