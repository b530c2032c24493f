"""Errors raised on input the loader cannot read, and problems it reports in the source."""

from __future__ import annotations

from dataclasses import dataclass


class SourceError(Exception):
    """Input that cannot be read as a rally article: says which file, which line, and what was expected."""

    def __init__(self, path: str, line: int | None, message: str, expected: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.expected = expected
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Problem:
    """Something in the source that does not add up; reported, never corrected."""

    code: str
    message: str
    path: str
    line: int | None
    concerns: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: [{self.code}] {self.message}"
