"""How answers are made: the format negotiated (or refused, saying why), and for answers anyone may cache,
ETag from the dataset, Cache-Control, Vary, 304s."""

from __future__ import annotations

from flask import Response, current_app, request

from endpoint.errors import ProtocolError
from endpoint.negotiation import FORMATS, Format, UnknownFormat, format_names, negotiate

ANSWER_VARY = "Accept, Accept-Encoding"
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def secure(response: Response) -> Response:
    """Return an HTML response with the headers every page carries: a strict content policy, no sniffing, no referrer
    leaving the site."""
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


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


def unknown_format(requested: str | None) -> ProtocolError:
    """Return the 400 for a `format` parameter naming nothing the endpoint offers."""
    return ProtocolError(400, f"parameter 'format': expected one of {', '.join(format_names())}, got {requested!r}")


def negotiated(kind: str, requested: str | None, what: str) -> Format:
    """Return the format the request asks for (Accept, or `format=`) for a kind of answer; 400 or 406 when there is none."""
    try:
        fmt = negotiate(request.headers.get("Accept"), kind, requested)
    except UnknownFormat:
        raise unknown_format(requested) from None
    if fmt is None:
        offered = ", ".join(dict.fromkeys(f.media_type for f in FORMATS if f.kind == kind))
        raise ProtocolError(406, f"none of the accepted media types can carry {what}; offered: {offered}")
    return fmt
