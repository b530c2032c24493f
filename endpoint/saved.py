"""Saved queries: `queries/<name>.rq` files with `#+ key: value` front-matter, their typed parameters, and binding.

A parameter's value is checked against its type, resolved to one RDF term (an integer literal, a
category's or country's IRI, a resource of the dataset...) and bound to the query's variable with
SEP-0007 substitution: never pasted into the query text, so no value can change the query's
structure. The only text this module adds to a query is ` LIMIT n OFFSET m` with integers it made.
The file format is documented in docs/saved-queries.md.
"""

from __future__ import annotations

import re
import sys
import threading
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from endpoint.dataset import ServedDataset
from endpoint.names import fold, name_index
from endpoint.results import RESULT_FORMATS, Answer, Failure, Job, execute, parse_term
from endpoint.safety import Refused, inspect, tokens
from endpoint.syntax import explain
from loader.countries import country_by_code, country_by_name
from loader.names import category_slug
from loader.namespaces import PREFIXES

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"
RESERVED = ("format", "limit", "offset")  # request parameters of every saved query
KINDS = ("integer", "string", "enum", "category", "country", "edition", "iri")
DEFAULT_PAGE = 100  # rows of a page when neither the request nor the file says
MAX_OFFSET = 2**31 - 1
INTEGER_RANGE = (-(2**31), 2**31 - 1)
MAX_STRING = 500
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_KEYS = ("title", "summary", "description", "questions", "tags", "param", "example", "pagination")
_FRONT = re.compile(r"#\+(.*)")
_ENTRY = re.compile(r"([a-z][a-z-]*)\s*:(.*)")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_TYPE = re.compile(r"(integer|string|enum|category|country|edition|iri)(?:\((.*)\))?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+)")


class QueryFileError(ValueError):
    """A saved-query file that cannot be served; the message starts with `path:line:`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line


class ParameterError(ValueError):
    """A request parameter that is missing, unknown or not what its type expects (400), or that names a resource this
    dataset does not have (404); the message names it."""

    def __init__(self, name: str, message: str, status: int = 400) -> None:
        super().__init__(f"parameter '{name}': {message}")
        self.name = name
        self.status = status


@dataclass(frozen=True)
class Param:
    """A typed parameter of a saved query, bound to the SPARQL variable of the same name (- as _)."""

    name: str
    kind: str  # one of KINDS
    required: bool
    description: str = ""
    default: str | None = None
    of_class: str | None = None  # for iri(Class): the class IRI
    class_name: str | None = None  # ... as written in the file (rally:Person)
    choices: tuple[str, ...] = ()  # for enum(a|b|c)
    line: int = 0

    @property
    def variable(self) -> str:
        """Return the SPARQL variable (without ?) the parameter binds.

        >>> Param("after-stage", "integer", False).variable
        'after_stage'
        """
        return self.name.replace("-", "_")

    @property
    def expects(self) -> str:
        """Return what a value must be, for error messages and documentation."""
        return {
            "integer": "an integer",
            "string": f"a text of at most {MAX_STRING} characters",
            "enum": "one of " + ", ".join(self.choices),
            "category": "a category's name as the documents write it (bikes or motorcycles, cars, trucks...; any case) or its IRI",
            "country": "an ISO 3166 alpha-3 code (DEU), an IOC code (GER) or an English name (Germany)",
            "edition": "an edition of this dataset: its year (2001), slug (2001-dakar-rally), name or IRI",
            "iri": "a resource of the dataset"
            + (f" of class {self.class_name}" if self.class_name else "")
            + ": its IRI, its path under the dataset's base, or its name as any source spells it",
        }[self.kind]


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: its front-matter and its SPARQL text (the whole file)."""

    name: str
    path: str
    title: str
    summary: str
    description: str
    questions: tuple[int, ...]
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    example: tuple[tuple[str, str], ...]
    pagination: int | None
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    text: str

    def param(self, name: str) -> Param | None:
        """Return the parameter of that name, if the query has one."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def paged(self) -> bool:
        """Return whether answers come in pages (SELECT queries)."""
        return self.form == "SELECT"

    def describe(self, example: tuple[tuple[str, str], ...]) -> dict[str, Any]:
        """Return the query's metadata as plain data (the JSON list of /queries), with an example that applies."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "description": self.description,
            "questions": list(self.questions),
            "tags": list(self.tags),
            "form": self.form,
            "pagination": self.pagination,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.kind + (f"({p.class_name})" if p.class_name else f"({'|'.join(p.choices)})" if p.choices else ""),
                    "required": p.required,
                    "default": p.default,
                    "description": p.description,
                    "expects": p.expects,
                }
                for p in self.params
            ],
            "example": urllib.parse.urlencode(example),
            "sparql": self.text,
        }


