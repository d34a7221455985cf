"""Which version of each collection a process has: writes it made, and a recently read count."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

# Another process's writes show in a collection's count within this many seconds.
COUNT_MAX_AGE = 1.0
# Writes whose chunk ids are remembered per collection, so a reader behind by up to this many can
# re-read only what they touched.
CHANGES_KEPT = 256

Version = tuple[int, int]
"""(writes this process made to the collection, its chunk count): changes whenever its content does."""


class CollectionVersions:
    """Per collection, the writes this process made and its recently read count.

    One instance per runtime, shared by every thread and every index opened on the same
    collections, so a write through one index makes caches built from another stale.
    """

    def __init__(self, *, count_max_age: float = COUNT_MAX_AGE) -> None:
        self._lock = threading.Lock()
        self._writes: dict[str, int] = {}
        self._counts: dict[str, tuple[float, int, int]] = {}
        self._changes: dict[str, dict[int, frozenset[str]]] = {}
        self._count_max_age = count_max_age

    def wrote(self, name: str, ids: Iterable[str] = ()) -> None:
        """Record a write to the collection that touched (wrote or deleted) the items `ids`."""
        with self._lock:
            writes = self._writes.get(name, 0) + 1
            self._writes[name] = writes
            changes = self._changes.setdefault(name, {})
            changes[writes] = frozenset(ids)
            changes.pop(writes - CHANGES_KEPT, None)

    def changed(self, name: str, *, since: int, until: int) -> frozenset[str] | None:
        """Ids touched by the writes after write `since` up to `until`; None if not all are kept."""
        with self._lock:
            changes = self._changes.get(name, {})
            touched = [changes.get(n) for n in range(since + 1, until + 1)]
        if any(t is None for t in touched):
            return None
        return frozenset().union(*(t for t in touched if t is not None))

    def writes(self, name: str) -> int:
        """How many writes this process made to the collection."""
        with self._lock:
            return self._writes.get(name, 0)

    def recent_count(self, name: str, count: Callable[[], int]) -> int:
        """The collection's count, re-read after a write here or once it is `count_max_age` old.

        Counting costs ~10 ms at 100k chunks; other workers' writes show within that age.
        """
        now = time.monotonic()
        with self._lock:
            writes = self._writes.get(name, 0)
            cached = self._counts.get(name)
        if cached is not None and cached[1] == writes and now - cached[0] < self._count_max_age:
            return cached[2]
        counted = count()
        with self._lock:
            self._counts[name] = (now, writes, counted)
        return counted
