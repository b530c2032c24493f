"""Why an inferred fact holds: /explain names the OWL 2 RL rule and the premises, and every inferred triple has one."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask.testing import FlaskClient

from endpoint.core.service import Session
from endpoint.web.explain import explain

RALLY = "https://w3id.org/rally-kg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def base(client: FlaskClient) -> str:
    found: str = client.application.extensions["rally"].dataset.base
    return found


def explained(client: FlaskClient, s: str, p: str, o: str, status: int = 200) -> dict[str, Any]:
    response = client.get("/explain?" + urlencode({"s": s, "p": p, "o": o, "format": "json"}))
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json() if status == 200 else {}


def test_every_inferred_triple_of_the_build_has_an_explanation(client: FlaskClient) -> None:
    service = client.application.extensions["rally"]
    inferred = list(service.dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(service.dataset.graphs["inferred"])))
    assert len(inferred) > 5000
    lookups = Session(service, None)
    unexplained = [q for q in inferred if not explain(lookups, q.subject, q.predicate, q.object, most=1)]
    assert unexplained == []


def test_a_persons_make_comes_through_the_property_chain(client: FlaskClient) -> None:
    jutta, mitsubishi = f"<{base(client)}person/jutta-kleinschmidt>", f"<{base(client)}manufacturer/mitsubishi>"
    found = explained(client, jutta, f"<{RALLY}competedWithMake>", mitsubishi)  # she drove a Mitsubishi (lines 193, 311)
    assert found["graph"] == "inferred"
    step = found["steps"][0]
    assert step["rule"] == "prp-spo2"
    assert step["axiom"] == "rally:competedWithMake is the chain rally:memberOf / rally:vehicle / rally:manufacturer"
    premises = [p["triple"] for p in step["premises"]]
    assert premises[0][:2] == [jutta.strip("<>"), RALLY + "memberOf"]
    assert premises[-1][1:] == [RALLY + "manufacturer", mitsubishi.strip("<>")]
    assert step["premises"][0]["graph"] == "inferred" and step["premises"][0]["explain"].startswith("/explain?")


def test_a_winning_result_is_one_in_first_position(client: FlaskClient) -> None:
    dataset = client.application.extensions["rally"].dataset
    rows = dataset.store.query(
        f"SELECT ?r WHERE {{ ?r <{RALLY}position> 1 }} LIMIT 1", default_graph=[ox.NamedNode(dataset.graphs["asserted"])]
    )
    result = next(iter(rows))["r"]
    found = explained(client, str(result), RDF_TYPE, f"<{RALLY}WinningResult>")
    rules = {step["rule"]: step for step in found["steps"]}
    assert rules["cls-hv2 + cax-eqc"]["axiom"] == "rally:WinningResult is defined as: rally:position value 1"
    assert rules["cls-hv2 + cax-eqc"]["premises"][0]["graph"] == "asserted"


def test_a_stated_fact_is_not_explained_away_and_an_unknown_one_is_not_found(client: FlaskClient) -> None:
    jutta = f"<{base(client)}person/jutta-kleinschmidt>"
    stated = explained(client, jutta, RDF_TYPE, f"<{RALLY}Person>")
    assert stated["graph"] == "asserted" and stated["steps"] == []
    explained(client, jutta, RDF_TYPE, f"<{RALLY}Manufacturer>", status=404)


def test_a_term_that_is_not_n_triples_is_a_400_naming_the_parameter(client: FlaskClient) -> None:
    response = client.get("/explain?" + urlencode({"s": "jutta", "p": RDF_TYPE, "o": f"<{RALLY}Person>"}))
    assert response.status_code == 400
    assert "parameter 's'" in response.get_data(as_text=True)


def test_inferred_facts_on_a_resource_page_link_to_their_explanation(client: FlaskClient) -> None:
    page = client.get("/page/person/jutta-kleinschmidt").get_data(as_text=True)
    links = [link.replace("&amp;", "&") for link in re.findall(r'class="why" href="([^"]+)"', page)]
    assert links
    for link in links:
        shown = client.get(link, headers={"Accept": "text/html"})
        assert shown.status_code == 200 and '<strong class="rule">' in shown.get_data(as_text=True), link
