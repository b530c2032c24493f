"""Files of a built dataset: written atomically into a directory, read back for queries and serving."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Dataset

from loader.pipeline import Build

TRIG = "dataset.trig"
NQUADS = "dataset.nq"
SUMMARY = "build.json"


def write_build(build: Build, out: Path, summary: dict[str, Any]) -> None:
    """Write the dataset (TriG and N-Quads) and its summary into `out`, replacing it only when all is written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    staging.chmod(0o755)
    try:
        build.dataset.serialize(destination=staging / TRIG, format="trig")
        build.dataset.serialize(destination=staging / NQUADS, format="nquads")
        (staging / SUMMARY).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in the place of `out`; the old content is removed only once the new one is in place."""
    if not out.exists():
        os.replace(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, retired / out.name)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(retired / out.name, out)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def has_build(directory: Path) -> bool:
    """Return whether `directory` holds a built dataset."""
    return (directory / NQUADS).is_file()


def read_dataset(directory: Path) -> Dataset:
    """Return the built dataset in `directory` with its default graph the union of the named graphs."""
    dataset = Dataset(default_union=True)
    dataset.parse(directory / NQUADS, format="nquads")
    return dataset


def read_summary(directory: Path) -> dict[str, Any]:
    """Return the build summary written beside the dataset."""
    data: dict[str, Any] = json.loads((directory / SUMMARY).read_text(encoding="utf-8"))
    return data