# --- Reading query files ----------------------------------------------------------------------


def front_matter(text: str, path: Path | str = "<query>") -> list[tuple[int, str, str]]:
    """Return the `#+ key: value` entries of a query file as (line, key, value), continuation lines joined.

    >>> front_matter("#+ summary: Winners\\n#+ description: one,\\n#+   two\\nSELECT * {}")
    [(1, 'summary', 'Winners'), (2, 'description', 'one, two')]
    """
    entries: list[tuple[int, str, str]] = []
    started = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        match = _FRONT.fullmatch(stripped)
        if match is None:
            started = started or bool(stripped and not stripped.startswith("#"))
            continue
        if started:
            raise QueryFileError(path, number, "front-matter (#+) after the query has begun: keep it at the top of the file")
        content = match.group(1)
        if not content.strip():
            continue
        if content.startswith((" ", "\t")) and not _ENTRY.fullmatch(content[1:]) and entries:
            at, key, value = entries[-1]
            entries[-1] = (at, key, f"{value} {content.strip()}".strip())
            continue
        entry = _ENTRY.fullmatch(content.strip())
        if entry is None:
            raise QueryFileError(path, number, f"expected '#+ key: value', got {stripped!r}")
        entries.append((number, entry.group(1), entry.group(2).strip()))
    return entries


def _list(value: str) -> list[str]:
    """Return the items of `[a, b]` or `a, b`.

    >>> _list("[2, 4]"), _list("results, stages"), _list("[]")
    (['2', '4'], ['results', 'stages'], [])
    """
    inner = value.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return [item.strip() for item in inner.split(",") if item.strip()]


def _class_iri(written: str, prefixes: Mapping[str, str]) -> str | None:
    """Return the IRI of `<iri>` or `prefix:local` (with the file's PREFIX declarations), None if unknown.

    >>> _class_iri("rally:Person", {"rally": "https://w3id.org/rally-kg/ontology#"})
    'https://w3id.org/rally-kg/ontology#Person'
    """
    if written.startswith("<") and written.endswith(">"):
        return written[1:-1]
    prefix, colon, local = written.partition(":")
    if colon and prefix in prefixes:
        return prefixes[prefix] + local
    return None


