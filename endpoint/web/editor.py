"""The query editor at /editor: a user's query goes through the protocol's checks and the core's killable
executor, and its answer comes back as a table (a GET form: it works without JavaScript)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from endpoint.context import deadline, service
from endpoint.core.errors import QueryError
from endpoint.errors import ProtocolError, status_of
from endpoint.params import SparqlRequest, sparql_request
from endpoint.responses import page
from endpoint.saved import current as saved_queries
from endpoint.web.tables import SHOWN_ROWS, Outcome, downloads, failed, outcome
from vocabulary.namespaces import PREFIX_ITEMS, PREFIXES

bp = Blueprint("editor", __name__)

DEFAULT_QUERY = (
    "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in ("rally", "rdfs"))
    + """\
# The stage winners of the cars on stage 7
SELECT ?winner ?person WHERE {
  ?classification a rally:StageClassification ;
      rally:classifiedStage/rally:stageNumber 7 ;
      rally:category/rdfs:label "Cars" ;
      rally:stageWinner ?person .
  ?person rdfs:label ?winner .
}"""
)


@bp.route("/editor", methods=["GET", "POST"])
def query_editor() -> Response:
    """Return the query editor, with the answer of the query it was given."""
    current = service()
    try:
        parsed = sparql_request()
        shown = run(parsed) if parsed is not None else None
    except ProtocolError as error:
        shown = failed(error.status, error.message)
    asserted = current.dataset.graphs["asserted"]
    return page(
        "editor.html",
        status=shown.status if shown is not None else 200,
        public=False,
        query=request.values.get("query", ""),
        default_query=DEFAULT_QUERY,
        outcome=shown,
        examples=saved_queries.examples(),
        asserted=asserted,
        asserted_only=asserted in request.values.getlist("default-graph-uri"),
    )


def run(parsed: SparqlRequest) -> Outcome:
    """Return the outcome of a query: its answer as a table, or what was wrong (with the line and column)."""
    current = service()
    try:
        job = current.job(
            parsed.query,
            default_graphs=parsed.default_graphs,
            named_graphs=parsed.named_graphs,
            base_iri=request.base_url,
            prefixes=PREFIX_ITEMS,  # the editor knows the dataset's prefixes without PREFIX lines
            table_rows=SHOWN_ROWS,
        )
        answer = current.answer(job, deadline(parsed.timeout))
    except QueryError as error:
        return failed(status_of(error), str(error))
    shown = outcome(answer, current.dataset.base)
    shown.downloads = downloads(parsed.query, shown.kind, parsed.default_graphs)
    return shown
