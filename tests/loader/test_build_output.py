"""What `rally-kg build --out DIR` may do to DIR: replace a folder a build made, whole and in one step; nothing else.

Nothing a user owns is deleted: a folder holding other files, a file, the project's own folder are refused with
a clear error. A build killed at any moment leaves the previous build or the new one, whole, and the next
build removes what the killed one left.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from loader.store import exchange
from tests.conftest import ROOT, run_cli


def test_a_folder_holding_other_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "v"
    out.mkdir()
    (out / "keep.txt").write_text("x\n", encoding="utf-8")
    done = run_cli("build", "--out", out)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "keep.txt" in done.stderr and "empty or new folder" in done.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"] and (out / "keep.txt").read_text(encoding="utf-8") == "x\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"]  # no staging folder left beside it either


def test_the_working_directory_of_a_project_is_refused(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "README.md"):
        (tmp_path / name).write_text("mine\n", encoding="utf-8")
    done = run_cli("build", "--out", ".", cwd=tmp_path)
    assert done.returncode == 2 and "holds files a build did not write" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "pyproject.toml"]


def test_a_file_given_as_out_is_refused_and_stays_a_file(tmp_path: Path) -> None:
    out = tmp_path / "somefile"
    out.write_text("mine\n", encoding="utf-8")
    done = run_cli("build", "--out", out)
    assert done.returncode == 2 and "not a folder" in done.stderr
    assert out.is_file() and out.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("where", ["file-as-parent", "read-only-system-folder"])
def test_an_out_that_cannot_be_written_is_a_clear_error(tmp_path: Path, where: str) -> None:
    if where == "file-as-parent":
        (tmp_path / "afile").write_text("x\n", encoding="utf-8")
        out = tmp_path / "afile" / "build"
    else:
        out = Path("/sys/rally-kg-build")  # read-only even for root
    done = run_cli("build", "--out", out)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"rally-kg: error: --out {out}") and "Traceback" not in done.stderr


def test_a_folder_a_build_made_is_replaced_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert run_cli("build", "--out", out).returncode == 0
    first = json.loads((out / "build.json").read_text(encoding="utf-8"))["fingerprint"]["base"]
    assert run_cli("build", "--out", out, "--base", "http://example.org/rally/").returncode == 0
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["fingerprint"]["base"] != first
    assert sorted(p.name for p in out.iterdir()) == ["build.json", "dataset.nq", "dataset.trig", "shapes.ttl", "store"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build.new-")] == []


def whole(out: Path) -> bool:
    """Tell whether a build folder holds a whole build: its summary readable, both dumps there and complete."""
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    nquads = (out / "dataset.nq").read_bytes()
    return bool(summary["triples"]) and nquads.rstrip().endswith(b" .") and (out / "dataset.trig").stat().st_size > 0


def test_a_build_killed_at_any_moment_leaves_a_whole_build_and_the_next_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert run_cli("build", "--out", out).returncode == 0
    started = time.monotonic()
    assert run_cli("build", "--out", out).returncode == 0
    duration = time.monotonic() - started
    chance = random.Random(20261202)
    for attempt in range(8):
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "build", "--out", str(out), "--quiet"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.3, 1.0) * duration)  # most kills land in the inference and the writing
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert whole(out), f"after kill {attempt}"
    assert run_cli("build", "--out", out).returncode == 0
    assert whole(out)
    assert [p.name for p in tmp_path.iterdir()] == ["build"]  # nothing the killed builds left


def test_two_folders_are_exchanged_without_an_instant_where_one_is_missing(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "build.json").write_text(folder.name, encoding="utf-8")
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (first / "build.json").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2000):
            assert exchange(first, second), "this system cannot exchange two paths in one step"
    finally:
        done.set()
        watcher.join()
    assert missing == []
    assert (first / "build.json").read_text(encoding="utf-8") == "a"  # an even number of exchanges
