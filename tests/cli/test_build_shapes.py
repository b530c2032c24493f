"""`rally-kg build` checks the graph against SHACL shapes: it reports every result (printed, in build.json, in the
metadata graph), fails only on a sh:Violation, with where in the article and what, and leaves the previous build as
it was; `--shapes FILE` checks against a publisher's own shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from tests.conftest import run_cli
from tests.servers import ROOT

ARTICLE = ROOT / "tests" / "data" / "2005_Test_Rally.txt"
# Every person of the 2005 article has a country but Jutta Kleinschmidt is German: "no German drivers" is broken once
NO_GERMANS = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rally: <https://w3id.org/rally-kg/ontology#> .
<urn:shape:NoGermans> a sh:NodeShape ;
    sh:targetClass rally:Person ;
    sh:property [ sh:path rally:countryForSport ; sh:not [ sh:hasValue <http://127.0.0.1:5000/id/country/DEU> ] ;
                  sh:severity sh:SEVERITY ; sh:message "no German drivers here"@en ] .
"""


def shapes_file(tmp_path: Path, severity: str) -> Path:
    path = tmp_path / f"shapes-{severity}.ttl"
    path.write_text(NO_GERMANS.replace("SEVERITY", severity), encoding="utf-8")
    return path


def test_the_build_reports_the_shapes_it_checked_and_that_the_graph_conforms(tmp_path: Path) -> None:
    process = run_cli("build", ARTICLE, "--out", tmp_path / "out")
    assert process.returncode == 0, process.stderr
    assert "SHACL (shapes/rally.ttl, " in process.stdout and ": 0 violations, 0 warnings" in process.stdout
    shapes = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))["shapes"]
    assert shapes["conforms"] is True and shapes["violation"] == shapes["warning"] == 0 and shapes["shapes"] >= 20


def test_a_warning_is_reported_everywhere_and_the_build_goes_on(tmp_path: Path) -> None:
    process = run_cli("build", ARTICLE, "--out", tmp_path / "out", "--shapes", shapes_file(tmp_path, "Warning"))
    assert process.returncode == 0, process.stderr
    assert f"SHACL ({tmp_path / 'shapes-Warning.ttl'}, 1 shapes): 0 violations, 1 warnings" in process.stdout
    assert "  2005_Test_Rally.txt:8, " in process.stdout and "[warning] no German drivers here" in process.stdout
    shapes = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))["shapes"]
    [result] = shapes["results"]
    assert result["focus"] == "http://127.0.0.1:5000/id/person/jutta-kleinschmidt" and result["severity"] == "warning"
    assert {"source": "2005_Test_Rally.txt", "line": 8} in result["lines"]
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    query = """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?focus ?severity WHERE { GRAPH ?g { ?report a sh:ValidationReport ; sh:conforms false ;
            sh:result [ sh:focusNode ?focus ; sh:resultSeverity ?severity ] } }"""
    rows = [(r["focus"].value, r["severity"].value) for r in store.query(query)]  # type: ignore[union-attr]
    assert rows == [("http://127.0.0.1:5000/id/person/jutta-kleinschmidt", "http://www.w3.org/ns/shacl#Warning")]


def test_a_violation_fails_the_build_saying_where_and_leaves_the_previous_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", ARTICLE, "--out", out).returncode == 0
    before = (out / "build.json").read_bytes()
    process = run_cli("build", ARTICLE, "--out", out, "--shapes", shapes_file(tmp_path, "Violation"))
    assert process.returncode == 1
    assert "breaks 1 fatal SHACL constraint(s)" in process.stderr and "nothing was written" in process.stderr
    assert "  2005_Test_Rally.txt:8, " in process.stderr  # Driver1: GER Jutta Kleinschmidt, and her results
    assert "<http://127.0.0.1:5000/id/person/jutta-kleinschmidt>" in process.stderr and "shapes-Violation.ttl" in process.stderr
    assert "no German drivers here" in process.stderr and "Traceback" not in process.stderr
    assert (out / "build.json").read_bytes() == before


def test_a_shapes_file_that_is_not_turtle_is_one_line_saying_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path [ .\n", encoding="utf-8")
    process = run_cli("build", ARTICLE, "--out", tmp_path / "out", "--shapes", bad)
    assert process.returncode == 2
    assert process.stderr.startswith(f"rally-kg: error: --shapes {bad}: not Turtle") and "Traceback" not in process.stderr
    assert not (tmp_path / "out").exists()
