"""A saved query as a page at /saved/<name>: a form field per parameter, the answer as a table, a link to share,
the curl command.

The query model and binding are the saved-query package's, the answer the core's; this module only arranges
them for a browser.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, request

from endpoint.context import service, session
from endpoint.core.errors import ParameterError, QueryError
from endpoint.core.lookup import labels, select, text
from endpoint.core.service import Session
from endpoint.errors import ProtocolError, status_of
from endpoint.responses import page as html_page
from endpoint.saved import current as saved_queries
from endpoint.saved.calls import bind
from endpoint.saved.examples import Registry
from endpoint.saved.model import RESERVED, Param, SavedQuery
from endpoint.web.tables import GRAPH_DOWNLOADS, RESULT_DOWNLOADS, SHOWN_ROWS, Outcome, outcome

COUNTRIES = """\
SELECT ?country ?label ?code WHERE { ?country a rally:Country ; rdfs:label ?label ; rally:iso3166Alpha3 ?code } ORDER BY ?label"""
MEMBERS = """\
SELECT ?type ?label WHERE { ?member a ?type ; rdfs:label ?label } ORDER BY ?label"""
INPUT_TYPES = {"integer": "number"}

bp = Blueprint("saved_page", __name__)


@bp.route("/saved/<name>")
def saved_query_page(name: str) -> Response:
    """Return a saved query as a page: a form per parameter, the answer as a table, the shareable URL and curl command."""
    found = saved_queries.registry()
    if found is None:
        raise ProtocolError(404, "this server has no saved queries")
    shown = saved_page(found, name, request.args.to_dict(flat=False), request.url_root, request.base_url, session())
    return html_page("saved_query.html", status=shown.status, public=False, p=shown)


@dataclass(frozen=True)
class Field:
    """One form field: a dropdown for enumerations and categories, else an input (with suggestions where known)."""

    name: str
    kind: str  # "select" or an <input> type
    value: str
    required: bool
    hint: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, shown) of a dropdown
    suggestions: tuple[str, ...] = ()  # a datalist for free text


@dataclass
class SavedPage:
    """Everything the saved-query page shows."""

    query: SavedQuery
    fields: list[Field]
    outcome: Outcome | None = None
    error: str = ""
    status: int = 200
    example: bool = False
    share: str = ""
    api: str = ""
    curl: str = ""
    pages: list[tuple[str, str]] = field(default_factory=list)


def _values(args: Mapping[str, Sequence[str]], example: tuple[tuple[str, str], ...]) -> tuple[dict[str, list[str]], bool]:
    """Return the parameter values asked for (an example's when the page is opened bare) and whether it is the example."""
    values = {key: list(given) for key, given in args.items() if key != "format"}
    if values or not example:
        return values, False
    shown: dict[str, list[str]] = {}
    for key, value in example:
        shown.setdefault(key, []).append(value)
    return shown, True


def _first(values: Mapping[str, Sequence[str]], name: str) -> str | None:
    given = values.get(name)
    return given[0] if given else None


def _field(param: Param, given: str | None, registry: Registry, lookups: Session) -> Field:
    value = given if given is not None else (param.default or "")
    hint = f"{param.description} ({param.expects})" if param.description else param.expects
    if param.kind in ("category", "enum", "edition"):
        hint = param.description or param.expects
    if param.kind == "category":
        choices = tuple((iri.rsplit("/", 1)[-1], shown) for iri, shown in registry.vocabulary.categories.items())
        return Field(param.name, "select", value, param.required, hint, choices if param.required else (("", "any"), *choices))
    if param.kind == "edition":
        choices = tuple((e.slug, e.label) for e in registry.vocabulary.editions)
        return Field(
            param.name, "select", value, param.required, hint, choices if param.required else (("", "every edition"), *choices)
        )
    if param.kind == "enum":
        choices = tuple((choice, choice) for choice in param.choices)
        return Field(param.name, "select", value, param.required, hint, choices if param.required else (("", "any"), *choices))
    suggestions: tuple[str, ...] = ()
    if param.kind == "country":
        suggestions = tuple(f"{text(r, 'code')}" for r in select(lookups, COUNTRIES))
    elif param.kind == "iri" and param.of_class:
        suggestions = tuple(dict.fromkeys(text(r, "label") for r in select(lookups, MEMBERS, type=ox.NamedNode(param.of_class))))
    return Field(param.name, INPUT_TYPES.get(param.kind, "text"), value, param.required, hint, (), suggestions)


def saved_page(
    registry: Registry, name: str, args: Mapping[str, Sequence[str]], root: str, here: str, lookups: Session
) -> SavedPage:
    """Return the page of one saved query (served at the URL `here`), run with the page's parameters or its example."""
    query = registry.queries.get(name)
    if query is None:
        raise ProtocolError(404, f"no saved query {name!r}; the saved queries are listed at /queries")
    values, example = _values(args, registry.example(query))
    page = SavedPage(query, [_field(p, _first(values, p.name), registry, lookups) for p in query.params], example=example)
    given = [(key, value) for key, listed in values.items() for value in listed if value != ""]
    page.share = here + (f"?{urlencode(given)}" if given else "")
    page.api = f"{root}queries/{name}" + (f"?{urlencode(given)}" if given else "")
    page.curl = f"curl -H 'Accept: text/csv' {shlex.quote(page.api)}"
    current = service()
    try:
        call = bind(query, values, registry.vocabulary, current.limits.max_rows)
        answer = current.answer(call.job(None, None, current.limits.max_rows, SHOWN_ROWS), lookups.deadline)
    except (ParameterError, QueryError) as error:
        page.error, page.status = str(error), status_of(error)
        return page
    page.outcome = outcome(answer, lookups.dataset.base, lambda iris: labels(lookups, iris))
    page.outcome.downloads = [
        (shown, f"{root}queries/{name}?" + urlencode([*given, ("format", shown)]))
        for shown in (GRAPH_DOWNLOADS if answer.kind == "graph" else RESULT_DOWNLOADS)
    ]
    if call.limit is not None:
        kept = [(k, v) for k, v in given if k not in RESERVED]
        if call.offset > 0:
            page.pages.append(
                ("previous", "?" + urlencode([*kept, ("limit", call.limit), ("offset", max(0, call.offset - call.limit))]))
            )
        if answer.truncated:
            page.pages.append(("next", "?" + urlencode([*kept, ("limit", call.limit), ("offset", call.offset + answer.rows)])))
    return page
