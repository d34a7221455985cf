"""Files that tuning runs rewrite while servers read them: parsed once, re-read when they change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_cache: dict[tuple[Path, Callable[[Path], object]], tuple[float, object]] = {}
_lock = threading.Lock()


def load_when_changed(path: Path, load: Callable[[Path], T]) -> T | None:
    """`load(path)` when the file exists, from memory until its modification time changes."""
    try:
        stamp = path.stat().st_mtime
    except FileNotFoundError:
        return None
    key = (path, load)
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]  # type: ignore[return-value]
    value = load(path)
    with _lock:
        _cache[key] = (stamp, value)
    return value
