"""The OpenAPI 3.1 description of the saved-query API, generated from the query files: one operation per query and method."""

from __future__ import annotations

from typing import Any

from endpoint.core.negotiation import FORM, FORMATS
from endpoint.saved.examples import Registry
from endpoint.saved.model import DEFAULT_PAGE, INTEGER_RANGE, MAX_OFFSET, MAX_STRING, Param, SavedQuery
from endpoint.saved.values import Vocabulary
from loader.countries import all_countries

VERSION = "3.1.0"
# an error is plain text; a browser that asked for the page (format=html) gets the page, the error beside its form
ERROR_CONTENT = {"text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}
ERRORS = {
    "400": "A parameter is missing, unknown, repeated or not of its type; the message names it and says what it expects.",
    "404": "A parameter names a resource this dataset does not have.",
    "406": "None of the accepted media types can carry the answer.",
    "413": "The request body is larger than the limit.",
    "415": "A POST whose body is not application/x-www-form-urlencoded.",
    "503": "The query ran longer than the time limit, or took more memory than a query may, and was stopped.",
}
RDF_TERM: dict[str, Any] = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"type": "string", "enum": ["uri", "literal", "bnode", "triple"]},
        "value": {},
        "datatype": {"type": "string"},
        "xml:lang": {"type": "string"},
    },
}
SPARQL_RESULTS: dict[str, Any] = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
        "results": {
            "type": "object",
            "required": ["bindings"],
            "properties": {
                "bindings": {
                    "type": "array",
                    "items": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/RDFTerm"}},
                }
            },
        },
        "boolean": {"type": "boolean"},
    },
}


def _camel(name: str) -> str:
    """Return an operationId from a query name.

    >>> _camel("stage-winners")
    'stageWinners'
    """
    head, *rest = name.split("-")
    return head + "".join(word.capitalize() for word in rest)


def param_schema(param: Param, vocabulary: Vocabulary) -> dict[str, Any]:
    """Return the JSON Schema of a parameter's values."""
    if param.kind == "integer":
        return {"type": "integer", "minimum": INTEGER_RANGE[0], "maximum": INTEGER_RANGE[1]}
    if param.kind == "enum":
        return {"type": "string", "enum": list(param.choices)}
    if param.kind == "category":
        return {"type": "string", "enum": sorted({*vocabulary.category_names, *vocabulary.categories})}
    if param.kind == "edition":
        years = [str(e.year) for e in vocabulary.editions if e.year is not None]
        unique_years = [year for year in dict.fromkeys(years) if years.count(year) == 1]
        names = [name for e in vocabulary.editions for name in (e.slug, e.label, e.iri)]
        return {"type": "string", "enum": [*dict.fromkeys(names), *unique_years]}
    if param.kind == "country":
        return {"type": "string", "enum": country_values()}
    if param.kind == "string":
        return {"type": "string", "maxLength": MAX_STRING}
    # a resource: anything with a character that is not blank, as ECMAScript's \s or Python's str.strip() sees it
    return {"type": "string", "minLength": 1, "pattern": "[^\\s\\u001c-\\u001f\\u0085]"}


def country_values() -> list[str]:
    """Return what a country parameter takes: every ISO 3166 alpha-3 code, IOC code and English name."""
    values = {value for c in all_countries() for value in (c.iso3, c.ioc, c.name) if value}
    return sorted(values)


def _described(param: Param, vocabulary: Vocabulary) -> str:
    text = f"{param.description[:1].upper()}{param.description[1:]}. " if param.description else ""
    accepted = f" Categories of this dataset: {', '.join(vocabulary.categories.values())}." if param.kind == "category" else ""
    if param.kind == "edition":
        accepted = f" Editions of this dataset: {', '.join(e.listed for e in vocabulary.editions) or 'none'}."
    default = f" Default: {param.default}." if param.default is not None else ""
    return f"{text}Expects {param.expects}.{accepted}{default}"


def value_schema(param: Param, vocabulary: Vocabulary) -> dict[str, Any]:
    """Return the JSON Schema of a parameter as a request may give it: an optional one may also be empty (left out),
    as a form sends an empty field."""
    schema = param_schema(param, vocabulary)
    if param.required:
        return schema
    if "enum" in schema:
        return {**schema, "enum": ["", *schema["enum"]]}
    return {"anyOf": [schema, {"type": "string", "maxLength": 0, "description": "empty: the parameter is left out"}]}


