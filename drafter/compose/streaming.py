"""Pull the "reply" string out of a JSON answer while it streams in, so tokens reach the agent early."""

from __future__ import annotations

import json
from collections.abc import Callable

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f"}


class ReplyFieldStream:
    """Feed raw chunks; get back the newly decoded characters of the `reply` field."""

    def __init__(self, field: str = "reply") -> None:
        self.raw = ""
        self.text = ""
        self._key = f'"{field}"'
        self._start: int | None = None
        self._pos = 0
        self._done = False

    @property
    def emitted(self) -> bool:
        """Some reply text has been produced."""
        return bool(self.text)

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the reply characters it completed."""
        self.raw += chunk
        if self._done:
            return ""
        if self._start is None:
            key = self.raw.find(self._key)
            if key < 0:
                return ""
            quote = self.raw.find('"', self.raw.find(":", key + len(self._key)) + 1)
            if quote < 0:
                return ""
            self._start = self._pos = quote + 1
        out = []
        while self._pos < len(self.raw):
            char = self.raw[self._pos]
            if char == "\\":
                if self._pos + 1 >= len(self.raw):
                    break  # the escape continues in the next chunk
                code = self.raw[self._pos + 1]
                if code == "u":
                    if self._pos + 6 > len(self.raw):
                        break
                    out.append(json.loads(f'"{self.raw[self._pos : self._pos + 6]}"'))
                    self._pos += 6
                    continue
                out.append(_ESCAPES.get(code, code))
                self._pos += 2
                continue
            if char == '"':
                self._done = True
                break
            out.append(char)
            self._pos += 1
        piece = "".join(out)
        self.text += piece
        return piece


class PlaceholderBuffer:
    """Holds back a piece that may end inside a placeholder ("[EMA"), so the agent never sees one
    half-restored; `unmask` turns complete placeholders back into the real values."""

    # Longer than any placeholder we make ("[ADDRESS_12]"); a "[" further back is ordinary text.
    LONGEST = 32

    def __init__(self, unmask: Callable[[str], str]) -> None:
        self._unmask = unmask
        self._pending = ""

    def feed(self, piece: str) -> str:
        """Add decoded reply text; return what is safe to show now."""
        self._pending += piece
        start = self._pending.rfind("[")
        if start >= 0 and "]" not in self._pending[start:] and len(self._pending) - start < self.LONGEST:
            ready, self._pending = self._pending[:start], self._pending[start:]
        else:
            ready, self._pending = self._pending, ""
        return self._unmask(ready)

    def flush(self) -> str:
        """Whatever is still held back, at the end of the stream."""
        ready, self._pending = self._pending, ""
        return self._unmask(ready)
