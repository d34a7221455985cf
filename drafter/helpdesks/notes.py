"""Post a draft back to the helpdesk as a private note: timeouts, and retries by tenacity that wait
as long as the helpdesk's Retry-After asks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)
from tenacity.wait import wait_base

from drafter.errors import DrafterError
from drafter.helpdesks.base import Helpdesk
from drafter.store.helpdesk_credentials import HelpdeskCredentials

log = logging.getLogger("drafter.helpdesks")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A helpdesk asking for longer than this is treated as down; the agent still has the draft.
_LONGEST_WAIT = 30.0


class HelpdeskError(DrafterError):
    """The helpdesk did not take the note."""

    status_code = 502
    code = "helpdesk"


class _Busy(Exception):
    """A status worth retrying (429, 5xx), with the response that says how long to wait."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def retry_after_seconds(response: httpx.Response, *, now: datetime | None = None) -> float | None:
    """The wait a `Retry-After` header asks for (seconds or an HTTP date), or None without one."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class wait_retry_after(wait_base):
    """Wait what the helpdesk's Retry-After asks (up to a cap), else back off exponentially."""

    def __init__(self, fallback: wait_base, *, cap: float = _LONGEST_WAIT) -> None:
        self.fallback = fallback
        self.cap = cap

    def __call__(self, retry_state: RetryCallState) -> float:
        failure = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(failure, _Busy):
            asked = retry_after_seconds(failure.response)
            if asked is not None:
                return min(asked, self.cap)
        return float(self.fallback(retry_state))


class NoteClient:
    """Adds private notes to one helpdesk's tickets with one tenant's credentials."""

    def __init__(
        self, helpdesk: Helpdesk, credentials: HelpdeskCredentials, *, timeout: float, max_retries: int
    ) -> None:
        self.helpdesk = helpdesk
        headers = helpdesk.auth_headers(credentials.token.get_secret_value())
        self._client = httpx.Client(base_url=credentials.url.rstrip("/"), timeout=timeout, headers=headers)
        self._retrying = Retrying(
            stop=stop_after_attempt(max_retries + 1),
            wait=wait_retry_after(wait_exponential(multiplier=0.25, max=8.0)),
            retry=retry_if_exception_type((_Busy, httpx.TransportError)),
            reraise=True,
        )

    def post_note(self, external_id: str, text: str, *, account_id: str | None = None) -> None:
        """Add the note, retrying 429, 5xx and network failures.

        Raises:
            HelpdeskError: the helpdesk refused it, or kept failing after the retries.
        """
        request = self.helpdesk.note_request(external_id, text, account_id=account_id)
        try:
            response = self._retrying(self._send, request.method, request.path, request.body)
        except _Busy as exc:
            problem = str(exc)
        except httpx.HTTPError as exc:
            problem = type(exc).__name__
        else:
            if response.is_success:
                return
            problem = f"HTTP {response.status_code}"
        raise HelpdeskError(
            f"{self.helpdesk.name} did not take the note for ticket {external_id!r}: {problem}"
        )

    def _send(self, method: str, path: str, body: dict[str, object]) -> httpx.Response:
        response = self._client.request(method, path, json=body)
        if response.status_code in _RETRY_STATUSES:
            raise _Busy(response)
        return response

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
