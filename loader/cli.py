"""The `rally-kg` command: build the dataset from rally articles, query it."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rdflib import RDF, Literal, URIRef
from rdflib.query import Result

import loader
from loader.errors import SourceError
from loader.inference import InconsistentData
from loader.iris import DEFAULT_BASE, Minter
from loader.namespaces import RALLY
from loader.pipeline import BUNDLED_DOCUMENT, GRAPHS, Build, article_files, fingerprint, load_paths
from loader.store import OutputError, check_output, has_build, read_dataset, read_summary, write_build

DEFAULT_OUT = Path("build")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rally-kg", description="Rally knowledge graph: build it from rally articles, query it."
    )
    parser.add_argument("--version", action="version", version=f"rally-kg {loader.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="build the dataset from rally articles (the bundled 2001 Dakar Rally when none is given)"
    )
    build.add_argument(
        "documents",
        nargs="*",
        type=Path,
        metavar="DOC",
        help="rally articles in the flattened-table text format, or folders of them (their *.txt files)",
    )
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    build.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI of the minted resources (default: {DEFAULT_BASE})")
    build.add_argument("--quiet", action="store_true", help="print only errors")
    build.add_argument(
        "--if-changed",
        action="store_true",
        help="build only when the articles, the ontology, the loader or the base differ from those of the build in --out",
    )

    query = commands.add_parser("query", help="run a SPARQL query over the built dataset")
    query.add_argument("query", nargs="?", help="the SPARQL query text")
    query.add_argument("-f", "--file", type=Path, help="read the query from this file")
    query.add_argument("--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format for SELECT/ASK results")
    query.add_argument("--saved", metavar="NAME", help="run the saved query queries/NAME.rq instead (as GET /queries/NAME)")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="a saved query's parameter (repeatable)")
    serve = commands.add_parser(
        "serve", help="serve the built dataset over HTTP (SPARQL endpoint); builds the bundled article first if needed"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5000, help="port to listen on (default: 5000)")
    serve.add_argument("--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})")
    serve.add_argument("--workers", type=int, default=None, help="server processes (default: one per core, at least 2)")
    serve.add_argument("--timeout", type=float, default=10.0, help="query time limit in seconds (default: 10)")
    serve.add_argument("--max-rows", type=int, default=10_000, help="rows of one answer before it is cut (default: 10000)")
    serve.add_argument(
        "--query-memory", type=int, default=1024, metavar="MB", help="memory one query may take, in MB (default: 1024)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input, 1 failure)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "serve":
            return _serve(args)
        return _query(args)
    except SourceError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    except InconsistentData as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rally-kg: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not bad input: one line; RALLY_KG_DEBUG=1 shows where it happened
        if os.environ.get("RALLY_KG_DEBUG"):
            raise
        print(f"rally-kg: internal error: {type(error).__name__}: {error} (RALLY_KG_DEBUG=1 shows where)", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(phase: str) -> None:
        if interactive:
            print(f"rally-kg: {phase}…", file=sys.stderr, flush=True)

    documents = article_files(args.documents) or [BUNDLED_DOCUMENT]
    made_from = fingerprint(documents, args.base)
    if args.if_changed and has_build(args.out) and read_summary(args.out).get("fingerprint") == made_from:
        if not args.quiet:
            print(f"rally-kg: {args.out}/ is up to date (the same articles, ontology, loader and base)", file=sys.stderr)
        return 0
    try:
        check_output(args.out)
        Minter(args.base)
    except OutputError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    except ValueError as error:  # a bad --base
        print(f"rally-kg: error: --base: {error}", file=sys.stderr)
        return 2
    build = load_paths(documents, base=args.base, progress=progress)
    progress("writing")
    summary: dict[str, Any] = {}

    def summarise(done: Build) -> dict[str, Any]:
        summary.update(build_summary(done, documents, made_from))
        return summary

    try:
        write_build(build, args.out, summarise)
    except OutputError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print_summary(summary, args.out, sys.stdout)
    return 0


def _serve(args: argparse.Namespace) -> int:
    data = Path(os.path.abspath(args.data))
    if not has_build(data):
        print(f"rally-kg: no built dataset in {args.data}/; building the bundled article first", file=sys.stderr)
        build = load_paths([BUNDLED_DOCUMENT])
        try:
            write_build(build, data, lambda done: build_summary(done, [BUNDLED_DOCUMENT]))
        except OutputError as error:
            print(f"rally-kg: error: {error}", file=sys.stderr)
            return 2
    from endpoint.server import serve  # the web stack is only needed to serve

    config = {
        "DATA_DIR": str(data),
        "QUERY_TIMEOUT": args.timeout,
        "MAX_ROWS": args.max_rows,
        "QUERY_MEMORY_MB": args.query_memory,
    }
    return serve(args.host, args.port, config, workers=args.workers)


def build_summary(build: Build, documents: Sequence[Path], made_from: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return what a build made: triples per graph, resources per class, coverage, problems, time, what it was made from."""
    typed = Counter(
        str(o).removeprefix(str(RALLY._NS))
        for name in ("asserted", "inferred")
        for o in build.graph(name).objects(None, RDF.type)
        if isinstance(o, URIRef) and str(o).startswith(str(RALLY._NS))
    )
    return {
        "loader": loader.__version__,
        "base": build.minter.base,
        "sources": [str(d) for d in documents],
        "triples": {name: len(build.graph(name)) for name in GRAPHS},
        "resources": dict(sorted(typed.items())),
        "coverage": coverage(build),
        "problems": [{"code": p.code, "message": p.message, "path": p.path, "line": p.line} for p in build.problems],
        "seconds": {k: round(v, 3) for k, v in build.timings.items()},
        "fingerprint": made_from or fingerprint(documents, build.minter.base),
    }


