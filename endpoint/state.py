"""What the app holds while it serves: the dataset, the query executor, the answer cache, metrics."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from flask import current_app

from endpoint.dataset import ServedDataset
from endpoint.executor import Executor
from endpoint.metrics import Metrics
from endpoint.results import Answer


class AnswerCache:
    """A bounded LRU of serialised answers; the data is read-only, so answers never go stale."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[object, ...], Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> Answer | None:
        """Return a cached answer, marking it recently used."""
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: tuple[object, ...], answer: Answer) -> None:
        """Keep an answer, dropping the least recently used beyond the size."""
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = answer
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass
class State:
    """Everything a request needs besides the request."""

    dataset: ServedDataset
    executor: Executor
    metrics: Metrics
    cache: AnswerCache
    documents: dict[tuple[object, ...], bytes] = field(default_factory=dict)  # (document, format) -> bytes

    def etag(self, *parts: object) -> str:
        """Return an ETag for a response made from the dataset and these request parts."""
        digest = hashlib.sha1(self.dataset.etag.encode())
        for part in parts:
            digest.update(b"\x00" + repr(part).encode())
        return digest.hexdigest()[:24]


def state() -> State:
    """Return the state of the running app."""
    found: State = current_app.extensions["rally"]
    return found
