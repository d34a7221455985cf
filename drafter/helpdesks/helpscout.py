"""Help Scout: conversation webhooks in, notes out (OAuth bearer token)."""

from __future__ import annotations

from drafter.config import Settings
from drafter.domain import Message, Role
from drafter.helpdesks.base import (
    Helpdesk,
    IncomingTicket,
    NoteRequest,
    Payload,
    checked_id,
    credentials_of,
    html_text,
    make_ticket,
)
from drafter.store.helpdesk_credentials import HelpdeskCredentials

_MESSAGE_THREADS = {"customer", "message", "reply"}


class HelpScout(Helpdesk):
    """Help Scout."""

    name = "helpscout"
    title = "Help Scout"
    token_format = "an OAuth access token"

    def parse(self, payload: Payload) -> IncomingTicket:
        """A conversation webhook: the conversation object with its threads."""
        threads = payload.get("threads") or (payload.get("_embedded") or {}).get("threads") or []
        threads = [t for t in threads if isinstance(t, dict) and t.get("type") in _MESSAGE_THREADS]
        threads.sort(key=lambda t: str(t.get("createdAt", "")))
        messages = []
        for thread in threads:
            by = (thread.get("createdBy") or {}).get("type") or (
                "customer" if thread.get("type") == "customer" else "user"
            )
            role: Role = "customer" if by == "customer" else "agent"
            messages.append(Message(role=role, text=html_text(thread.get("body"))))
        external = checked_id(payload.get("id"), "conversation id")
        last_customer = max((i for i, m in enumerate(messages) if m.role == "customer"), default=None)
        if last_customer is None:
            return IncomingTicket(None, external, ignored="no customer message in the conversation")
        customer = payload.get("customer") or (payload.get("primaryCustomer") or {})
        ticket = make_ticket(
            messages[last_customer].text,
            subject=payload.get("subject"),
            customer=customer.get("id") or customer.get("email"),
            channel="email",
            conversation=[m for m in messages[:last_customer] if m.text],
        )
        return IncomingTicket(ticket, external)

    def note_request(self, external_id: str, text: str, *, account_id: str | None) -> NoteRequest:
        """`POST /v2/conversations/{id}/notes`."""
        return NoteRequest("POST", f"/v2/conversations/{external_id}/notes", {"text": text})

    def auth_headers(self, token: str) -> dict[str, str]:
        """A bearer token."""
        return {"Authorization": f"Bearer {token}"}

    def server_credentials(self, settings: Settings) -> HelpdeskCredentials | None:
        """`DRAFTER_HELPSCOUT_URL` and `DRAFTER_HELPSCOUT_TOKEN`."""
        return credentials_of(settings.helpscout_url, settings.helpscout_token)
