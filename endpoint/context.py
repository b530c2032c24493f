"""What a view gets from the running app: its service, the request's deadline and session, the saved queries."""

from __future__ import annotations

from flask import current_app, g, request

from endpoint.core.executor import Deadline
from endpoint.core.service import Service, Session
from endpoint.saved.examples import Registry


def service() -> Service:
    """Return the service of the running app."""
    found: Service = current_app.extensions["rally"]
    return found


def deadline(seconds: float | None = None) -> Deadline:
    """Return a deadline for the request: the service's time limit from now, or less when asked for less.

    Under gunicorn's sync workers the client's socket goes with it, so that a watchdog answers it when time is up.
    """
    limit = service().limits.timeout
    return Deadline.after(limit if seconds is None else min(seconds, limit), request.environ.get("gunicorn.socket"))


def session() -> Session:
    """Return the request's session: every lookup of one request shares one deadline."""
    found: Session | None = g.get("session")
    if found is None:
        found = g.session = Session(service(), deadline())
    return found


def saved_queries() -> Registry | None:
    """Return the saved queries of the running app (None when the saved-query views are not registered)."""
    found: Registry | None = current_app.extensions.get("saved-queries")
    return found


def saved_examples() -> list[tuple[str, str, str, str]]:
    """Return the saved queries as (name, title, summary, SPARQL text), for links and the editor's examples."""
    found = saved_queries()
    return [] if found is None else [(q.name, q.title, q.summary, q.text) for q in found.queries.values()]
