"""A bounded cache of answers: the data is read-only, so an answer never goes stale."""

from __future__ import annotations

import threading
from collections import OrderedDict

from endpoint.core.answers import Answer, Job


class AnswerCache:
    """A bounded LRU of serialised answers; the data is read-only, so answers never go stale."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Job, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Job) -> Answer | None:
        """Return a cached answer, marking it recently used."""
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: Job, answer: Answer) -> None:
        """Keep an answer, dropping the least recently used beyond the size."""
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = answer
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
