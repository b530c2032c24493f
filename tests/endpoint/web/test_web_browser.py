"""A real browser (headless Debian Chromium, driven by Playwright) on a real server.

Each test saves a screenshot under tests/web/artifacts/. Expected answers are read off
data/2001_Dakar_Rally.txt by hand: Jutta Kleinschmidt is German (DEU) and drove Mitsubishi #205;
Hiroshi Masuoka won the cars' stage 7 and led the cars after stage 10, ahead of Jean-Louis Schlesser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .support import Site

STAGE_7_WINNER = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?winner ?person WHERE {
  ?c rally:classifiedStage/rally:stageNumber 7 ;
     rally:category/rdfs:label "Cars" ;
     rally:stageWinner ?person .
  ?person rdfs:label ?winner .
}"""


def test_from_the_home_page_to_a_person(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.root + "/")
    assert page.title().startswith("Home")
    page.get_by_role("link", name="Jutta Kleinschmidt", exact=True).click()
    page.wait_for_url(f"{site.root}/page/person/jutta-kleinschmidt")
    assert page.locator("h1").inner_text() == "Jutta Kleinschmidt"
    entry = page.locator("#entries-table tbody tr").first
    assert entry.locator("td").nth(2).inner_text() == "205"
    assert entry.locator("td").nth(4).inner_text() == "Mitsubishi"
    page.get_by_role("link", name="Germany").first.click()
    page.wait_for_url(f"{site.root}/page/country/DEU")
    assert page.locator("h1").inner_text() == "Germany"
    page.screenshot(path=str(artifacts / "person-to-country.png"), full_page=True)


def test_a_resource_iri_opened_in_the_browser_shows_its_page(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.iri("source/2001_Dakar_Rally.txt#line=71,72"))
    assert page.url == f"{site.root}/page/source/2001_Dakar_Rally.txt#line=71,72"
    line = page.locator('[id="line=71,72"]')
    assert "- 205 Jutta Kleinschmidt" in line.inner_text()
    line.screenshot(path=str(artifacts / "source-line.png"))


def test_running_a_query_in_the_editor(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.root + "/editor")
    page.fill("#query", STAGE_7_WINNER)
    page.click("#run")
    page.wait_for_selector("#results")
    cells = page.locator("#results tbody tr td")
    assert cells.nth(0).inner_text() == "Hiroshi Masuoka"
    page.screenshot(path=str(artifacts / "editor-results.png"), full_page=True)
    page.locator("#results").get_by_role("link", name="person/hiroshi-masuoka").click()
    page.wait_for_url(f"{site.root}/page/person/hiroshi-masuoka")


def test_ctrl_enter_runs_the_query_and_errors_show_where(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.root + "/editor")
    page.fill("#query", "SELECT ?x\nWHERE {\n  ?x ?y }")
    page.press("#query", "Control+Enter")
    page.wait_for_selector("#query-error")
    assert "At line 3" in page.locator("#query-error").inner_text()
    page.screenshot(path=str(artifacts / "editor-error.png"), full_page=True)


def test_the_editor_works_with_javascript_off(site: Site, page_without_js: Any, artifacts: Path) -> None:
    page_without_js.goto(site.root + "/editor")
    page_without_js.fill("#query", STAGE_7_WINNER)
    page_without_js.click("#run")
    page_without_js.wait_for_selector("#results")
    assert page_without_js.locator("#results tbody tr td").nth(0).inner_text() == "Hiroshi Masuoka"
    page_without_js.screenshot(path=str(artifacts / "editor-without-javascript.png"))


def test_submitting_a_saved_query_form(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.root + "/saved/standings")
    page.select_option("#param-category", "cars")
    page.fill("#param-after-stage", "10")
    page.click("#run-saved")
    page.wait_for_url("**/saved/standings?category=cars&after-stage=10&edition=")  # every edition: the empty choice
    header = [cell.inner_text() for cell in page.locator("#results thead th").all()]
    first = page.locator("#results tbody tr").first.locator("td")
    assert first.nth(header.index("driver")).inner_text() == "Hiroshi Masuoka"
    assert first.nth(header.index("position")).inner_text() == "1"
    assert "curl" in page.locator("#curl").inner_text()
    page.screenshot(path=str(artifacts / "saved-query-standings.png"), full_page=True)


def test_the_general_classification_chart_renders(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(site.root + "/story/2001-dakar-rally")
    chart = page.locator("svg#gc-0")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150
    assert chart.locator("polyline").count() >= 5
    masuoka = chart.locator('g.crew[data-crew="Hiroshi Masuoka"] circle')
    assert any("After stage 10: Hiroshi Masuoka, 1st, leader" in t for t in masuoka.locator("title").all_text_contents())
    chart.screenshot(path=str(artifacts / "chart-cars-general-classification.png"))
    page.locator("svg#route").screenshot(path=str(artifacts / "chart-route.png"))
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)


def test_following_why_from_an_inferred_fact_to_its_rule_and_premises(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(f"{site.root}/page/person/jutta-kleinschmidt")
    page.locator('a.why[href*="competedWithMake"]').first.click()  # she drove a Mitsubishi
    page.wait_for_url("**/explain?**")
    assert page.locator("strong.rule").first.inner_text() == "prp-spo2"
    assert "rally:memberOf / rally:vehicle / rally:manufacturer" in page.locator(".axiom").first.inner_text()
    page.locator(".premises a.why").first.click()  # Jutta is a member of her entry: inferred in turn
    page.wait_for_url("**/explain?**")
    assert page.locator("strong.rule").first.inner_text() == "prp-inv"
    page.screenshot(path=str(artifacts / "explain.png"), full_page=True)


def test_searching_a_variant_spelling_from_any_page(site: Site, page: Any, artifacts: Path) -> None:
    page.goto(f"{site.root}/editor")
    box = page.get_by_role("searchbox", name="Search names")
    box.fill("Carlos Souza")
    box.press("Enter")
    page.wait_for_url("**/search?q=Carlos+Souza")
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)
    page.locator("#hits").get_by_role("link", name="Carlos Sousa").click()
    page.wait_for_url(f"{site.root}/page/person/carlos-sousa")
    assert page.locator("h1").inner_text() == "Carlos Sousa"