def coverage(build: Build) -> dict[str, Any]:
    """Return how much of the sources' tables was loaded: rows read, loaded whole, reported (in all and per source)."""
    per_source: dict[str, dict[str, Any]] = {
        path: {"rows read": c.rows, "rows loaded": c.loaded, "rows reported": len(c.reported), "reported lines": list(c.reported)}
        for path, c in build.coverage.items()
    }
    total = {key: sum(item[key] for item in per_source.values()) for key in ("rows read", "rows loaded", "rows reported")}
    return {**total, "sources": per_source}


def print_summary(summary: dict[str, Any], out: Path, stream: TextIO) -> None:
    """Print a build summary for people."""
    write = stream.write
    write(f"Built {', '.join(summary['sources'])} into {out}/ (dataset.trig, dataset.nq, build.json)\n\n")
    write("Triples per graph:\n")
    for name, count in summary["triples"].items():
        write(f"  {name:<10} {count:>7,}\n")
    write(f"  {'total':<10} {sum(summary['triples'].values()):>7,}\n\n")
    write("Resources per class (asserted and inferred):\n")
    for name, count in summary["resources"].items():
        write(f"  {name:<24} {count:>5,}\n")
    rows = summary["coverage"]
    write(
        f"\nTable rows: {rows['rows read']:,} read, {rows['rows loaded']:,} loaded whole, "
        f"{rows['rows reported']:,} reported (with a problem saying what was not loaded)\n"
    )
    problems = summary["problems"]
    write(f"\n{len(problems)} problems found in the source:\n")
    for p in problems:
        where = f"{p['path']}:{p['line']}" if p["line"] is not None else p["path"]
        write(f"  {where}: [{p['code']}] {p['message']}\n")
    times = ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in summary["seconds"].items())
    write(f"\nTime per phase: {times}\n")


def _query(args: argparse.Namespace) -> int:
    if args.saved is not None:
        from endpoint.saved import run_command  # saved queries answer as the web API does

        return run_command(args.saved, args.param, args.data, args.format)
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8")
        except OSError as error:
            print(f"rally-kg: error: {args.file}: cannot read the query: {error.strerror or error}", file=sys.stderr)
            return 2
    elif args.query:
        text = args.query
    else:
        print("rally-kg: error: give a query as an argument or with -f FILE", file=sys.stderr)
        return 2
    if not has_build(args.data):
        print(f"rally-kg: error: no built dataset in {args.data}/; run 'rally-kg build --out {args.data}' first", file=sys.stderr)
        return 2
    dataset = read_dataset(args.data)
    try:
        result = dataset.query(text)
        rows = list(result) if result.type == "SELECT" else None
    except Exception as error:  # rdflib raises pyparsing and assorted evaluation errors
        print(f"rally-kg: error: {_query_error(error, args.file)}", file=sys.stderr)
        return 2
    sys.stdout.write(format_result(result, rows, args.format))
    return 0


def _query_error(error: Exception, path: Path | None) -> str:
    where = str(path) if path else "query"
    line, column = getattr(error, "lineno", None), getattr(error, "col", None)
    message = getattr(error, "msg", None) or str(error)
    if line is not None:
        return f"{where}:{line}:{column}: malformed query: {message}"
    return f"{where}: query failed: {message}"


def format_result(result: Result, rows: list[Any] | None, fmt: str) -> str:
    """Return a query result as a text table, CSV or SPARQL JSON; graphs as Turtle."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"head": {}, "boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    assert rows is not None
    variables = [str(v) for v in result.vars or []]
    if fmt == "json":
        return (result.serialize(format="json") or b"").decode("utf-8") + "\n"
    cells = [["" if row[v] is None else _text(row[v]) for v in variables] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(cells)
        return buffer.getvalue()
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _text(term: Any) -> str:
    return str(term) if isinstance(term, (URIRef, Literal)) else str(term)


if __name__ == "__main__":
    sys.exit(main())
