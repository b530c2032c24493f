"""The query files stay honest: each parses and is typed, the docs match them, every competency question has one,
a broken file stops the app with its file and line, and a new file is a new query."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask

from endpoint.app import create_app
from endpoint.saved.files import load_queries, parse_query_file
from endpoint.saved.model import KINDS, QUERIES_DIR, QueryFileError

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs" / "saved-queries.md"
SHARED_QUESTIONS = ROOT.parent / "shared" / "competency-questions.md"
QUERIES = load_queries()
EDITION = ("edition", "edition", False)  # every query about one edition takes it, optional: all editions when absent
PUBLIC_CONTRACT = {  # names and parameters of the issues' saved queries
    "winners": [EDITION],
    "stages": [EDITION],
    "stage-winners": [("stage", "integer", True), ("category", "category", False), EDITION],
    "standings": [("category", "category", True), ("after-stage", "integer", False), EDITION],
    "leaders": [("category", "category", True), EDITION],
    "stage-wins": [("category", "category", True), EDITION],
    "manufacturer-wins": [("category", "category", False), EDITION],
    "crew": [("number", "integer", True), EDITION],
    "people-by-country": [("country", "country", True), EDITION],
    "entries": [("category", "category", False), EDITION],
    "route-countries": [EDITION],
    "ties": [EDITION],
    "source-problems": [EDITION],
    "name-variants": [],
    "describe": [("iri", "iri", True)],
    "inferred-only": [("category", "category", False), EDITION],
    "editions": [],
    "career": [("person", "iri", True)],
}


def _doc_questions() -> dict[int, str]:
    """Return the numbered competency questions listed in docs/saved-queries.md."""
    text = DOCS.read_text(encoding="utf-8").split("The competency questions", 1)[1]
    return {int(n): q.strip() for n, q in re.findall(r"^(\d+)\. (.+)$", text, re.MULTILINE)}


def _doc_table() -> dict[str, set[int]]:
    """Return the table of docs/saved-queries.md: query name -> the questions it answers."""
    table: dict[str, set[int]] = {}
    for name, answers in re.findall(r"^\| `([a-z-]+)` \|[^|]*\| ([\d, ]+) \|$", DOCS.read_text(encoding="utf-8"), re.MULTILINE):
        table[name] = {int(n) for n in answers.split(",")}
    return table


@pytest.mark.parametrize("path", sorted(QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_file_parses_with_a_summary_and_typed_parameters(path: Path) -> None:
    query = parse_query_file(path)
    assert query.summary and query.title and query.description
    assert query.questions, "every saved query says which competency questions it answers"
    for param in query.params:
        assert param.kind in KINDS and param.description
        assert f"?{param.variable}" in query.text


def test_the_issues_queries_keep_their_names_and_parameters() -> None:
    for name, params in PUBLIC_CONTRACT.items():
        assert [(p.name, p.kind, p.required) for p in QUERIES[name].params] == params, name


def test_every_competency_question_has_a_saved_query() -> None:
    answered = {n for query in QUERIES.values() for n in query.questions}
    assert set(_doc_questions()) == set(range(1, 21))
    assert answered == set(_doc_questions())


@pytest.mark.skipif(not SHARED_QUESTIONS.exists(), reason="shared/ is not beside the repository")
def test_the_docs_list_the_competency_questions_of_the_brief() -> None:
    text = SHARED_QUESTIONS.read_text(encoding="utf-8")
    numbers = {int(n) for n in re.findall(r"^(\d+)\. ", text, re.MULTILINE)}
    assert numbers == set(_doc_questions())


def test_the_docs_table_matches_the_files() -> None:
    assert _doc_table() == {name: set(query.questions) for name, query in QUERIES.items()}


# --- Broken files stop the start ----------------------------------------------------------------------------------------

GOOD_HEAD = "#+ summary: ok\nPREFIX rally: <https://w3id.org/rally-kg/ontology#>\n"
BROKEN = [
    ("#+ summary: ok\n#+ colour: red\nSELECT * WHERE { ?s ?p ?o }\n", 2, "unknown front-matter key 'colour'"),
    ("#+ title: no summary\nSELECT * WHERE { ?s ?p ?o }\n", 1, "no '#+ summary:'"),
    (GOOD_HEAD + "SELECT ?s WHERE {\n  ?s rally:p\n}\n", 5, "malformed query: the query does not parse at 5:1"),
    ("#+ summary: ok\n#+ param: stage integer required\nSELECT ?s WHERE { ?s ?p ?o }\n", 2, "no variable ?stage"),
    (
        "#+ summary: ok\n#+ param: stage integer required\nSELECT ?s WHERE { ?s ?p ?stage }\n",
        2,
        "cannot be bound",
    ),
    ("#+ summary: ok\n#+ param: n number required\nSELECT ?n WHERE { ?s ?p ?n }\n", 2, "unknown type 'number'"),
    ("#+ summary: ok\n#+ param: n integer maybe\nSELECT ?n WHERE { ?s ?p ?n }\n", 2, "expected 'required' or 'optional'"),
    ("#+ summary: ok\n#+ param: limit integer optional\nSELECT ?limit WHERE { ?s ?p ?limit }\n", 2, "reserved"),
    ("#+ summary: ok\n#+ param: n integer optional default=x\nSELECT ?n WHERE { ?s ?p ?n }\n", 2, "default"),
    ("#+ summary: ok\n#+ example: x=1\nSELECT * WHERE { ?s ?p ?o }\n", 2, "'x' is not a parameter"),
    ("#+ summary: ok\n#+ questions: [one]\nSELECT * WHERE { ?s ?p ?o }\n", 2, "competency question numbers"),
    ("#+ summary: ok\nSELECT * WHERE { ?s ?p ?o }\nLIMIT 10\n", 3, "ends with LIMIT"),
    ("#+ summary: ok\nSELECT * WHERE {\n { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 }\n}\nOFFSET 10\n", 5, "ends with OFFSET"),
    (
        "#+ summary: ok\n#+ param: n integer optional\nSELECT ?n WHERE {\n ?s ?p ?o\n FILTER(!BOUND(?n))\n}\n",
        5,
        "BOUND(?n) tests a parameter",
    ),
    ("#+ summary: ok\nSELECT * WHERE {\n  SERVICE <http://x/> { ?s ?p ?o }\n}\n", 3, "SERVICE"),
    ("#+ summary: ok\nSELECT *\nFROM <http://x/g>\nWHERE { ?s ?p ?o }\n", 3, "GRAPH ?g"),
    ("#+ summary: ok\nSELECT * WHERE { ?s ?p ?o }\n#+ tags: [late]\n", 3, "after the query has begun"),
    ("#+ summary: ok\n#+ param: e iri(ex:Thing) required\nSELECT ?e WHERE { ?e ?p ?o }\n", 2, "no PREFIX"),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN, ids=[b[2] for b in BROKEN])
def test_a_broken_query_file_is_refused_with_its_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryFileError) as raised:
        parse_query_file(path)
    assert str(raised.value).startswith(f"{path}:{line}: "), str(raised.value)
    assert message in str(raised.value)


def test_a_broken_query_file_stops_the_app_from_starting(tmp_path: Path, built: Path) -> None:
    queries = tmp_path / "queries"
    shutil.copytree(QUERIES_DIR, queries)
    (queries / "wrong.rq").write_text("#+ summary: wrong\nSELECT ?x WHERE {\n ?x rdfs:label\n}\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"wrong\.rq:4: malformed query"):
        create_app({"DATA_DIR": str(built), "QUERIES_DIR": str(queries)})


def test_an_example_that_names_nothing_of_the_data_is_replaced_by_one_read_off_the_data(tmp_path: Path, built: Path) -> None:
    (tmp_path / "q.rq").write_text(
        "#+ summary: s\n#+ param: category category required\n#+ example: category=quads\n"
        "PREFIX rally: <https://w3id.org/rally-kg/ontology#>\nSELECT ?category WHERE { ?e rally:category ?category }\n",
        encoding="utf-8",
    )
    made = create_app({"DATA_DIR": str(built), "QUERIES_DIR": str(tmp_path)})  # 2001 has no quads: it starts all the same
    try:
        client = made.test_client()
        [listed] = client.get("/queries").get_json()["queries"]
        assert listed["example"] in ("category=cars", "category=motorcycles", "category=trucks")
        answer = client.get(listed["example_url"])
        assert answer.status_code == 200 and answer.get_json()["results"]["bindings"]
        assert client.get("/queries/q?category=quads").status_code == 400
    finally:
        made.extensions["rally"].executor.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_example_of_every_query_file_answers_on_the_bundled_article(app: Flask, name: str) -> None:
    query = QUERIES[name]
    client = app.test_client()
    response = client.get(f"/queries/{name}", query_string=[*query.example, ("format", "json")])
    assert response.status_code == 200, response.get_data(as_text=True)
    if query.form == "SELECT":
        assert response.get_json()["results"]["bindings"], f"the example of {name} finds nothing in the 2001 article"
    assert app.extensions["saved-queries"].example(query) == query.example  # the file's own example applies


# --- A new file is a new query --------------------------------------------------------------------------------------------

NEW_QUERY = """\
#+ title: Stage distance
#+ summary: The distance of one stage.
#+ description: The length of a stage in kilometres, as the stage table gives it.
#+ questions: [2]
#+ param: stage integer required -- the stage number
#+ example: stage=8
PREFIX rally: <https://w3id.org/rally-kg/ontology#>

