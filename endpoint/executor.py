"""Queries run in a child process that can be killed: a timeout really stops the work.

pyoxigraph has no way to interrupt a running query. Each server process therefore forks a child
that inherits the loaded store (copy-on-write, so a fork takes milliseconds); the child runs one
query at a time and sends back the serialised answer. When a query outlives its time limit the
child is killed and a fresh one forked.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph as ox

from endpoint.results import Answer, Failure, Job, execute

_FORK = multiprocessing.get_context("fork")


class QueryTimeout(Exception):
    """A query ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped")
        self.seconds = seconds


def _serve(connection: Connection, store: ox.Store, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> None:
    """Run jobs received on the connection until the parent closes it."""
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(execute(store, job, default, named))


class Executor:
    """One child process running queries for this server process; thread-safe, replaced after a timeout."""

    def __init__(self, store: ox.Store, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> None:
        self._store = store
        self._default = default
        self._named = named
        self._lock = threading.Lock()
        self._child: BaseProcess | None = None
        self._connection: Connection | None = None
        self._owner = os.getpid()
        atexit.register(self.close)

    def _start(self) -> Connection:
        if self._connection is None or self._child is None or not self._child.is_alive() or self._owner != os.getpid():
            self._owner = os.getpid()
            parent, child = _FORK.Pipe()
            process = _FORK.Process(target=_serve, args=(child, self._store, self._default, self._named), daemon=True)
            process.start()
            child.close()
            self._child, self._connection = process, parent
        return self._connection

    def run(self, job: Job, timeout: float) -> Answer | Failure:
        """Return the answer of a job; raise QueryTimeout (after killing the work) when it takes too long."""
        with self._lock:
            connection = self._start()
            connection.send(job)
            if connection.poll(timeout):
                try:
                    result: Answer | Failure = connection.recv()
                    return result
                except EOFError:
                    self._kill()
                    return Failure("evaluation", "the query process ended unexpectedly (out of memory?)")
            self._kill()
            raise QueryTimeout(timeout)

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
