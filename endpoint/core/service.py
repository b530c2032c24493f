"""The service: the served dataset, its limits, and `answer(job, deadline)`, the one way any caller gets an answer."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field

from endpoint.core.answers import Answer, Job
from endpoint.core.cache import AnswerCache
from endpoint.core.dataset import ServedDataset
from endpoint.core.errors import QueryTimeout
from endpoint.core.executor import Deadline, Executor, Watchdog
from endpoint.core.metrics import Metrics
from endpoint.core.safety import inspect


@dataclass(frozen=True)
class Limits:
    """What one query may take: time, rows, characters, memory; and how many answers are kept."""

    timeout: float = 10.0  # seconds; a request may ask for less
    max_rows: int = 10_000  # rows (or triples) of one answer; more is cut and signalled
    max_query_length: int = 100_000  # characters of a query
    query_memory_mb: int = 1024  # memory one query may take on top of the server's; more stops it, like a timeout
    cache_size: int = 2048  # answers kept in memory per server process


@dataclass
class Service:
    """A served dataset with its query executor, answer cache, documents made from it and metrics."""

    dataset: ServedDataset
    limits: Limits
    executor: Executor
    metrics: Metrics
    cache: AnswerCache
    documents: dict[tuple[object, ...], bytes] = field(default_factory=dict)  # documents made once per dataset

    @classmethod
    def open(cls, dataset: ServedDataset, limits: Limits, watchdog: bool = False) -> Service:
        """Return the service of a dataset. `watchdog`: run a client's query in this process and end the process when it
        outlives its deadline (only for a server that replaces a process that ends: gunicorn's sync workers)."""
        metrics = Metrics()
        watching = Watchdog(metrics.count_timeout, limits.query_memory_mb) if watchdog else None
        executor = Executor(dataset.opener.store, dataset.store_graphs, watching, limits.query_memory_mb, dataset.opener.remote)
        return cls(dataset, limits, executor, metrics, AnswerCache(limits.cache_size))

    def job(
        self,
        query: str,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        result_format: str | None = None,
        graph_format: str | None = None,
        base_iri: str | None = None,
        prefixes: tuple[tuple[str, str], ...] = (),
        table_rows: int = 0,
    ) -> Job:
        """Return the job a client's query makes, as the SPARQL protocol defines its dataset: the request's graphs, else
        the query's FROM clauses, else the dataset's default graph. Raises Refused for what the service does not run."""
        inspection = inspect(query, self.dataset.is_local_graph)
        default: tuple[str, ...] | None
        named: tuple[str, ...] | None
        if default_graphs or named_graphs:
            default, named = default_graphs, named_graphs
        elif inspection.has_dataset:
            default, named = inspection.from_graphs, inspection.from_named
        else:
            default = named = None
        return Job(
            query,
            default_graph=default,
            named_graphs=named,
            result_format=result_format,
            graph_format=graph_format,
            max_rows=self.limits.max_rows,
            base_iri=base_iri,
            prefixes=prefixes,
            table_rows=table_rows,
        )

    def answer(self, job: Job, deadline: Deadline | None, *, metered: bool = True) -> Answer:
        """Return the answer of a job: from the cache, or run by the executor so that the deadline stops it.

        Raises QueryFailed, QueryTimeout (QueryTooLarge). `metered`: count it in the metrics as a client's query (the
        lookups behind pages are not). No deadline: the service's own fixed queries, run here (see Executor.run).
        """
        started = time.perf_counter()
        answer = self.cache.get(job)
        if answer is None:
            try:
                answer = self.executor.run(job, deadline)
            except QueryTimeout:
                if metered:
                    self.metrics.count("timeouts")
                raise
            self.cache.put(job, answer)
            cached = False
        else:
            cached = True
        elapsed = (time.perf_counter() - started) * 1000
        if metered:
            self.metrics.count("queries")
            self.metrics.observe(elapsed)
            if cached:
                self.metrics.count("cache_hits")
            if answer.truncated:
                self.metrics.count("truncated")
        return dataclasses.replace(answer, milliseconds=elapsed, cached=cached)

    def etag(self, *parts: object) -> str:
        """Return an ETag for a response made from the dataset and these request parts."""
        digest = hashlib.sha1(self.dataset.etag.encode())
        for part in parts:
            digest.update(b"\x00" + repr(part).encode())
        return digest.hexdigest()[:24]

    def close(self) -> None:
        """Stop the query process."""
        self.executor.close()


@dataclass(frozen=True)
class Session:
    """The service as one request sees it: every lookup it makes shares the request's deadline (None: the service's
    own queries at start-up, run here)."""

    service: Service
    deadline: Deadline | None

    @property
    def dataset(self) -> ServedDataset:
        """Return the served dataset."""
        return self.service.dataset

    def answer(self, job: Job) -> Answer:
        """Return the answer of a lookup (not counted as a client's query)."""
        return self.service.answer(job, self.deadline, metered=False)