SELECT ?stage ?km WHERE { ?day rally:stageNumber ?stage ; rally:distanceKm ?km }
"""


@pytest.fixture
def app_with_a_new_query(tmp_path: Path, built: Path) -> Flask:
    queries = tmp_path / "queries"
    shutil.copytree(QUERIES_DIR, queries)
    (queries / "stage-distance.rq").write_text(NEW_QUERY, encoding="utf-8")
    made = create_app({"DATA_DIR": str(built), "QUERIES_DIR": str(queries)})
    yield made
    made.extensions["rally"].executor.close()


def test_adding_a_file_adds_a_query_to_the_list_the_api_and_openapi(app_with_a_new_query: Flask) -> None:
    client = app_with_a_new_query.test_client()
    listed = {q["name"] for q in client.get("/queries").get_json()["queries"]}
    assert "stage-distance" in listed and len(listed) == len(QUERIES) + 1
    answer = client.get("/queries/stage-distance?stage=8").get_json()
    assert [b["km"]["value"] for b in answer["results"]["bindings"]] == ["628"]  # line 31
    spec = client.get("/openapi.json").get_json()
    assert spec["paths"]["/queries/stage-distance"]["get"]["operationId"] == "stageDistance"


def test_a_sub_select_may_have_its_own_limit(tmp_path: Path) -> None:
    path = tmp_path / "top-five.rq"
    path.write_text("#+ summary: ok\nSELECT * WHERE {\n { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 }\n}\n", encoding="utf-8")
    assert parse_query_file(path).name == "top-five"


def test_every_saved_query_has_a_test_of_its_answers() -> None:
    answers = (Path(__file__).parent / "test_saved_answers.py").read_text(encoding="utf-8")
    untested = [name for name in QUERIES if f'ask("{name}"' not in answers]
    assert untested == []
