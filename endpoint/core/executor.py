"""Queries that can be stopped: a deadline really stops the work.

pyoxigraph has no way to interrupt a running query, so what is stopped is a process. Two ways:

- In the server (gunicorn's sync workers, one request per process at a time), the worker runs the
  query itself, with no hand-over, while a watchdog thread (pyoxigraph releases the GIL while it
  evaluates) waits for the deadline. A query that outlives it gets its 503 written on the client's
  socket by the watchdog, which then ends the worker; gunicorn forks a fresh one from the master,
  which holds the loaded store. Handing every query to another process and back cost about half
  a millisecond per request, more than most queries take.
- Anywhere else (the Flask test client, another WSGI server), each server process forks a child
  that inherits the loaded store (copy-on-write, so a fork takes milliseconds); the child runs one
  query at a time and sends back the serialised answer. When a query outlives its time limit the
  child is killed and a fresh one forked.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from endpoint.core.answers import Answer, Job, StoreGraphs, execute
from endpoint.core.errors import QueryError, QueryFailed, QueryTimeout, QueryTooLarge

_FORK = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Deadline:
    """When the queries of one request must be done by, and the client's socket a watchdog answers 503 on when not."""

    at: float  # on the time.monotonic() clock
    seconds: float  # the time limit as given, for messages
    client: socket.socket | None = None

    @classmethod
    def after(cls, seconds: float, client: socket.socket | None = None) -> Deadline:
        """Return the deadline `seconds` from now."""
        return cls(time.monotonic() + seconds, seconds, client)

    def remaining(self) -> float:
        """Return the seconds left (zero or less: the time is up)."""
        return self.at - time.monotonic()


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident(pid: int | str = "self") -> int | None:
    """Return the resident memory of a process in bytes (Linux /proc), None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _serve(connection: Connection, store: Callable[[], ox.Store], graphs: StoreGraphs) -> None:
    """Run jobs received on the connection until the parent closes it; send back each answer, or why it failed."""
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: Answer | QueryError = execute(store(), job, graphs)
        except QueryError as error:
            outcome = error
        connection.send(outcome)


@dataclass
class _Armed:
    client: socket.socket
    deadline: float
    seconds: float
    memory: int | None  # resident bytes past which the query is stopped (set at the watchdog's first look)
    megabytes: int


class Watchdog:
    """Ends this process when the query it watches outlives its deadline, after answering 503 on the client's socket."""

    POLL = 0.02  # seconds between looks at the clock

    def __init__(self, before_exit: Callable[[], None], megabytes: int = 1024) -> None:
        self._before_exit = before_exit
        self._megabytes = megabytes
        self._lock = threading.Lock()
        self._armed: _Armed | None = None
        self._owner = 0  # the process whose watchdog thread runs

    def watch(self, client: socket.socket, deadline: Deadline) -> None:
        """Start watching a query that must end by the deadline (starting the thread in this process the first time)."""
        if self._owner != os.getpid():
            self._owner = os.getpid()
            threading.Thread(target=self._loop, name="query-watchdog", daemon=True).start()
        self._armed = _Armed(client, deadline.at, deadline.seconds, None, self._megabytes)  # memory: read by the thread

    def done(self) -> None:
        """Stop watching: the query ended in time (waits while a timeout is being answered, which ends the process)."""
        with self._lock:
            self._armed = None

    def _loop(self) -> None:
        while True:
            time.sleep(self.POLL)
            with self._lock:
                armed = self._armed
                if armed is None:
                    continue
                used = resident()
                if armed.memory is None and used is not None:  # the first look at a running query: its starting size
                    armed.memory = used + armed.megabytes * 1024 * 1024
                    used = None
                if time.monotonic() >= armed.deadline:
                    stopped: QueryTimeout = QueryTimeout(armed.seconds)
                elif used is not None and armed.memory is not None and used > armed.memory:
                    stopped = QueryTooLarge(armed.megabytes)
                else:
                    continue
                self._answer(armed, stopped)
                self._before_exit()
                logging.getLogger("endpoint.access").info(
                    "%s %s: 503, server process %d replaced", time.strftime("%Y-%m-%dT%H:%M:%S"), stopped, os.getpid()
                )
                logging.shutdown()
                os._exit(0)  # gunicorn's master forks a fresh worker

    @staticmethod
    def _answer(armed: _Armed, stopped: QueryTimeout) -> None:
        body = f"503 Service Unavailable: {stopped}\n".encode()
        head = (
            "HTTP/1.1 503 Service Unavailable\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Cache-Control: no-store\r\n"
            "Access-Control-Allow-Origin: *\r\n"
            "Connection: close\r\n\r\n"
        ).encode("ascii")
        try:
            armed.client.sendall(head + body)
        except OSError:
            pass  # the client is gone: nothing to tell


