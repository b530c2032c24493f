"""The loader pipeline: article texts in, a dataset of four named graphs and the source's problems out."""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, XSD

import loader
from loader.article import read_article
from loader.checks import check_all
from loader.editions_closure import close_by_edition
from loader.errors import Problem, SourceError
from loader.extract.edition import extract_edition
from loader.inference import close
from loader.layout import sha256
from loader.records import Coverage, EditionRecord
from loader.resolve.entities import resolve
from loader.triples import build_graphs
from loader.validation import SHAPES_PATH, ShapeReport, Shapes, describe_report, load_shapes, validate
from vocabulary.iris import DEFAULT_BASE, GRAPHS, Minter
from vocabulary.namespaces import CC_BY_SA, ONTOLOGY_IRI, RALLY, SCHEMA, SD, VOID

LOADER_DIR = Path(__file__).resolve().parent
ONTOLOGY_PATH = Path(__file__).resolve().parents[1] / "ontology" / "rally.ttl"
BUNDLED_DOCUMENT = Path(__file__).resolve().parents[1] / "data" / "2001_Dakar_Rally.txt"

__all__ = ["Build", "DEFAULT_BASE", "GRAPHS", "load_paths", "load_texts", "BUNDLED_DOCUMENT"]


@dataclass
class Build:
    """A built dataset: its named graphs, the problems found in the sources, and time per phase."""

    graphs: dict[str, Graph]  # short name (vocabulary.iris.GRAPHS) -> the graph
    problems: list[Problem]
    minter: Minter
    timings: dict[str, float] = field(default_factory=dict)
    coverage: dict[str, Coverage] = field(default_factory=dict)  # source path -> rows read and reported
    shapes: ShapeReport | None = None  # the SHACL report (loader.validation)
    shapes_used: Shapes | None = None  # the shapes it was checked against

    def graph(self, name: str) -> Graph:
        """Return one of the named graphs: asserted, inferred, ontology or metadata."""
        if name not in GRAPHS:
            raise KeyError(f"no graph {name!r}; the graphs are {', '.join(GRAPHS)}")
        return self.graphs[name]

    @cached_property
    def dataset(self) -> Dataset:
        """Return the four graphs as one rdflib Dataset under their IRIs, its default graph their union (for queries)."""
        dataset = Dataset(default_union=True)
        for prefix, namespace in self.graphs["asserted"].namespaces():
            dataset.bind(prefix, namespace)
        for name, graph in self.graphs.items():
            target = dataset.graph(self.minter.graph(name))
            for triple in graph:
                target.add(triple)
        return dataset


def load_ontology() -> Graph:
    """Return the ontology graph (ontology/rally.ttl)."""
    graph = Graph(store="SimpleMemory")
    graph.parse(ONTOLOGY_PATH, format="turtle")
    return graph


MAX_ARTICLE_BYTES = 1_000_000  # thirty times the bundled article; the longest real ones are a quarter of this
MAX_BUILD_BYTES = 20_000_000  # the articles of one build together: some four hundred editions


def read_document(path: Path) -> str:
    """Return a document's text; raise SourceError when it cannot be read as UTF-8 text or is too large to be an article."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise SourceError(
                str(path),
                None,
                f"{size:,} bytes: larger than an article can be ({MAX_ARTICLE_BYTES:,} bytes at most; the bundled one has "
                f"{BUNDLED_DOCUMENT.stat().st_size:,}); is it an article?",
            )
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(str(path), None, f"cannot read the file: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(str(path), line, "not UTF-8 text (a binary file or another encoding?)") from None


def load_paths(
    paths: Sequence[Path | str],
    base: str = DEFAULT_BASE,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    shapes: Shapes | None = None,
) -> Build:
    """Return the dataset built from article files and folders of them (the bundled article when `paths` is empty),
    checked against `shapes` (shapes/rally.ttl when None)."""
    files = article_files(paths) or [BUNDLED_DOCUMENT]
    total = sum(f.stat().st_size for f in files if f.is_file())
    if total > MAX_BUILD_BYTES:
        raise SourceError(
            str(files[0].parent),
            None,
            f"{len(files)} articles of {total:,} bytes together: more than one build takes ({MAX_BUILD_BYTES:,} bytes); "
            "build them in parts",
        )
    texts = [(display_path(p), read_document(p)) for p in files]
    return load_texts(texts, base=base, progress=progress, jobs=jobs, shapes=shapes)


def article_files(paths: Sequence[Path | str]) -> list[Path]:
    """Return the article files named: each file as given, each folder's *.txt files in name order.

    Raises SourceError for a folder without any article.
    """
    files: list[Path] = []
    for given in (Path(p) for p in paths):
        if given.is_dir():
            found = sorted(p for p in given.iterdir() if p.suffix == ".txt" and p.is_file())
            if not found:
                raise SourceError(str(given), None, "a folder without articles (no *.txt file in it)")
            files += found
        else:
            files.append(given)
    return files


def fingerprint(files: Sequence[Path], base: str, shapes: Path = SHAPES_PATH) -> dict[str, Any]:
    """Return what a build is made from: each source's name and SHA-256, the ontology's, the shapes', the loader's
    code, the base.

    Two builds with equal fingerprints hold the same dataset (but for the time they were made).
    """
    code = hashlib.sha256()
    for path in sorted(LOADER_DIR.rglob("*")):
        if path.suffix in (".py", ".csv"):
            code.update(path.relative_to(LOADER_DIR).as_posix().encode() + b"\x00" + path.read_bytes())
    return {
        "sources": [{"name": Path(f).name, "sha256": _sha256(Path(f))} for f in files],
        "ontology": _sha256(ONTOLOGY_PATH),
        "shapes": _sha256(shapes),
        "loader": f"{loader.__version__}+{code.hexdigest()[:16]}",
        "base": base,
    }


def _sha256(path: Path) -> str:
    try:
        return sha256(path)
    except OSError as error:
        raise SourceError(str(path), None, f"cannot read the file: {error.strerror or error}") from None


def display_path(path: Path) -> str:
    """Return a path as messages show it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a build makes its millions of small objects.

    They make no cycles worth collecting, but each collection scans them all, more often the more there are: at a
    hundred editions that was a quarter of the build. Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_texts(
    texts: Sequence[tuple[str, str]],
    base: str = DEFAULT_BASE,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    shapes: Shapes | None = None,
) -> Build:
    """Return the dataset built from (path, text) pairs; raise SourceError on text that is not an article.

    `jobs` > 1 closes a corpus of several editions edition by edition in that many processes (loader.editions_closure).
    """
    with collector_paused():
        return _load_texts(texts, base, progress, jobs, shapes)


