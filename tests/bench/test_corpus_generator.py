"""The corpus generator writes editions the loader reads whole: recurring people are one resource, ties and
cancellations are loaded as such, and the same seed writes the same corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from loader.pipeline import Build, load_paths
from tests.conftest import run_cli

RALLY = "https://w3id.org/rally-kg/ontology#"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 4, seed=7)


@pytest.fixture(scope="module")
def built(corpus: list[Path]) -> Build:
    return load_paths([corpus[0].parent])


def winners(text: str) -> dict[str, str]:
    """Return each category's winner as the article's final standings print it (position 1), read from the text."""
    found: dict[str, str] = {}
    category = ""
    standings = False
    for line in text.splitlines():
        standings = standings or line == "==Final standings=="
        if standings and line.startswith("==="):
            category = line.strip("=")
        elif standings and line.startswith("| 1 |"):
            cell = line.split("|")[3].strip()
            found[category] = re.sub(r"^[A-Z]{3} ", "", cell)
    return found


def test_every_generated_row_is_loaded_and_no_problem_reported(corpus: list[Path], tmp_path: Path) -> None:
    process = run_cli("build", corpus[0].parent, "--out", tmp_path / "out", "--quiet")
    assert process.returncode == 0, process.stderr
    summary = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert summary["problems"] == []
    rows = summary["coverage"]
    assert rows["rows read"] > 400 and rows["rows loaded"] == rows["rows read"] and rows["rows reported"] == 0


def test_each_edition_is_one_edition_with_its_year(built: Build, corpus: list[Path]) -> None:
    years = {int(p.name[:4]) for p in corpus}
    found = {
        int(r["year"])
        for r in built.dataset.query(f"SELECT ?year WHERE {{ ?e a <{RALLY}Edition> ; <{RALLY}year> ?year }}")  # type: ignore[union-attr]
    }
    assert found == years == {1990, 1991, 1992, 1993}


def test_a_winner_who_comes_back_is_one_person_in_several_editions(built: Build, corpus: list[Path]) -> None:
    names = [name for path in corpus for name in winners(path.read_text(encoding="utf-8")).values()]
    mentions = {name: sum(name in path.read_text(encoding="utf-8") for path in corpus) for name in names}
    name, editions = max(mentions.items(), key=lambda item: item[1])
    assert editions >= 2
    rows = list(
        built.dataset.query(
            f"""SELECT ?person (COUNT(DISTINCT ?e) AS ?n) WHERE {{
                ?person a <{RALLY}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name ; <{RALLY}competedIn> ?e .
                FILTER(STR(?name) = "{name}") }} GROUP BY ?person"""
        )
    )
    assert len(rows) == 1 and int(rows[0][1]) == editions  # type: ignore[index]


def test_the_same_seed_writes_the_same_corpus(corpus: list[Path], tmp_path: Path) -> None:
    again = write_corpus(tmp_path, 4, seed=7)
    assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in corpus]
    assert [p.read_text(encoding="utf-8") for p in write_corpus(tmp_path / "other", 4, seed=8)] != [
        p.read_text(encoding="utf-8") for p in corpus
    ]
