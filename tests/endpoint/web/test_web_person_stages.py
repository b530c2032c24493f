"""A person's page shows each of their entries stage by stage: place, time and gap on the stage and in the general
classification after it, one table per edition. Jutta Kleinschmidt drove in both test articles (2005 and 2006
Atlas Rally, cars); the figures are read off their tables by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import run_cli
from tests.servers import ROOT, serving

from .support import http_get


@pytest.fixture(scope="module")
def jutta(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("two-editions")
    articles = [ROOT / "tests" / "data" / f"{year}_Test_Rally.txt" for year in (2005, 2006)]
    assert run_cli("build", *articles, "--out", scratch / "build", "--quiet").returncode == 0
    with serving(scratch / "build", scratch / "serve.log") as (root, _):
        yield http_get(root + "/page/person/jutta-kleinschmidt", "text/html").body.decode("utf-8")


def rows(page: str, table: str) -> dict[str, list[str]]:
    """The rows of one stage-by-stage table, by stage number: the six cells after it."""

    body = page.split(f'id="{table}"')[1].split("</table>")[0]
    found = {}
    for row in re.findall(r"<tr[^>]*><th scope=\"row\">(\d+)</th>(.*?)</tr>", body, re.S):
        found[row[0]] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
    return found


def test_each_edition_has_its_own_stage_by_stage_table(jutta: str) -> None:
    assert "2005 Atlas Rally, Cars, #200: stage by stage" in jutta
    assert "2006 Atlas Rally, Cars, #201: stage by stage" in jutta
    assert jutta.count('class="data results stage-by-stage"') == 2


def test_the_2005_table_reads_as_the_article(jutta: str) -> None:
    stages = rows(jutta, "stages-1")
    assert stages["2"] == ["1", "2:41:08", "", "1", "2:50:39", ""]  # line 80
    assert stages["3"] == ["3", "4:12:33", "+0:05:15", "2", "7:03:12", "+0:02:35"]  # lines 84-85
    assert stages["4"] == ["1", "3:35:20", "", "1", "10:38:32", ""]  # line 86


def test_the_2006_table_reads_as_the_article(jutta: str) -> None:
    assert rows(jutta, "stages-2")["2"] == ["1", "2:37:04", "", "1", "2:37:04", ""]  # line 112
