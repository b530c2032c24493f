"""The `rally-kg` command line, run as a separate process: `build` into a directory, `query` over it."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pyparsing import ParseException
from rdflib import Dataset, URIRef
from rdflib.plugins.sparql import prepareQuery

from tests.conftest import ATLAS_DOCUMENT, DOCUMENT, TEST_DATA, run_cli

if TYPE_CHECKING:
    from tests.conftest import Cli, CliBuild

BASE = "http://127.0.0.1:5000/id/"  # loader.pipeline.DEFAULT_BASE
GRAPHS = ("asserted", "inferred", "ontology", "metadata")

STAGE_COUNT_QUERY = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
SELECT (COUNT(DISTINCT ?stage) AS ?stages) WHERE { ?stage a rally:Stage }"""

EDITIONS_QUERY = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?edition ?label WHERE { ?stage a rally:Stage ; rally:edition ?edition . ?edition rdfs:label ?label }
ORDER BY ?label"""

MALFORMED_QUERY = "SELECT ?stage WHERE { ?stage a }"


@pytest.mark.parametrize("query", [STAGE_COUNT_QUERY, EDITIONS_QUERY])
def test_queries_of_this_module_parse(query: str) -> None:
    prepareQuery(query)


def test_malformed_query_of_this_module_does_not_parse() -> None:
    with pytest.raises(ParseException):
        prepareQuery(MALFORMED_QUERY)


def numbers(text: str) -> set[int]:
    """Return the whole numbers written in `text`, read with or without thousands separators."""
    return {int(re.sub(r"[,_\u202f\u00a0']", "", n)) for n in re.findall(r"\d[\d,_\u202f\u00a0']*", text)}


def lines_with(text: str, word: str) -> list[str]:
    """Return the lines of `text` that mention `word` (any case)."""
    return [line for line in text.splitlines() if word.lower() in line.lower()]


@pytest.fixture(scope="module")
def build_run(bundled_build: CliBuild) -> CliBuild:
    """The session's build of the bundled document, checked to have succeeded."""
    process = bundled_build.process
    assert process.returncode == 0, f"rally-kg build failed ({process.returncode}):\n{process.stderr}"
    return bundled_build


def parse_trig(path: Path) -> Dataset:
    """Return a TriG file parsed with rdflib (whose TriG parser itself warns that ConjunctiveGraph is deprecated)."""
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        dataset.parse(path, format="trig")
    return dataset


@pytest.fixture(scope="module")
def trig(build_run: CliBuild) -> Dataset:
    """The TriG file of the session's build, parsed back."""
    return parse_trig(build_run.out / "dataset.trig")


def graph_sizes(dataset: Dataset) -> dict[str, int]:
    """Return the number of triples of each named graph of a parsed dataset, by graph IRI."""
    return {str(graph.identifier): len(graph) for graph in dataset.graphs() if len(graph)}


# --- build ------------------------------------------------------------------------------------


def test_build_of_bundled_document_exits_0_without_error_output(build_run: CliBuild) -> None:
    assert build_run.process.returncode == 0
    assert "Traceback" not in build_run.process.stderr


def test_build_writes_trig_nquads_and_build_json(build_run: CliBuild) -> None:
    for name in ("dataset.trig", "dataset.nq", "build.json"):
        assert (build_run.out / name).is_file(), name
        assert (build_run.out / name).stat().st_size > 0, name


def test_build_output_has_the_four_named_graphs_none_empty(trig: Dataset) -> None:
    sizes = graph_sizes(trig)
    for name in GRAPHS:
        assert sizes.get(BASE + f"graph/{name}", 0) > 0, (name, sizes)


def test_nquads_output_holds_the_same_graphs_as_trig(build_run: CliBuild, trig: Dataset) -> None:
    quads = Dataset()
    quads.parse(build_run.out / "dataset.nq", format="nquads")
    assert graph_sizes(quads) == graph_sizes(trig)


def test_build_json_is_json_with_the_problems_found(build_run: CliBuild) -> None:
    summary: dict[str, Any] = json.loads((build_run.out / "build.json").read_text(encoding="utf-8"))
    problems = summary["problems"]
    assert isinstance(problems, list) and problems  # the bundled article has known flaws
    assert all(str(p["line"]).isdigit() or p["line"] is None for p in problems)


def test_build_json_gives_the_triple_count_of_each_graph(build_run: CliBuild, trig: Dataset) -> None:
    summary: Any = json.loads((build_run.out / "build.json").read_text(encoding="utf-8"))

    def integers(value: Any) -> set[int]:
        if isinstance(value, dict):
            return set().union(*(integers(v) for v in value.values()))
        if isinstance(value, list):
            return set().union(*(integers(v) for v in value))
        return {value} if isinstance(value, int) and not isinstance(value, bool) else set()

    sizes = graph_sizes(trig)
    assert {sizes[BASE + f"graph/{name}"] for name in GRAPHS} <= integers(summary)


def test_summary_gives_the_triple_count_of_each_graph(build_run: CliBuild, trig: Dataset) -> None:
    sizes = graph_sizes(trig)
    for name in GRAPHS:
        count = sizes[BASE + f"graph/{name}"]
        assert any(count in numbers(line) for line in lines_with(build_run.process.stdout, name)), (name, count)


def test_summary_gives_the_number_of_problems_in_the_source(build_run: CliBuild) -> None:
    summary: dict[str, Any] = json.loads((build_run.out / "build.json").read_text(encoding="utf-8"))
    count = len(summary["problems"])
    assert any(count in numbers(line) for line in lines_with(build_run.process.stdout, "problem")), build_run.process.stdout


