"""Look at a query's tokens before running it: no updates, no SERVICE, no LOAD, no remote FROM."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from endpoint.core.errors import Refused

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    | (?P<pname>[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*?:[\w.\-:%\u00B7-\uFFFF]*|:[\w.\-:%\u00B7-\uFFFF]*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
FORMS = {"select", "ask", "construct", "describe"}
UPDATE_WORDS = {"insert", "delete", "load", "clear", "drop", "create", "copy", "move", "add", "with"}
MAX_NESTING = 100  # brackets, parentheses and braces inside each other; the parser's stack ends some thousands deep
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(query: str) -> str:
    """Return a query with its \\u and \\U code point escapes decoded, as SPARQL reads them before anything else.

    >>> unescape(r"FROM <\\u0066ile:///etc/passwd>")
    'FROM <file:///etc/passwd>'
    """

    def decode(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _ESCAPE.sub(decode, query)


@dataclass(frozen=True)
class Inspection:
    """What a query asks of the dataset: its FROM and FROM NAMED graphs."""

    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def has_dataset(self) -> bool:
        """Return whether the query names its own dataset with FROM or FROM NAMED."""
        return bool(self.from_graphs or self.from_named)


def tokens(query: str) -> list[tuple[str, str]]:
    """Return the (kind, text) tokens of a query, comments dropped.

    >>> tokens('SELECT * FROM <g> WHERE { ?s ex:p "a # b" } # c')
    [('word', 'SELECT'), ('other', '*'), ('word', 'FROM'), ('iri', '<g>'), ('word', 'WHERE'), ('other', '{'), ('var', '?s'), ('pname', 'ex:p'), ('string', '"a # b"'), ('other', '}')]
    """
    return [(kind, text) for kind, text, _ in spans(query)]


def spans(query: str) -> list[tuple[str, str, int]]:
    """Return the (kind, text, offset) tokens of a query, comments dropped."""
    found = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind != "comment":
            found.append((kind, match.group(), match.start()))
    return found


def where_offset(query: str) -> int | None:
    """Return the offset just inside the brace that opens the query's WHERE pattern; None when it has none (a DESCRIBE
    of IRIs or bound variables alone) or when its pattern is also its template (CONSTRUCT WHERE { ... }).

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_offset(q):]
    ' ?s ?p ?o }'
    """
    found = spans(query)
    form = next((i for i, (kind, text, _) in enumerate(found) if kind == "word" and text.lower() in FORMS), None)
    if form is None:
        return None
    index = form + 1
    if found[form][1].lower() == "construct":
        if index < len(found) and found[index][1] != "{":
            return None
        depth = 0
        for index in range(form + 1, len(found)):
            depth += {"{": 1, "}": -1}.get(found[index][1], 0)
            if depth == 0:
                break
        index += 1
    for _kind, text, offset in found[index:]:
        if text == "{":
            return offset + 1
    return None


def query_form(query: str) -> str:
    """Return a query's form, lower case: select, ask, construct or describe ("" when it has none of them).

    >>> query_form("PREFIX select: <http://x/> CONSTRUCT { ?s select:p ?o } WHERE { ?s ?p ?o }")
    'construct'
    """
    for kind, text in tokens(query):
        if kind == "word" and text.lower() in FORMS:
            return text.lower()
    return ""


def inspect(query: str, is_local_graph: Callable[[str], bool]) -> Inspection:
    """Return the query's dataset clauses; raise Refused for updates, SERVICE, and FROM of a graph not served here.

    >>> inspect("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", lambda iri: True)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    endpoint.core.errors.Refused: SERVICE (federated query) is not allowed: this endpoint makes no outbound requests
    """
    found = tokens(unescape(query))
    prefixes: dict[str, str] = {}
    from_graphs: list[str] = []
    from_named: list[str] = []
    depth = deepest = 0
    for _kind, text in found:
        if text in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif text in ("}", ")", "]"):
            depth -= 1
    if deepest > MAX_NESTING:
        raise Refused("nesting", f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are taken (write it flatter)")
    for index, (kind, text) in enumerate(found):
        if kind != "word":
            continue
        word = text.lower()
        if word == "prefix" and index + 2 < len(found) and found[index + 1][0] == "pname" and found[index + 2][0] == "iri":
            prefixes[found[index + 1][1].rstrip(":").split(":")[0]] = found[index + 2][1][1:-1]
        elif word == "service":
            raise Refused("SERVICE", "SERVICE (federated query) is not allowed: this endpoint makes no outbound requests")
        elif word in UPDATE_WORDS and (word != "with" and word != "add" or _starts_statement(found, index)):
            feature = "LOAD" if word == "load" else "SPARQL Update"
            raise Refused(feature, f"{feature} is not allowed: this endpoint is read-only (found {text.upper()})")
        elif word == "from":
            named = index + 1 < len(found) and found[index + 1][0] == "word" and found[index + 1][1].lower() == "named"
            target = found[index + 2] if named else (found[index + 1] if index + 1 < len(found) else ("other", ""))
            iri = _resolve(target, prefixes)
            if iri is None:
                continue
            if not is_local_graph(iri):
                raise Refused(
                    "FROM",
                    f"FROM{' NAMED' if named else ''} <{iri}> is not a graph of this dataset; remote graphs are not fetched",
                )
            (from_named if named else from_graphs).append(iri)
    return Inspection(tuple(from_graphs), tuple(from_named), prefixes)


def _starts_statement(found: list[tuple[str, str]], index: int) -> bool:
    """WITH and ADD are update keywords only where an update operation starts."""
    previous = found[index - 1] if index else ("other", ";")
    return previous[1] in (";", "}") or index == 0 or previous[0] == "iri"


def _resolve(token: tuple[str, str], prefixes: dict[str, str]) -> str | None:
    kind, text = token
    if kind == "iri":
        return text[1:-1]
    if kind == "pname" and ":" in text:
        prefix, _, local = text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None
