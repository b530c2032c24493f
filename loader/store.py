"""Writing a build: its files (loader.layout) go into a directory that is replaced whole.

The output directory is either the previous build or the new one, whole, at every instant: the new build is
written into a staging directory beside it and the two are exchanged in one atomic step (Linux's
`renameat2(RENAME_EXCHANGE)`; elsewhere two renames, with a window of microseconds). Only a directory that a
build wrote (or an empty or absent one) is ever replaced: anything else is refused, so nothing a user owns is
deleted. Staging directories that a killed build left behind are removed by the next build to the same place.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loader.layout import MARK, NQUADS, OUTPUTS, SHAPES, STORE, SUMMARY, TRIG, sha256
from loader.pipeline import Build, collector_paused
from loader.quads import graph_quads, in_default_graph
from vocabulary.iris import DEFAULT_GRAPH

_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output directory cannot be written or may not be replaced; the message says why and what to do."""


def check_output(out: Path) -> None:
    """Raise OutputError unless `out` may be replaced by a build: absent, empty, or a previous build's directory."""
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"--out {out}: not a folder (a file is there); give a folder for the build")
    foreign = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputError(
            f"--out {out}: the folder holds files a build did not write ({shown}); a build replaces its folder "
            "whole, so it only replaces a folder an earlier build made: give an empty or new folder"
        )
    if any(out.iterdir()) and not (out / SUMMARY).is_file():
        raise OutputError(f"--out {out}: the folder has no {SUMMARY}, so no build made it; give an empty or new folder")


def write_build(build: Build, out: Path, summarise: Callable[[Build], dict[str, Any]]) -> None:
    """Write the dataset (TriG, N-Quads and the store) and its summary into `out`, replacing it in one step when all is written.

    The time the writing took is in `build.timings["write"]` when `summarise` makes the summary.
    Raises OutputError when `out` may not be replaced or cannot be written.
    """
    out = Path(os.path.abspath(out))
    check_output(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
            try:
                (staging / MARK).touch()
                staging.chmod(0o755)
                started = time.perf_counter()
                with collector_paused():
                    digest = _write_dataset(build, staging)
                build.timings["write"] = time.perf_counter() - started
                _write_json(staging / SUMMARY, {**summarise(build), "dataset_sha256": digest})
                if build.shapes_used is not None:
                    (staging / SHAPES).write_text(build.shapes_used.text, encoding="utf-8")
                (staging / MARK).unlink()
                _swap(staging, out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # the new build's leftovers, or the old build after a swap
    except OSError as error:
        raise OutputError(f"--out {out}: cannot write the build: {error.strerror or error}") from None


STORE_BATCH = 100_000  # quads handed to Oxigraph's bulk loader at once: one call for an article, bounded memory for a corpus


def _write_dataset(build: Build, staging: Path) -> str:
    """Write the four graphs as TriG and N-Quads, and the store the server opens; return the N-Quads' SHA-256.

    Graph by graph, so that a corpus's quads are not all held at once (the TriG declares the prefixes before each).
    """
    prefixes = {prefix: str(namespace) for prefix, namespace in build.graph("asserted").namespaces() if prefix}
    store = ox.Store(str(staging / STORE))
    pending: list[ox.Quad] = []
    with (staging / TRIG).open("wb") as trig, (staging / NQUADS).open("wb") as nquads:
        for name, graph in build.graphs.items():
            quads = graph_quads(graph, str(build.minter.graph(name)))
            ox.serialize(quads, trig, format=ox.RdfFormat.TRIG, prefixes=prefixes)
            ox.serialize(quads, nquads, format=ox.RdfFormat.N_QUADS)
            for batch in (quads, in_default_graph(quads) if name in DEFAULT_GRAPH else ()):
                pending += batch
                if len(pending) >= STORE_BATCH:
                    store.bulk_extend(pending)
                    pending = []
    store.bulk_extend(pending)
    store.optimize()
    store.flush()
    del store  # closes it: the server opens the files read-only
    return sha256(staging / NQUADS)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the lock of the folder `out` is in (one build at a time writes there; the lock leaves no file) and
    remove the staging folders killed builds left."""
    folder = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        for stale in out.parent.glob(f".{out.name}.new-*"):
            if (stale / MARK).exists() or _only_outputs(stale):
                shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(folder)


def _only_outputs(directory: Path) -> bool:
    """Tell whether a directory holds nothing but what a build writes (a staging directory left by a kill)."""
    return directory.is_dir() and all(p.name in (*OUTPUTS, MARK) for p in directory.iterdir())


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in the place of `out` in one step; afterwards `staging` holds the previous build, if any."""
    if not out.exists():
        os.replace(staging, out)
        return
    if not exchange(staging, out):
        retired = staging.with_name(staging.name.replace(".new-", ".old-"))
        os.replace(out, retired)
        os.replace(staging, out)
        os.replace(retired, staging)


_libc: ctypes.CDLL | None = None


def exchange(first: Path, second: Path) -> bool:
    """Exchange two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        except OSError:
            return False
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
