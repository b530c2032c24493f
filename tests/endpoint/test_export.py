"""`rally-kg export --out DIR` writes the whole site as files: served by `python -m http.server` (a real one, on a
loopback port), every page is there, every link between them leads somewhere, the data documents are the
resources' data, and each IRI's folder sends a browser on to its page. A folder of the user's is never replaced."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.conftest import run_cli
from tests.servers import ROOT, free_port, stop

ARTICLE = ROOT / "tests" / "data" / "2005_Test_Rally.txt"
LINK = re.compile(r"""\s(?:href|src)="([^"]*)\"""")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("export")
    assert run_cli("build", ARTICLE, "--out", scratch / "build", "--quiet").returncode == 0
    process = run_cli("export", "--data", scratch / "build", "--out", scratch / "site")
    assert process.returncode == 0, process.stderr
    assert "Exported " in process.stdout and "resources) into" in process.stdout
    return scratch / "site"


@pytest.fixture(scope="module")
def static_server(exported: Path) -> Iterator[str]:
    """`python -m http.server` serving the export, as the README says to browse it."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(exported)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    root = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(root, timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        yield root
    finally:
        stop(process)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_every_link_of_the_exported_site_leads_to_a_file(static_server: str) -> None:
    """Crawl from the home page over every relative link of every page: nothing is missing."""
    seen: set[str] = set()
    queue = [static_server]
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if kind != "text/html":
            continue
        for link in LINK.findall(body.decode("utf-8")):
            target = urllib.parse.urldefrag(urllib.parse.urljoin(url, link.replace("&amp;", "&")))[0]
            if target.startswith(static_server):
                queue.append(target)
    assert broken == []
    pages = [u for u in seen if "/page/" in u]
    assert len(pages) > 300 and len(seen) > 600  # every resource of the article has its page, reached by links


def test_a_resource_page_and_its_data_are_there(static_server: str) -> None:
    status, kind, body = fetch(static_server + "page/person/jutta-kleinschmidt.html")
    assert status == 200 and kind == "text/html" and "Jutta Kleinschmidt" in body.decode("utf-8")
    status, kind, body = fetch(static_server + "data/person/jutta-kleinschmidt.ttl")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    jutta = rdflib.URIRef("http://127.0.0.1:5000/id/person/jutta-kleinschmidt")
    assert str(graph.value(jutta, rdflib.RDFS.label)) == "Jutta Kleinschmidt"
    label = ox.Triple(ox.NamedNode(str(jutta)), ox.NamedNode(str(rdflib.RDFS.label)), ox.Literal("Jutta Kleinschmidt"))
    for suffix, fmt in (("jsonld", ox.RdfFormat.JSON_LD), ("nt", ox.RdfFormat.N_TRIPLES)):
        status, _, body = fetch(static_server + f"data/person/jutta-kleinschmidt.{suffix}")
        assert status == 200 and label in {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}


def test_an_iri_folder_sends_a_browser_to_its_page(static_server: str) -> None:
    status, kind, body = fetch(static_server + "id/person/jutta-kleinschmidt")  # http.server adds the slash
    page = body.decode("utf-8")
    assert status == 200 and 'http-equiv="refresh" content="0; url=../../../page/person/jutta-kleinschmidt.html"' in page
    target = urllib.parse.urljoin(static_server + "id/person/jutta-kleinschmidt/", "../../../page/person/jutta-kleinschmidt.html")
    assert target == static_server + "page/person/jutta-kleinschmidt.html" and fetch(target)[0] == 200


def test_the_saved_queries_are_answered_for_their_examples(static_server: str) -> None:
    """The winners of the 2005 article: Jutta Kleinschmidt (cars) and Luc Marchand (motorcycles), lines 7-11."""
    status, kind, body = fetch(static_server + "queries/winners.csv")
    assert status == 200 and "Jutta Kleinschmidt" in body.decode("utf-8") and "Luc Marchand" in body.decode("utf-8")
    assert fetch(static_server + "queries/winners.json")[0] == fetch(static_server + "saved/winners.html")[0] == 200


def test_an_export_never_replaces_a_folder_of_the_users(exported: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    process = run_cli("export", "--data", exported.parent / "build", "--out", mine)
    assert process.returncode == 2 and "not written by rally-kg export" in process.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
