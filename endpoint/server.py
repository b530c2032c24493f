"""Serve the app with a production WSGI server (gunicorn): the app is made once, then forked; each worker opens the store."""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import (
    InvalidHeader,
    InvalidHeaderName,
    InvalidHTTPVersion,
    InvalidRequestLine,
    InvalidRequestMethod,
    LimitRequestHeaders,
    LimitRequestLine,
)
from gunicorn.workers.sync import SyncWorker

from endpoint.app import create_app


def close_promptly(client: socket.socket, timeout: float = 2.0, max_drain: int = 65536) -> None:
    """Close a client's connection after its response: at once when nothing it sent is left unread, else as gunicorn does.

    gunicorn closes every connection gracefully (RFC 9112, 9.6): it half-closes and then waits to read until the
    client closes its side, so that unread request data cannot make the kernel reset the connection and cut the
    response. With nothing left unread there is nothing to protect, and the wait (a round trip to the client, during
    which a sync worker serves no one) was a third of the time a small query took under load.
    """
    try:
        client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        try:
            client.close()  # nothing unread: a plain FIN, no reset
        except OSError:
            pass
        return
    except OSError:
        pass
    _graceful(client, timeout, max_drain)  # unread data (or the client already closed): gunicorn's own way


_graceful = gunicorn_util.close_graceful


class PlainErrorWorker(SyncWorker):  # type: ignore[misc]
    """gunicorn's sync worker, answering the requests gunicorn refuses itself in plain text, like every other error,
    and closing connections promptly when nothing is left unread (`close_promptly`)."""

    def init_process(self) -> None:
        """Start the worker with `close_promptly` as the way its connections are closed."""
        gunicorn_util.close_graceful = close_promptly
        super().init_process()

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: BaseException) -> None:
        """Answer a request gunicorn could not read (too long a line, bad headers) in plain text; else as gunicorn does."""
        if isinstance(exc, LimitRequestLine):
            status, message = (
                414,
                (
                    f"the request line is longer than the {self.cfg.limit_request_line} bytes a URL may have here: "
                    "send a long query by POST (a form with query=..., or the query itself as application/sparql-query)"
                ),
            )
        elif isinstance(exc, LimitRequestHeaders):
            status, message = 431, f"the request's headers are too many or too long: {exc}"
        elif isinstance(exc, (InvalidRequestLine, InvalidRequestMethod, InvalidHTTPVersion, InvalidHeader, InvalidHeaderName)):
            status, message = 400, f"not an HTTP request this server can read: {exc}"
        else:
            super().handle_error(req, client, addr, exc)
            return
        body = f"{status} {HTTPStatus(status).phrase}: {message}\n".encode()
        head = (
            f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            "Access-Control-Allow-Origin: *\r\n"
            "Cache-Control: no-store\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode("ascii")
        logging.getLogger("endpoint.access").info("%s - - %d %s", time.strftime("%Y-%m-%dT%H:%M:%S"), status, message[:80])
        try:
            client.sendall(head + body)
        except OSError:
            pass  # the client is gone


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn running an app object made by this process (preloaded, so workers share the store)."""

    def __init__(self, app: Flask, options: Mapping[str, Any]) -> None:
        self.application = app
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def port_in_use(host: str, port: int) -> str | None:
    """Return why the server cannot listen on host:port (in use, not allowed), None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return None


def base_note(base: str, host: str, port: int) -> str | None:
    """Return what to do when the dataset's IRIs would not dereference on this server, None when they do."""
    parts = urlsplit(base)
    served = {f"{host}:{port}"} | (
        {f"localhost:{port}", f"127.0.0.1:{port}"} if host in ("127.0.0.1", "localhost", "0.0.0.0") else set()
    )
    if parts.scheme == "http" and parts.netloc in served:
        return None
    return (
        f"the dataset's IRIs start with {base}, which is not this server (http://{host}:{port}/): they are served under "
        f"their path {parts.path} here, but dereferencing an IRI reaches {parts.netloc}. For IRIs that dereference here, "
        f"rebuild with --base http://{host}:{port}{parts.path} (scripts/run.sh does it for PORT)"
    )


def _open_store(_arbiter: Any, worker: Any) -> None:
    """Open the store in a new worker before it takes a request (a worker forked after a timeout too), so that no
    client waits for it."""
    worker.app.application.extensions["rally"].dataset.opener.store()


def _close_store(_arbiter: Any, worker: Any) -> None:
    """End a leaving worker here, its store closed and its log flushed, without the interpreter's teardown: that
    teardown, with RocksDB's threads still running for the read-only store, ended workers with SIGSEGV."""
    worker.app.application.extensions["rally"].dataset.opener.release()
    logging.shutdown()
    os._exit(0)


def serve(host: str, port: int, config: Mapping[str, Any], workers: int | None = None) -> int:
    """Run the server in the foreground until interrupted; return the exit status (2: it cannot listen there)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    refused = port_in_use(host, port)
    if refused:
        print(
            f"rally-kg: error: cannot listen on {host}:{port}: {refused}; stop what uses it, or choose another port "
            "(rally-kg serve --port N, or PORT=N scripts/run.sh)",
            file=sys.stderr,
        )
        return 2
    app = create_app({**config, "QUERY_WATCHDOG": True})  # sync workers: one request per process
    note = base_note(app.extensions["rally"].dataset.base, host, port)
    if note:
        print(f"rally-kg: note: {note}", file=sys.stderr)
    count = workers or max(2, os.cpu_count() or 2)
    options = {
        "bind": f"{host}:{port}",
        "workers": count,
        "worker_class": "endpoint.server.PlainErrorWorker",
        "preload_app": True,
        "timeout": int(float(app.config["QUERY_TIMEOUT"])) + 30,
        "graceful_timeout": 5,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "limit_request_line": 8190,  # the most gunicorn takes; a longer URL gets the plain-text 414 above
        "proc_name": "rally-kg",
        "post_fork": _open_store,
        "worker_exit": _close_store,
    }
    print(
        f"rally-kg: serving {app.config['DATA_DIR']} at http://{host}:{port}/sparql ({count} workers)",
        file=sys.stderr,
        flush=True,
    )
    app.extensions["rally"].dataset.opener.release()  # each worker opens the store for itself, none inherits a handle
    _Gunicorn(app, options).run()
    return 0