def parse_param(value: str, line: int, path: Path | str, prefixes: Mapping[str, str]) -> Param:
    """Return the parameter a `#+ param:` line declares: `NAME TYPE required|optional [default=VALUE] [-- description]`.

    >>> p = parse_param("stage integer required -- the stage number", 3, "q.rq", {})
    >>> p.name, p.kind, p.required, p.description
    ('stage', 'integer', True, 'the stage number')
    >>> parse_param("role enum(driver|co-driver) optional default=driver", 4, "q.rq", {}).choices
    ('driver', 'co-driver')
    """
    spec, _, description = value.partition(" -- ")
    words = spec.split()
    if len(words) < 3:
        raise QueryFileError(
            path, line, f"expected 'param: NAME TYPE required|optional [default=VALUE] [-- description]', got {value!r}"
        )
    name, written_type, presence, *rest = words
    if not _NAME.fullmatch(name):
        raise QueryFileError(path, line, f"parameter name {name!r}: use lower-case letters, digits and single hyphens")
    if name in RESERVED:
        raise QueryFileError(path, line, f"parameter name {name!r} is reserved (every saved query takes {', '.join(RESERVED)})")
    typed = _TYPE.fullmatch(written_type)
    if typed is None:
        raise QueryFileError(path, line, f"parameter {name!r}: unknown type {written_type!r}; the types are {', '.join(KINDS)}")
    kind, argument = typed.group(1), typed.group(2)
    if presence not in ("required", "optional"):
        raise QueryFileError(
            path, line, f"parameter {name!r}: expected 'required' or 'optional' after the type, got {presence!r}"
        )
    of_class = class_name = None
    choices: tuple[str, ...] = ()
    if kind == "iri" and argument:
        of_class, class_name = _class_iri(argument, prefixes), argument
        if of_class is None:
            raise QueryFileError(path, line, f"parameter {name!r}: class {argument!r} has no PREFIX in the file (or write <IRI>)")
    elif kind == "enum":
        choices = tuple(choice.strip() for choice in (argument or "").split("|") if choice.strip())
        if not choices:
            raise QueryFileError(path, line, f"parameter {name!r}: enum needs its values, e.g. enum(a|b)")
    elif argument is not None:
        raise QueryFileError(path, line, f"parameter {name!r}: type {kind} takes no argument")
    default = None
    for word in rest:
        key, equals, given = word.partition("=")
        if key != "default" or not equals:
            raise QueryFileError(path, line, f"parameter {name!r}: unexpected {word!r} (only default=VALUE may follow)")
        default = given
    if default is not None and presence == "required":
        raise QueryFileError(path, line, f"parameter {name!r}: a required parameter has no default")
    param = Param(name, kind, presence == "required", description.strip(), default, of_class, class_name, choices, line)
    if default is not None and kind in ("integer", "string", "enum"):
        try:
            literal_value(param, default)
        except ParameterError as error:
            raise QueryFileError(path, line, f"default: {error}") from None
    return param


def _dummy(param: Param) -> ox.NamedNode | ox.Literal:
    """Return a value of the parameter's type, to check that the query binds it."""
    if param.kind == "integer":
        return ox.Literal("1", datatype=XSD_INTEGER)
    if param.kind in ("string", "enum"):
        return ox.Literal(param.choices[0] if param.choices else "x")
    return ox.NamedNode("urn:x-rally-kg:check")


def _line_of(text: str, word: str, last: bool = False) -> int:
    """Return the first (or last) line outside comments where `word` occurs (1 when none)."""
    pattern = re.compile(rf"(?i)(?<![\w:?$]){re.escape(word)}(?![\w:])")
    found = [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if not line.lstrip().startswith("#") and pattern.search(line.split(" #")[0])
    ]
    return (found[-1] if last else found[0]) if found else 1


