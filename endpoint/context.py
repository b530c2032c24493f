"""What a view gets from the running app: its service, and the request's deadline and session."""

from __future__ import annotations

from flask import current_app, g, request

from endpoint.core.executor import Deadline
from endpoint.core.service import Service, Session


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
