"""OpenAI-compatible adapter (OpenAI, Azure OpenAI v1, vLLM, Ollama, llama.cpp, LM Studio)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import openai

try:  # the HTTP package under the SDK: httpx2 from openai 3, httpx before
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

from drafter.errors import LLMError, LLMRateLimitError, LLMTimeoutError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Local servers ignore the key but the SDK insists on one; it is sent only as a bearer header.
_NO_KEY = "not-needed"
# Longest single wait between retries, whatever Retry-After says: an agent is waiting.
MAX_BACKOFF_SECONDS = 8.0


@contextmanager
def translate_errors(model: str) -> Iterator[None]:
    """Turn openai/httpx exceptions into the drafter error tree."""
    try:
        yield
    except openai.APITimeoutError as exc:
        raise LLMTimeoutError(f"LLM {model!r} did not answer in time") from exc
    except openai.RateLimitError as exc:
        raise LLMRateLimitError(
            f"LLM {model!r} is rate limited (429)", retry_after=_retry_after(exc.response)
        ) from exc
    except openai.APIStatusError as exc:
        error = LLMError(f"LLM {model!r} answered HTTP {exc.status_code}")
        error.retryable = exc.status_code >= 500  # type: ignore[attr-defined]
        raise error from exc
    except openai.APIConnectionError as exc:
        error = LLMError(f"cannot reach the LLM server for {model!r}: {exc}")
        error.retryable = True  # type: ignore[attr-defined]
        raise error from exc
    except openai.OpenAIError as exc:
        raise LLMError(f"LLM {model!r} failed: {exc}") from exc
    except ValueError as exc:  # a 200 whose body is not JSON
        raise LLMError(f"LLM {model!r} sent a response that is not JSON") from exc
    except httpx.TimeoutException as exc:  # mid-stream reads surface raw
        raise LLMTimeoutError(f"LLM {model!r} stopped answering mid-stream") from exc
    except httpx.HTTPError as exc:
        raise LLMError(f"LLM {model!r} connection failed: {exc}") from exc


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait, if it said."""
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _retryable(exc: LLMError) -> bool:
    """429 and 5xx are worth another try; timeouts and 4xx are not."""
    return isinstance(exc, LLMRateLimitError) or bool(getattr(exc, "retryable", False))


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
        backoff_seconds: float = 0.5,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.name = f"openai:{model}"
        self.model = model
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        # Our own retry loop, so every attempt goes through one error translation and backoff.
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or _NO_KEY,
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    def _with_retries(self, call: Callable[[], T]) -> T:
        """Run a call, retrying 429 and 5xx with exponential backoff."""
        for attempt in range(self.max_retries + 1):
            try:
                with translate_errors(self.model):
                    return call()
            except LLMError as exc:
                if attempt == self.max_retries or not _retryable(exc):
                    raise
                wait = self.backoff_seconds * 2**attempt
                if isinstance(exc, LLMRateLimitError) and exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                log.info("LLM attempt %d failed (%s); retrying in %.2fs", attempt + 1, exc.code, wait)
                time.sleep(min(wait, MAX_BACKOFF_SECONDS))
        raise AssertionError("unreachable")  # pragma: no cover

    def complete(self, messages: list[dict[str, str]], *, json_mode: bool = False) -> str:
        """The assistant's full answer."""
        extra: dict[str, Any] = {"response_format": {"type": "json_object"}} if json_mode else {}

        def call() -> str:
            response = self._client.chat.completions.create(
                model=self.model, messages=cast(Any, messages), **extra
            )
            content: str | None = response.choices[0].message.content if response.choices else None
            if content is None:
                raise LLMError(f"LLM {self.model!r} returned no content")
            return content

        return self._with_retries(call)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """The assistant's answer piece by piece; retries only before the first piece."""
        chunks = self._with_retries(
            lambda: self._client.chat.completions.create(
                model=self.model, messages=cast(Any, messages), stream=True
            )
        )
        with translate_errors(self.model), chunks:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
