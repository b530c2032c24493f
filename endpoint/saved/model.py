"""Saved queries as data: a query file's front-matter (title, summary, typed parameters, example) and its SPARQL.

The file format is documented in docs/saved-queries.md; `endpoint.saved.files` reads it.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
RESERVED = ("format", "limit", "offset")  # request parameters of every saved query
KINDS = ("integer", "string", "enum", "category", "country", "edition", "iri")
DEFAULT_PAGE = 100  # rows of a page when neither the request nor the file says
MAX_OFFSET = 2**31 - 1
INTEGER_RANGE = (-(2**31), 2**31 - 1)
MAX_STRING = 500


class QueryFileError(ValueError):
    """A saved-query file that cannot be served; the message starts with `path:line:`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line


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
