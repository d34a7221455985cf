"""Chatwoot: `message_created` webhooks in, private messages out (`api_access_token` header)."""

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
    optional_str,
)
from drafter.store.helpdesk_credentials import HelpdeskCredentials

_INCOMING = ("incoming", 0)


class Chatwoot(Helpdesk):
    """Chatwoot."""

    name = "chatwoot"
    title = "Chatwoot"
    token_format = "a user or agent-bot access token"

    def parse(self, payload: Payload) -> IncomingTicket:
        """A `message_created` webhook; only incoming (customer) messages need a draft."""
        conversation = payload.get("conversation") or {}
        external = checked_id(conversation.get("id") or payload.get("conversation_id"), "conversation id")
        account = checked_id((payload.get("account") or {}).get("id"), "account id")
        if payload.get("event", "message_created") != "message_created":
            ignored = f"event {str(payload.get('event'))[:64]!r} needs no draft"
            return IncomingTicket(None, external, ignored=ignored, account_id=account)
        if payload.get("message_type") not in _INCOMING or payload.get("private"):
            return IncomingTicket(
                None, external, ignored="not an incoming customer message", account_id=account
            )
        earlier = []
        for message in conversation.get("messages") or []:
            if (
                not isinstance(message, dict)
                or message.get("id") == payload.get("id")
                or message.get("private")
            ):
                continue
            role: Role = "customer" if message.get("message_type") in _INCOMING else "agent"
            if message.get("content"):
                earlier.append(Message(role=role, text=html_text(message["content"])))
        sender = payload.get("sender") or (conversation.get("meta") or {}).get("sender") or {}
        ticket = make_ticket(
            html_text(payload.get("content")),
            subject=None,
            customer=sender.get("id") or sender.get("email"),
            channel=optional_str(conversation.get("channel")) or "chat",
            conversation=earlier,
        )
        return IncomingTicket(ticket, external, account_id=account)

    def note_request(self, external_id: str, text: str, *, account_id: str | None) -> NoteRequest:
        """`POST /api/v1/accounts/{account}/conversations/{id}/messages`, private."""
        return NoteRequest(
            "POST",
            f"/api/v1/accounts/{account_id or '1'}/conversations/{external_id}/messages",
            {"content": text, "message_type": "outgoing", "private": True},
        )

    def auth_headers(self, token: str) -> dict[str, str]:
        """Chatwoot's own header."""
        return {"api_access_token": token}

    def server_credentials(self, settings: Settings) -> HelpdeskCredentials | None:
        """`DRAFTER_CHATWOOT_URL` and `DRAFTER_CHATWOOT_TOKEN`."""
        return credentials_of(settings.chatwoot_url, settings.chatwoot_token)
