"""How the server closes a connection after its response: at once when nothing the client sent is left unread, else
by draining it first (gunicorn's graceful close), so that no response is cut by a reset."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from pathlib import Path

from endpoint.server import close_promptly
from tests.servers import serving


def test_a_connection_with_nothing_unread_is_closed_at_once() -> None:
    server, client = socket.socketpair()
    server.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    started = time.monotonic()
    close_promptly(server)
    assert time.monotonic() - started < 0.5  # no wait for the client to close its side
    assert client.recv(100).endswith(b"ok") and client.recv(100) == b""  # the whole response, then the end
    client.close()


def test_a_connection_with_unread_data_is_drained_until_the_client_closes() -> None:
    server, client = socket.socketpair()
    client.sendall(b"more of a request body the server did not read")
    server.sendall(b"HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n")
    closer = threading.Timer(0.3, client.close)
    closer.start()
    started = time.monotonic()
    close_promptly(server, timeout=2.0)
    waited = time.monotonic() - started
    closer.join()
    assert 0.2 < waited < 2.0  # it read on until the client went away, not longer


def test_a_stopped_server_ends_its_workers_cleanly(built: Path, tmp_path: Path) -> None:
    """Workers that opened the build's store end without a crash when the server is stopped (SIGTERM)."""
    log = tmp_path / "serve.log"
    with serving(built, log) as (root, _):
        for _ in range(4):  # every worker opens the store and answers
            with urllib.request.urlopen(root + "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=10) as response:
                assert response.status == 200
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "serving" in text
    assert "SIGSEGV" not in text and "Traceback" not in text
