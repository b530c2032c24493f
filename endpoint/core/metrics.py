"""Counters and a latency histogram shared by all server processes (shared memory, made before fork)."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

BUCKETS_MS = (0.5, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, float("inf"))
COUNTERS = ("requests", "queries", "errors", "timeouts", "cache_hits", "truncated")


class Metrics:
    """Process-shared counters: requests, queries, errors, timeouts, cache hits, latency histogram."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._counts = context.Array("q", len(COUNTERS), lock=True)
        self._histogram = context.Array("q", len(BUCKETS_MS), lock=True)
        self._sum_us = context.Value("q", 0, lock=True)
        self.started = time.time()

    def count(self, name: str, amount: int = 1) -> None:
        """Add to a counter."""
        index = COUNTERS.index(name)
        with self._counts.get_lock():
            self._counts[index] += amount

    def count_timeout(self) -> None:
        """Count a request answered 503 because its query ran out of time."""
        for name in ("requests", "errors", "timeouts"):
            self.count(name)

    def observe(self, milliseconds: float) -> None:
        """Record one query's latency."""
        index = next(i for i, bound in enumerate(BUCKETS_MS) if milliseconds <= bound)
        with self._histogram.get_lock():
            self._histogram[index] += 1
        with self._sum_us.get_lock():
            self._sum_us.value += int(milliseconds * 1000)

    def percentile(self, fraction: float) -> float | None:
        """Return the upper bound (ms) of the bucket holding the given fraction of query latencies."""
        counts = self._histogram[:]
        total = sum(counts)
        if not total:
            return None
        running = 0
        for bound, count in zip(BUCKETS_MS, counts):
            running += count
            if running >= fraction * total:
                return bound
        return BUCKETS_MS[-1]

    def snapshot(self) -> dict[str, Any]:
        """Return all counters and latency percentiles."""
        counts = dict(zip(COUNTERS, self._counts[:]))
        observed = sum(self._histogram[:])
        return {
            **counts,
            "uptime_seconds": round(time.time() - self.started, 1),
            "latency_ms": {
                "count": observed,
                "mean": round(self._sum_us.value / 1000 / observed, 3) if observed else None,
                "p50": self.percentile(0.5),
                "p90": self.percentile(0.9),
                "p99": self.percentile(0.99),
            },
        }

    def prometheus(self) -> str:
        """Return the metrics in the Prometheus text exposition format."""
        lines = []
        for name, value in zip(COUNTERS, self._counts[:]):
            lines += [f"# TYPE rally_{name}_total counter", f"rally_{name}_total {value}"]
        lines.append("# TYPE rally_query_latency_ms histogram")
        running = 0
        for bound, count in zip(BUCKETS_MS, self._histogram[:]):
            running += count
            label = "+Inf" if bound == float("inf") else f"{bound:g}"
            lines.append(f'rally_query_latency_ms_bucket{{le="{label}"}} {running}')
        lines.append(f"rally_query_latency_ms_sum {self._sum_us.value / 1000:.3f}")
        lines.append(f"rally_query_latency_ms_count {running}")
        return "\n".join(lines) + "\n"
