"""What a saved query's parameter values may name in the served dataset, each resolved to one RDF term.

A value is checked against its parameter's type and resolved to one term (an integer literal, a category's or
country's IRI, an edition, a resource of the dataset by IRI, path or name); the term is then bound to the
query's variable (SEP-0007 substitution), never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import XSD

from endpoint.core.errors import ParameterError
from endpoint.core.lookup import ask, select, text
from endpoint.core.names import name_index
from endpoint.core.service import Session
from endpoint.saved.model import INTEGER_RANGE, MAX_STRING, Param
from loader.countries import country_by_code, country_by_name
from vocabulary.iris import GRAPHS, category_slug
from vocabulary.text import fold

XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
CATEGORIES = """\
SELECT ?c ?name WHERE { ?c a rally:Category { ?c rdfs:label ?name } UNION { ?c skos:altLabel ?name } } ORDER BY ?c ?name"""
EDITIONS = """\
SELECT ?e ?label ?year WHERE { ?e a rally:CoveredEdition ; rdfs:label ?label OPTIONAL { ?e rally:year ?year } } ORDER BY ?label ?e"""


def literal_value(param: Param, value: str) -> ox.Literal:
    """Return the literal an integer, string or enum parameter binds; raise ParameterError if the value is not one.

    >>> literal_value(Param("stage", "integer", True), " 07 ")
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> literal_value(Param("stage", "integer", True), "7 } UNION { ?s ?p ?o")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    endpoint.saved.model.ParameterError: parameter 'stage': expected an integer, got '7 } UNION { ?s ?p ?o'
    """
    if param.kind == "integer":
        text = value.strip()
        if re.fullmatch(r"[+-]?\d{1,10}", text) and INTEGER_RANGE[0] <= int(text) <= INTEGER_RANGE[1]:
            return ox.Literal(str(int(text)), datatype=XSD_INTEGER)
        raise ParameterError(param.name, f"expected {param.expects}, got {value!r}")
    if param.kind == "enum":
        for choice in param.choices:
            if choice.lower() == value.strip().lower():
                return ox.Literal(choice)
        raise ParameterError(param.name, f"expected {param.expects}, got {value!r}")
    if param.kind == "string":
        if len(value) > MAX_STRING:
            raise ParameterError(param.name, f"expected {param.expects}, got {len(value)} characters")
        return ox.Literal(value)
    raise TypeError(f"{param.kind} is not a literal type")


@dataclass(frozen=True)
class Edition:
    """An edition a parameter may name: IRI, slug, year and name."""

    iri: str
    slug: str
    year: int | None
    label: str

    @property
    def listed(self) -> str:
        """Return how messages list the edition."""
        return f"{self.slug} ({self.label})"


@dataclass
class Vocabulary:
    """What parameter values may name in the served dataset: its base, categories, editions and resources."""

    session: Session  # the service's own: its lookups here are fixed queries with bound values
    categories: dict[str, str] = field(default_factory=dict)  # category IRI -> its names, for messages
    category_keys: dict[str, str] = field(default_factory=dict)  # folded name, slug or IRI -> category IRI
    category_names: list[str] = field(default_factory=list)  # names to offer (OpenAPI enum, forms)
    editions: list[Edition] = field(default_factory=list)  # the editions whose articles were loaded, in order

    @property
    def base(self) -> str:
        """Return the dataset's base IRI."""
        return self.session.dataset.base

    @classmethod
    def of(cls, session: Session) -> Vocabulary:
        """Return the vocabulary of the served dataset (its categories and editions read once)."""
        vocabulary = cls(session)
        names: dict[str, list[str]] = {}
        for row in select(session, CATEGORIES):
            iri, name = text(row, "c"), text(row, "name")
            slug = iri.rsplit("/", 1)[-1]
            for key in (fold(name), slug, iri):
                vocabulary.category_keys[key] = iri
            listed = names.setdefault(iri, [slug])
            if fold(name) not in listed:
                listed.append(fold(name))
        for iri, listed in names.items():
            vocabulary.categories[iri] = listed[0] + (f" (or {', '.join(listed[1:])})" if listed[1:] else "")
            vocabulary.category_names += listed
        for row in select(session, EDITIONS):
            iri, year = text(row, "e"), text(row, "year")
            vocabulary.editions.append(
                Edition(iri, iri.rsplit("/", 1)[-1], int(year) if year.isdigit() else None, text(row, "label"))
            )
        return vocabulary

    def edition(self, param: Param, value: str) -> ox.NamedNode:
        """Return the edition a value names: its IRI, slug, year or name; the known ones are listed when it names none."""
        text = value.strip()
        known = "; the editions are: " + (", ".join(e.listed for e in self.editions) or "none")
        found = [
            e
            for e in self.editions
            if text in (e.iri, e.slug, f"edition/{e.slug}") or fold(text) == fold(e.label) or text == str(e.year)
        ]
        if not found:
            raise ParameterError(param.name, f"{value!r} is not an edition of this dataset{known}")
        if len(found) > 1:
            raise ParameterError(
                param.name, f"{value!r} names {len(found)} editions ({', '.join(e.listed for e in found)}): give the slug"
            )
        return ox.NamedNode(found[0].iri)

    def category(self, param: Param, value: str) -> ox.NamedNode:
        """Return the category a value names: a name as the documents write it (any case), a slug, or the IRI."""
        text = value.strip()
        found = self.category_keys.get(text) or self.category_keys.get(fold(text))
        if found is None and text:
            found = self.category_keys.get(str(self.session.dataset.mint.category(category_slug(text))))
        if found is None:
            accepted = ", ".join(self.categories.values()) or "none"
            raise ParameterError(
                param.name,
                f"{value!r} is not a category of this dataset; expected one of: {accepted} (any case), or a category IRI",
            )
        return ox.NamedNode(found)

    def country(self, param: Param, value: str) -> ox.NamedNode:
        """Return the country IRI of an ISO 3166 alpha-3 code, an IOC code, an English name, or a country IRI."""
        text = value.strip()
        mint = self.session.dataset.mint
        if re.fullmatch(r"[A-Z]{3}", text.rsplit("/", 1)[-1]) and text == mint.country(text.rsplit("/", 1)[-1]):
            return ox.NamedNode(text)
        match = country_by_code(text) if re.fullmatch(r"[A-Za-z]{3}", text) else None
        country = match.country if match else country_by_name(text) if text else None
        if country is None:
            raise ParameterError(param.name, f"{value!r} is not a country; expected {param.expects}, or a country IRI")
        return ox.NamedNode(mint.country(country.iso3))

    def resource(self, param: Param, value: str) -> ox.NamedNode:
        """Return the resource an IRI parameter names (IRI, path under the base, or exact name), checked in the dataset."""
        text = value.strip()
        if not text:
            raise ParameterError(param.name, f"expected {param.expects}, got an empty value")
        if _SCHEME.fullmatch(text) or ("/" in text and " " not in text):
            iri = text if _SCHEME.fullmatch(text) else self.base + text.lstrip("/")
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                return self._named(param, text)  # not an IRI: perhaps a name with a slash in it
            if not ask(self.session, "ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }", GRAPHS, iri=node):
                raise ParameterError(param.name, f"no resource <{iri}> in this dataset; expected {param.expects}", absent=True)
            if param.of_class and not ask(self.session, "ASK { ?iri a ?type }", iri=node, type=ox.NamedNode(param.of_class)):
                raise ParameterError(param.name, f"<{iri}> is not a {param.class_name}; expected {param.expects}", absent=True)
            return node
        return self._named(param, text)

    def _named(self, param: Param, name: str) -> ox.NamedNode:
        found = name_index(self.session).named(name, param.of_class)
        if not found:
            raise ParameterError(param.name, f"nothing in this dataset is named {name!r}; expected {param.expects}", absent=True)
        if len(found) > 1:
            listed = ", ".join(f"<{iri}>" for iri in found[:5])
            raise ParameterError(param.name, f"{name!r} names {len(found)} resources ({listed}): give the IRI")
        return ox.NamedNode(found[0])

    def term(self, param: Param, value: str) -> ox.NamedNode | ox.Literal:
        """Return the RDF term a parameter value stands for; raise ParameterError naming the parameter if none."""
        if param.kind == "category":
            return self.category(param, value)
        if param.kind == "country":
            return self.country(param, value)
        if param.kind == "edition":
            return self.edition(param, value)
        if param.kind == "iri":
            return self.resource(param, value)
        return literal_value(param, value)
