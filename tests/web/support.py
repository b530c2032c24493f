"""Helpers of the web tests: where the site is, and plain HTTP requests that do not follow redirects."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

DEPLOYMENT_BASE = "https://rally.example.org/resource/"


@dataclass(frozen=True)
class Site:
    """Where the data is served: the server's root URL and the base IRI of its resources."""

    root: str
    base: str

    def iri(self, path: str) -> str:
        """Return the IRI of a resource by its path under the base, e.g. person/jutta-kleinschmidt."""
        return self.base + path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A urllib handler that hands redirects back instead of following them."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass(frozen=True)
class Reply:
    """An HTTP response: status, headers (names in lower case), body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        """Return the Content-Type without parameters."""
        return self.headers.get("content-type", "").split(";")[0].strip()


def http_get(url: str, accept: str | None = None, follow: bool = False, headers: dict[str, str] | None = None) -> Reply:
    """GET a URL over HTTP; redirects are returned, not followed, unless asked."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={**({"Accept": accept} if accept else {}), **(headers or {})})
    try:
        with opener.open(request, timeout=30) as response:
            return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())
