"""`rally-kg export --out DIR`: the built dataset's whole site as files (endpoint.export), for static hosting and
archiving."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from endpoint.export import ExportError, export_site
from loader.layout import has_build


def export(args: argparse.Namespace) -> int:
    """Export the site of the build in --data into --out; return the exit status."""
    if not has_build(args.data):
        print(
            f"rally-kg: error: --data {args.data}: no build there (run `rally-kg build --out {args.data}` first)", file=sys.stderr
        )
        return 2
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(done: int, total: int) -> None:
        if interactive and (done % 200 == 0 or done == total):
            print(f"\rrally-kg: {done:,} of {total:,} files", end="", file=sys.stderr, flush=True)

    config = {"DATA_DIR": str(Path(args.data).resolve()), "QUERY_TIMEOUT": 60.0}
    try:
        done = export_site(config, args.out, progress, jobs=args.jobs)
    except ExportError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    if interactive:
        print(file=sys.stderr)
    for failed in done.failed:
        print(f"rally-kg: warning: not exported: {failed}", file=sys.stderr)
    if not args.quiet:
        print(
            f"Exported {done.files:,} files ({done.pages:,} pages, {done.resources:,} resources) into {args.out}/ in "
            f"{done.seconds:.1f} s; {done.links_dropped:,} links to what only the live server answers kept as text.\n"
            f"Browse it: python -m http.server --directory {args.out} 8000, then http://127.0.0.1:8000/"
        )
    return 1 if done.failed else 0
