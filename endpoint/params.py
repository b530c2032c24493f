"""What a request sends: parameters from the URL and a form body, and a SPARQL protocol request read and checked."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, request

from endpoint.context import service
from endpoint.core.negotiation import FORM
from endpoint.errors import ProtocolError

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


def values(name: str) -> list[str]:
    """Return every value of a parameter from the URL and, for a form POST, the body."""
    found = request.args.getlist(name)
    if request.method == "POST" and request.mimetype == FORM:
        found += request.form.getlist(name)
    return found


def all_values() -> dict[str, list[str]]:
    """Return every parameter of the request: the URL's and, for POST, a form body's (another body is a 415)."""
    found = {key: request.args.getlist(key) for key in request.args}
    if request.method == "POST":
        if request.mimetype == FORM:
            for key in request.form:
                found.setdefault(key, []).extend(request.form.getlist(key))
        elif request.mimetype or request.content_length:
            raise ProtocolError(415, f"POST with Content-Type {request.mimetype or '(none)'}: send the parameters as {FORM}")
    return found


@dataclass(frozen=True)
class SparqlRequest:
    """A protocol request, validated: one query, its dataset, the formats asked for, its time limit."""

    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    timeout: float


def sparql_request() -> SparqlRequest | None:
    """Return the request's query and parameters as the SPARQL 1.1 protocol sends them (GET, form POST, direct POST);
    None when there is no query (GET). Raises ProtocolError for an update, a malformed request or too long a query."""
    limits = service().limits
    mimetype = request.mimetype
    if request.method == "POST" and mimetype == UPDATE_TYPE or values("update"):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = values("query")
    if request.method == "POST":
        if mimetype == QUERY_TYPE:
            if queries:
                raise ProtocolError(
                    400, "a query in the body (application/sparql-query) and a 'query' parameter: give exactly one"
                )
            charset = request.mimetype_params.get("charset", "utf-8")
            if charset.lower().replace("-", "") != "utf8":
                raise ProtocolError(400, f"Content-Type charset={charset}: the SPARQL protocol takes a query body in UTF-8 only")
            try:
                queries = [request.get_data(cache=False).decode("utf-8")]
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query body is not UTF-8 text") from None
        elif mimetype != FORM:
            raise ProtocolError(
                415, f"POST with Content-Type {mimetype or '(none)'}: use {FORM} (query=...) or {QUERY_TYPE} (the query as body)"
            )
    if not queries:
        if request.method == "POST":
            raise ProtocolError(400, "no 'query' parameter: give exactly one SPARQL query")
        return None
    if len(queries) > 1:
        raise ProtocolError(400, f"{len(queries)} 'query' parameters: give exactly one")
    query = queries[0]
    g.query_text = query  # for the access log
    if not query.strip():
        raise ProtocolError(400, "the 'query' parameter is empty")
    if len(query) > limits.max_query_length:
        raise ProtocolError(413, f"the query is {len(query)} characters long; the limit is {limits.max_query_length}")
    timeout = limits.timeout
    for value in values("timeout"):
        try:
            asked = float(value)
        except ValueError:
            raise ProtocolError(400, f"timeout={value!r}: expected a number of seconds") from None
        if asked <= 0:
            raise ProtocolError(400, f"timeout={value!r}: expected a positive number of seconds")
        timeout = min(timeout, asked)
    formats = values("format")
    return SparqlRequest(
        query, tuple(values("default-graph-uri")), tuple(values("named-graph-uri")), ",".join(formats) or None, timeout
    )
