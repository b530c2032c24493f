"""/quality gathers the source problems, the SHACL results and the OWL 2 RL consistency checks, each linked to its
resources and source lines; /shapes serves the shapes the build was checked against. Over a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from tests.conftest import run_cli
from tests.servers import serving

from .support import Site, http_get

ARTICLE = Path(__file__).resolve().parents[3] / "data" / "2001_Dakar_Rally.txt"


def test_the_quality_report_lists_the_problems_of_the_article(site: Site) -> None:
    reply = http_get(site.root + "/quality?format=json")
    assert reply.status == 200 and reply.media_type == "application/json"
    report = json.loads(reply.body)
    # line 312 gives race number 203 to Hiroshi Masuoka; line 71 gave it to Kenjiro Shinozuka
    [conflict] = [p for p in report["source_problems"] if p["code"] == "race-number-conflict"]
    assert {"source": "2001_Dakar_Rally.txt", "line": 312} in conflict["lines"]
    assert "Kenjiro Shinozuka" in conflict["message"] and "Hiroshi Masuoka" in conflict["message"]
    # line 314: "BELJean-Marie Lurquin", no space between the country code and the name
    assert any(
        p["code"] == "missing-space" and {"source": "2001_Dakar_Rally.txt", "line": 314} in p["lines"]
        for p in report["source_problems"]
    )
    assert report["shapes"] == {"checked": True, "violations": 0, "warnings": 0, "results": []}
    assert [c["check"] for c in report["consistency"]] == [
        "owl:Nothing",
        "disjoint classes",
        "same and different",
        "functional literals",
    ]
    assert all(c["consistent"] for c in report["consistency"])


def test_the_quality_page_links_each_problem_to_its_source_line(site: Site) -> None:
    reply = http_get(site.root + "/quality", "text/html")
    assert reply.status == 200 and reply.media_type == "text/html"
    page = reply.body.decode("utf-8")
    assert 'href="/page/source/2001_Dakar_Rally.txt#line=311,312">2001_Dakar_Rally.txt:312</a>' in page
    assert "The graph conforms to every shape." in page


def test_the_shapes_are_served_as_written_and_as_a_page(site: Site) -> None:
    turtle = http_get(site.root + "/shapes", "text/turtle")
    assert turtle.status == 200 and turtle.media_type == "text/turtle"
    assert turtle.body == (Path(__file__).resolve().parents[3] / "shapes" / "rally.ttl").read_bytes()
    triples = list(ox.parse(http_get(site.root + "/shapes.nt").body, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(list(ox.parse(turtle.body, format=ox.RdfFormat.TURTLE))) > 300
    page = http_get(site.root + "/shapes", "text/html").body.decode("utf-8")
    assert '<section id="Result">' in page and "a result has exactly one position, a whole number from 1" in page


def test_an_article_without_a_stage_row_gets_warnings_on_its_quality_page(tmp_path: Path) -> None:
    """The stage table's row of stage 5 (line 28) removed: the results still name stage 5, which the table lacks."""
    lines = ARTICLE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[27].startswith("| 5 | 5 January |")
    article = tmp_path / "2001_Dakar_Rally.txt"
    article.write_text("".join(lines[:27] + lines[28:]), encoding="utf-8")
    built = run_cli("build", article, "--out", tmp_path / "build")
    assert built.returncode == 0, built.stderr
    with serving(tmp_path / "build", tmp_path / "serve.log") as (root, _):
        report = json.loads(http_get(root + "/quality?format=json").body)
        found = {(r["severity"], r["focus"].rsplit("/id/", 1)[-1], r["message"]) for r in report["shapes"]["results"]}
        stage_5 = "edition/2001-dakar-rally/stage/5"
        assert ("warning", stage_5, "a stage belongs to exactly one edition") in found
        assert ("warning", stage_5, "named in the article but never described there (no label)") in found
        for category in ("cars", "motorcycles", "trucks"):
            assert ("warning", f"{stage_5}/{category}", "a stage classification names its winner") in found
        assert report["shapes"]["violations"] == 0
        page = http_get(root + "/quality", "text/html").body.decode("utf-8")
        assert '<tr class="warning">' in page and 'href="/shapes#StageClassification"' in page
