"""Helpers of the web tests: where the site is, and plain HTTP requests that do not follow redirects."""

from __future__ import annotations

from dataclasses import dataclass

from tests.replies import Reply, http_request

DEPLOYMENT_BASE = "https://rally.example.org/resource/"


@dataclass(frozen=True)
class Site:
    """Where the data is served: the server's root URL and the base IRI of its resources."""

    root: str
    base: str

    def iri(self, path: str) -> str:
        """Return the IRI of a resource by its path under the base, e.g. person/jutta-kleinschmidt."""
        return self.base + path


def http_get(url: str, accept: str | None = None, follow: bool = False, headers: dict[str, str] | None = None) -> Reply:
    """GET a URL over HTTP; redirects are returned, not followed, unless asked."""
    return http_request(url, headers={**({"Accept": accept} if accept else {}), **(headers or {})}, follow=follow)
