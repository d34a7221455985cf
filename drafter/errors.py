"""The drafter error tree; every failure a user can see is one of these.

```
DrafterError                 500 internal
├── ConfigError              500 config (startup; CLI exit 1)
├── InputError               422 invalid_input
│   ├── EmptyTicketError     422 empty_ticket
│   ├── TicketTooLargeError  413 ticket_too_large
│   └── DataFileError        422 bad_data_file (missing, unreadable, malformed)
├── AuthError                401 unauthorized
├── ForbiddenError           403 forbidden
├── PayloadTooLargeError     413 payload_too_large
├── NotFoundError            404 not_found
│   └── UnknownPrincipleError 404 unknown_principle
├── PromptRenderError        500 prompt_render (our bug)
├── RetrievalError           503 retrieval
├── DatabaseError            503 database (cannot open or write the SQL database)
├── LLMError                 502 llm
│   ├── LLMTimeoutError      504 llm_timeout
│   └── LLMRateLimitError    503 llm_rate_limited
└── DraftRejectedError       422 draft_rejected
```
"""

from __future__ import annotations


class DrafterError(Exception):
    """Base of every error drafter raises on purpose."""

    status_code = 500
    code = "internal"


class ConfigError(DrafterError):
    """Settings are missing or invalid."""

    code = "config"


class InputError(DrafterError):
    """The caller gave us something we cannot use."""

    status_code = 422
    code = "invalid_input"


class EmptyTicketError(InputError):
    """The ticket has no text."""

    code = "empty_ticket"


class TicketTooLargeError(InputError):
    """The ticket is longer than `DRAFTER_MAX_TICKET_CHARS` and the policy is to refuse."""

    status_code = 413
    code = "ticket_too_large"


class DataFileError(InputError):
    """A data file is missing, unreadable, not UTF-8 or malformed."""

    code = "bad_data_file"


class AuthError(DrafterError):
    """No API key, or one that is unknown or revoked."""

    status_code = 401
    code = "unauthorized"


class ForbiddenError(DrafterError):
    """A valid key that may not do this: an app token outside drafting, or from an origin not allowed."""

    status_code = 403
    code = "forbidden"


class PayloadTooLargeError(DrafterError):
    """A request body over `DRAFTER_MAX_BODY_BYTES`."""

    status_code = 413
    code = "payload_too_large"


class NotFoundError(DrafterError):
    """A named thing does not exist."""

    status_code = 404
    code = "not_found"


class UnknownPrincipleError(NotFoundError):
    """A principle name that has no prompt file."""

    code = "unknown_principle"


class PromptRenderError(DrafterError):
    """A prompt template failed to render: a bug in a prompt file or its context."""

    code = "prompt_render"


class RetrievalError(DrafterError):
    """The vector store could not be reached or queried."""

    status_code = 503
    code = "retrieval"


class DatabaseError(DrafterError):
    """The SQL database cannot be opened or written (a missing or read-only folder, a locked file)."""

    status_code = 503
    code = "database"


class LLMError(DrafterError):
    """The LLM server failed or answered with something unusable."""

    status_code = 502
    code = "llm"


class LLMTimeoutError(LLMError):
    """The LLM server did not answer in time."""

    status_code = 504
    code = "llm_timeout"


class LLMRateLimitError(LLMError):
    """The LLM server asked us to slow down."""

    status_code = 503
    code = "llm_rate_limited"

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DraftRejectedError(DrafterError):
    """A draft came out empty or failed a guardrail."""

    status_code = 422
    code = "draft_rejected"
