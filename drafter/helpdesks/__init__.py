"""Helpdesks: one module each (webhook payload in, private note out, credentials), kept in a registry.

A tenant's webhooks post notes with that tenant's own credentials (set by its admin through
`PUT /v1/helpdesks/{name}` or `drafter helpdesk set`); the server-wide `DRAFTER_<NAME>_URL` and
`_TOKEN` are used only when the server runs with `DRAFTER_AUTH=off`, for one local user.
"""

from __future__ import annotations

from typing import get_args
from urllib.parse import urlsplit

from drafter.config import Settings
from drafter.errors import InputError
from drafter.helpdesks.base import Helpdesk, HelpdeskName, IncomingTicket, NoteRequest, Payload
from drafter.helpdesks.chatwoot import Chatwoot
from drafter.helpdesks.freshdesk import Freshdesk
from drafter.helpdesks.helpscout import HelpScout
from drafter.helpdesks.notes import HelpdeskError, NoteClient, retry_after_seconds
from drafter.helpdesks.zendesk import Zendesk
from drafter.store.helpdesk_credentials import HelpdeskCredentials, HelpdeskCredentialStore

HELPDESKS: dict[str, Helpdesk] = {h.name: h for h in (Zendesk(), Freshdesk(), HelpScout(), Chatwoot())}
assert set(HELPDESKS) == set(get_args(HelpdeskName)), "every helpdesk name has a module"


def get_helpdesk(name: str) -> Helpdesk:
    """The helpdesk called `name`.

    Raises:
        InputError: no helpdesk has that name.
    """
    if name not in HELPDESKS:
        raise InputError(f"unknown helpdesk {name!r}; use one of {', '.join(HELPDESKS)}")
    return HELPDESKS[name]


def parse_webhook(name: str, payload: Payload) -> IncomingTicket:
    """The ticket a helpdesk's webhook describes.

    Raises:
        InputError: an unknown helpdesk, or a payload without a customer message.
    """
    desk = get_helpdesk(name)
    if not isinstance(payload, dict):
        raise InputError("the webhook payload must be a JSON object")
    try:
        return desk.parse(payload)
    except (AttributeError, TypeError) as exc:
        raise InputError(f"the {name} payload does not have the documented shape: {exc}") from exc


def check_url(url: str, *, allow_http: bool) -> str:
    """A helpdesk API base URL fit to send a tenant's token to.

    Raises:
        InputError: not an https URL with a host (http only when `allow_http`), or it carries
            credentials, a query or a fragment.
    """
    parts = urlsplit(url.strip())
    schemes = {"https", "http"} if allow_http else {"https"}
    if parts.scheme not in schemes or not parts.hostname:
        plain = "" if allow_http else " (http:// only with DRAFTER_HELPDESK_ALLOW_HTTP=true)"
        raise InputError(f"{url!r} is not an https:// URL of the helpdesk{plain}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InputError(f"{url!r}: give the helpdesk's base URL only; the token goes in 'token'")
    return url.strip().rstrip("/")


def credentials_for(
    desk: Helpdesk, store: HelpdeskCredentialStore, settings: Settings
) -> HelpdeskCredentials | None:
    """The credentials a tenant's webhook posts notes with: its own, or with `DRAFTER_AUTH=off`
    the server-wide ones; None when there are none to use."""
    own = store.get(desk.name)
    if own is not None:
        return own
    return desk.server_credentials(settings) if settings.auth == "off" else None


def note_client(desk: Helpdesk, credentials: HelpdeskCredentials, settings: Settings) -> NoteClient:
    """A note client for one helpdesk, with the configured timeout and retries."""
    return NoteClient(
        desk,
        credentials,
        timeout=settings.helpdesk_timeout_seconds,
        max_retries=settings.helpdesk_max_retries,
    )


__all__ = [
    "HELPDESKS",
    "Helpdesk",
    "HelpdeskError",
    "HelpdeskName",
    "IncomingTicket",
    "NoteClient",
    "NoteRequest",
    "check_url",
    "credentials_for",
    "get_helpdesk",
    "note_client",
    "parse_webhook",
    "retry_after_seconds",
]
