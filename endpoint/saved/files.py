"""Reading saved-query files: `queries/<name>.rq`, `#+ key: value` front-matter above the SPARQL, checked whole.

A file that cannot be served safely is refused with its path and line: a bad key or type, a parameter the
query does not bind, LIMIT or OFFSET at the end (paging is the request's), anything the endpoint refuses.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import XSD

from endpoint.core.errors import ParameterError, Refused
from endpoint.core.safety import inspect, tokens
from endpoint.core.syntax import explain
from endpoint.saved.model import KINDS, QUERIES_DIR, RESERVED, Param, QueryFileError, SavedQuery
from endpoint.saved.values import literal_value
from vocabulary.namespaces import PREFIXES

_KEYS = ("title", "summary", "description", "questions", "tags", "param", "example", "pagination")
_FRONT = re.compile(r"#\+(.*)")
_ENTRY = re.compile(r"([a-z][a-z-]*)\s*:(.*)")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_TYPE = re.compile(r"(integer|string|enum|category|country|edition|iri)(?:\((.*)\))?")
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+)")
XSD_INTEGER = ox.NamedNode(str(XSD.integer))


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