def test_summary_gives_the_number_of_stages(build_run: CliBuild) -> None:
    assert any(re.search(r"\bStage\b\D*\b20\b", line) for line in build_run.process.stdout.splitlines()), build_run.process.stdout


# --- query ------------------------------------------------------------------------------------


def test_query_prints_stage_count_as_table(build_run: CliBuild, cli: Cli) -> None:
    process = cli("query", STAGE_COUNT_QUERY, "--data", build_run.out, "--format", "table")
    assert process.returncode == 0, process.stderr
    assert "stages" in process.stdout
    assert any(line.split() == ["20"] for line in process.stdout.splitlines()), process.stdout


def test_query_table_is_the_default_format(build_run: CliBuild, cli: Cli) -> None:
    process = cli("query", STAGE_COUNT_QUERY, "--data", build_run.out)
    assert process.returncode == 0, process.stderr
    assert any(line.split() == ["20"] for line in process.stdout.splitlines()), process.stdout


def test_query_prints_stage_count_as_csv(build_run: CliBuild, cli: Cli) -> None:
    process = cli("query", STAGE_COUNT_QUERY, "--data", build_run.out, "--format", "csv")
    assert process.returncode == 0, process.stderr
    assert list(csv.DictReader(io.StringIO(process.stdout))) == [{"stages": "20"}]


def test_query_prints_stage_count_as_sparql_json(build_run: CliBuild, cli: Cli) -> None:
    process = cli("query", STAGE_COUNT_QUERY, "--data", build_run.out, "--format", "json")
    assert process.returncode == 0, process.stderr
    answer = json.loads(process.stdout)
    assert answer["head"]["vars"] == ["stages"]
    (binding,) = answer["results"]["bindings"]
    assert int(binding["stages"]["value"]) == 20


def test_query_reads_the_query_from_a_file(build_run: CliBuild, cli: Cli, tmp_path: Path) -> None:
    query = tmp_path / "stages.rq"
    query.write_text(STAGE_COUNT_QUERY, encoding="utf-8")
    process = cli("query", "-f", query, "--data", build_run.out, "--format", "csv")
    assert process.returncode == 0, process.stderr
    assert list(csv.DictReader(io.StringIO(process.stdout))) == [{"stages": "20"}]


def test_malformed_query_exits_2_with_the_parsers_message(build_run: CliBuild, cli: Cli) -> None:
    process = cli("query", MALFORMED_QUERY, "--data", build_run.out)
    assert process.returncode == 2, (process.stdout, process.stderr)
    assert "Traceback" not in process.stderr
    message = process.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "query" in message.lower() and any(w in message.lower() for w in ("malformed", "expected", "syntax", "parse"))


def test_malformed_query_in_a_file_names_the_file(build_run: CliBuild, cli: Cli, tmp_path: Path) -> None:
    query = tmp_path / "broken.rq"
    query.write_text(MALFORMED_QUERY, encoding="utf-8")
    process = cli("query", "-f", query, "--data", build_run.out)
    assert process.returncode == 2, (process.stdout, process.stderr)
    assert "Traceback" not in process.stderr
    assert query.name in process.stderr


def test_query_without_a_build_exits_2(tmp_path: Path, cli: Cli) -> None:
    process = cli("query", STAGE_COUNT_QUERY, "--data", tmp_path / "nothing")
    assert process.returncode == 2, (process.stdout, process.stderr)
    assert "Traceback" not in process.stderr


# --- build of several documents under another base --------------------------------------------


def test_build_of_two_documents_under_another_base_gives_two_editions(tmp_path: Path, cli: Cli) -> None:
    base = "http://example.org/rally/"
    out = tmp_path / "two"
    process = cli("build", DOCUMENT, ATLAS_DOCUMENT, "--out", out, "--base", base)
    assert process.returncode == 0, process.stderr

    dataset = parse_trig(out / "dataset.trig")
    assert {base + f"graph/{name}" for name in GRAPHS} <= set(graph_sizes(dataset))

    answer = cli("query", EDITIONS_QUERY, "--data", out, "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert list(csv.DictReader(io.StringIO(answer.stdout))) == [
        {"edition": base + "edition/2001-dakar-rally", "label": "2001 Dakar Rally"},
        {"edition": base + "edition/2005-atlas-rally", "label": "2005 Atlas Rally"},
    ]
    count = cli("query", STAGE_COUNT_QUERY, "--data", out, "--format", "json")
    assert int(json.loads(count.stdout)["results"]["bindings"][0]["stages"]["value"]) == 26
    assert any(dataset.quads((URIRef(base + "edition/2005-atlas-rally/stage/6"), None, None, None)))


@pytest.mark.parametrize("value", ["0", "two", "65"])
def test_jobs_must_be_a_whole_number_of_processes(tmp_path: Path, value: str) -> None:
    process = run_cli("build", "--jobs", value, "--out", tmp_path / "out")
    assert process.returncode == 2
    assert "--jobs" in process.stderr and "Traceback" not in process.stderr
    assert not (tmp_path / "out").exists()


def test_a_corpus_built_with_two_jobs_is_the_corpus_built_with_one(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("2005_Test_Rally.txt", "2006_Test_Rally.txt"):
        (folder / name).write_bytes((TEST_DATA / name).read_bytes())
    for jobs in ("1", "2"):
        assert run_cli("build", folder, "--out", tmp_path / f"out-{jobs}", "--jobs", jobs, "--quiet").returncode == 0
    inferred = [
        sorted(
            line
            for line in (tmp_path / f"out-{jobs}" / "dataset.nq").read_text(encoding="utf-8").splitlines()
            if "/graph/inferred>" in line
        )
        for jobs in ("1", "2")
    ]
    assert inferred[0] and inferred[0] == inferred[1]
