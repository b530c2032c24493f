"""Why a query was not answered: refused before it ran, failed, or stopped. The views map these to HTTP statuses
in one place (endpoint.errors); the command line prints the same messages."""

from __future__ import annotations


class QueryError(Exception):
    """A query the service did not answer; the message says why, for the person who sent it."""


class Refused(QueryError):
    """A query the service will not run (an update, SERVICE, LOAD, a remote FROM, too deep), with the feature named."""

    def __init__(self, feature: str, message: str) -> None:
        super().__init__(message)
        self.feature = feature


class QueryFailed(QueryError):
    """A query that does not parse (kind "syntax", with line and column) or that the engine could not evaluate."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"malformed query: {detail}" if kind == "syntax" else f"the query failed: {detail}")
        self.kind = kind
        self.detail = detail

    def __reduce__(self) -> tuple[type[QueryFailed], tuple[str, str]]:
        return (QueryFailed, (self.kind, self.detail))  # sent back whole from the query process


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped; make the query cheaper, or ask for less")
        self.seconds = seconds


class QueryTooLarge(QueryTimeout):
    """A query took more memory than a query may and was stopped (answered like a timeout)."""

    def __init__(self, megabytes: int) -> None:
        QueryError.__init__(
            self, f"the query took more than {megabytes:,} MB of memory and was stopped; make the query cheaper, or ask for less"
        )
        self.seconds = 0.0
        self.megabytes = megabytes


class ParameterError(QueryError, ValueError):
    """A value given for a query's parameter that is missing, unknown or not what its type expects, or (`absent`) that
    names a resource this dataset does not have; the message names the parameter."""

    def __init__(self, name: str, message: str, absent: bool = False) -> None:
        super().__init__(f"parameter '{name}': {message}")
        self.name = name
        self.absent = absent
