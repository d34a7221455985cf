"""How late an order is, read from the record: the expected delivery date against the day it was
delivered, or today when it has not come. Counted in business days, the unit delivery policies use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from drafter.domain import Order, Ticket

# An order's lateness is this ticket's business only when the customer speaks of its delivery, and
# for one already delivered, of the wait: "my lamp shows up a full week late" is; "how do I dim the
# lamp" or "can I change the address?" about the same order is not.
_SPEAKS_OF_DELIVERY = re.compile(
    r"\b(?:where(?:'s|s| is| are)?|arriv\w*|deliver\w*|track\w*|late|delay\w*|receiv\w*|eta|lost|missing|"
    r"still (?:not|no|waiting)|not (?:here|come)|wait\w*|"
    r"(?:hasn'?t|has not|haven'?t|never) (?:come|came|arrived|shown))\b",
    re.IGNORECASE,
)
_SPEAKS_OF_LATENESS = re.compile(
    r"\b(?:late|delay\w*|overdue|still (?:not|no|hasn'?t|haven'?t|waiting)|never (?:came|arrived|showed)|"
    r"(?:took|takes|taking) (?:so |too )?(?:long|forever|ages)|(?:a|one|two|three|full) weeks? late|"
    r"wait(?:ed|ing) (?:for|since))\b",
    re.IGNORECASE,
)


# "Separate question from the whole missing-parcel saga: ...": the customer sets the wait aside.
_ANOTHER_MATTER = re.compile(
    r"\b(?:(?:separate|different|unrelated|other|another|new) (?:question|matter|topic|issue|thing)|"
    r"(?:aside|apart|separately) from|unrelated to)\b",
    re.IGNORECASE,
)

# What the knowledge is searched with for a late order, beside the ticket: a customer asking "can I
# cancel?" about a parcel two weeks overdue needs the late-parcel policy the ticket's words miss.
LATE_ORDER_QUERY = "My parcel is late: it has not arrived by the expected delivery date."


# A status that says the order is no longer on its way, whatever the dates say.
_SETTLED = frozenset({"delivered", "cancelled", "canceled", "returned", "refunded"})


@dataclass(frozen=True)
class LateDelivery:
    """An order that came, or is still coming, after the date it was expected."""

    order_id: str
    expected: str
    """The ISO date the record expected it."""
    delivered: str | None
    """The ISO date it was delivered; None while it has not arrived."""
    business_days: int
    """Business days from the expected date to its delivery, or to today."""

    def __str__(self) -> str:
        state = f"delivered {self.delivered}" if self.delivered else "not delivered yet"
        late = f"{self.business_days} business days late"
        return f"order {self.order_id} was expected {self.expected}, {state}: {late}"


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def late_delivery(order: Order | None, ticket: Ticket, today: date) -> LateDelivery | None:
    """The order's lateness, when the record has its expected date and it came (or is still coming)
    later; a delivered order only when the customer speaks of the wait."""
    if order is None:
        return None
    expected = _day(order.expected_delivery)
    if expected is None:
        return None
    delivered = _day(order.delivered)
    if delivered is None and (order.status or "").lower() in _SETTLED:
        return None  # the record says it is settled without saying when
    until = delivered or today
    if until <= expected:
        return None
    earlier = [m.text for m in ticket.conversation if m.role == "customer"]
    said = " ".join([ticket.subject or "", ticket.text, *earlier])
    if not (_SPEAKS_OF_LATENESS if delivered is not None else _SPEAKS_OF_DELIVERY).search(said):
        return None
    if _ANOTHER_MATTER.search(ticket.text):
        return None
    days = int(np.busday_count(expected, until))
    if days <= 0:
        return None  # expected on a Friday, not here over the weekend: not late in business days
    return LateDelivery(
        order.order_id, expected.isoformat(), delivered.isoformat() if delivered else None, days
    )
