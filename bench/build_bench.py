"""Benchmark of `rally-kg build` on the bundled article: time per phase and triple counts, medians of runs.

Runs the build N times in this process (parse, inference, SHACL validation, write) and, side by side in the same run,
plain owlrl (OWLRL_Semantics, as shipped) on the same input as the reference.

    python bench/build_bench.py [--runs 5] [--reference-runs 3] [--no-reference]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from owlrl import DeductiveClosure
from owlrl.OWLRL import OWLRL_Semantics
from rdflib import Graph

from cli.build import build_summary
from loader.pipeline import BUNDLED_DOCUMENT, load_ontology, load_paths
from loader.store import write_build


def one_build(out: Path) -> dict[str, float]:
    """Return the seconds of each phase of one full build, written to `out`."""
    started = time.perf_counter()
    build = load_paths([BUNDLED_DOCUMENT])
    mark = time.perf_counter()
    write_build(build, out, lambda done: build_summary(done, [BUNDLED_DOCUMENT]))
    phases = dict(build.timings)
    phases["write"] = time.perf_counter() - mark
    phases["total"] = time.perf_counter() - started
    phases["asserted"] = len(build.graph("asserted"))
    phases["inferred"] = len(build.graph("inferred"))
    return phases


def plain_owlrl() -> tuple[float, int]:
    """Return the seconds and triple count of plain owlrl's closure of ontology + asserted data."""
    build = load_paths([BUNDLED_DOCUMENT])
    graph = Graph()
    for source in (load_ontology(), build.graph("asserted")):
        for triple in source:
            graph.add(triple)
    before = len(graph)
    started = time.perf_counter()
    DeductiveClosure(OWLRL_Semantics).expand(graph)
    return time.perf_counter() - started, len(graph) - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference-runs", type=int, default=3)
    parser.add_argument("--no-reference", action="store_true", help="skip the plain-owlrl reference")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(args.runs):
            runs.append(one_build(Path(scratch) / "build"))
            print(
                f"run {index + 1}: "
                + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in runs[-1].items()),
                file=sys.stderr,
            )
    print(f"rally-kg build of {BUNDLED_DOCUMENT.name}: median of {args.runs} runs")
    for phase in ("parse", "inference", "validation", "write", "total"):
        values = [r[phase] for r in runs]
        print(f"  {phase:<10} {statistics.median(values):6.2f} s   (min {min(values):.2f}, max {max(values):.2f})")
    print(f"  triples    asserted {int(runs[0]['asserted']):,}, inferred {int(runs[0]['inferred']):,}")
    if not args.no_reference:
        reference = [plain_owlrl() for _ in range(args.reference_runs)]
        seconds = statistics.median(r[0] for r in reference)
        ours = statistics.median(r["inference"] for r in runs)
        print(f"reference: plain owlrl OWLRL_Semantics on the same input, median of {args.reference_runs} runs")
        print(f"  inference  {seconds:6.2f} s, {reference[0][1]:,} triples added (noise included)")
        total = statistics.median(r["total"] for r in runs)
        print(f"  ratio      our inference / plain owlrl = {ours / seconds:.2f}")
        print(f"  ratio      our whole build (parse, inference, validation, write) / plain owlrl = {total / seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
