"""What every helpdesk module provides: its webhook payload read as a ticket, its note API, its
credentials. One module per helpdesk holds all three; `drafter.helpdesks` keeps the registry."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from bs4 import BeautifulSoup

from drafter.config import Settings
from drafter.domain import Message, Ticket
from drafter.errors import InputError
from drafter.store.helpdesk_credentials import HelpdeskCredentials

Payload = dict[str, Any]
HelpdeskName = Literal["zendesk", "freshdesk", "helpscout", "chatwoot"]
"""Helpdesks drafter takes webhooks from (the registry in `drafter.helpdesks` has one module each)."""

# Ids go into the helpdesk's URL path when the note is posted: "../" or "?" must not get there.
_EXTERNAL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class IncomingTicket:
    """What a webhook told us: the ticket, the helpdesk's id for it, or why it needs no draft."""

    ticket: Ticket | None
    external_id: str | None
    ignored: str | None = None
    account_id: str | None = None


@dataclass(frozen=True)
class NoteRequest:
    """One HTTP call that adds a private note."""

    method: str
    path: str
    body: dict[str, Any]


class Helpdesk(ABC):
    """One helpdesk: how its webhooks read, where its notes go, how it authenticates."""

    name: ClassVar[HelpdeskName]
    title: ClassVar[str]
    """The product's name, for people."""
    token_format: ClassVar[str]
    """What to paste as the token, for help texts."""

    @abstractmethod
    def parse(self, payload: Payload) -> IncomingTicket:
        """The ticket a webhook payload describes.

        Raises:
            InputError: the payload has no customer message to reply to.
        """

    @abstractmethod
    def note_request(self, external_id: str, text: str, *, account_id: str | None) -> NoteRequest:
        """The call that adds `text` to the ticket as a private note."""

    @abstractmethod
    def auth_headers(self, token: str) -> dict[str, str]:
        """Headers that authenticate a call with the token."""

    @abstractmethod
    def server_credentials(self, settings: Settings) -> HelpdeskCredentials | None:
        """The server-wide credentials (`DRAFTER_<NAME>_URL` and `_TOKEN`), when both are set."""


def credentials_of(url: str | None, token: Any) -> HelpdeskCredentials | None:
    """Credentials from a URL and a secret token setting, or None unless both are set."""
    return HelpdeskCredentials(url, token) if url and token is not None else None


def checked_id(value: Any, what: str) -> str | None:
    """An id from a payload, or None; one that could not be a helpdesk id is refused.

    Raises:
        InputError: the id has characters a helpdesk id never has, or over 64 of them.
    """
    if value in (None, ""):
        return None
    text = str(value)
    if not _EXTERNAL_ID.fullmatch(text):
        raise InputError(f"the payload's {what} is not a helpdesk id (letters, digits, '-' or '_', up to 64)")
    return text


def html_text(value: Any) -> str:
    """Plain text of a body that may be HTML."""
    raw = "" if value is None else str(value)
    if "<" in raw and ">" in raw:
        raw = BeautifulSoup(raw, "html.parser").get_text("\n")
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def optional_str(value: Any) -> str | None:
    """A payload value as text, or None when it is missing or empty."""
    return None if value in (None, "") else str(value)


def make_ticket(
    text: str, *, subject: Any, customer: Any, channel: str, conversation: list[Message]
) -> Ticket:
    """A ticket from a webhook's parts.

    Raises:
        InputError: there is no customer message.
    """
    if not text.strip():
        raise InputError("the webhook payload has no customer message to reply to")
    return Ticket(
        text=text,
        subject=optional_str(subject),
        customer_id=optional_str(customer),
        channel=channel,
        conversation=conversation,
    )
