"""`rally-kg build`: articles in, a build directory out (written whole or not at all), and what it holds, for people."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rdflib import RDF, URIRef

import loader
from loader.layout import has_build, read_summary
from loader.pipeline import BUNDLED_DOCUMENT, Build, article_files, display_path, fingerprint, load_paths
from loader.store import OutputError, check_output, write_build
from loader.validation import SHAPES_PATH, ShapeReport, ShapesError, load_shapes
from vocabulary.iris import DEFAULT_GRAPH, GRAPHS, Minter
from vocabulary.namespaces import RALLY_NS


def build(args: argparse.Namespace) -> int:
    """Build the articles named (the bundled one when none is) into --out; return the exit status."""
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(phase: str) -> None:
        if interactive:
            print(f"rally-kg: {phase}…", file=sys.stderr, flush=True)

    documents = article_files(args.documents) or [BUNDLED_DOCUMENT]
    made_from = fingerprint(documents, args.base, args.shapes)
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
    try:
        shapes = load_shapes(args.shapes)
    except ShapesError as error:
        print(f"rally-kg: error: --shapes {error}", file=sys.stderr)
        return 2
    built = load_paths(documents, base=args.base, progress=progress, jobs=args.jobs, shapes=shapes)
    if built.shapes is not None and built.shapes.fatal:
        print_fatal(built.shapes, args.shapes, sys.stderr)
        return 1
    progress("writing")
    summary: dict[str, Any] = {}

    def summarise(done: Build) -> dict[str, Any]:
        summary.update(build_summary(done, documents, made_from, args.shapes))
        return summary

    if not write(built, args.out, summarise):
        return 2
    if not args.quiet:
        print_summary(summary, args.out, sys.stdout)
    return 0


def build_bundled(out: Path) -> bool:
    """Build the bundled article into `out` (for `serve` without a build); False, with the error printed, if it cannot."""
    return write(load_paths([BUNDLED_DOCUMENT]), out, lambda done: build_summary(done, [BUNDLED_DOCUMENT]))


def write(built: Build, out: Path, summarise: Callable[[Build], dict[str, Any]]) -> bool:
    """Write a build into `out`; False, with the error printed, when the folder may not or cannot be written."""
    try:
        write_build(built, out, summarise)
    except OutputError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return False
    return True


def build_summary(
    built: Build, documents: Sequence[Path], made_from: dict[str, Any] | None = None, shapes: Path = SHAPES_PATH
) -> dict[str, Any]:
    """Return what a build made: triples per graph, resources per class, coverage, problems, time, what it was made from."""
    typed = Counter(
        str(o).removeprefix(RALLY_NS)
        for name in DEFAULT_GRAPH
        for o in built.graph(name).objects(None, RDF.type)
        if isinstance(o, URIRef) and str(o).startswith(RALLY_NS)
    )
    return {
        "loader": loader.__version__,
        "base": built.minter.base,
        "sources": [str(d) for d in documents],
        "triples": {name: len(built.graph(name)) for name in GRAPHS},
        "resources": dict(sorted(typed.items())),
        "coverage": coverage(built),
        "problems": [{"code": p.code, "message": p.message, "path": p.path, "line": p.line} for p in built.problems],
        "shapes": {"file": shapes_name(shapes), **built.shapes.as_json()} if built.shapes is not None else None,
        "seconds": {k: round(v, 3) for k, v in built.timings.items()},
        "fingerprint": made_from or fingerprint(documents, built.minter.base),
    }


def coverage(built: Build) -> dict[str, Any]:
    """Return how much of the sources' tables was loaded: rows read, loaded whole, reported (in all and per source)."""
    per_source: dict[str, dict[str, Any]] = {
        path: {"rows read": c.rows, "rows loaded": c.loaded, "rows reported": len(c.reported), "reported lines": list(c.reported)}
        for path, c in built.coverage.items()
    }
    total = {key: sum(item[key] for item in per_source.values()) for key in ("rows read", "rows loaded", "rows reported")}
    return {**total, "sources": per_source}


def shapes_name(path: Path) -> str:
    """Return a shapes file as messages name it: shapes/rally.ttl for the project's own."""
    return "shapes/rally.ttl" if path.resolve() == SHAPES_PATH else display_path(path)


def print_fatal(report: ShapeReport, shapes: Path, stream: TextIO) -> None:
    """Print the fatal SHACL results that stop a build: where in the sources, what, and which shape."""
    fatal = report.fatal
    stream.write(
        f"rally-kg: error: the graph breaks {len(fatal)} fatal SHACL constraint(s) of {shapes_name(shapes)}; nothing was "
        "written (the previous build is untouched). The loader should never write such a graph: please report it "
        "with the article.\n"
    )
    for result in fatal[:20]:
        value = f" (value {result.value})" if result.value and result.value != f"<{result.focus}>" else ""
        stream.write(f"  {result.where()}: <{result.focus}> {result.path}: {result.message}{value} [{result.shape}]\n")
    if len(fatal) > 20:
        stream.write(f"  … and {len(fatal) - 20} more\n")


def print_summary(summary: dict[str, Any], out: Path, stream: TextIO) -> None:
    """Print a build summary for people."""
    write = stream.write
    write(f"Built {', '.join(summary['sources'])} into {out}/ (dataset.trig, dataset.nq, store/, build.json)\n\n")
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
    shapes = summary.get("shapes")
    if shapes is not None:
        write(
            f"\nSHACL ({shapes['file']}, {shapes['shapes']} shapes): {shapes['violation']} violations, "
            f"{shapes['warning']} warnings, {shapes['info']} notes\n"
        )
        for r in shapes["results"]:
            lines = ", ".join(f"{x['source']}:{x['line']}" for x in r["lines"][:3]) or f"<{r['focus']}>"
            value = f" ({r['value']})" if r["value"] and r["value"] != f"<{r['focus']}>" else ""
            write(f"  {lines}: [{r['severity']}] {r['message']}{value}\n")
    times = ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in summary["seconds"].items())
    write(f"\nTime per phase: {times}\n")
