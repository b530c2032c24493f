"""What a build directory holds: the file names `rally-kg build` writes and the server and the command line read."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

TRIG = "dataset.trig"
NQUADS = "dataset.nq"
SUMMARY = "build.json"
STORE = "store"  # an Oxigraph store of the four graphs and the default graph, opened read-only by the server
SHAPES = "shapes.ttl"  # the SHACL shapes the build was checked against, served at /shapes
OUTPUTS = (TRIG, NQUADS, SUMMARY, STORE, SHAPES)  # what a build writes; a directory holding anything else is not ours to replace
MARK = ".rally-kg-build"  # in a staging directory: written by a build, removable once no build holds the lock


def has_build(directory: Path) -> bool:
    """Return whether `directory` holds a built dataset."""
    return (directory / NQUADS).is_file() and (directory / SUMMARY).is_file()


def has_store(directory: Path) -> bool:
    """Return whether a build directory holds the store (builds before it had only the N-Quads)."""
    return (directory / STORE / "CURRENT").is_file()


def read_summary(directory: Path) -> dict[str, Any]:
    """Return the summary a build wrote beside its dataset."""
    data: dict[str, Any] = json.loads((directory / SUMMARY).read_text(encoding="utf-8"))
    return data


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in chunks (a build's N-Quads name its content: the server's ETag)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
