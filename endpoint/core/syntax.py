"""A query that does not parse, told as a sentence first: what is wrong, where, what to do; the parser's words after."""

from __future__ import annotations

import re

from endpoint.core.safety import tokens
from vocabulary.namespaces import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+)")
_CHARACTER_CLASS = re.compile(r"\[[^\]]*\]")


def undeclared_prefix(query: str) -> tuple[str, int, int] | None:
    """Return the first prefix the query uses without declaring it, with its line and column (from 1).

    >>> undeclared_prefix("PREFIX ex: <http://e/>\\nSELECT * WHERE {\\n  ?s a rally:Stage ; ex:p ?o }")
    ('rally', 3, 8)
    """
    declared: set[str] = set()
    found = tokens(query)
    for index, (kind, text) in enumerate(found):
        if kind == "word" and text.lower() == "prefix" and index + 1 < len(found) and found[index + 1][0] == "pname":
            declared.add(found[index + 1][1].split(":")[0])
    offset = 0
    for kind, text in found:
        offset = query.index(text, offset)
        if kind == "pname" and ":" in text and text.split(":")[0] not in declared:
            before = query[:offset]
            return text.split(":")[0], before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        offset += len(text)
    return None


def declared(query: str) -> str:
    """Return a query with a PREFIX line for each known prefix it uses without declaring (for use elsewhere, as /sparql).

    >>> declared("SELECT * WHERE { ?s a rally:Stage }").splitlines()
    ['PREFIX rally: <https://w3id.org/rally-kg/ontology#>', 'SELECT * WHERE { ?s a rally:Stage }']
    """
    lines = []
    rest = query
    while (unknown := undeclared_prefix(rest)) is not None and unknown[0] in PREFIXES:
        lines.append(f"PREFIX {unknown[0]}: <{PREFIXES[unknown[0]]}>")
        rest = f"{lines[-1]}\n{rest}"
    return rest


def _token_at(query: str, line: int, column: int) -> str | None:
    """Return the text the parser stopped at (a token or a few characters), None at the end of the query."""
    lines = query.split("\n")
    if line > len(lines):
        return None
    rest = "\n".join([lines[line - 1][column - 1 :], *lines[line:]]).lstrip()
    if not rest:
        return None
    found = tokens(rest)
    return found[0][1][:40] if found else rest[:20]


def _expected(raw: str) -> str:
    """Return the alternatives a parser message names, without its character classes (or "" when it names none)."""
    match = re.search(r"expected (?:one of )?(.*)", raw.split("\n")[0])
    if not match:
        return ""
    items = [item.strip() for item in _CHARACTER_CLASS.sub("", match.group(1)).split(",")]
    items = [item.strip('"') for item in items if item and "not found" not in item and "parsing failed" not in item]
    items = [item for item in items if item and item != "_"]
    return ", ".join(f"`{item}`" for item in items[:8]) + (" or more" if len(items) > 8 else "")


def explain(query: str, raw: str) -> str:
    """Return a parse error as a plain sentence, keeping the line and column and, shortened, the parser's message.

    >>> explain("SELECT * WHERE {\\n  ?s a rally:Stage\\n}", "error at 2:19: expected one of Prefix not found, ['%']")
    'unknown prefix `rally:` at 2:8; add `PREFIX rally: <https://w3id.org/rally-kg/ontology#>` (error at 2:19: Prefix not found)'
    >>> explain("SELECT * WHERE { ?s ?p ?o } ORDER ?s", "error at 1:37: expected BY")
    'the query does not parse at 1:37, at the end of the query: expected `BY` (error at 1:37)'
    """
    position = _POSITION.search(raw)
    if "Prefix not found" in raw:
        unknown = undeclared_prefix(query)
        if unknown:
            prefix, line, column = unknown
            iri = PREFIXES.get(prefix)
            fix = f"add `PREFIX {prefix}: <{iri}>`" if iri else f"declare it with `PREFIX {prefix}: <…>`"
            where = f"error at {position.group(1)}:{position.group(2)}: " if position else ""
            return f"unknown prefix `{prefix}:` at {line}:{column}; {fix} ({where}Prefix not found)"
    if not position:
        return raw.split("\n")[0][:300]
    line, column = int(position.group(1)), int(position.group(2))
    found = _token_at(query, line, column)
    at = f"at `{found}`" if found else "at the end of the query"
    if "IRI parsing failed" in raw:
        return f"an IRI that is not valid at {line}:{column}, {at}: write an IRI as <http://…>, without spaces (error at {line}:{column})"
    expected = _expected(raw)
    return (
        f"the query does not parse at {line}:{column}, {at}"
        + (f": expected {expected}" if expected else "")
        + f" (error at {line}:{column})"
    )
