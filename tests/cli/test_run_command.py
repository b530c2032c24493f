"""The README's run command, `scripts/run.sh`, run as a user runs it: with PORT set to another port than 5000.

The build goes to a temporary folder (DATA) so the test leaves the checkout alone. What is checked is what a
new user meets: the dumps the home page links download, an IRI the server shows dereferences on that same
port (rdflib fetches it), the build is made again only when what it is made from changed, and a taken port
or a dataset built for another base says clearly what to do.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from tests.conftest import ROOT, run_cli
from tests.servers import free_port, healthy, stop

RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


@contextmanager
def run_script(port: int, data: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start `PORT=port DATA=data scripts/run.sh` in a process group of its own; yield its root URL once it answers."""
    root = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            ["scripts/run.sh"],
            cwd=ROOT,
            env={**os.environ, "PORT": str(port), "DATA": str(data)},
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while not healthy(root):
            if process.poll() is not None:
                pytest.fail(f"scripts/run.sh exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            if time.monotonic() - started > 120:
                pytest.fail(f"scripts/run.sh did not answer within 120 s:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield root, process
    finally:
        stop(process)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """`PORT=<a free port> DATA=<tmp>/build scripts/run.sh`, running; yields its root, its build and its log."""
    folder = tmp_path_factory.mktemp("run")
    with run_script(free_port(), folder / "build", folder / "run.log") as (root, _process):
        yield root, folder / "build", folder / "run.log"


def fetch(url: str, accept: str = "*/*") -> tuple[int, bytes, str]:
    """Return status, body and content type of a GET (errors included)."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


@pytest.mark.parametrize("dump", ["/dump/dataset.nq", "/dump/dataset.trig"])
def test_the_dumps_the_home_page_links_download(served: tuple[str, Path, Path], dump: str) -> None:
    root, build, _ = served
    home = fetch(root + "/", "text/html")[1].decode()
    assert f'href="{dump}"' in home
    status, body, _ = fetch(root + dump)
    assert status == 200 and body == (build / dump.rsplit("/", 1)[-1]).read_bytes()


def test_an_iri_the_server_shows_dereferences_on_its_own_port(served: tuple[str, Path, Path]) -> None:
    root, _, _ = served
    home = fetch(root + "/", "text/html")[1].decode()
    iri = f"{root}/id/person/jutta-kleinschmidt"
    assert iri in home  # the IRIs shown carry the port served on, not 5000
    graph = Graph().parse(iri)  # rdflib follows the 303 and negotiates a format
    assert graph.value(URIRef(iri), RDFS_LABEL) is not None


def test_the_build_records_what_it_was_made_from(served: tuple[str, Path, Path]) -> None:
    root, build, _ = served
    made_from = json.loads((build / "build.json").read_text(encoding="utf-8"))["fingerprint"]
    assert made_from["base"] == f"{root}/id/"
    assert [s["name"] for s in made_from["sources"]] == ["2001_Dakar_Rally.txt"]
    assert len(made_from["ontology"]) == 64 and made_from["loader"].startswith("0.")


def test_a_build_is_made_again_only_when_its_inputs_changed(tmp_path: Path) -> None:
    out = tmp_path / "build"
    base = "http://127.0.0.1:5099/id/"
    first = run_cli("build", "--if-changed", "--out", out, "--base", base)
    assert first.returncode == 0, first.stderr
    written = (out / "dataset.nq").stat().st_mtime_ns
    again = run_cli("build", "--if-changed", "--out", out, "--base", base)
    assert again.returncode == 0 and "is up to date" in again.stderr
    assert (out / "dataset.nq").stat().st_mtime_ns == written
    other_base = run_cli("build", "--if-changed", "--out", out, "--base", "http://127.0.0.1:5098/id/")
    assert other_base.returncode == 0 and "is up to date" not in other_base.stderr
    assert (out / "dataset.nq").stat().st_mtime_ns != written
    article = tmp_path / "2001_Dakar_Rally.txt"
    article.write_text((ROOT / "data" / "2001_Dakar_Rally.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = run_cli("build", article, "--if-changed", "--out", out, "--base", "http://127.0.0.1:5098/id/")
    assert edited.returncode == 0 and "is up to date" not in edited.stderr


def test_a_taken_port_is_said_with_what_to_do(tmp_path: Path, served: tuple[str, Path, Path]) -> None:
    _, build, _ = served
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", port, "--data", build, timeout=60)
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr and "PORT=" in done.stderr
    assert "Traceback" not in done.stderr


def test_serving_a_build_made_for_another_base_says_what_to_do(served: tuple[str, Path, Path], tmp_path: Path) -> None:
    _, build, _ = served
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port), "--data", str(build), "--workers", "1"],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while not healthy(f"http://127.0.0.1:{port}") and time.monotonic() - started < 30:
            time.sleep(0.1)
    finally:
        stop(process)
    said = log.read_text(encoding="utf-8")
    assert "note: the dataset's IRIs start with http://127.0.0.1:" in said
    assert f"rebuild with --base http://127.0.0.1:{port}/id/" in said
