"""Map each helpdesk's documented webhook payload to a Ticket (customer, last message, conversation)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup

from drafter.domain import Message, Role, Ticket
from drafter.errors import InputError

Payload = dict[str, Any]


@dataclass(frozen=True)
class IncomingTicket:
    """What a webhook told us: the ticket, the helpdesk's id for it, or why it needs no draft."""

    ticket: Ticket | None
    external_id: str | None
    ignored: str | None = None
    account_id: str | None = None


def _text(value: Any) -> str:
    """Plain text of a body that may be HTML."""
    raw = "" if value is None else str(value)
    if "<" in raw and ">" in raw:
        raw = BeautifulSoup(raw, "html.parser").get_text("\n")
    return "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _ticket(text: str, *, subject: Any, customer: Any, channel: str, conversation: list[Message]) -> Ticket:
    if not text.strip():
        raise InputError("the webhook payload has no customer message to reply to")
    return Ticket(
        text=text,
        subject=_str(subject),
        customer_id=_str(customer),
        channel=channel,
        conversation=conversation,
    )


def zendesk(payload: Payload) -> IncomingTicket:
    """A trigger webhook `{ticket: {...}}` or an event webhook `{type, detail, event.comment}`."""
    if "ticket" in payload and isinstance(payload["ticket"], dict):
        t = payload["ticket"]
        requester = t.get("requester") or {}
        comments = [c for c in t.get("comments") or [] if isinstance(c, dict)]
        conversation = [
            Message(
                role="agent" if c.get("author_is_staff") or c.get("is_staff") else "customer",
                text=_text(c.get("body") or c.get("value")),
            )
            for c in comments[:-1]
        ]
        text = _text(
            t.get("latest_comment")
            or (comments[-1].get("body") if comments else None)
            or t.get("description")
        )
        customer = requester.get("id") or requester.get("email") or t.get("requester_id")
        return IncomingTicket(
            _ticket(
                text,
                subject=t.get("subject") or t.get("title"),
                customer=customer,
                channel="email",
                conversation=[m for m in conversation if m.text],
            ),
            _str(t.get("id")),
        )
    detail = payload.get("detail") or {}
    comment = (payload.get("event") or {}).get("comment") or {}
    author = comment.get("author") or {}
    if author.get("is_staff"):
        return IncomingTicket(None, _str(detail.get("id")), ignored="the comment is from an agent")
    text = _text(comment.get("body") or detail.get("description"))
    return IncomingTicket(
        _ticket(
            text,
            subject=detail.get("subject"),
            customer=detail.get("requester_id") or author.get("id"),
            channel="email",
            conversation=[],
        ),
        _str(detail.get("id")),
    )


def freshdesk(payload: Payload) -> IncomingTicket:
    """An automation webhook with Freshdesk's ticket placeholders (wrapped or flat)."""
    t = payload.get("freshdesk_webhook", payload)
    latest = _text(t.get("ticket_latest_public_comment"))
    description = _text(t.get("ticket_description"))
    conversation = [Message(role="customer", text=description)] if latest and description else []
    customer = (
        t.get("ticket_requester_id") or t.get("ticket_contact_email") or t.get("ticket_requester_email")
    )
    return IncomingTicket(
        _ticket(
            latest or description,
            subject=t.get("ticket_subject"),
            customer=customer,
            channel=_str(t.get("ticket_source")) or "email",
            conversation=conversation,
        ),
        _str(t.get("ticket_id")),
    )


def helpscout(payload: Payload) -> IncomingTicket:
    """A conversation webhook: the conversation object with its threads."""
    threads = payload.get("threads") or (payload.get("_embedded") or {}).get("threads") or []
    threads = [
        t for t in threads if isinstance(t, dict) and t.get("type") in {"customer", "message", "reply"}
    ]
    threads.sort(key=lambda t: str(t.get("createdAt", "")))
    messages = []
    for thread in threads:
        by = (thread.get("createdBy") or {}).get("type") or (
            "customer" if thread.get("type") == "customer" else "user"
        )
        role: Role = "customer" if by == "customer" else "agent"
        messages.append(Message(role=role, text=_text(thread.get("body"))))
    last_customer = max((i for i, m in enumerate(messages) if m.role == "customer"), default=None)
    if last_customer is None:
        return IncomingTicket(
            None, _str(payload.get("id")), ignored="no customer message in the conversation"
        )
    customer = payload.get("customer") or (payload.get("primaryCustomer") or {})
    return IncomingTicket(
        _ticket(
            messages[last_customer].text,
            subject=payload.get("subject"),
            customer=customer.get("id") or customer.get("email"),
            channel="email",
            conversation=[m for m in messages[:last_customer] if m.text],
        ),
        _str(payload.get("id")),
    )


def chatwoot(payload: Payload) -> IncomingTicket:
    """A `message_created` webhook; only incoming (customer) messages need a draft."""
    conversation = payload.get("conversation") or {}
    external = _str(conversation.get("id") or payload.get("conversation_id"))
    account = _str((payload.get("account") or {}).get("id"))
    if payload.get("event", "message_created") != "message_created":
        return IncomingTicket(
            None, external, ignored=f"event {payload.get('event')!r} needs no draft", account_id=account
        )
    if payload.get("message_type") not in ("incoming", 0) or payload.get("private"):
        return IncomingTicket(None, external, ignored="not an incoming customer message", account_id=account)
    earlier = []
    for message in conversation.get("messages") or []:
        if not isinstance(message, dict) or message.get("id") == payload.get("id") or message.get("private"):
            continue
        role: Role = "customer" if message.get("message_type") in ("incoming", 0) else "agent"
        if message.get("content"):
            earlier.append(Message(role=role, text=_text(message["content"])))
    sender = payload.get("sender") or (conversation.get("meta") or {}).get("sender") or {}
    return IncomingTicket(
        _ticket(
            _text(payload.get("content")),
            subject=None,
            customer=sender.get("id") or sender.get("email"),
            channel=_str(conversation.get("channel")) or "chat",
            conversation=earlier,
        ),
        external,
        account_id=account,
    )


HELPDESKS: dict[str, Callable[[Payload], IncomingTicket]] = {
    "zendesk": zendesk,
    "freshdesk": freshdesk,
    "helpscout": helpscout,
    "chatwoot": chatwoot,
}


def parse_webhook(helpdesk: str, payload: Payload) -> IncomingTicket:
    """The ticket a helpdesk's webhook describes.

    Raises:
        InputError: an unknown helpdesk, or a payload without a customer message.
    """
    if helpdesk not in HELPDESKS:
        raise InputError(f"unknown helpdesk {helpdesk!r}; use one of {', '.join(HELPDESKS)}")
    if not isinstance(payload, dict):
        raise InputError("the webhook payload must be a JSON object")
    try:
        return HELPDESKS[helpdesk](payload)
    except (AttributeError, TypeError) as exc:
        raise InputError(f"the {helpdesk} payload does not have the documented shape: {exc}") from exc
