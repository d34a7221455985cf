"""Freshdesk: automation webhooks in, private notes out (basic auth with the API key)."""

from __future__ import annotations

import base64

from drafter.config import Settings
from drafter.domain import Message
from drafter.helpdesks.base import (
    Helpdesk,
    IncomingTicket,
    NoteRequest,
    Payload,
    checked_id,
    credentials_of,
    html_text,
    make_ticket,
    optional_str,
)
from drafter.store.helpdesk_credentials import HelpdeskCredentials


class Freshdesk(Helpdesk):
    """Freshdesk."""

    name = "freshdesk"
    title = "Freshdesk"
    token_format = "the agent's API key"

    def parse(self, payload: Payload) -> IncomingTicket:
        """An automation webhook with Freshdesk's ticket placeholders (wrapped or flat)."""
        t = payload.get("freshdesk_webhook", payload)
        latest = html_text(t.get("ticket_latest_public_comment"))
        description = html_text(t.get("ticket_description"))
        conversation = [Message(role="customer", text=description)] if latest and description else []
        customer = (
            t.get("ticket_requester_id") or t.get("ticket_contact_email") or t.get("ticket_requester_email")
        )
        ticket = make_ticket(
            latest or description,
            subject=t.get("ticket_subject"),
            customer=customer,
            channel=optional_str(t.get("ticket_source")) or "email",
            conversation=conversation,
        )
        return IncomingTicket(ticket, checked_id(t.get("ticket_id"), "ticket id"))

    def note_request(self, external_id: str, text: str, *, account_id: str | None) -> NoteRequest:
        """`POST /api/v2/tickets/{id}/notes`, private."""
        return NoteRequest("POST", f"/api/v2/tickets/{external_id}/notes", {"body": text, "private": True})

    def auth_headers(self, token: str) -> dict[str, str]:
        """Basic auth with the API key as user and any password."""
        return {"Authorization": "Basic " + base64.b64encode(f"{token}:X".encode()).decode()}

    def server_credentials(self, settings: Settings) -> HelpdeskCredentials | None:
        """`DRAFTER_FRESHDESK_URL` and `DRAFTER_FRESHDESK_TOKEN`."""
        return credentials_of(settings.freshdesk_url, settings.freshdesk_token)
