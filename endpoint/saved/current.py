"""The saved queries of the running app: read when the saved-query views are registered, used by every page."""

from __future__ import annotations

from flask import current_app
from flask.sansio.app import App

from endpoint.saved.examples import Registry

KEY = "saved-queries"


def keep(app: App, registry: Registry) -> None:
    """Make a registry the app's saved queries."""
    app.extensions[KEY] = registry


def registry() -> Registry | None:
    """Return the saved queries of the running app (None when the saved-query views are not registered)."""
    found: Registry | None = current_app.extensions.get(KEY)
    return found


def examples() -> list[tuple[str, str, str, str]]:
    """Return the saved queries as (name, title, summary, SPARQL text), for links and the editor's examples."""
    found = registry()
    return [] if found is None else [(q.name, q.title, q.summary, q.text) for q in found.queries.values()]
