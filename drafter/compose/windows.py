"""A time limit that has passed for this customer: "we replace it for free" said 57 days after
delivery, when the knowledge allows 14, is a promise the policy does not make. The limit is read
from the answering document, the order's age from the record (or from what the customer says)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from drafter.compose.negatives import refuses
from drafter.compose.sentences import Unit
from drafter.principles import Signals
from drafter.principles.timing import Window, window_in

# A sentence about what happens once the limit has passed ("After 30 days, ... the warranty") is
# the way forward, not the offer the limit takes away.
_AFTER_THE_LIMIT = re.compile(
    r"\b(after|more than|later than|instead|still|no longer|outside)\b", re.IGNORECASE
)


# The limit itself ("within 14 days after you bought it"), whose own "after" says nothing.
_THE_LIMIT = re.compile(r"\bwithin\b[^,.;:]*", re.IGNORECASE)


@dataclass(frozen=True)
class PassedWindow:
    """A limit the answering document states, and how far past it this customer is."""

    window: Window
    age: float
    """Days since delivery or the order."""
    order_id: str | None
    """The order the age was read from; None when it came from the customer's own words."""
    unit: Unit
    """The sentence stating the limit."""
    since: str | None = None
    """The ISO date of the order's delivery or placing that the age counts from."""
    delivered: bool = True
    """Whether `since` is the delivery date (else the order date)."""


@dataclass(frozen=True)
class _Age:
    days: float
    order_id: str | None = None
    since: str | None = None
    delivered: bool = True


def _age(window: Window, signals: Signals) -> _Age | None:
    age = signals.order_age
    if age is not None:
        if window.basis == "delivery" and age.since_delivery is not None:
            return _Age(float(age.since_delivery), age.order_id, age.delivered_on, delivered=True)
        # No delivery date recorded: the order date is the nearest.
        if age.since_order is not None:
            return _Age(float(age.since_order), age.order_id, age.placed_on, delivered=False)
    if signals.said_days_ago is not None:
        return _Age(signals.said_days_ago)
    return None


def passed_window(
    units: list[Unit], signals: Signals, procedures: frozenset[str] = frozenset()
) -> PassedWindow | None:
    """The first limit stated in `units` that this customer's order, or what they say, is past.

    Only a limit on what was asked counts: the sentence stating it shares a word with the question,
    or is a step of a procedure (chunk ids in `procedures`) whose other steps answer it ("Contact us
    within 14 days of delivery" governs "We send a replacement by express shipping"); and it offers
    something within it ("Defective devices, within 30 days ... After 30 days, the warranty" answers
    a warranty question; its 30 days do not refuse it).
    """
    for unit in units:
        window = window_in(unit.text)
        asked = unit.shares_words or (unit.is_step and unit.passage.chunk_id in procedures)
        if window is None or not asked or not offered_within(unit):
            continue
        age = _age(window, signals)
        if age is not None and age.days > window.days:
            return PassedWindow(window, age.days, age.order_id, unit, age.since, age.delivered)
    return None


def offered_within(unit: Unit) -> bool:
    """The sentence offers what the limit governs: not a refusal, not what happens after the limit."""
    rest = f"{_THE_LIMIT.sub(' ', unit.text)} {unit.section or ''}"  # "What you can do instead"
    return not refuses(unit.text) and not _AFTER_THE_LIMIT.search(rest)


@dataclass(frozen=True)
class OpenWindow:
    """A limit the answer states that this customer's order is still within, and its last day."""

    order_id: str
    since: str
    """The ISO date of the order's delivery or placing that the limit counts from."""
    until: date
    delivered: bool


def open_window(quoted: list[Unit], units: list[Unit], signals: Signals) -> OpenWindow | None:
    """The day the limit a quoted sentence states ends for the order the customer names, when the
    record dates the order and the order is still within it: "within 30 days of delivery" is a
    date the customer need not work out. None when the answering documents state limits of other
    lengths (2 years, 3 with a plan: which one applies is not the sentence's to say), for a limit
    under a day, or when the age comes from the customer's own words ("two weeks ago")."""
    stated = [(u, w) for u in quoted if (w := window_in(u.text)) is not None and offered_within(u)]
    if not stated:
        return None
    documents = {u.passage.doc_id for u, _ in stated}
    stating = (window_in(u.text) for u in units if u.passage.doc_id in documents)
    lengths = {w.days for w in stating if w is not None}
    window = stated[0][1]
    if len(lengths) != 1 or window.days < 1:
        return None
    age = _age(window, signals)
    if age is None or age.order_id is None or age.since is None or age.days > window.days:
        return None
    try:
        start = date.fromisoformat(age.since[:10])
    except ValueError:
        return None
    return OpenWindow(age.order_id, age.since, start + timedelta(days=window.days), age.delivered)
