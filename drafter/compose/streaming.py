"""Pull the "reply" string out of a JSON answer while it streams in, so tokens reach the agent early."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic_core import from_json

_FENCE = "```"


def _json_part(raw: str) -> str:
    """The answer without a Markdown code fence around it (some models add one)."""
    text = raw.lstrip()
    if text.startswith(_FENCE):
        text = text[len(_FENCE) :].removeprefix("json").lstrip()
        text = text.removesuffix(_FENCE).rstrip().removesuffix(_FENCE)
    return text


def read_partial(raw: str) -> dict[str, Any]:
    """As much of a JSON object as has arrived (its last string possibly cut short); {} before any."""
    try:
        value = from_json(_json_part(raw), allow_partial="trailing-strings")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def read_whole(raw: str) -> dict[str, Any] | None:
    """The JSON object when the answer is complete, else None."""
    try:
        value = json.loads(_json_part(raw))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class ReplyFieldStream:
    """Feed raw chunks; get back the newly decoded characters of the `reply` field."""

    def __init__(self, field: str = "reply") -> None:
        self.raw = ""
        self.text = ""
        self._field = field

    @property
    def emitted(self) -> bool:
        """Some reply text has been produced."""
        return bool(self.text)

    @property
    def complete(self) -> bool:
        """The answer arrived as a whole JSON object (not cut off mid-way)."""
        return read_whole(self.raw) is not None

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the reply characters it completed."""
        self.raw += chunk
        value = read_partial(self.raw).get(self._field)
        # A partial parse only ever extends the string; anything else is not shown until it does.
        if not isinstance(value, str) or len(value) <= len(self.text) or not value.startswith(self.text):
            return ""
        piece, self.text = value[len(self.text) :], value
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
