"""The `rally-kg` command: build the dataset from rally articles, serve it, query it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import loader
from cli.build import build, build_bundled
from cli.export import export
from cli.push import push
from cli.query import FORMATS, query
from endpoint.server import serve
from loader.errors import SourceError
from loader.inference import InconsistentData
from loader.layout import has_build
from loader.validation import SHAPES_PATH
from vocabulary.iris import DEFAULT_BASE

DEFAULT_OUT = Path("build")


def _chunk(value: str) -> int:
    """Return a --chunk value: a whole number of triples, at least 1,000."""
    try:
        chunk = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of triples") from None
    if chunk < 1000:
        raise argparse.ArgumentTypeError(f"{chunk}: give at least 1000 triples a request")
    return chunk


def _jobs(value: str) -> int:
    """Return a --jobs value: a whole number of processes from 1 to 64."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of processes") from None
    if not 1 <= jobs <= 64:
        raise argparse.ArgumentTypeError(f"{jobs}: give 1 to 64 processes")
    return jobs


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rally-kg", description="Rally knowledge graph: build it from rally articles, serve it, query it."
    )
    parser.add_argument("--version", action="version", version=f"rally-kg {loader.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    building = commands.add_parser(
        "build", help="build the dataset from rally articles (the bundled 2001 Dakar Rally when none is given)"
    )
    building.add_argument(
        "documents",
        nargs="*",
        type=Path,
        metavar="DOC",
        help="rally articles in the flattened-table text format, or folders of them (their *.txt files)",
    )
    building.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    building.add_argument("--base", default=DEFAULT_BASE, help=f"base IRI of the minted resources (default: {DEFAULT_BASE})")
    building.add_argument("--quiet", action="store_true", help="print only errors")
    building.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        help="close a corpus under OWL 2 RL edition by edition in N processes (default: 1, the whole corpus at once; "
        "the same closure, see README)",
    )
    building.add_argument(
        "--shapes",
        type=Path,
        default=SHAPES_PATH,
        metavar="FILE",
        help="SHACL shapes (Turtle) to check the graph against: a sh:Violation fails the build, other results are "
        "reported (default: shapes/rally.ttl)",
    )
    building.add_argument(
        "--if-changed",
        action="store_true",
        help="build only when the articles, the ontology, the loader or the base differ from those of the build in --out",
    )

    querying = commands.add_parser(
        "query", help="answer a SPARQL query over the built dataset, as the server's /sparql does (the same default graph)"
    )
    querying.add_argument("query", nargs="?", help="the SPARQL query text")
    querying.add_argument("-f", "--file", type=Path, help="read the query from this file")
    querying.add_argument(
        "--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})"
    )
    querying.add_argument("--format", choices=FORMATS, default="table", help="output format for SELECT/ASK results")
    querying.add_argument("--saved", metavar="NAME", help="run the saved query queries/NAME.rq instead (as GET /queries/NAME)")
    querying.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="a saved query's parameter (repeatable)"
    )
    querying.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="stop the query after this long (default: no limit)"
    )

    pushing = commands.add_parser(
        "push", help="load the built dataset's four named graphs into a SPARQL 1.1 Graph Store Protocol endpoint"
    )
    pushing.add_argument("--to", required=True, metavar="URL", help="the graph store (Oxigraph server: http://host:7878/store)")
    pushing.add_argument(
        "--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})"
    )
    pushing.add_argument("--auth", metavar="USER:PASSWORD", help="HTTP basic credentials for the server")
    pushing.add_argument(
        "--query", metavar="URL", help="the server's query endpoint, to count what it holds (default: /query beside /store)"
    )
    pushing.add_argument("--chunk", type=_chunk, default=200_000, metavar="N", help="triples per request (default: 200000)")
    pushing.add_argument("--quiet", action="store_true", help="print only the counts and errors")

    exporting = commands.add_parser(
        "export", help="write the built dataset's whole site as files (pages, data documents, answers) for a static host"
    )
    exporting.add_argument("--out", type=Path, required=True, help="the folder to write (new, empty, or a previous export)")
    exporting.add_argument(
        "--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})"
    )
    exporting.add_argument(
        "--jobs", type=_jobs, default=os.cpu_count() or 1, help="processes rendering the files (default: one per core)"
    )
    exporting.add_argument("--quiet", action="store_true", help="print only errors")

    serving = commands.add_parser(
        "serve", help="serve the built dataset over HTTP (SPARQL endpoint); builds the bundled article first if needed"
    )
    serving.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serving.add_argument("--port", type=int, default=5000, help="port to listen on (default: 5000)")
    serving.add_argument(
        "--data", type=Path, default=DEFAULT_OUT, help=f"directory of the built dataset (default: {DEFAULT_OUT})"
    )
    serving.add_argument("--workers", type=int, default=None, help="server processes (default: one per core, at least 2)")
    serving.add_argument("--timeout", type=float, default=10.0, help="query time limit in seconds (default: 10)")
    serving.add_argument("--max-rows", type=int, default=10_000, help="rows of one answer before it is cut (default: 10000)")
    serving.add_argument(
        "--store",
        metavar="URL",
        help="answer through this SPARQL query endpoint (where `rally-kg push` put the build) instead of the build's store",
    )
    serving.add_argument(
        "--query-memory", type=int, default=1024, metavar="MB", help="memory one query may take, in MB (default: 1024)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input, 1 failure)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return build(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "push":
            return push(args)
        if args.command == "export":
            return export(args)
        return query(args)
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


def _serve(args: argparse.Namespace) -> int:
    data = Path(os.path.abspath(args.data))
    if not has_build(data):
        print(f"rally-kg: no built dataset in {args.data}/; building the bundled article first", file=sys.stderr)
        if not build_bundled(data):
            return 2
    config = {
        "DATA_DIR": str(data),
        "QUERY_TIMEOUT": args.timeout,
        "MAX_ROWS": args.max_rows,
        "QUERY_MEMORY_MB": args.query_memory,
        "STORE_URL": args.store,
    }
    return serve(args.host, args.port, config, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main())
