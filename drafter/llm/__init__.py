"""The LLM seam: a small protocol, the OpenAI-compatible adapter, and `make_llm(settings)`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, assert_never

from drafter.config import Settings
from drafter.errors import ConfigError


@dataclass(frozen=True)
class OutputSchema:
    """The JSON an answer must be: a name (some servers require one) and a JSON Schema."""

    name: str
    schema: dict[str, Any]


class LLM(Protocol):
    """A chat model that completes a list of messages."""

    name: str

    def complete(self, messages: list[dict[str, str]], *, schema: OutputSchema | None = None) -> str:
        """The assistant's full answer; JSON of `schema` when one is given."""
        ...

    def stream(self, messages: list[dict[str, str]], *, schema: OutputSchema | None = None) -> Iterator[str]:
        """The assistant's answer, piece by piece."""
        ...


def make_llm(settings: Settings) -> LLM | None:
    """The configured LLM, or None when the offline composer is the backend.

    Raises:
        ConfigError: `openai` is selected without a base URL or an API key.
    """
    match settings.llm_backend:
        case "offline":
            return None
        case "openai":
            from drafter.llm.openai import OpenAILLM

            if settings.llm_base_url is None and settings.llm_api_key is None:
                raise ConfigError(
                    "DRAFTER_LLM_BACKEND='openai' needs DRAFTER_LLM_BASE_URL (any OpenAI-compatible "
                    "server) or DRAFTER_LLM_API_KEY (api.openai.com)"
                )
            return OpenAILLM(
                model=settings.llm_model,
                base_url=settings.llm_base_url,
                api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
                timeout=settings.llm_timeout_seconds,
                max_retries=settings.llm_max_retries,
                max_tokens=settings.llm_max_tokens,
            )
        case _:
            assert_never(settings.llm_backend)


__all__ = ["LLM", "OutputSchema", "make_llm"]
