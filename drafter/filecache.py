"""Files that tuning runs rewrite while servers read them: parsed once, re-read when they change."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class FileCache:
    """Parsed files by path, each kept until its modification time changes.

    A runtime owns one and its threads share it; nothing is cached at module level.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsed: dict[tuple[Path, Callable[[Path], object]], tuple[float, object]] = {}

    def load(self, path: Path, parse: Callable[[Path], T]) -> T | None:
        """`parse(path)` when the file exists, from memory until the file changes."""
        try:
            stamp = path.stat().st_mtime
        except FileNotFoundError:
            return None
        key = (path, parse)
        with self._lock:
            cached = self._parsed.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]  # type: ignore[return-value]
        value = parse(path)
        with self._lock:
            self._parsed[key] = (stamp, value)
        return value


def load_file(path: Path, parse: Callable[[Path], T], files: FileCache | None = None) -> T | None:
    """`parse(path)` when the file exists (through `files` when given, so it is parsed once)."""
    if files is not None:
        return files.load(path, parse)
    return parse(path) if path.exists() else None


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a server reading the file never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
