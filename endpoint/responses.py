"""How answers are made: the format negotiated (or refused, saying why), and for answers anyone may cache,
ETag from the dataset, Cache-Control, Vary, 304s; the headers every page carries."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Response, current_app, render_template, request

from endpoint.context import service
from endpoint.core.answers import Answer
from endpoint.core.negotiation import FORMATS, HTML_TYPES, Format, UnknownFormat, format_names, negotiate
from endpoint.errors import ProtocolError

ANSWER_VARY = "Accept, Accept-Encoding"
EXPOSED_HEADERS = ("ETag", "Link", "Server-Timing", "X-Result-Rows", "X-Result-Truncated", "Warning")  # to scripts of any site
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


def page(
    template: str, status: int = 200, public: bool = True, tag: tuple[object, ...] | None = None, **context: object
) -> Response:
    """Return a rendered HTML page with the headers every page carries; a public one with an ETag (from `tag`, else
    the URL) and caching headers, any other `no-store`."""
    return html(render_template(template, **context).encode("utf-8"), status, public, tag)


def html(body: bytes, status: int = 200, public: bool = True, tag: tuple[object, ...] | None = None) -> Response:
    """Return an HTML body as a page (see `page`)."""
    response = secure(Response(body, status=status, content_type="text/html; charset=utf-8"))
    if public and status == 200:
        response.headers["Cache-Control"] = public_cache_control()
        response.set_etag(service().etag(*(tag or ("page", request.full_path))))
        response.make_conditional(request)
    else:
        response.headers["Cache-Control"] = "no-store"
    return response


def document(key: tuple[object, ...], fmt: Format, build: Callable[[], bytes], keep: bool = False) -> Response:
    """Return an RDF document with ETag and caching headers; `keep` holds it in memory (the few fixed documents).

    Per-resource documents are not kept here: the bounded response cache in front of the app keeps the recent ones.
    """
    current = service()
    full_key = (*key, fmt.serialiser)
    body = current.documents.get(full_key)
    if body is None:
        body = build()
        if keep:
            current.documents[full_key] = body
    return cacheable(body, fmt.content_type, current.etag(full_key))


def unknown_format(requested: str | None) -> ProtocolError:
    """Return the 400 for a `format` parameter naming nothing the endpoint offers."""
    return ProtocolError(400, f"parameter 'format': expected one of {', '.join(format_names())}, got {requested!r}")


def not_acceptable(what: str, kinds: Iterable[str], pages: bool = False) -> ProtocolError:
    """Return the 406 for a request whose Accept names no format that can carry `what`, listing the ones offered."""
    wanted = set(kinds)
    offered = [*(HTML_TYPES if pages else ()), *(f.media_type for f in FORMATS if f.kind in wanted)]
    return ProtocolError(406, f"none of the accepted media types can carry {what}; offered: {', '.join(dict.fromkeys(offered))}")


def choose(kind: str, requested: str | None) -> Format | None:
    """Return the format the request asks for (Accept, or `format=`) for a kind of answer, None when none fits; a 400
    for a `format` naming nothing offered."""
    try:
        return negotiate(request.headers.get("Accept"), kind, requested)
    except UnknownFormat:
        raise unknown_format(requested) from None


def negotiated(kind: str, requested: str | None, what: str) -> Format:
    """Return the format the request asks for a kind of answer; 400 or 406 when there is none."""
    fmt = choose(kind, requested)
    if fmt is None:
        raise not_acceptable(what, [kind])
    return fmt


def answer_headers(answer: Answer, max_rows: int) -> list[tuple[str, str]]:
    """Return the headers that describe an answer: its time, its rows, and whether it was cut."""
    headers = [("Server-Timing", f"query;dur={answer.milliseconds:.2f}"), ("X-Result-Rows", str(answer.rows))]
    if answer.truncated:
        headers.append(("X-Result-Truncated", "true"))
        headers.append(("Warning", f'199 rally-kg "result truncated to the first {max_rows} rows; add LIMIT/OFFSET to page"'))
    return headers
