"""Which of the customer's orders a ticket is about: the one fact every later step reads the same way."""

from __future__ import annotations

import re

from drafter.domain import CustomerProfile, Order, Ticket
from drafter.principles.cues import RETURN_ASK

_ORDER_WORDS = re.compile(r"\b(order|package|parcel|delivery|shipment|purchase)\b", re.IGNORECASE)


def latest_order(profile: CustomerProfile) -> Order | None:
    """The customer's most recent order."""
    return max(profile.orders, key=lambda o: o.date or "", default=None)


def orders_of_items(text: str, profile: CustomerProfile) -> list[Order]:
    """Orders holding an item the text names (by the item's last word: "the lamp" for "Desk Lamp")."""
    lowered = text.lower()
    return [
        o for o in profile.orders if any(w in lowered for item in o.items for w in item.lower().split()[-1:])
    ]


def referenced_order(ticket: Ticket, profile: CustomerProfile | None) -> Order | None:
    """The order the customer means: one whose id they wrote (in the ticket or earlier in the
    conversation), else one holding an item the ticket names, else their latest when they speak of
    an order or a return."""
    if profile is None or not profile.orders:
        return None
    texts = [ticket.text] + [m.text for m in reversed(ticket.conversation)]
    for text in texts:
        for order in profile.orders:
            if order.order_id and order.order_id.lower() in text.lower():
                return order
    items = orders_of_items(ticket.text, profile)
    if items:
        return items[0]
    if any(_ORDER_WORDS.search(text) for text in texts) or RETURN_ASK.search(ticket.text):
        return latest_order(profile)
    return None
