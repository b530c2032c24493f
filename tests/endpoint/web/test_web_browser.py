"""A real browser (headless Debian Chromium, driven by Playwright) on a real server.

Each test saves a screenshot under tests/web/artifacts/. Expected answers are read off
data/2001_Dakar_Rally.txt by hand: Jutta Kleinschmidt is German (DEU) and drove Mitsubishi #205;
Hiroshi Masuoka won the cars' stage 7 and led the cars after stage 10, ahead of Jean-Louis Schlesser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

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


def open_yasgui(page: Any, site: Site) -> None:
    """Open the editor and wait for YASGUI to draw its first tab."""
    page.goto(site.root + "/editor")
    page.wait_for_selector(".yasqe .CodeMirror-code")


def write_in_yasqe(page: Any, text: str) -> None:
    """Replace the active tab's query by typing it, as a person would (the editor completes brackets itself)."""
    page.click(".tabPanel.active .yasqe .CodeMirror")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def test_running_a_query_in_yasgui_and_following_a_result_to_its_page(site: Site, page: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    assert page.locator("#plain-editor").is_hidden() and page.locator("#yasgui").is_visible()
    write_in_yasqe(page, STAGE_7_WINNER)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    row = page.locator(".tabPanel.active .yasr table tbody tr").first
    assert "Hiroshi Masuoka" in row.inner_text()
    page.screenshot(path=str(artifacts / "editor-results.png"), full_page=True)
    with page.context.expect_page() as opened:  # YASR opens an IRI in a new tab; it dereferences to the page
        row.get_by_role("link", name=re.compile("hiroshi-masuoka")).click()
    person = opened.value
    person.wait_for_url(f"{site.root}/page/person/hiroshi-masuoka")
    assert person.locator("h1").inner_text() == "Hiroshi Masuoka"


def test_completion_offers_the_ontologys_classes(site: Site, page: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    write_in_yasqe(page, "PREFIX rally: <https://w3id.org/rally-kg/ontology#>\nSELECT ?p ?name WHERE { ?p a rally:Pers")
    page.keyboard.press("Control+Space")
    hint = page.locator(".CodeMirror-hints li", has_text="rally:Person")
    hint.wait_for()
    page.screenshot(path=str(artifacts / "editor-completion.png"))
    page.keyboard.press("Enter")  # takes the hint
    page.keyboard.insert_text(' ; rdfs:label ?name . FILTER(CONTAINS(?name, "Kleinschmidt")) }')
    page.keyboard.press("Control+Enter")  # rdfs: is not declared: the editor declares the dataset's prefixes itself
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    assert "Jutta Kleinschmidt" in page.locator(".tabPanel.active .yasr table tbody").inner_text()


def test_tabs_keep_their_own_queries(site: Site, page: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    write_in_yasqe(page, "ASK { ?s ?p ?o }")
    page.click("button.addTab")
    page.wait_for_selector(".tabPanel.active .yasqe .CodeMirror-code")
    write_in_yasqe(page, STAGE_7_WINNER)
    tabs = page.locator(".tabsList .tab")
    assert tabs.count() == 2
    tabs.nth(0).click()
    assert "ASK { ?s ?p ?o }" in page.locator(".tabPanel.active .yasqe .CodeMirror-code").inner_text()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".tabPanel.active .yasr .booleanResult")
    assert "true" in page.locator(".tabPanel.active .yasr .booleanResult").inner_text().lower()
    tabs.nth(1).click()
    assert "stageWinner" in page.locator(".tabPanel.active .yasqe .CodeMirror-code").inner_text()
    page.screenshot(path=str(artifacts / "editor-tabs.png"))


def test_a_saved_query_opens_from_the_examples_in_a_tab_of_its_own(site: Site, page: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    page.locator("#example-list").get_by_role("link", name="Stage winners", exact=True).click()
    page.wait_for_selector(".tabsList .tab >> nth=1")
    assert page.locator(".tabsList .tab.active").inner_text().startswith("Stage winners")
    assert page.evaluate("window.rallyYasgui.getTab().getQuery()").startswith("#+ title: Stage winners")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    assert "Hiroshi Masuoka" in page.locator(".tabPanel.active .yasr table tbody").inner_text()  # stage 7, cars
    page.screenshot(path=str(artifacts / "editor-example.png"), full_page=True)


def test_a_malformed_query_shows_the_servers_message_with_its_line(site: Site, page: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    write_in_yasqe(page, "SELECT ?x\nWHERE {\n  ?x ?y }")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr .errorResult")
    assert "3" in page.locator(".tabPanel.active .yasr .errorResult").inner_text()
    page.screenshot(path=str(artifacts / "editor-error.png"), full_page=True)


def test_the_asserted_only_switch_leaves_out_what_reasoning_inferred(site: Site, page: Any) -> None:
    """Jutta Kleinschmidt is a rally:Person in the data, and a schema:Person only by inference (the alignment)."""
    open_yasgui(page, site)
    iri = site.iri("person/jutta-kleinschmidt")
    write_in_yasqe(page, f"ASK {{ <{iri}> a <https://schema.org/Person> }}")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr .booleanResult")
    assert "true" in page.locator(".tabPanel.active .yasr .booleanResult").inner_text().lower()
    page.check("#yasgui-asserted-only")
    assert "default-graph-uri" in page.locator("#yasgui-download-links a").first.get_attribute("href")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.locator(".tabPanel.active .yasr .booleanResult", has_text=re.compile("false", re.IGNORECASE)).wait_for()


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
    header = [cell.get_attribute("data-variable") for cell in page.locator("#results thead th").all()]
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
    masuoka = chart.locator('g.crew[data-crew="Hiroshi Masuoka"] title')
    assert any("After stage 10: Hiroshi Masuoka, 1st, leader" in t for t in masuoka.all_text_contents())
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


def test_an_answer_with_numbers_can_be_seen_as_a_chart(site: Site, page: Any, artifacts: Path) -> None:
    """The article's three categories (cars, motorcycles, trucks), each with two numbers: six bars, two colours."""
    query = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?category (COUNT(DISTINCT ?entry) AS ?entries) (COUNT(DISTINCT ?person) AS ?people) WHERE {
  ?entry a rally:Entry ; rally:category/rdfs:label ?category ; rally:crewListing/rally:listedPerson ?person
} GROUP BY ?category"""
    page.goto(site.root + "/editor?" + urlencode({"query": query}))
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    page.click(".tabPanel.active .select_chart")
    chart = page.locator(".tabPanel.active svg.rally-chart")
    chart.wait_for()
    assert chart.get_attribute("aria-label") == "entries, people by category"
    assert {"Cars", "Motorcycles", "Trucks"} <= set(chart.locator("text").all_text_contents())
    bars = chart.locator("rect[height='12']")
    assert bars.count() == 6 and len({bars.nth(i).get_attribute("fill") for i in range(6)}) == 2
    chart.screenshot(path=str(artifacts / "editor-chart.png"))


def test_wide_answers_fit_a_1280_pixel_window_with_every_column_in_view(site: Site, page: Any, artifacts: Path) -> None:
    """The standings have 21 columns, the winners 16: all of them in view, no scroll bar, in a 1280 px window."""
    for name in ("standings", "winners", "stages", "career"):
        page.goto(f"{site.root}/saved/{name}")
        table = page.locator("#results")
        table.wait_for()
        fits = page.evaluate(
            "() => { const t = document.querySelector('#results'); const heads = [...t.querySelectorAll('thead th')];"
            " return { columns: heads.length, outside: heads.filter(th => th.getBoundingClientRect().right > innerWidth + 1).length,"
            " overflow: document.documentElement.scrollWidth > innerWidth || t.scrollWidth > t.parentElement.clientWidth + 1 }; }"
        )
        assert fits["columns"] >= 10 and fits["outside"] == 0 and not fits["overflow"], (name, fits)
    page.goto(f"{site.root}/saved/standings")
    page.screenshot(path=str(artifacts / "saved-query-wide.png"), full_page=True)


def test_a_shared_link_opens_the_tab_and_runs_it(site: Site, page: Any, browser: Any, artifacts: Path) -> None:
    open_yasgui(page, site)
    write_in_yasqe(page, STAGE_7_WINNER)
    page.click(".tabPanel.active .yasqe_share")
    link = page.locator(".yasqe_sharePopup input").input_value()
    assert link.startswith(site.root + "/editor")
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # another reader, nothing stored
    other.goto(link)
    other.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    assert "Hiroshi Masuoka" in other.locator(".tabPanel.active .yasr table tbody").inner_text()
    other.screenshot(path=str(artifacts / "editor-shared-link.png"))
    other.context.close()
