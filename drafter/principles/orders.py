"""Which of the customer's orders a ticket is about: the one fact every later step reads the same way."""

from __future__ import annotations

import re

from drafter.domain import CustomerProfile, Order, Ticket
from drafter.principles.cues import RETURN_ASK
from drafter.text.words import stem, words

# "the package locker in her building" names a place, not a parcel.
_ORDER_WORDS = re.compile(
    r"\b(order\w*|(?:package|parcel)(?!\s+(?:lockers?|shops?|stations?|rooms?|points?))|delivery|shipment|"
    r"purchase\w*|bought)\b",
    re.IGNORECASE,
)
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]
_MONTH = re.compile(rf"\b({'|'.join(_MONTHS)})\b(?:\s+(\d{{4}}))?", re.IGNORECASE)
# "x12" in "Thermostat T2 x12" counts pieces; it names nothing.
_QUANTITY = re.compile(r"^x\d+$")
# An order id the customer wrote outweighs every other clue; an item or a month each add one.
_BY_ID, _BY_ITEM, _BY_MONTH = 10, 2, 1


def latest_order(profile: CustomerProfile) -> Order | None:
    """The customer's most recent order."""
    return max(profile.orders, key=lambda o: o.date or "", default=None)


def _item_stems(profile: CustomerProfile) -> dict[str, set[str]]:
    """Per order, the stems naming its items, without words every order's items share (a brand)."""
    by_order = {
        o.order_id: {stem(w) for item in o.items for w in words(item) if not _QUANTITY.match(w)}
        for o in profile.orders
    }
    shared = set.intersection(*by_order.values()) if len(by_order) > 1 else set()
    return {order: stems - shared for order, stems in by_order.items()}


def _months(text: str) -> list[tuple[int, str | None]]:
    return [(_MONTHS.index(m.group(1).lower()) + 1, m.group(2)) for m in _MONTH.finditer(text)]


def _in_month(order: Order, month: int, year: str | None) -> bool:
    for moment in (order.date, order.delivered):
        if moment and len(moment) >= 7 and int(moment[5:7]) == month and (year is None or moment[:4] == year):
            return True
    return False


def named_order(ticket: Ticket, profile: CustomerProfile | None) -> Order | None:
    """The order the customer names: by its id (in the ticket or earlier in the conversation), by
    an item in it ("the thermostat"), or by when it was placed ("my October order")."""
    if profile is None or not profile.orders:
        return None
    texts = [ticket.text] + [m.text for m in reversed(ticket.conversation)]
    for text in texts:
        for order in profile.orders:
            if order.order_id and order.order_id.lower() in text.lower():
                return order
    said = {stem(w) for w in words(ticket.text)}
    items = _item_stems(profile)
    months = _months(ticket.text)
    scores = {
        o.order_id: _BY_ITEM * bool(items.get(o.order_id, set()) & said)
        + _BY_MONTH * any(_in_month(o, month, year) for month, year in months)
        for o in profile.orders
    }
    best = max(profile.orders, key=lambda o: (scores[o.order_id], o.date or ""))
    return best if scores[best.order_id] > 0 else None


# An order still to be placed ("if i order a lamp right now", "I want to place an order", "thinking
# of buying two"): no order on the record is meant.
_PROSPECTIVE = re.compile(
    r"\b(?:if|when|before|once|whether|to|gonna|wanna|should|could|can|will|would|i'?d|might|may|"
    r"(?:thinking|thought) (?:of|about))\s+(?:i\s+|we\s+|u\s+|you\s+)?(?:just\s+)?"
    r"(?:(?:place|make|put in)\s+(?:an?\s+|the\s+|my\s+)?)?"
    r"(?:order|ordering|purchase|purchasing|buy|buying)\b",
    re.IGNORECASE,
)


def mentions_order(ticket: Ticket) -> bool:
    """The ticket or its conversation speaks of an order, a parcel or a purchase that was made."""
    return any(
        _ORDER_WORDS.search(_PROSPECTIVE.sub(" ", text))
        for text in [ticket.text, *(m.text for m in ticket.conversation)]
    )


def referenced_order(ticket: Ticket, profile: CustomerProfile | None) -> Order | None:
    """The order the customer means: the one they name, else their latest when they speak of an
    order or a return."""
    if profile is None or not profile.orders:
        return None
    named = named_order(ticket, profile)
    if named is not None:
        return named
    if mentions_order(ticket) or RETURN_ASK.search(ticket.text):
        return latest_order(profile)
    return None