def _parameters(
    query: SavedQuery, example: dict[str, str], vocabulary: Vocabulary, max_rows: int, formats: list[str]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for param in query.params:
        entry: dict[str, Any] = {
            "name": param.name,
            "in": "query",
            "required": param.required,
            "description": _described(param, vocabulary),
            "schema": value_schema(param, vocabulary),
        }
        if param.name in example:
            entry["example"] = int(example[param.name]) if param.kind == "integer" else example[param.name]
        out.append(entry)
    out.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "The answer's format; overrides the Accept header (CSV for spreadsheets).",
            "schema": {"type": "string", "enum": formats},
        }
    )
    if query.paged:
        page = min(query.pagination or DEFAULT_PAGE, max_rows)
        out.append(
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {page}, at most {max_rows}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": max_rows, "default": page},
            }
        )
        out.append(
            {
                "name": "offset",
                "in": "query",
                "required": False,
                "description": "Rows to skip: the Link header's rel=next gives the next page.",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            }
        )
    return out


def _answer(query: SavedQuery) -> dict[str, Any]:
    kind = "results" if query.form in ("SELECT", "ASK") else "graph"
    content: dict[str, Any] = {}
    for fmt in FORMATS:
        if fmt.kind == kind and fmt.media_type not in content:
            json_like = fmt.media_type in ("application/sparql-results+json", "application/json") and kind == "results"
            content[fmt.media_type] = {
                "schema": {"$ref": "#/components/schemas/SparqlResults"} if json_like else {"type": "string"}
            }
    headers = {
        "Link": {
            "description": "URLs of the first, previous and next pages (rel=first, prev, next).",
            "schema": {"type": "string"},
        },
        "X-Result-Truncated": {"description": "true when more rows follow this page.", "schema": {"type": "string"}},
        "X-Result-Rows": {"description": "Rows (or triples) in this answer.", "schema": {"type": "string"}},
    }
    return {
        "description": f"The answer ({'a page of rows' if query.paged else 'whole'}).",
        "content": content,
        "headers": headers,
    }


def _operation(query: SavedQuery, registry: Registry, max_rows: int, method: str) -> dict[str, Any]:
    kind = "results" if query.form in ("SELECT", "ASK") else "graph"
    formats = sorted({name for f in FORMATS if f.kind == kind for name in f.names})
    parameters = _parameters(query, dict(registry.example(query)), registry.vocabulary, max_rows, formats)
    questions = ", ".join(str(q) for q in query.questions)
    operation: dict[str, Any] = {
        "operationId": _camel(query.name) + ("" if method == "get" else "Post"),
        "summary": query.summary,
        "description": query.description + (f"\n\nAnswers competency question(s) {questions}." if questions else ""),
        "tags": list(query.tags) or ["queries"],
        "responses": {
            "200": _answer(query),
            **{status: {"description": text, "content": ERROR_CONTENT} for status, text in ERRORS.items()},
        },
    }
    if method == "get":
        operation["parameters"] = parameters
        return operation
    properties = {p["name"]: {**p["schema"], "description": p["description"]} for p in parameters}
    required = [p["name"] for p in parameters if p["required"]]
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    operation["requestBody"] = {"required": bool(required), "content": {FORM: {"schema": schema}}}
    return operation


def document(registry: Registry, root: str, max_rows: int) -> dict[str, Any]:
    """Return the OpenAPI document of the saved queries, served at `root` (the app's URL, ending in /)."""
    paths: dict[str, Any] = {
        "/queries": {
            "get": {
                "operationId": "listQueries",
                "summary": "The saved queries, with titles, descriptions and parameters.",
                "description": "HTML for browsers (Accept: text/html), JSON otherwise.",
                "tags": ["queries"],
                "responses": {
                    "200": {
                        "description": "The list of saved queries.",
                        "content": {
                            "application/json": {"schema": {"type": "object"}},
                            "text/html": {"schema": {"type": "string"}},
                        },
                    }
                },
            }
        }
    }
    for name, query in registry.queries.items():
        paths[f"/queries/{name}"] = {
            "get": _operation(query, registry, max_rows, "get"),
            "post": _operation(query, registry, max_rows, "post"),
        }
    return {
        "openapi": VERSION,
        "info": {
            "title": "Rally knowledge graph: saved queries",
            "version": "1.0.0",
            "description": "Questions people ask of the rally knowledge graph, answered by name. Each operation is one "
            "file queries/<name>.rq; parameter values are typed and bound to the query, never pasted into it. "
            "The full SPARQL endpoint is at /sparql.",
            "license": {"name": "CC BY-SA 4.0 (data)", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
        },
        "servers": [{"url": root.rstrip("/") or "/"}],
        "paths": paths,
        "components": {"schemas": {"SparqlResults": SPARQL_RESULTS, "RDFTerm": RDF_TERM}},
    }
