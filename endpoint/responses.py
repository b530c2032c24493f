"""The one way answers that anyone may cache are made: ETag from the dataset, Cache-Control, Vary, 304s."""

from __future__ import annotations

from flask import Response, current_app, request

ANSWER_VARY = "Accept, Accept-Encoding"


def public_cache_control() -> str:
    """Return the Cache-Control of answers that any client or proxy may keep (the data is read-only)."""
    return f"public, max-age={int(current_app.config['CACHE_MAX_AGE'])}"


def cacheable(
    body: bytes | str, content_type: str, etag: str | None, *, status: int = 200, vary: str | None = ANSWER_VARY
) -> Response:
    """Return a response any cache may keep, answered 304 when the request's If-None-Match names its ETag."""
    response = Response(body, status=status, content_type=content_type)
    response.headers["Cache-Control"] = public_cache_control()
    if vary:
        response.headers["Vary"] = vary
    if etag is not None:
        response.set_etag(etag)
        response.make_conditional(request)
    return response
