"""Triples of the entities resolved across the sources: countries, people, makers, entrants, places, categories."""

from __future__ import annotations

from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from loader.countries import country_by_code
from loader.names import Cluster
from loader.triples.writer import Writer
from vocabulary.iris import category_label
from vocabulary.namespaces import RALLY, SCHEMA, WD, WIKIDATA_PAGE
from vocabulary.text import fold


def country_triples(w: Writer) -> None:
    """Assert every country met, with its codes and Wikidata link."""
    for iso3, use in sorted(w.r.countries.items()):
        node = w.mint.country(iso3)
        country = use.country
        w.add(node, RDF.type, RALLY.Country)
        w.add(node, RDFS.label, country.name)
        w.add(node, RALLY.iso3166Alpha3, country.iso3)
        w.add(node, RALLY.iso3166Alpha2, country.iso2 or None)
        w.add(node, RALLY.iocCode, country.ioc or None)
        if country.wikidata:
            w.add(node, RALLY.wikidata, WD[country.wikidata])
            w.add(node, SCHEMA.sameAs, WIKIDATA_PAGE[country.wikidata])
        for path, line in use.lines:
            w.derive(node, path, [line])
        w.variants(
            "country",
            iso3,
            node,
            Cluster(
                "country",
                spellings=use.spellings,
                rules={s: ("iso" if s == iso3 else "code" if len(s) == 3 else "name") for s in use.spellings},
            ),
        )


def person_triples(w: Writer) -> None:
    """Assert every person with labels and the country they race for (the flag before the name)."""
    for cluster in w.r.people.clusters:
        node = w.person(cluster.slug)
        w.add(node, RDF.type, RALLY.Person)
        w.label(node, cluster)
        if cluster.codes:
            code, _ = cluster.codes.most_common(1)[0]
            match = country_by_code(code)
            if match:
                w.add(node, RALLY.countryForSport, w.mint.country(match.country.iso3))
        w.cluster_lines(node, cluster)
        w.variants("person", cluster.slug, node, cluster)


def maker_and_entrant_triples(w: Writer) -> None:
    """Assert manufacturers and entrants with their spellings."""
    for kind, clusters, mint, klass in (
        ("manufacturer", w.r.makers.clusters, w.mint.manufacturer, RALLY.Manufacturer),
        ("entrant", w.r.entrants.clusters, w.mint.entrant, RALLY.Entrant),
    ):
        for cluster in clusters:
            node = mint(cluster.slug)
            w.add(node, RDF.type, klass)
            w.label(node, cluster)
            w.cluster_lines(node, cluster)
            w.variants(kind, cluster.slug, node, cluster)


def place_triples(w: Writer) -> None:
    """Assert every town with its country or countries."""
    for place in w.r.places.values():
        node = w.mint.place(place.cluster.slug)
        w.add(node, RDF.type, RALLY.Place)
        w.label(node, place.cluster)
        for iso3 in place.countries:
            w.add(node, RALLY.inCountry, w.mint.country(iso3))
        w.cluster_lines(node, place.cluster)
        w.variants("place", place.cluster.slug, node, place.cluster)


def category_triples(w: Writer) -> None:
    """Assert every category with the spellings met."""
    for slug, labels in sorted(w.r.categories.items()):
        node = w.mint.category(slug)
        label = category_label(slug, labels)
        w.add(node, RDF.type, RALLY.Category)
        w.add(node, RDFS.label, label)
        for spelling in labels:
            if fold(spelling) != fold(label):
                w.add(node, SKOS.altLabel, spelling)