def _load_texts(
    texts: Sequence[tuple[str, str]], base: str, progress: Callable[[str], None] | None, jobs: int, shapes: Shapes | None
) -> Build:
    say = progress or (lambda _message: None)
    minter = Minter(base)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    began_at = datetime.now(UTC)

    say("parsing")
    editions: list[EditionRecord] = [extract_edition(read_article(text, path)) for path, text in texts]
    _distinct_editions(editions)
    resolution = resolve(editions)
    problems = check_all(resolution)
    asserted, metadata = build_graphs(resolution, minter, problems)
    ontology = load_ontology()
    timings["parse"] = time.perf_counter() - started

    say("inference")
    mark = time.perf_counter()
    inferred = close_by_edition(ontology, asserted, minter, jobs) if jobs > 1 and len(editions) > 1 else None
    if inferred is None:
        inferred = close(ontology, asserted, minter.base)
    timings["inference"] = time.perf_counter() - mark

    graphs = {"asserted": asserted, "inferred": inferred, "ontology": ontology, "metadata": metadata}
    say("validation")
    mark = time.perf_counter()
    shapes = shapes if shapes is not None else load_shapes()
    report = validate(graphs, shapes)
    describe_report(report, metadata, minter)
    timings["validation"] = time.perf_counter() - mark

    build = Build(graphs, problems, minter, timings, {edition.path: edition.coverage for edition in editions}, report, shapes)
    _describe(build, [p for p, _ in texts], began_at)
    return build


def _distinct_editions(editions: list[EditionRecord]) -> None:
    seen: dict[str, str] = {}
    for edition in editions:
        if edition.name in seen:
            raise SourceError(
                edition.path, edition.title_line, f"edition {edition.name!r} is already given by {seen[edition.name]}"
            )
        seen[edition.name] = edition.path


def _describe(build: Build, paths: list[str], began_at: datetime) -> None:
    """Add the dataset description (source, licence, build time, versions, counts) to the metadata graph."""
    m = build.graph("metadata")
    mint = build.minter
    node = mint.build()
    activity = mint.build_activity()
    version = build.graph("ontology").value(ONTOLOGY_IRI, OWL.versionInfo)
    stamp = Literal(began_at.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    m.add((node, RDF.type, VOID.Dataset))
    m.add((node, RDF.type, PROV.Entity))
    m.add((node, DCTERMS.title, Literal("Rally knowledge graph", lang="en")))
    m.add((node, RDFS.label, Literal("Rally knowledge graph")))
    m.add((node, DCTERMS.license, CC_BY_SA))
    m.add((node, DCTERMS.created, stamp))
    m.add((node, PROV.wasGeneratedBy, activity))
    m.add((node, VOID.vocabulary, URIRef(str(RALLY._NS))))
    m.add((activity, RDF.type, PROV.Activity))
    m.add((activity, RDFS.label, Literal(f"build of the dataset, {began_at.isoformat(timespec='seconds')}")))
    m.add((activity, PROV.startedAtTime, stamp))
    m.add((activity, SCHEMA.softwareVersion, Literal(loader.__version__)))
    m.add((activity, PROV.used, ONTOLOGY_IRI))
    if version is not None:
        m.add((activity, OWL.versionInfo, Literal(f"loader {loader.__version__}, ontology {version}")))
    for path in paths:
        name = Path(path).name
        m.add((node, DCTERMS.source, mint.source(name)))
        m.add((activity, PROV.used, mint.source(name)))
    subsets = {name: mint.graph_description(name) for name in GRAPHS}
    for name, subset in subsets.items():
        m.add((node, VOID.subset, subset))
        m.add((subset, RDF.type, VOID.Dataset))
        m.add((subset, RDFS.label, Literal(f"the {name} graph")))
        m.add((subset, SD.name, mint.graph(name)))
    entities = Counter(
        o
        for name in ("asserted", "inferred")
        for o in build.graph(name).objects(None, RDF.type)
        if isinstance(o, URIRef) and str(o).startswith(str(RALLY._NS))
    )
    for klass, count in sorted(entities.items()):
        partition = mint.class_partition(str(klass).removeprefix(str(RALLY._NS)))
        m.add((node, VOID.classPartition, partition))
        m.add((partition, VOID["class"], klass))
        m.add((partition, RDFS.label, Literal(f"resources of class {str(klass).removeprefix(str(RALLY._NS))}")))
        m.add((partition, VOID.entities, Literal(count)))
    counts = {name: len(build.graph(name)) for name in GRAPHS if name != "metadata"}
    # the metadata graph's count includes the count triples themselves (one per graph plus the total)
    counts["metadata"] = len(m) + len(GRAPHS) + 1
    for name, subset in subsets.items():
        m.add((subset, VOID.triples, Literal(counts[name])))
    m.add((node, VOID.triples, Literal(sum(counts.values()))))
