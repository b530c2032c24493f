"""`rally-kg export`: the whole site as files, browsable and dereferenceable without the server.

The app renders every page and document (through Flask's test client, exactly as it serves them): the home
page, a page and three data documents (Turtle, JSON-LD, N-Triples) per resource, the class listings, the ontology
and the shapes (page and RDF), the quality report, each edition's story, the saved queries' pages and their
answers for their examples (HTML, JSON, CSV), VoID, the dumps and the static files. Each IRI `{base}rest` gets
`id/rest/index.html`, which sends a browser on to the resource's page; data clients need the content-negotiation
rule of docs/static-export.md on the web server. Links between exported files are made relative, so the copy
works from any folder of any static host (`python -m http.server`); a link to what only the live server can do
(the SPARQL endpoint, the editor, search, explanations) is kept as text, without its href.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import queue
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from flask import Flask

from endpoint.app import create_app
from endpoint.core.executor import Deadline
from endpoint.core.lookup import select, text
from endpoint.core.service import Service, Session
from endpoint.saved.current import registry as saved_registry
from endpoint.web.display import SUFFIXES, data_path, local_path, page_path

DATA_FORMATS = ("turtle", "jsonld", "ntriples")  # data documents written per resource
RESOURCES = """\
SELECT DISTINCT ?item WHERE { GRAPH ?g { ?item ?p ?o } FILTER(isIRI(?item) && STRSTARTS(STR(?item), ?base)) }"""
EDITIONS = "SELECT ?edition WHERE { ?edition a rally:CoveredEdition } ORDER BY ?edition"
CLASSES = "SELECT DISTINCT ?class WHERE { ?item a ?class . FILTER(STRSTARTS(STR(?class), STR(rally:))) } ORDER BY ?class"
MARK = ".rally-kg-export"  # in a folder export wrote: what may be replaced by the next export
SAFE = "/:@!$&'()*+,;=-._~%"  # kept as they are in a relative link (quote() escapes the rest)
_LINK = re.compile(r"""(?P<attr>\s(?:href|src|action))="(?P<url>[^"]*)\"""")


class ExportError(Exception):
    """The output folder may not or cannot be written; the message says which and why."""


@dataclass(frozen=True)
class Entry:
    """One file of the export: the URL the app answers and the media type asked for."""

    url: str  # path and query, as the app is asked
    file: str  # path under the output folder
    accept: str


@dataclass
class Exported:
    """What an export wrote."""

    files: int = 0
    pages: int = 0
    resources: int = 0
    links_dropped: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)  # URLs the app did not answer with 200


def plan(app: Flask) -> list[Entry]:
    """Return every file of the export, the resource pages and documents included."""
    session = _session(app)
    base = session.dataset.base
    html, json_, csv = "text/html", "application/json", "text/csv"
    entries = [Entry("/", "index.html", html)]
    entries += [Entry(f"/static/{name}", f"static/{name}", "*/*") for name in _static_files(app)]
    entries += [Entry("/ontology", "ontology.html", html), Entry("/shapes", "shapes.html", html)]
    for suffix in (SUFFIXES[fmt] for fmt in DATA_FORMATS):  # the suffix names the format
        entries += [Entry(f"/{name}.{suffix}", f"{name}.{suffix}", "*/*") for name in ("ontology", "shapes")]
    entries += [
        Entry("/quality", "quality.html", html),
        Entry("/quality?format=json", "quality.json", json_),
        Entry("/.well-known/void?format=turtle", ".well-known/void.ttl", "text/turtle"),
        Entry("/dump/dataset.nq", "dump/dataset.nq", "application/n-quads"),
        Entry("/dump/dataset.trig", "dump/dataset.trig", "application/trig"),
        Entry("/queries", "queries.html", html),
    ]
    for name, example in _saved_examples(app):
        given = f"?{example}&" if example else "?"
        entries += [
            Entry(f"/saved/{name}", f"saved/{name}.html", html),
            Entry(f"/queries/{name}{given.rstrip('&?')}", f"queries/{name}.json", "application/sparql-results+json"),
            Entry(f"/queries/{name}{given}format=csv", f"queries/{name}.csv", csv),
        ]
    for row in select(session, EDITIONS):
        rest = local_path(text(row, "edition"), base)
        if rest is not None and rest.startswith("edition/"):
            slug = rest.removeprefix("edition/")
            entries.append(Entry(f"/story/{quote(slug)}", f"story/{slug}.html", html))
    for row in select(session, CLASSES):
        name = text(row, "class").rsplit("#", 1)[-1]
        entries.append(Entry(f"/browse/{name}", f"browse/{name}.html", html))
    for rest in resources(app):
        entries.append(Entry(page_path(rest), f"page/{rest}.html", html))
        entries += [Entry(data_path(rest, fmt), data_path(rest, fmt).lstrip("/"), "*/*") for fmt in DATA_FORMATS]
        entries.append(Entry(f"/id/{rest}", f"id/{rest}/index.html", html))
    return entries


def resources(app: Flask) -> list[str]:
    """Return the paths under the base of every resource the data describes (hash IRIs: their document's path)."""
    session = _session(app)
    base = session.dataset.base
    rows = select(session, RESOURCES.replace("?base", f'"{base}"'), named=("asserted", "inferred", "metadata"))
    found = {text(row, "item").removeprefix(base).split("#", 1)[0] for row in rows}
    return sorted(rest for rest in found if rest and not rest.endswith("/") and ".." not in rest.split("/"))


def export_site(config: dict[str, Any], out: Path, progress: Callable[[int, int], None] | None = None, jobs: int = 1) -> Exported:
    """Write the site of the app made with `config` into `out` (made whole in a new folder, then put in place), the
    files rendered by `jobs` processes, each with an app of its own; return what was written."""
    started = time.perf_counter()
    _check_output(out)
    staging = out.parent / f".{out.name}.export-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARK).write_text("written by rally-kg export; replaced whole by the next export\n", encoding="utf-8")
    done = Exported()
    workers: list[Any] = []
    try:
        app = create_app(config)
        try:
            entries = plan(app)
        finally:
            app.extensions["rally"].close()
        files = {_key(e.url): e.file for e in entries}
        context = multiprocessing.get_context("fork")
        reports: Any = context.Queue()
        workers = [
            context.Process(target=_work, args=(config, staging, files, entries[index::jobs], reports))
            for index in range(max(1, jobs))
        ]
        for worker in workers:
            worker.start()
        running = len(workers)
        written = 0
        while running:
            try:
                part = reports.get(timeout=5)
            except queue.Empty:
                ended = [w for w in workers if w.exitcode not in (None, 0)]
                if ended:  # killed (out of memory, a signal) before it could say it was done
                    raise ExportError(f"a process rendering the export ended with status {ended[0].exitcode}") from None
                continue
            if part is None:
                running -= 1
                continue
            written += part.files + len(part.failed)
            done.files += part.files
            done.pages += part.pages
            done.links_dropped += part.links_dropped
            done.failed += part.failed
            if progress is not None:
                progress(written, len(entries))
        for worker in workers:
            worker.join()
            if worker.exitcode != 0:
                raise ExportError(f"a process rendering the export ended with status {worker.exitcode}")
        done.resources = sum(1 for e in entries if e.url.startswith("/id/"))
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        _stop(workers)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    done.failed.sort()
    done.seconds = time.perf_counter() - started
    return done


CHUNK = 50  # files a worker renders before it reports


def _stop(workers: list[Any]) -> None:
    """Stop the rendering processes and what they started (each leads a process group of its own)."""
    for worker in workers:
        if worker.pid is not None:
            try:
                os.killpg(worker.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    for worker in workers:
        if worker.pid is not None:
            worker.join(timeout=5)


def _work(config: dict[str, Any], staging: Path, files: dict[str, str], entries: list[Entry], reports: Any) -> None:
    """Render and write some files of the export with an app of this process's own, reporting every CHUNK files.

    The process leads a group of its own, with the query process its app forks, so that the export can stop both.
    """
    os.setpgrp()
    app = create_app(config)
    try:
        for start in range(0, len(entries), CHUNK):
            reports.put(_render(app, staging, files, entries[start : start + CHUNK]))
    finally:
        app.extensions["rally"].close()
        reports.put(None)


def _render(app: Flask, staging: Path, files: dict[str, str], entries: list[Entry]) -> Exported:
    """Render and write some files of the export."""
    done = Exported()
    client = app.test_client()
    for entry in entries:
        target = staging / entry.file
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.url.startswith("/id/"):
            target.write_text(_redirect_page(entry, files), encoding="utf-8")
            done.files += 1
            continue
        response = client.get(entry.url, headers={"Accept": entry.accept})
        if response.status_code != 200:
            done.failed.append(f"{entry.url}: HTTP {response.status_code}")
            continue
        body = response.get_data()
        if response.mimetype == "text/html":
            page, dropped = relink(body.decode("utf-8"), entry.file, files)
            body = page.encode("utf-8")
            done.links_dropped += dropped
            done.pages += 1
        target.write_bytes(body)
        done.files += 1
    return done


def relink(page: str, file: str, files: dict[str, str]) -> tuple[str, int]:
    """Return a page with its links to exported files made relative to `file`, and how many links it lost (those to
    what only the live server answers: kept as text).

    >>> relink('<a href="/page/x#y">x</a> <a href="/sparql">q</a>', "page/a/b.html", {"/page/x": "page/x.html"})
    ('<a href="../x.html#y">x</a> <a data-live-only="/sparql">q</a>', 1)
    """
    dropped = 0
    here = posixpath.dirname(file)

    def replace(match: re.Match[str]) -> str:
        nonlocal dropped
        url = match.group("url").replace("&amp;", "&")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return match.group(0)
        target = files.get(_key(parts.path + (f"?{parts.query}" if parts.query else "")))
        if target is None:
            dropped += 1
            return f' data-live-only="{match.group("url")}"'
        relative = quote(posixpath.relpath(target, here or "."), safe=SAFE)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match.group("attr")}="{relative}{fragment}"'

    return _LINK.sub(replace, page), dropped


def _redirect_page(entry: Entry, files: dict[str, str]) -> str:
    """Return the page an IRI's folder holds: it sends a browser on to the resource's page, and says where the data is."""
    rest = entry.url.removeprefix("/id/")
    here = posixpath.dirname(entry.file)
    page = posixpath.relpath(files[_key(page_path(rest))], here)
    data = {fmt: posixpath.relpath(files[_key(data_path(rest, fmt))], here) for fmt in DATA_FORMATS}
    links = " · ".join(f'<a href="{quote(path)}">{fmt}</a>' for fmt, path in data.items())
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={quote(page)}"><title>{rest}</title>'
        f'<link rel="alternate" type="text/turtle" href="{quote(data["turtle"])}"></head>'
        f'<body><p>See <a href="{quote(page)}">the page of {rest}</a>; its data: {links}.</p></body></html>\n'
    )


def _key(url: str) -> str:
    return unquote(url)


def _static_files(app: Flask) -> Iterator[str]:
    folder = Path(app.static_folder or "")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix()


def _session(app: Flask) -> Session:
    """Return a session of the app's service for the export's own lookups (under the service's time limit)."""
    service: Service = app.extensions["rally"]
    return Session(service, Deadline.after(service.limits.timeout, None))


def _saved_examples(app: Flask) -> list[tuple[str, str]]:
    """Return each saved query's name and the query string of its example (the one its page shows)."""
    with app.app_context():
        found = saved_registry()
        if found is None:
            return []
        return [(name, urlencode(found.example(query))) for name, query in sorted(found.queries.items())]


def _check_output(out: Path) -> None:
    """Refuse a folder that holds anything but a previous export: nothing of the user's is ever deleted."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARK).is_file())):
        raise ExportError(
            f"--out {out}: not empty and not written by rally-kg export (no {MARK} in it); give a new or empty folder"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"--out {out}: cannot create its parent folder: {error.strerror or error}") from None
