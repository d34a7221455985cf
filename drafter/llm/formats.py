"""How to ask a server for JSON of a schema: servers differ, so the ways are tried in order and the
first one a server accepts is remembered.

- `json_schema`: the OpenAI form, `{"type": "json_schema", "json_schema": {"name", "schema"}}`
  (OpenAI, Azure, vLLM, Ollama, llama.cpp's own server, LM Studio).
- `json_object_schema`: `{"type": "json_object", "schema": ...}`, the form llama-cpp-python's server
  takes (it answers `json_schema` with HTTP 500).
- `instructions`: no response format at all; the prompt's own JSON instructions and one repair request
  are all there is.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Literal

OutputFormat = Literal["json_schema", "json_object_schema", "instructions"]
FORMATS: tuple[OutputFormat, ...] = ("json_schema", "json_object_schema", "instructions")
# A server that does not take a response format answers 400/422 (invalid request), 415/501 (not
# implemented) or 500 (llama-cpp-python lets its validation error escape), naming the field. Other
# failures are failures: a dead server is not asked three ways. A format is remembered only once a
# request with it succeeded.
REFUSED_STATUSES = frozenset({400, 415, 422, 500, 501})
_NAMES_THE_FORMAT = re.compile(r"response_format|json_schema|schema", re.IGNORECASE)


def refuses_format(status: int, error: str) -> bool:
    """Whether an error answer says the server does not take the response format asked for."""
    return status in REFUSED_STATUSES and bool(_NAMES_THE_FORMAT.search(error))

def response_format(fmt: OutputFormat, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The `response_format` request field for a format (None: send none)."""
    match fmt:
        case "json_schema":
            return {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}
        case "json_object_schema":
            return {"type": "json_object", "schema": schema}
        case "instructions":
            return None


class FormatMemory:
    """The output format one server accepted, shared by the threads that call it."""

    def __init__(self) -> None:
        self._format: OutputFormat | None = None
        self._lock = threading.Lock()

    @property
    def known(self) -> OutputFormat | None:
        """The format that worked, once one has."""
        with self._lock:
            return self._format

    def remember(self, fmt: OutputFormat) -> None:
        """Record the format a request succeeded with."""
        with self._lock:
            self._format = fmt

    def to_try(self) -> tuple[OutputFormat, ...]:
        """The formats to try, best first: the remembered one alone once there is one."""
        known = self.known
        return (known,) if known is not None else FORMATS
