"""Post a draft back to the helpdesk as an internal note, with timeouts and retries."""

from __future__ import annotations

import base64
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx

from drafter.config import Settings
from drafter.errors import DrafterError

log = logging.getLogger("drafter.helpdesks")
_RETRY_STATUSES = {429, 500, 502, 503, 504}


class HelpdeskError(DrafterError):
    """The helpdesk did not take the note."""

    status_code = 502
    code = "helpdesk"


@dataclass(frozen=True)
class NoteRequest:
    """One HTTP call that adds a private note."""

    method: str
    path: str
    body: dict[str, Any]


def _note_request(helpdesk: str, ticket_id: str, text: str, account_id: str | None) -> NoteRequest:
    match helpdesk:
        case "zendesk":
            return NoteRequest(
                "PUT",
                f"/api/v2/tickets/{ticket_id}.json",
                {"ticket": {"comment": {"body": text, "public": False}}},
            )
        case "freshdesk":
            return NoteRequest("POST", f"/api/v2/tickets/{ticket_id}/notes", {"body": text, "private": True})
        case "helpscout":
            return NoteRequest("POST", f"/v2/conversations/{ticket_id}/notes", {"text": text})
        case "chatwoot":
            return NoteRequest(
                "POST",
                f"/api/v1/accounts/{account_id or '1'}/conversations/{ticket_id}/messages",
                {"content": text, "message_type": "outgoing", "private": True},
            )
    raise HelpdeskError(f"no note API for {helpdesk!r}")


def _auth_headers(helpdesk: str, token: str) -> dict[str, str]:
    match helpdesk:
        case "zendesk":  # token is "agent@example.com/token:APITOKEN"
            return {"Authorization": "Basic " + base64.b64encode(token.encode()).decode()}
        case "freshdesk":  # API key as user, any password
            return {"Authorization": "Basic " + base64.b64encode(f"{token}:X".encode()).decode()}
        case "chatwoot":
            return {"api_access_token": token}
    return {"Authorization": f"Bearer {token}"}


class NoteClient:
    """Adds private notes to one helpdesk's tickets."""

    def __init__(self, helpdesk: str, base_url: str, token: str, *, timeout: float, max_retries: int) -> None:
        self.helpdesk = helpdesk
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, headers=_auth_headers(helpdesk, token)
        )
        self.max_retries = max_retries

    def post_note(self, ticket_id: str, text: str, *, account_id: str | None = None) -> None:
        """Add the note, retrying 429 and 5xx with backoff.

        Raises:
            HelpdeskError: the helpdesk refused it, or kept failing after the retries.
        """
        request = _note_request(self.helpdesk, ticket_id, text, account_id)
        for attempt in range(self.max_retries + 1):
            response: httpx.Response | None = None
            try:
                response = self._client.request(request.method, request.path, json=request.body)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}"
            else:
                if response.status_code < 300:
                    return
                problem = f"HTTP {response.status_code}"
                if response.status_code not in _RETRY_STATUSES:
                    break
            if attempt < self.max_retries:
                time.sleep(_backoff(attempt, response))
        raise HelpdeskError(f"{self.helpdesk} did not take the note for ticket {ticket_id!r}: {problem}")

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


def _backoff(attempt: int, response: httpx.Response | None) -> float:
    retry_after = str(response.headers.get("retry-after", "")) if response is not None else ""
    if retry_after.replace(".", "", 1).isdigit():
        return min(float(retry_after), 30.0)
    return min(0.25 * 2.0**attempt, 8.0)


def note_client(helpdesk: str, settings: Settings) -> NoteClient | None:
    """The configured note client for a helpdesk, or None when its URL and token are not set."""
    url = getattr(settings, f"{helpdesk}_url", None)
    token = getattr(settings, f"{helpdesk}_token", None)
    if not url or token is None:
        return None
    return NoteClient(
        helpdesk,
        url,
        token.get_secret_value(),
        timeout=settings.helpdesk_timeout_seconds,
        max_retries=settings.helpdesk_max_retries,
    )
