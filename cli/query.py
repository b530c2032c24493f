"""`rally-kg query`: a SPARQL query, or a saved query with its parameters, answered by the endpoint's core over a
build, exactly as /sparql and /queries/NAME answer it: the same default graph, refusals and messages."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from endpoint.core.answers import Answer, Job
from endpoint.core.dataset import open_dataset
from endpoint.core.errors import ParameterError, QueryError
from endpoint.core.executor import Deadline
from endpoint.core.lookup import ALL
from endpoint.core.service import Limits, Service, Session
from endpoint.saved.calls import Call, bind
from endpoint.saved.files import load_queries
from endpoint.saved.model import QUERIES_DIR, QueryFileError
from endpoint.saved.values import Vocabulary
from loader.layout import has_build

FORMATS = ("table", "csv", "json")
SERIALISERS = {"table": None, "csv": "csv", "json": "json"}


def query(args: argparse.Namespace) -> int:
    """Answer the query of the command line over the build in --data; print it; return the exit status."""
    if args.saved is None and args.file is None and not args.query:
        return _error("give a query as an argument or with -f FILE")
    if not has_build(args.data):
        return _error(f"no built dataset in {args.data}/; run 'rally-kg build --out {args.data}' first")
    if args.saved is not None:
        return saved(args.saved, args.param, args.data, args.format, args.timeout)
    where = str(args.file) if args.file is not None else "query"
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return _error(f"{args.file}: cannot read the query: {getattr(error, 'strerror', None) or error}")
    else:
        text = args.query
    service = _service(args.data, Limits(max_rows=ALL, cache_size=0))
    try:
        job = service.job(text, result_format=SERIALISERS[args.format], graph_format="turtle", table_rows=ALL)
        answer = service.answer(job, _deadline(args.timeout), metered=False)
    except QueryError as error:
        return _error(f"{where}: {error}")
    finally:
        service.close()
    sys.stdout.write(format_answer(answer, args.format))
    return 0


def saved(name: str, params: Iterable[str], data: Path, fmt: str, timeout: float | None, directory: Path = QUERIES_DIR) -> int:
    """Run a saved query over a build and print the answer as the API gives it; return the exit status."""
    try:
        queries = load_queries(directory)
    except QueryFileError as error:
        return _error(str(error))
    found = queries.get(name)
    if found is None:
        return _error(f"no saved query {name!r}; the saved queries are: {', '.join(queries)}")
    values: dict[str, list[str]] = {}
    for item in params:
        key, equals, value = item.partition("=")
        if not equals:
            return _error(f"--param {item!r}: expected KEY=VALUE")
        values.setdefault(key.strip(), []).append(value)
    service = _service(data, Limits(cache_size=0))  # pages and caps as the API does
    try:
        call: Call = bind(found, values, Vocabulary.of(Session(service, None)), service.limits.max_rows)
        job: Job = call.job(SERIALISERS[fmt], "turtle", service.limits.max_rows, ALL)
        answer = service.answer(job, _deadline(timeout), metered=False)
    except ParameterError as error:
        return _error(str(error))
    except QueryError as error:
        return _error(f"{found.path}: {error}", 1)
    finally:
        service.close()
    sys.stdout.write(format_answer(answer, fmt))
    if answer.truncated and call.limit is not None:
        more = call.offset + answer.rows
        print(f"rally-kg: more rows: add --param offset={more} (or a larger --param limit=)", file=sys.stderr)
    return 0


def format_answer(answer: Answer, fmt: str) -> str:
    """Return an answer as the command line prints it: a text table, CSV or SPARQL JSON; a graph as Turtle."""
    if answer.kind == "graph" or fmt == "json":
        return answer.body.decode("utf-8").rstrip("\n") + "\n"
    if answer.kind == "ask":
        return f"{str(bool(answer.boolean)).lower()}\n"
    if fmt == "csv":
        return answer.body.decode("utf-8").replace("\r\n", "\n")
    cells = [["" if term is None else term.value for term in row] for row in answer.table]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(answer.columns)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(answer.columns, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _service(data: Path, limits: Limits) -> Service:
    """Return the core serving a build, as the server does, for one caller."""
    return Service.open(open_dataset(data), limits)


def _deadline(seconds: float | None) -> Deadline | None:
    return Deadline.after(seconds) if seconds else None


def _error(message: str, status: int = 2) -> int:
    print(f"rally-kg: error: {message}", file=sys.stderr)
    return status