def check_sparql(text: str, params: Sequence[Param], path: Path | str) -> str:
    """Return the query form; raise QueryFileError (with the line) for anything that would not serve safely."""
    found = tokens(text)
    words = [t.lower() for kind, t in found if kind == "word"]
    form = next((w.upper() for w in words if w in ("select", "ask", "construct", "describe")), None)
    if form is None:
        raise QueryFileError(path, 1, "not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    try:
        inspect(text, lambda iri: False)
    except Refused as refusal:
        hint = (
            "; a saved query uses the dataset as served (GRAPH ?g reaches the named graphs)" if refusal.feature == "FROM" else ""
        )
        keyword = re.search(r"found (\w+)", str(refusal))
        line = _line_of(text, keyword.group(1) if keyword else refusal.feature)
        raise QueryFileError(path, line, f"{refusal}{hint}") from None
    closing = max((i for i, (_, t) in enumerate(found) if t == "}"), default=-1)
    for kind, word in found[closing + 1 :]:
        if kind == "word" and word.lower() in ("limit", "offset"):
            raise QueryFileError(
                path,
                _line_of(text, word, last=True),
                f"the query ends with {word.upper()}: leave paging out (limit and offset are request parameters)",
            )
    variables = {t[1:] for kind, t in found if kind == "var"}
    for index, (kind, word) in enumerate(found[:-2]):
        if kind == "word" and word.lower() == "bound" and found[index + 1][1] == "(":
            if found[index + 2][1][1:] in {p.variable for p in params}:
                raise QueryFileError(
                    path,
                    _line_of(text, word),
                    f"BOUND({found[index + 2][1]}) tests a parameter: a bound parameter is a constant to the engine and "
                    "BOUND() of it is false; use it in a triple pattern or COALESCE() instead",
                )
    for param in params:
        if param.variable not in variables:
            raise QueryFileError(
                path, param.line, f"parameter {param.name!r}: the query has no variable ?{param.variable} to bind"
            )
    store = ox.Store()
    try:
        store.query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        position = _SYNTAX_POSITION.search(str(error))
        message = explain(text, str(error))
        raise QueryFileError(path, int(position.group(1)) if position else 1, f"malformed query: {message}") from None
    for param in params:
        try:
            store.query(text, substitutions={ox.Variable(param.variable): _dummy(param)}, prefixes=PREFIXES)
        except (RuntimeError, ValueError) as error:
            raise QueryFileError(
                path, param.line, f"parameter {param.name!r} cannot be bound: {error} (a SELECT must project ?{param.variable})"
            ) from None
    return form


def parse_query_file(path: Path) -> SavedQuery:
    """Return the saved query a file defines; raise QueryFileError naming the file and line of any fault."""
    name = path.stem
    if not _NAME.fullmatch(name):
        raise QueryFileError(
            path, 1, f"file name {path.name!r}: a query's name uses lower-case letters, digits and single hyphens"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryFileError(path, 1, f"cannot read the file: {error}") from None
    prefixes = inspect_prefixes(text)
    values: dict[str, tuple[int, str]] = {}
    params: list[Param] = []
    for line, key, value in front_matter(text, path):
        if key not in _KEYS:
            raise QueryFileError(path, line, f"unknown front-matter key {key!r}; the keys are {', '.join(_KEYS)}")
        if key == "param":
            param = parse_param(value, line, path, prefixes)
            if any(p.name == param.name for p in params):
                raise QueryFileError(path, line, f"parameter {param.name!r} is declared twice")
            params.append(param)
        elif key in values:
            raise QueryFileError(path, line, f"{key!r} is given twice (first on line {values[key][0]})")
        else:
            values[key] = (line, value)
    summary = values.get("summary", (1, ""))[1]
    if not summary:
        raise QueryFileError(path, 1, "no '#+ summary:': every saved query says in one line what it answers")
    questions: list[int] = []
    if "questions" in values:
        line, value = values["questions"]
        for item in _list(value):
            if not item.isdigit() or not 0 < int(item) < 1000:
                raise QueryFileError(path, line, f"questions: expected competency question numbers such as [2, 4], got {item!r}")
            questions.append(int(item))
    pagination = None
    if "pagination" in values:
        line, value = values["pagination"]
        if not value.isdigit() or int(value) < 1:
            raise QueryFileError(path, line, f"pagination: expected a positive number of rows, got {value!r}")
        pagination = int(value)
    example: list[tuple[str, str]] = []
    if "example" in values:
        line, value = values["example"]
        try:
            example = urllib.parse.parse_qsl(value, keep_blank_values=True, strict_parsing=bool(value))
        except ValueError:
            raise QueryFileError(
                path, line, f"example: expected a query string such as stage=7&category=cars, got {value!r}"
            ) from None
        for key, _ in example:
            if key not in RESERVED and not any(p.name == key for p in params):
                raise QueryFileError(path, line, f"example: {key!r} is not a parameter of this query")
    form = check_sparql(text, params, path)
    if pagination is not None and form != "SELECT":
        raise QueryFileError(path, values["pagination"][0], "pagination: only SELECT answers come in pages")
    return SavedQuery(
        name=name,
        path=str(path),
        title=values.get("title", (1, ""))[1] or name.replace("-", " ").capitalize(),
        summary=summary,
        description=values.get("description", (1, ""))[1],
        questions=tuple(questions),
        tags=tuple(_list(values["tags"][1])) if "tags" in values else (),
        params=tuple(params),
        example=tuple(example),
        pagination=pagination,
        form=form,
        text=text,
    )


def inspect_prefixes(text: str) -> dict[str, str]:
    """Return the PREFIX declarations of a query."""
    try:
        return dict(inspect(text, lambda iri: True).prefixes)
    except Refused:
        return {}


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Return every saved query of a directory by name (its *.rq files); raise QueryFileError on the first bad one."""
    if not directory.is_dir():
        raise QueryFileError(directory, 1, "no such directory of saved queries")
    return {query.name: query for query in (parse_query_file(path) for path in sorted(directory.glob("*.rq")))}


# --- Parameter values -------------------------------------------------------------------------


def literal_value(param: Param, value: str) -> ox.Literal:
    """Return the literal an integer, string or enum parameter binds; raise ParameterError if the value is not one.

    >>> literal_value(Param("stage", "integer", True), " 07 ")
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> literal_value(Param("stage", "integer", True), "7 } UNION { ?s ?p ?o")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    endpoint.saved.ParameterError: parameter 'stage': expected an integer, got '7 } UNION { ?s ?p ?o'
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


def _graphs(graphs: Sequence[ox.NamedNode]) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    """Return graph names as the list pyoxigraph's query() takes."""
    return list(graphs)


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

    dataset: ServedDataset
    categories: dict[str, str] = field(default_factory=dict)  # category IRI -> its names, for messages
    category_keys: dict[str, str] = field(default_factory=dict)  # folded name, slug or IRI -> category IRI
    category_names: list[str] = field(default_factory=list)  # names to offer (OpenAPI enum, forms)
    editions: list[Edition] = field(default_factory=list)  # the editions whose articles were loaded, in order

    @property
    def store(self) -> ox.Store:
        """Return the served store."""
        return self.dataset.store

    @property
    def base(self) -> str:
        """Return the dataset's base IRI."""
        return self.dataset.base

    @property
    def default_graphs(self) -> list[ox.NamedNode]:
        """Return the graphs of the default graph the saved queries run on."""
        return self.dataset.default_graphs

    @classmethod
    def of(cls, dataset: ServedDataset) -> Vocabulary:
        """Return the vocabulary of a served dataset (its categories and editions read once)."""
        vocabulary = cls(dataset)
        rows = dataset.store.query(
            "PREFIX rally: <https://w3id.org/rally-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?c ?name WHERE { ?c a rally:Category { ?c rdfs:label ?name } UNION { ?c skos:altLabel ?name } } ORDER BY ?c ?name",
            default_graph=_graphs(dataset.default_graphs),
        )
        assert isinstance(rows, ox.QuerySolutions)
        names: dict[str, list[str]] = {}
        for row in rows:
            iri, name = row["c"].value, row["name"].value
            slug = iri.rsplit("/", 1)[-1]
            for key in (fold(name), slug, iri):
                vocabulary.category_keys[key] = iri
            listed = names.setdefault(iri, [slug])
            if fold(name) not in listed:
                listed.append(fold(name))
        for iri, listed in names.items():
            vocabulary.categories[iri] = listed[0] + (f" (or {', '.join(listed[1:])})" if listed[1:] else "")
            vocabulary.category_names += listed
        rows = dataset.store.query(
            "PREFIX rally: <https://w3id.org/rally-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?e ?label ?year WHERE { ?e a rally:CoveredEdition ; rdfs:label ?label OPTIONAL { ?e rally:year ?year } } "
            "ORDER BY ?label ?e",
            default_graph=_graphs(dataset.default_graphs),
        )
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            iri, year = row["e"].value, row["year"]
            number = int(year.value) if isinstance(year, ox.Literal) and year.value.isdigit() else None
            vocabulary.editions.append(Edition(iri, iri.rsplit("/", 1)[-1], number, row["label"].value))
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
            found = self.category_keys.get(f"{self.base}category/{category_slug(text)}")
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
        prefix = f"{self.base}country/"
        if text.startswith(prefix) and re.fullmatch(r"[A-Z]{3}", text[len(prefix) :]):
            return ox.NamedNode(text)
        match = country_by_code(text) if re.fullmatch(r"[A-Za-z]{3}", text) else None
        country = match.country if match else country_by_name(text) if text else None
        if country is None:
            raise ParameterError(param.name, f"{value!r} is not a country; expected {param.expects}, or a country IRI")
        return ox.NamedNode(prefix + country.iso3)

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
            if not self._ask("ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }", {"iri": node}, union=True):
                raise ParameterError(param.name, f"no resource <{iri}> in this dataset; expected {param.expects}", 404)
            if param.of_class and not self._ask("ASK { ?iri a ?class }", {"iri": node, "class": ox.NamedNode(param.of_class)}):
                raise ParameterError(param.name, f"<{iri}> is not a {param.class_name}; expected {param.expects}", 404)
            return node
        return self._named(param, text)

    def _named(self, param: Param, name: str) -> ox.NamedNode:
        found = name_index(self.dataset).named(name, param.of_class)
        if not found:
            raise ParameterError(param.name, f"nothing in this dataset is named {name!r}; expected {param.expects}", 404)
        if len(found) > 1:
            listed = ", ".join(f"<{iri}>" for iri in found[:5])
            raise ParameterError(param.name, f"{name!r} names {len(found)} resources ({listed}): give the IRI")
        return ox.NamedNode(found[0])

    def _ask(self, query: str, values: Mapping[str, ox.NamedNode], union: bool = False) -> bool:
        substitutions: dict[ox.Variable, Any] = {ox.Variable(k): v for k, v in values.items()}
        if union:
            answer = self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        else:
            answer = self.store.query(query, default_graph=_graphs(self.default_graphs), substitutions=substitutions)
        return bool(answer)

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


# --- Requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """A saved query with its parameters bound to terms and the page asked for: ready to run."""

    query: SavedQuery
    terms: tuple[tuple[str, str], ...]  # (variable, N-Triples term), in parameter order
    given: tuple[tuple[str, str], ...]  # (parameter, value as given), for links to other pages
    limit: int | None  # None: not paged (ASK, CONSTRUCT, DESCRIBE)
    offset: int
    format: str | None

    @property
    def text(self) -> str:
        """Return the query text run: the file, and for a SELECT ` LIMIT n+1 OFFSET m` (one row more tells if there are more)."""
        if self.limit is None:
            return self.query.text
        return f"{self.query.text.rstrip()}\nLIMIT {self.limit + 1} OFFSET {self.offset}\n"

    def job(self, result_format: str | None, graph_format: str | None, max_rows: int) -> Job:
        """Return the job the executor runs: the dataset's default graph, the values as substitutions.

        A page is cut at its limit (one more row fetched says whether there are more); other answers at max_rows.
        """
        cap = self.limit if self.limit is not None else max_rows
        return Job(self.text, None, None, False, result_format, graph_format, cap, self.terms, prefixes=tuple(PREFIXES.items()))


def _single(values: Mapping[str, Sequence[str]], name: str) -> str | None:
    given = values.get(name) or []
    if len(given) > 1:
        raise ParameterError(name, f"given {len(given)} times; give it once")
    return given[0] if given else None


def _page_number(name: str, value: str, low: int, high: int) -> int:
    text = value.strip()
    if not re.fullmatch(r"\d{1,10}", text) or not low <= int(text) <= high:
        raise ParameterError(name, f"expected an integer from {low} to {high}, got {value!r}")
    return int(text)


def bind(query: SavedQuery, values: Mapping[str, Sequence[str]], vocabulary: Vocabulary, max_rows: int) -> Call:
    """Return the call a request makes: every parameter checked against its type and resolved to one RDF term.

    Raises ParameterError naming the parameter for a missing, unknown, repeated or ill-typed value.
    """
    for name in values:
        if name not in RESERVED and query.param(name) is None:
            known = ", ".join([p.name for p in query.params] + list(RESERVED))
            raise ParameterError(name, f"{query.name} has no such parameter; it takes: {known}")
    terms: list[tuple[str, str]] = []
    given: list[tuple[str, str]] = []
    for param in query.params:
        value = _single(values, param.name)
        if value is not None and value.strip() == "" and not param.required:
            value = None  # an empty form field: the parameter is left out
        if value is None:
            if param.required:
                raise ParameterError(param.name, f"missing; expected {param.expects}")
            if param.default is None:
                continue
            value = param.default
        else:
            given.append((param.name, value))
        terms.append((param.variable, str(vocabulary.term(param, value))))
    limit_value, offset_value = _single(values, "limit"), _single(values, "offset")
    limit: int | None = None
    offset = 0
    if query.paged:
        page = min(query.pagination or DEFAULT_PAGE, max_rows)
        limit = _page_number("limit", limit_value, 1, max_rows) if limit_value is not None else page
        offset = _page_number("offset", offset_value, 0, MAX_OFFSET) if offset_value is not None else 0
    elif limit_value is not None or offset_value is not None:
        raise ParameterError(
            "limit" if limit_value is not None else "offset", f"{query.name} is a {query.form} query: its answer is not paged"
        )
    fmt = _single(values, "format")
    if fmt is not None and not fmt.strip():
        raise ParameterError("format", "empty; leave it out to go by the Accept header, or name a format (json, csv, ...)")
    return Call(query, tuple(terms), tuple(given), limit, offset, fmt)


def page_links(call: Call, rows: int, truncated: bool, base_url: str) -> dict[str, str]:
    """Return the URLs of the first, previous and next pages of a paged answer (by rel)."""
    if call.limit is None:
        return {}

    def url(offset: int) -> str:
        extra = [("format", call.format)] if call.format else []
        return base_url + "?" + urllib.parse.urlencode([*call.given, *extra, ("limit", str(call.limit)), ("offset", str(offset))])

    links = {"first": url(0)}
    if call.offset > 0:
        links["prev"] = url(max(0, call.offset - call.limit))
    if truncated:
        links["next"] = url(call.offset + rows)
    return links


# --- Examples that apply to the served data ----------------------------------------------------


def _as_value(param: Param, term: Any, base: str) -> str | None:
    """Return how a parameter value standing for a term is written in a URL (a slug or path where the IRI has one)."""
    if isinstance(term, ox.Literal):
        return term.value if param.kind in ("integer", "string", "enum") else None
    if not isinstance(term, ox.NamedNode):
        return None
    if param.kind in ("category", "edition", "country"):
        return term.value.rsplit("/", 1)[-1]
    if param.kind == "iri":
        return term.value.removeprefix(base) if term.value.startswith(base) else term.value
    return None


def _answers(query: SavedQuery, terms: Sequence[tuple[str, str]], vocabulary: Vocabulary, rows: int) -> list[dict[str, Any]]:
    """Return up to `rows` solutions of a SELECT run with these bound values (empty for other forms or on failure)."""
    if query.form != "SELECT":
        return []
    try:
        solutions = vocabulary.store.query(
            f"{query.text.rstrip()}\nLIMIT {rows}\n",
            default_graph=_graphs(vocabulary.default_graphs),
            named_graphs=list(vocabulary.dataset.named_graphs),
            prefixes=PREFIXES,
            substitutions={ox.Variable(v): parse_term(t) for v, t in terms} or None,
        )
    except (SyntaxError, ValueError, RuntimeError, OSError):
        return []
    assert isinstance(solutions, ox.QuerySolutions)
    return [{v.value: row[v.value] for v in solutions.variables} for row in solutions]


def example_for(query: SavedQuery, vocabulary: Vocabulary) -> tuple[tuple[str, str], ...] | None:
    """Return parameter values for an example that applies to the served data, None when none is found.

    The file's own example when its values name things of this dataset (and a SELECT answers rows with
    them); else values read off the data: the first answer of the query run without its parameters gives
    the required ones. A query is served either way: an example is documentation, not a precondition.
    """
    values: dict[str, list[str]] = {}
    for key, value in query.example:
        values.setdefault(key, []).append(value)
    try:
        call = bind(query, values, vocabulary, 1)
        if query.form != "SELECT" or _answers(query, call.terms, vocabulary, 1):
            return query.example
    except ParameterError:
        pass
    required = [p for p in query.params if p.required]
    if not required:
        return ()
    for row in _answers(query, (), vocabulary, 50):
        found = [(p.name, _as_value(p, row.get(p.variable), vocabulary.base)) for p in required]
        if all(value is not None for _, value in found):
            return tuple((name, str(value)) for name, value in found)
    return None


@dataclass
class Registry:
    """The saved queries an app serves, what their parameter values may name, and examples that apply to its data."""

    queries: dict[str, SavedQuery]
    vocabulary: Vocabulary
    _examples: dict[str, tuple[tuple[str, str], ...] | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def example(self, query: SavedQuery) -> tuple[tuple[str, str], ...]:
        """Return the parameters of an example of the query that applies to the served data (empty when none is found)."""
        with self._lock:
            if query.name not in self._examples:
                self._examples[query.name] = example_for(query, self.vocabulary)
            return self._examples[query.name] or ()


# --- The command line (rally-kg query --saved NAME --param KEY=VALUE) --------------------------


def run_command(name: str, params: Iterable[str], data: Path, fmt: str, queries_dir: Path = QUERIES_DIR) -> int:
    """Run a saved query over a built dataset and print the answer as the API gives it; return the exit status."""
    from endpoint import DEFAULTS
    from endpoint.dataset import open_dataset  # the served dataset: the same default graph as the web API
    from loader.store import has_build

    if not has_build(data):
        print(f"rally-kg: error: no built dataset in {data}/; run 'rally-kg build --out {data}' first", file=sys.stderr)
        return 2

    try:
        queries = load_queries(queries_dir)
    except QueryFileError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    query = queries.get(name)
    if query is None:
        print(f"rally-kg: error: no saved query {name!r}; the saved queries are: {', '.join(queries)}", file=sys.stderr)
        return 2
    values: dict[str, list[str]] = {}
    for item in params:
        key, equals, value = item.partition("=")
        if not equals:
            print(f"rally-kg: error: --param {item!r}: expected KEY=VALUE", file=sys.stderr)
            return 2
        values.setdefault(key.strip(), []).append(value)
    dataset = open_dataset(data)
    vocabulary = Vocabulary.of(dataset)
    max_rows = int(DEFAULTS["MAX_ROWS"])
    try:
        call = bind(query, values, vocabulary, max_rows)
    except ParameterError as error:
        print(f"rally-kg: error: {error}", file=sys.stderr)
        return 2
    outcome = execute(dataset.store, call.job("json", "turtle", max_rows), dataset.default_graphs, dataset.named_graphs)
    if isinstance(outcome, Failure):
        print(f"rally-kg: error: {query.path}: {outcome.message}", file=sys.stderr)
        return 1
    sys.stdout.write(format_answer(outcome, fmt))
    if outcome.truncated and call.limit is not None:
        more = call.offset + outcome.rows
        print(f"rally-kg: more rows: add --param offset={more} (or a larger --param limit=)", file=sys.stderr)
    return 0


def format_answer(answer: Answer, fmt: str) -> str:
    """Return a JSON answer (SPARQL results or Turtle) as a text table, CSV or SPARQL JSON."""
    if answer.kind == "graph" or fmt == "json":
        return answer.body.decode("utf-8").rstrip("\n") + "\n"
    parsed: Any = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    if answer.kind == "ask":
        return f"{str(bool(parsed)).lower()}\n"
    if fmt == "csv":
        return (parsed.serialize(format=RESULT_FORMATS["csv"]) or b"").decode("utf-8").replace("\r\n", "\n")
    variables = [v.value for v in parsed.variables]
    cells = [["" if row[v] is None else row[v].value for v in variables] for row in parsed]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
