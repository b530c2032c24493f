"""A remote SPARQL 1.1 query endpoint standing in for the embedded store (`rally-kg serve --store URL`).

`RemoteStore.query` takes what `pyoxigraph.Store.query` takes and answers with what it answers (solutions, a
boolean or triples), so the rest of the core does not know which store it asks. What the embedded store does
itself is done here before anything is sent: prefixes and the base become the query's prologue, bound values a
VALUES block first in its WHERE pattern, the dataset the protocol's `default-graph-uri`/`named-graph-uri` parameters. The
request is abandoned at the deadline (the client then gets the 503), and the server's refusals and failures
become the same QueryFailed the embedded store's would.

What servers do differently is absorbed here, learnt from the `Server` header of their answers (docs/deployment.md
lists it per server):
- each query form is asked for in its one format (Virtuoso answers a CONSTRUCT asked for "results or a graph" as a
  table of ?s ?p ?o);
- an ASK answered as a one-row table (Virtuoso's `__ASK_RETVAL`, whatever format is asked for) is read as the
  boolean it stands for;
- the deadline is also sent as the server's own per-query limit where it has one (Virtuoso: `timeout` in
  milliseconds), so that an abandoned query stops there too; and an answer the server cut short at its limit
  (Virtuoso's "anytime" answers, `X-SQL-State: S1TAT`) is a timeout, never served as if complete.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from endpoint.core.errors import QueryTimeout
from endpoint.core.safety import query_form, spans, where_offset

RESULTS = "application/sparql-results+json"
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # what servers older than RDF 1.1 call N-Triples
    "text/turtle": ox.RdfFormat.TURTLE,
}
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.5"
BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
# Virtuoso writes xsd:boolean values as 0 and 1 (valid lexical forms, but not the canonical ones every other
# server writes): in its JSON results and in N-Triples
_VIRTUOSO_BOOLEAN = re.compile(
    rb'("datatype": "'
    + re.escape(BOOLEAN.encode())
    + rb'", "value": ")([01])"|"([01])"\^\^<'
    + re.escape(BOOLEAN.encode())
    + rb">"
)
PARTIAL_STATES = {"S1TAT"}  # Virtuoso's X-SQL-State for an answer cut short at its time limit


class RemoteStore:
    """A SPARQL query endpoint, asked the way the executor asks the embedded store."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url
        self.headers = {"User-Agent": "rally-kg", **(headers or {})}
        self.server = ""  # the Server header of the last answer: whose quirks to absorb

    def query(
        self,
        query: str,
        *,
        default_graph: list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """Return the answer of a query: QuerySolutions, QueryBoolean or an iterator of Triples; raise SyntaxError for a
        query the server cannot parse, OSError when it fails, QueryTimeout past `timeout` seconds."""
        text = _prologue(base_iri, prefixes) + _bind(query, substitutions)
        form = query_form(query)
        params = [("query", text)]
        params += [("default-graph-uri", g.value) for g in default_graph or []]
        params += [("named-graph-uri", g.value) for g in named_graphs or []]
        params += _deadline(self.server, timeout)
        body = urllib.parse.urlencode(params).encode()
        accept = ACCEPT_GRAPH if form in ("construct", "describe") else RESULTS
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        request = urllib.request.Request(self.url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                self.server = response.headers.get("Server", "")
                kind = response.headers.get_content_type()
                state = response.headers.get("X-SQL-State", "")
                payload = response.read()
        except TimeoutError:
            raise QueryTimeout(timeout or 0) from None
        except urllib.error.HTTPError as error:
            said = error.read(2000).decode("utf-8", "replace").strip()
            if error.code == 400:
                raise SyntaxError(said or "the SPARQL server refused the query") from None
            raise OSError(f"the SPARQL server answered HTTP {error.code}: {said[:300]}") from None
        except (urllib.error.URLError, OSError) as error:
            if isinstance(getattr(error, "reason", None), TimeoutError):
                raise QueryTimeout(timeout or 0) from None
            raise OSError(f"the SPARQL server at {self.url} cannot be reached: {getattr(error, 'reason', error)}") from None
        if state in PARTIAL_STATES:
            raise QueryTimeout(timeout or 0)
        if _virtuoso(self.server):
            payload = _VIRTUOSO_BOOLEAN.sub(_canonical_boolean, payload)
        if kind == RESULTS and form != "construct" and form != "describe":
            if form == "ask":
                payload = _boolean(payload)
            return ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
        if kind in GRAPH_FORMATS and form in ("construct", "describe"):
            return iter(ox.parse(payload, format=GRAPH_FORMATS[kind]))
        raise OSError(f"the SPARQL server at {self.url} answered a {form.upper()} query with {kind or 'no content type'}")


def _virtuoso(server: str) -> bool:
    """Tell whether a Server header is Virtuoso's (whose quirks this module absorbs)."""
    return server.startswith("Virtuoso/")


def _deadline(server: str, timeout: float | None) -> list[tuple[str, str]]:
    """Return the deadline as the server's own query parameter, for a server known to take one per query."""
    if timeout is not None and _virtuoso(server):
        return [("timeout", str(max(1, round(timeout * 1000))))]
    return []


def _canonical_boolean(match: re.Match[bytes]) -> bytes:
    """Return a Virtuoso boolean (0 or 1) written as false or true, in the syntax it was found in."""
    if match.group(1) is not None:
        return match.group(1) + (b"true" if match.group(2) == b"1" else b"false") + b'"'
    return (b'"true"' if match.group(3) == b"1" else b'"false"') + b"^^<" + BOOLEAN.encode() + b">"


def _boolean(payload: bytes) -> bytes:
    """Return an ASK's JSON answer as the boolean it is; a one-row table (`__ASK_RETVAL` 1 or 0) is read as one."""
    answer = json.loads(payload)
    if "boolean" in answer:
        return payload
    rows = answer.get("results", {}).get("bindings", [])
    value = bool(rows) and all(cell.get("value") not in ("0", "false") for cell in rows[0].values())
    return json.dumps({"head": {}, "boolean": value}).encode()


def _prologue(base_iri: str | None, prefixes: dict[str, str] | None) -> str:
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return "".join(line + "\n" for line in lines)


def _bind(query: str, substitutions: dict[ox.Variable, Any] | None) -> str:
    """Return the query with its bound values as a VALUES block first in its WHERE pattern, where the values are in
    scope as a binding is (FILTERs, OPTIONALs and EXISTS see them), a DESCRIBE without a pattern given one. Not a
    trailing VALUES: Virtuoso joins that after LIMIT and takes none after a DESCRIBE.
    """
    if not substitutions:
        return query
    names = " ".join(str(variable) for variable in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    offset = where_offset(query)
    if offset is not None:
        return query[:offset] + block + query[offset:]
    if query_form(query) == "describe":
        return _describe_where(query, block)
    return f"{query}\nVALUES ({names}) {{ ({terms}) }}"


def _describe_where(query: str, block: str) -> str:
    """Return a DESCRIBE with no pattern given `WHERE { block }` before its solution modifiers."""
    found = spans(query)
    modifier = next((o for kind, text, o in found if kind == "word" and text.lower() in ("order", "limit", "offset")), None)
    at = len(query) if modifier is None else modifier
    return f"{query[:at]}\nWHERE {{{block}}}\n{query[at:]}"
