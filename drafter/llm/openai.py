"""OpenAI-compatible adapter (OpenAI, Azure OpenAI v1, vLLM, Ollama, llama.cpp, LM Studio).

The openai SDK does the retrying (429, 408, 409, 5xx, timeouts and dropped connections, with
exponential backoff that honours Retry-After); its errors are translated into drafter's once, after
its retries. What comes back is checked before it is used: a proxy's `200 text/plain` page or a body
of the wrong shape is an LLMError like any other failure, never an AttributeError.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk

try:  # the HTTP package under the SDK: httpx2 from openai 3, httpx before
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

from drafter.errors import LLMError, LLMRateLimitError, LLMTimeoutError
from drafter.llm import OutputSchema
from drafter.llm.formats import FormatMemory, OutputFormat, refuses_format, response_format

log = logging.getLogger(__name__)

# Local servers ignore the key but the SDK insists on one; it is sent only as a bearer header.
_NO_KEY = "not-needed"


@contextmanager
def translate_errors(model: str) -> Iterator[None]:
    """Turn openai/httpx exceptions (raised after the SDK's own retries) into the drafter error tree."""
    try:
        yield
    except openai.APITimeoutError as exc:
        raise LLMTimeoutError(f"LLM {model!r} did not answer in time") from exc
    except openai.RateLimitError as exc:
        raise LLMRateLimitError(
            f"LLM {model!r} is rate limited (429)", retry_after=_retry_after(exc.response)
        ) from exc
    except openai.APIStatusError as exc:
        raise LLMError(f"LLM {model!r} answered HTTP {exc.status_code}") from exc
    except openai.APIConnectionError as exc:
        raise LLMError(f"cannot reach the LLM server for {model!r}: {exc}") from exc
    except openai.OpenAIError as exc:
        raise LLMError(f"LLM {model!r} failed: {exc}") from exc
    except ValueError as exc:  # a 200 whose body is not JSON
        raise LLMError(f"LLM {model!r} sent a response that is not JSON") from exc
    except httpx.TimeoutException as exc:  # mid-stream reads surface raw
        raise LLMTimeoutError(f"LLM {model!r} stopped answering mid-stream") from exc
    except httpx.HTTPError as exc:
        raise LLMError(f"LLM {model!r} connection failed: {exc}") from exc


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait, if it said (passed on to API callers)."""
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _content(response: object, model: str) -> str:
    """The reply text of a chat completion; anything else a 200 can carry is an LLMError."""
    if not isinstance(response, ChatCompletion):
        raise LLMError(f"LLM {model!r} answered HTTP 200 with a body that is not a chat completion")
    try:
        content: object = response.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        content = None
    if not isinstance(content, str):
        raise LLMError(f"LLM {model!r} answered a chat completion with no text in it")
    return content


def _delta(chunk: object) -> str:
    """The text a streamed chunk adds (none for role-only, empty or malformed chunks)."""
    if not isinstance(chunk, ChatCompletionChunk):
        return ""
    try:
        content: object = chunk.choices[0].delta.content
    except (AttributeError, IndexError, TypeError):
        return ""
    return content if isinstance(content, str) else ""


class OpenAILLM:
    """Chat completions against any OpenAI-compatible `/v1` endpoint."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        max_tokens: int | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.name = f"openai:{model}"
        self.model = model
        self.max_tokens = max_tokens
        self.formats = FormatMemory()
        """The output format this server accepted (asked once, then remembered)."""
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or _NO_KEY,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
        )

    @property
    def output_format(self) -> OutputFormat | None:
        """How this server is asked for JSON, once a request with a schema has succeeded."""
        return self.formats.known

    def _create(self, messages: list[dict[str, str]], schema: OutputSchema | None, *, stream: bool) -> object:
        """One chat-completion request, retried by the SDK; with a schema, each output format in turn
        until the server takes one."""
        args: dict[str, Any] = {"model": self.model, "messages": cast(Any, messages)}
        if self.max_tokens is not None:
            args["max_tokens"] = self.max_tokens
        if stream:
            args["stream"] = True
        formats = self.formats.to_try() if schema is not None else ("instructions",)
        create: Any = self._client.chat.completions.create  # its overloads cannot see through **args
        with translate_errors(self.model):
            for fmt in formats:
                fields = response_format(fmt, schema.name, schema.schema) if schema is not None else None
                extra = {"response_format": fields} if fields is not None else {}
                try:
                    result: object = create(**args, **extra)
                except openai.APIStatusError as exc:
                    said = f"{exc.message} {exc.body}"
                    if fmt == formats[-1] or not refuses_format(exc.status_code, said):
                        raise
                    log.info("LLM %r refused output format %s (HTTP %d)", self.model, fmt, exc.status_code)
                    continue
                if schema is not None and self.formats.known is None:
                    log.info("LLM %r takes output format %s", self.model, fmt)
                    self.formats.remember(fmt)
                return result
        raise AssertionError("unreachable")  # pragma: no cover

    def complete(self, messages: list[dict[str, str]], *, schema: OutputSchema | None = None) -> str:
        """The assistant's full answer; JSON of `schema` when one is given and the server takes it."""
        return _content(self._create(messages, schema, stream=False), self.model)

    def stream(self, messages: list[dict[str, str]], *, schema: OutputSchema | None = None) -> Iterator[str]:
        """The assistant's answer piece by piece; retries happen only before the first piece."""
        chunks = self._create(messages, schema, stream=True)
        if not isinstance(chunks, openai.Stream):
            raise LLMError(f"LLM {self.model!r} answered a stream request with no stream")
        with translate_errors(self.model), chunks:
            for chunk in chunks:
                if piece := _delta(chunk):
                    yield piece
