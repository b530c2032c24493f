"""A remote SPARQL 1.1 query endpoint standing in for the embedded store (`rally-kg serve --store URL`).

`RemoteStore.query` takes what `pyoxigraph.Store.query` takes and answers with what it answers (solutions, a
boolean or triples), so the rest of the core does not know which store it asks. What the embedded store does
itself is done here before anything is sent: prefixes and the base become the query's prologue, bound values a
VALUES clause at its end, the dataset the protocol's `default-graph-uri`/`named-graph-uri` parameters. The
request is abandoned at the deadline (the client then gets the 503), and the server's refusals and failures
become the same QueryFailed the embedded store's would.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from endpoint.core.errors import QueryTimeout

RESULTS = "application/sparql-results+json"
GRAPH = "application/n-triples"


class RemoteStore:
    """A SPARQL query endpoint, asked the way the executor asks the embedded store."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url
        self.headers = {"User-Agent": "rally-kg", **(headers or {})}

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
        text = _prologue(base_iri, prefixes) + query + _values(substitutions)
        params = [("query", text)]
        params += [("default-graph-uri", g.value) for g in default_graph or []]
        params += [("named-graph-uri", g.value) for g in named_graphs or []]
        body = urllib.parse.urlencode(params).encode()
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded", "Accept": f"{RESULTS}, {GRAPH};q=0.9"}
        request = urllib.request.Request(self.url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                kind = response.headers.get_content_type()
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
        if kind == RESULTS:
            return ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
        return iter(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES))


def _prologue(base_iri: str | None, prefixes: dict[str, str] | None) -> str:
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return "".join(line + "\n" for line in lines)


def _values(substitutions: dict[ox.Variable, Any] | None) -> str:
    """Return bound values as a trailing VALUES clause (joined with the query's pattern, as a binding is)."""
    if not substitutions:
        return ""
    names = " ".join(str(variable) for variable in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"
