"""Examples that apply to the served data, and the registry of the saved queries an app serves."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from endpoint.core.answers import Job
from endpoint.core.errors import ParameterError, QueryError
from endpoint.saved.calls import bind
from endpoint.saved.model import Param, SavedQuery
from endpoint.saved.values import Vocabulary
from vocabulary.namespaces import PREFIX_ITEMS


def _as_value(param: Param, term: Any, base: str) -> str | None:
    """Return how a parameter value standing for a term is written in a URL (a slug or path where the IRI has one)."""
    if isinstance(term, ox.Literal):
        return term.value if param.kind in ("integer", "string", "enum") else None
    if not isinstance(term, ox.NamedNode):
        return None
    if param.kind in ("category", "edition", "country"):
        return term.value.rsplit("/", 1)[-1]
    if param.kind == "iri":
        return term.value.removeprefix(base) if term.value.startswith(base) else term.value
    return None


def _answers(query: SavedQuery, terms: Sequence[tuple[str, str]], vocabulary: Vocabulary, rows: int) -> list[dict[str, Any]]:
    """Return up to `rows` solutions of a SELECT run with these bound values (empty for other forms or on failure)."""
    if query.form != "SELECT":
        return []
    job = Job(
        f"{query.text.rstrip()}\nLIMIT {rows}\n",
        max_rows=rows,
        substitutions=tuple(terms),
        prefixes=PREFIX_ITEMS,
        table_rows=rows,
    )
    try:
        answer = vocabulary.session.answer(job)
    except QueryError:
        return []
    return [dict(zip(answer.columns, row)) for row in answer.table]


def example_for(query: SavedQuery, vocabulary: Vocabulary) -> tuple[tuple[str, str], ...] | None:
    """Return parameter values for an example that applies to the served data, None when none is found.

    The file's own example when its values name things of this dataset (and a SELECT answers rows with
    them); else values read off the data: the first answer of the query run without its parameters gives
    the required ones. A query is served either way: an example is documentation, not a precondition.
    """
    values: dict[str, list[str]] = {}
    for key, value in query.example:
        values.setdefault(key, []).append(value)
    try:
        call = bind(query, values, vocabulary, 1)
        if query.form != "SELECT" or _answers(query, call.terms, vocabulary, 1):
            return query.example
    except ParameterError:
        pass
    required = [p for p in query.params if p.required]
    if not required:
        return ()
    for row in _answers(query, (), vocabulary, 50):
        found = [(p.name, _as_value(p, row.get(p.variable), vocabulary.base)) for p in required]
        if all(value is not None for _, value in found):
            return tuple((name, str(value)) for name, value in found)
    return None


@dataclass
class Registry:
    """The saved queries an app serves, what their parameter values may name, and examples that apply to its data."""

    queries: dict[str, SavedQuery]
    vocabulary: Vocabulary
    _examples: dict[str, tuple[tuple[str, str], ...] | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def example(self, query: SavedQuery) -> tuple[tuple[str, str], ...]:
        """Return the parameters of an example of the query that applies to the served data (empty when none is found)."""
        with self._lock:
            if query.name not in self._examples:
                self._examples[query.name] = example_for(query, self.vocabulary)
            return self._examples[query.name] or ()