class Executor:
    """Runs queries so that a timeout stops them: in this process under a watchdog when it owns the client's socket,
    else in one child process (thread-safe, replaced after a timeout)."""

    def __init__(
        self,
        store: Callable[[], Any],
        graphs: StoreGraphs,
        watchdog: Watchdog | None = None,
        megabytes: int = 1024,
        remote: bool = False,
    ) -> None:
        self._store = store  # returns this process's store (a child opens its own)
        self._remote = remote  # a remote store: asked in this process, abandoned at the deadline
        self._megabytes = megabytes
        self._graphs = graphs
        self._watchdog = watchdog
        self._lock = threading.Lock()
        self._child: BaseProcess | None = None
        self._connection: Connection | None = None
        self._owner = os.getpid()
        atexit.register(self.close)

    def _start(self) -> Connection:
        if self._connection is None or self._child is None or not self._child.is_alive() or self._owner != os.getpid():
            self._owner = os.getpid()
            parent, child = _FORK.Pipe()
            process = _FORK.Process(target=_serve, args=(child, self._store, self._graphs), daemon=True)
            process.start()
            child.close()
            self._child, self._connection = process, parent
        return self._connection

    def run(self, job: Job, deadline: Deadline | None) -> Answer:
        """Return the answer of a job; raise QueryFailed when it cannot run, QueryTimeout (after killing the work) when
        it outlives the deadline, QueryTooLarge (a QueryTimeout) when it takes more memory than a query may.

        With a watchdog and the client's socket, a query that takes too long ends this process instead (after the
        watchdog has answered the client): the call then never returns. Without a deadline the job runs here, unwatched:
        only for the fixed queries the service asks itself, never for a client's.
        """
        if deadline is None:
            return execute(self._store(), job, self._graphs)
        if deadline.remaining() <= 0:
            raise QueryTimeout(deadline.seconds)
        if self._remote:  # the server does the work: the request is abandoned at the deadline
            try:
                return execute(self._store(), job, self._graphs, timeout=deadline.remaining())
            except QueryTimeout:
                raise QueryTimeout(deadline.seconds) from None
        if self._watchdog is not None and deadline.client is not None:
            self._watchdog.watch(deadline.client, deadline)
            try:
                return execute(self._store(), job, self._graphs)
            finally:
                self._watchdog.done()
        with self._lock:
            connection = self._start()
            assert self._child is not None and self._child.pid is not None
            pid = self._child.pid
            before = resident(pid)
            connection.send(job)
            while not connection.poll(Watchdog.POLL):
                used = resident(pid)
                if before is not None and used is not None and used - before > self._megabytes * 1024 * 1024:
                    self._kill()
                    raise QueryTooLarge(self._megabytes)
                if deadline.remaining() <= 0:
                    self._kill()
                    raise QueryTimeout(deadline.seconds)
            try:
                outcome: Answer | QueryError = connection.recv()
            except EOFError:
                self._kill()
                raise QueryFailed("evaluation", "the query process ended unexpectedly (out of memory?)") from None
        if isinstance(outcome, QueryError):
            raise outcome
        return outcome

    def _kill(self) -> None:
        if self._child is not None and self._child.is_alive():
            self._child.kill()
            self._child.join(timeout=5)
        if self._connection is not None:
            self._connection.close()
        self._child = self._connection = None

    def close(self) -> None:
        """Stop the child process."""
        if self._owner == os.getpid():
            self._kill()
