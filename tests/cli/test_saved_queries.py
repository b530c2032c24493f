"""`rally-kg query --saved NAME --param KEY=VALUE`: the same answers as the web API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.endpoint.support import Get
from tests.replies import csv_rows, json_rows

if TYPE_CHECKING:
    from tests.conftest import Cli


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("stage-winners", {"stage": "7", "category": "cars"}),
        ("standings", {"category": "bikes"}),
        ("crew", {"number": "425"}),
        ("people-by-country", {"country": "Germany"}),
        ("describe", {"iri": "Karel Loprais"}),
    ],
)
def test_the_command_line_answers_as_the_api(cli: Cli, built: Path, get: Get, name: str, params: dict[str, str]) -> None:
    args = [f"{k}={v}" for k, v in params.items()]
    done = cli("query", "--saved", name, *[a for arg in args for a in ("--param", arg)], "--data", built, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json_rows(done.stdout.encode()) == get(f"/queries/{name}", params).values()
    assert json.loads(done.stdout)["head"] == json.loads(get(f"/queries/{name}", params).body)["head"]


def test_the_command_line_prints_a_table_and_csv(cli: Cli, built: Path, get: Get) -> None:
    table = cli("query", "--saved", "stage-winners", "--param", "stage=7", "--data", built)
    assert table.returncode == 0, table.stderr
    assert "Hiroshi Masuoka" in table.stdout and table.stdout.rstrip().endswith("(3 rows)")
    done = cli("query", "--saved", "standings", "--param", "category=trucks", "--data", built, "--format", "csv")
    assert csv_rows(done.stdout) == csv_rows(get("/queries/standings", {"category": "trucks", "format": "csv"}).text)


def test_the_command_line_pages_like_the_api_and_says_how_to_go_on(cli: Cli, built: Path) -> None:
    done = cli(
        "query", "--saved", "standings", "--param", "category=bikes", "--param", "limit=3", "--data", built, "--format", "csv"
    )
    assert [r["driver"] for r in csv_rows(done.stdout)] == ["Fabrizio Meoni", "Jordi Arcarons", "Carlo de Gavardo"]
    assert "--param offset=3" in done.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--saved", "who-won"], "no saved query 'who-won'"),
        (["--saved", "stage-winners"], "parameter 'stage': missing"),
        (["--saved", "stage-winners", "--param", "stage=7 } UNION { ?s ?p ?o"], "parameter 'stage': expected an integer"),
        (["--saved", "crew", "--param", "number"], "expected KEY=VALUE"),
    ],
)
def test_the_command_line_refuses_a_bad_call_with_status_2(cli: Cli, built: Path, args: list[str], says: str) -> None:
    done = cli("query", *args, "--data", built)
    assert done.returncode == 2
    assert says in done.stderr
