"""Finding a resource by name, however the article spells it (the variants are the ones the issue lists)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def found(client: FlaskClient, q: str) -> list[dict[str, Any]]:
    response = client.get("/search", query_string={"q": q, "format": "json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    results: list[dict[str, Any]] = response.get_json()["results"]
    return results


@pytest.mark.parametrize(
    ("spelled", "label", "path"),
    [
        ("Carlos Souza", "Carlos Sousa", "person/carlos-sousa"),
        ("c. sousa", "Carlos Sousa", "person/carlos-sousa"),
        ("J-P. Fontenay", "Jean-Pierre Fontenay", "person/jean-pierre-fontenay"),
        ("J. M. Servia", "Jose Maria Servia", "person/jose-maria-servia"),
        ("Isidre Esteve Pujol", "Isidre Esteve", "person/isidre-esteve"),
        ("andre de azevedo", "André de Azevedo", "person/andre-de-azevedo"),
        ("Schelesser-Renault", "Schlesser-Renault", "manufacturer/schlesser-renault"),
    ],
)
def test_a_spelling_of_the_source_finds_the_one_resource(client: FlaskClient, spelled: str, label: str, path: str) -> None:
    first = found(client, spelled)[0]
    assert (first["label"], first["iri"].rsplit("/id/", 1)[1]) == (label, path)


def test_a_search_says_which_spellings_matched_and_what_the_resource_is(client: FlaskClient) -> None:
    (sousa,) = found(client, "souza")
    assert sousa["matched"] == ["Carlos Souza"]
    assert sousa["types"] == ["https://w3id.org/rally-kg/ontology#Person"]


def test_the_search_page_lists_hits_linked_to_their_pages(client: FlaskClient) -> None:
    page = client.get("/search?q=kleinschmidt", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/page/person/jutta-kleinschmidt"' in page
    assert 'id="hit-count"' in page


def test_an_empty_search_shows_the_form_and_a_long_one_is_a_400(client: FlaskClient) -> None:
    empty = client.get("/search", headers={"Accept": "text/html"})
    assert empty.status_code == 200 and 'name="q"' in empty.get_data(as_text=True)
    too_long = client.get("/search", query_string={"q": "x" * 201})
    assert too_long.status_code == 400 and "parameter 'q'" in too_long.get_data(as_text=True)
