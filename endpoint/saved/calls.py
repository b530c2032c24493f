"""A request to a saved query: its parameters checked and bound, the page asked for, the links to other pages."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from endpoint.core.answers import Job
from endpoint.core.errors import ParameterError
from endpoint.saved.model import DEFAULT_PAGE, MAX_OFFSET, RESERVED, SavedQuery
from endpoint.saved.values import Vocabulary
from vocabulary.namespaces import PREFIX_ITEMS


@dataclass(frozen=True)
class Call:
    """A saved query with its parameters bound to terms and the page asked for: ready to run."""

    query: SavedQuery
    terms: tuple[tuple[str, str], ...]  # (variable, N-Triples term), in parameter order
    given: tuple[tuple[str, str], ...]  # (parameter, value as given), for links to other pages
    limit: int | None  # None: not paged (ASK, CONSTRUCT, DESCRIBE)
    offset: int
    format: str | None

    @property
    def text(self) -> str:
        """Return the query text run: the file, and for a SELECT ` LIMIT n+1 OFFSET m` (one row more tells if there are more)."""
        if self.limit is None:
            return self.query.text
        return f"{self.query.text.rstrip()}\nLIMIT {self.limit + 1} OFFSET {self.offset}\n"

    def job(self, result_format: str | None, graph_format: str | None, max_rows: int, table_rows: int = 0) -> Job:
        """Return the job to answer: the dataset's default graph, the values as substitutions.

        A page is cut at its limit (one more row fetched says whether there are more); other answers at max_rows.
        """
        return Job(
            self.text,
            result_format=result_format,
            graph_format=graph_format,
            max_rows=self.limit if self.limit is not None else max_rows,
            substitutions=self.terms,
            prefixes=PREFIX_ITEMS,
            table_rows=table_rows,
        )


def _single(values: Mapping[str, Sequence[str]], name: str) -> str | None:
    given = values.get(name) or []
    if len(given) > 1:
        raise ParameterError(name, f"given {len(given)} times; give it once")
    return given[0] if given else None


def _page_number(name: str, value: str, low: int, high: int) -> int:
    text = value.strip()
    if not re.fullmatch(r"\d{1,10}", text) or not low <= int(text) <= high:
        raise ParameterError(name, f"expected an integer from {low} to {high}, got {value!r}")
    return int(text)


def bind(query: SavedQuery, values: Mapping[str, Sequence[str]], vocabulary: Vocabulary, max_rows: int) -> Call:
    """Return the call a request makes: every parameter checked against its type and resolved to one RDF term.

    Raises ParameterError naming the parameter for a missing, unknown, repeated or ill-typed value.
    """
    for name in values:
        if name not in RESERVED and query.param(name) is None:
            known = ", ".join([p.name for p in query.params] + list(RESERVED))
            raise ParameterError(name, f"{query.name} has no such parameter; it takes: {known}")
    terms: list[tuple[str, str]] = []
    given: list[tuple[str, str]] = []
    for param in query.params:
        value = _single(values, param.name)
        if value is not None and value.strip() == "" and not param.required:
            value = None  # an empty form field: the parameter is left out
        if value is None:
            if param.required:
                raise ParameterError(param.name, f"missing; expected {param.expects}")
            if param.default is None:
                continue
            value = param.default
        else:
            given.append((param.name, value))
        terms.append((param.variable, str(vocabulary.term(param, value))))
    limit_value, offset_value = _single(values, "limit"), _single(values, "offset")
    limit: int | None = None
    offset = 0
    if query.paged:
        page = min(query.pagination or DEFAULT_PAGE, max_rows)
        limit = _page_number("limit", limit_value, 1, max_rows) if limit_value is not None else page
        offset = _page_number("offset", offset_value, 0, MAX_OFFSET) if offset_value is not None else 0
    elif limit_value is not None or offset_value is not None:
        raise ParameterError(
            "limit" if limit_value is not None else "offset", f"{query.name} is a {query.form} query: its answer is not paged"
        )
    fmt = _single(values, "format")
    if fmt is not None and not fmt.strip():
        raise ParameterError("format", "empty; leave it out to go by the Accept header, or name a format (json, csv, ...)")
    return Call(query, tuple(terms), tuple(given), limit, offset, fmt)


def page_links(call: Call, rows: int, truncated: bool, base_url: str) -> dict[str, str]:
    """Return the URLs of the first, previous and next pages of a paged answer (by rel)."""
    if call.limit is None:
        return {}

    def url(offset: int) -> str:
        extra = [("format", call.format)] if call.format else []
        return base_url + "?" + urllib.parse.urlencode([*call.given, *extra, ("limit", str(call.limit)), ("offset", str(offset))])

    links = {"first": url(0)}
    if call.offset > 0:
        links["prev"] = url(max(0, call.offset - call.limit))
    if truncated:
        links["next"] = url(call.offset + rows)
    return links
