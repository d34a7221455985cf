"""Zendesk Support: trigger and event webhooks in, private comments out (basic auth with an API token)."""

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
)
from drafter.store.helpdesk_credentials import HelpdeskCredentials


class Zendesk(Helpdesk):
    """Zendesk Support."""

    name = "zendesk"
    title = "Zendesk"
    token_format = "agent@example.com/token:APITOKEN"

    def parse(self, payload: Payload) -> IncomingTicket:
        """A trigger webhook `{ticket: {...}}` or an event webhook `{type, detail, event.comment}`."""
        if isinstance(payload.get("ticket"), dict):
            return self._trigger(payload["ticket"])
        detail = payload.get("detail") or {}
        comment = (payload.get("event") or {}).get("comment") or {}
        author = comment.get("author") or {}
        external = checked_id(detail.get("id"), "ticket id")
        if author.get("is_staff"):
            return IncomingTicket(None, external, ignored="the comment is from an agent")
        text = html_text(comment.get("body") or detail.get("description"))
        ticket = make_ticket(
            text,
            subject=detail.get("subject"),
            customer=detail.get("requester_id") or author.get("id"),
            channel="email",
            conversation=[],
        )
        return IncomingTicket(ticket, external)

    @staticmethod
    def _trigger(t: Payload) -> IncomingTicket:
        requester = t.get("requester") or {}
        comments = [c for c in t.get("comments") or [] if isinstance(c, dict)]
        conversation = [
            Message(
                role="agent" if c.get("author_is_staff") or c.get("is_staff") else "customer",
                text=html_text(c.get("body") or c.get("value")),
            )
            for c in comments[:-1]
        ]
        text = html_text(
            t.get("latest_comment")
            or (comments[-1].get("body") if comments else None)
            or t.get("description")
        )
        ticket = make_ticket(
            text,
            subject=t.get("subject") or t.get("title"),
            customer=requester.get("id") or requester.get("email") or t.get("requester_id"),
            channel="email",
            conversation=[m for m in conversation if m.text],
        )
        return IncomingTicket(ticket, checked_id(t.get("id"), "ticket id"))

    def note_request(self, external_id: str, text: str, *, account_id: str | None) -> NoteRequest:
        """`PUT /api/v2/tickets/{id}.json` with a private comment."""
        body = {"ticket": {"comment": {"body": text, "public": False}}}
        return NoteRequest("PUT", f"/api/v2/tickets/{external_id}.json", body)

    def auth_headers(self, token: str) -> dict[str, str]:
        """Basic auth with `email/token:APITOKEN`."""
        return {"Authorization": "Basic " + base64.b64encode(token.encode()).decode()}

    def server_credentials(self, settings: Settings) -> HelpdeskCredentials | None:
        """`DRAFTER_ZENDESK_URL` and `DRAFTER_ZENDESK_TOKEN`."""
        return credentials_of(settings.zendesk_url, settings.zendesk_token)
