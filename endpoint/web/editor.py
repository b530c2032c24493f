"""The query editor at /editor: YASGUI (served from the project's own static files) over /sparql, with the
dataset's prefixes, classes and properties for completion and the saved queries as examples; and, without
JavaScript, a GET form whose query goes through the protocol's checks and the core's killable executor and
comes back as a table."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request
from markupsafe import Markup

from endpoint.context import deadline, service, session
from endpoint.core.errors import QueryError
from endpoint.core.lookup import labels, select, text
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


CLASSES = """\
SELECT DISTINCT ?term WHERE {
  { GRAPH ?ontology { ?term a owl:Class } } UNION { ?item a ?term }
  FILTER(isIRI(?term))
} ORDER BY ?term"""
PROPERTIES = """\
SELECT DISTINCT ?term WHERE {
  { GRAPH ?ontology { ?term a ?kind VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } } }
  UNION { ?item ?term ?value } UNION { GRAPH ?metadata { ?item ?term ?value } }
  FILTER(isIRI(?term))
} ORDER BY ?term"""


def terms() -> dict[str, list[str]]:
    """Return the classes and properties the editor completes: the ontology's and those the data uses."""
    lookups = session()
    graphs = ("ontology", "metadata")
    return {
        "classes": [text(row, "term") for row in select(lookups, CLASSES, named=graphs)],
        "properties": [text(row, "term") for row in select(lookups, PROPERTIES, named=graphs)],
    }


def editor_config() -> Markup:
    """Return what the page's script needs, as JSON for a <script type="application/json"> element (made once per
    dataset and kept with the service's documents)."""
    current = service()
    key = ("editor-config",)
    body = current.documents.get(key)
    if body is None:
        config = {
            "endpoint": "/sparql",
            "asserted": current.dataset.graphs["asserted"],
            "prefixes": dict(PREFIX_ITEMS),
            "defaultQuery": DEFAULT_QUERY,
            "examples": [{"name": n, "title": t, "query": q} for n, t, _summary, q in saved_queries.examples()],
            **terms(),
        }
        # "</" cannot end the script element early: JSON may write "<\/" for "</"
        body = json.dumps(config, ensure_ascii=False).replace("</", "<\\/").encode("utf-8")
        current.documents[key] = body
    return Markup(body.decode("utf-8"))


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
        config=editor_config(),
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
    shown = outcome(answer, current.dataset.base, lambda iris: labels(session(), iris))
    shown.downloads = downloads(parsed.query, shown.kind, parsed.default_graphs)
    return shown
