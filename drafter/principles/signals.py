"""Read a ticket for the signals that decide which principles matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from drafter.domain import CustomerProfile, Order, Passage, Ticket
from drafter.principles.contact import previous_contact
from drafter.principles.cues import (
    ALWAYS_SARCASTIC,
    BAD_NEWS,
    CONFUSION,
    CONTACTED_BEFORE,
    DEADLINE,
    FRUSTRATION,
    FRUSTRATION_ABROAD,
    HAZARD,
    HIGH_TIERS,
    HYPOTHETICAL,
    MITIGATION,
    NEED,
    PRICE_DIFFERENCE,
    REPEAT_CUES,
    RETURN_ASK,
    SARCASM,
    THANKS,
    TROUBLE,
    URGENCY,
    WHEN_NEEDED,
)
from drafter.principles.lateness import LateDelivery, late_delivery
from drafter.principles.orders import named_order, referenced_order
from drafter.principles.timing import days_ago, window_in
from drafter.text.asks import split_asks
from drafter.text.language import MIN_LANGUAGE_WORDS, ticket_language
from drafter.text.sentences import sentences
from drafter.text.sentiment import customer_tone

# A loyal customer: a long relationship or many orders.
LOYAL_YEARS = 2
LOYAL_ORDERS = 3
# Feelings voiced earlier in the conversation count, a little weaker than the latest message.
EARLIER_WEIGHT = 0.9
# Sentiment (VADER compound) this warm makes exclamation marks read as enthusiasm.
WARM_TONE = 0.3
# The return window is read from the passages ranked this high for the ticket.
RETURN_WINDOW_PASSAGES = 3
# A section on returns ("What can be returned") states the return window in its list entries.
_RETURNS_HEADING = re.compile(r"\b(?:return|refund)", re.IGNORECASE)


@dataclass(frozen=True)
class PastWindow:
    """An order the customer wants to return, older than the return window the knowledge states."""

    order_id: str
    age_days: int
    window_days: int
    since: str | None = None
    """The ISO date the age counts from; a reply names it, as a count of days is only true on one day."""
    delivered: bool = True
    """Whether `since` is the delivery date (else the order date)."""

    def __str__(self) -> str:
        age, window = self.age_days, self.window_days
        return f"order {self.order_id} is {age} days old; the return window is {window} days"


@dataclass(frozen=True)
class OrderAge:
    """Days since a named order was placed and delivered (None when the record has no date)."""

    order_id: str
    since_order: int | None
    since_delivery: int | None
    placed_on: str | None = None
    """ISO date the order was placed."""
    delivered_on: str | None = None
    """ISO date it was delivered."""


@dataclass
class Signals:
    """What the ticket and the customer's record say about how to answer."""

    frustration: float = 0.0
    urgency: float = 0.0
    questions: list[str] = field(default_factory=list)
    repeat_contact: bool = False
    contacted_before: bool = False
    """The customer has been in touch about this before (history, this conversation, or their own
    words: "third time I'm writing"), not only that the trouble goes on ("still not here")."""
    has_history: bool = False
    known_customer: bool = False
    bad_news: bool = False
    confused: bool = False
    loyal: bool = False
    language: str = "en"
    past_window: PastWindow | None = None
    """The order asked about is past the return window: the reply must say so plainly."""
    order: Order | None = None
    """The order the ticket is about, when the customer's record holds it."""
    order_age: OrderAge | None = None
    """How old the order the customer names is (by id, item or month), when the record says."""
    said_days_ago: float | None = None
    """How long ago the customer says it happened ("I ordered yesterday"), in days."""
    late: LateDelivery | None = None
    """The order the ticket is about came, or is still coming, after its expected date."""
    previous_contact: str | None = None
    """What the customer wrote about before, when an earlier message of theirs is this issue again."""
    hazard: str | None = None
    """What the customer reports that could hurt someone ("burning plastic smell"): safety comes first."""
    reasons: dict[str, str] = field(default_factory=dict)


def _frustration(text: str, *, english: bool = True) -> tuple[float, str | None]:
    """How upset the message reads, 0-1, and the words that show it. `english`: the message is in
    English, the only language the sentiment lexicon reads."""
    hits = FRUSTRATION.findall(text) + ([] if english else FRUSTRATION_ABROAD.findall(text))
    praise = SARCASM.search(text)
    sarcasm = praise if praise and (TROUBLE.search(text) or ALWAYS_SARCASTIC.search(text)) else None
    # Acronyms (USB, HDMI, ASAP) are short; shouting is long words in capitals.
    shouting = re.findall(r"\b[A-Z]{5,}\b", text)
    # Negative sentiment adds strength on top of the cues ("my heater is broken" alone stays calm).
    tone = customer_tone(text) if english else 0.0
    negativity = max(0.0, -tone)
    # Exclamation marks in a warm message are enthusiasm ("it works now!", "gracias!!"), not anger.
    warm = tone >= WARM_TONE or (THANKS.search(text) is not None and not TROUBLE.search(text))
    exclamations = 0 if warm else min(text.count("!"), 3)
    score = 0.35 * len(hits) + 0.15 * exclamations + 0.2 * min(len(shouting), 2) + 0.4 * negativity
    if sarcasm:
        score += 0.5
    elif MITIGATION.search(text):
        # "A bit disappointing, not the end of the world" asks for a light touch, not a big apology.
        score *= 0.5
    reason = None
    if sarcasm:
        reason = f"sarcasm: {sarcasm.group(0)!r}"
    elif hits:
        reason = f"the customer writes {hits[0] if isinstance(hits[0], str) else hits[0][0]!r}"
    elif shouting:
        reason = f"shouting: {shouting[0]!r}"
    elif negativity:
        reason = f"a negative tone (sentiment {-negativity:.2f})"
    elif score:
        # Every score has its reason: the principles quote it ("...burning plastic smell!!!").
        reason = f"{exclamations} exclamation marks"
    return min(1.0, score), reason


def _hazard(text: str) -> str | None:
    """The words reporting a danger (smoke, sparks, a burning smell), not a question about a risk."""
    for sentence in sentences(text):
        match = HAZARD.search(sentence)
        if match and not HYPOTHETICAL.match(sentence):
            return match.group(0)
    return None


def _urgency(text: str) -> tuple[float, str | None]:
    """Time pressure, 0-1, and the words that show it."""
    cues = [m.group(0) for m in URGENCY.finditer(text)] + [m.group(1) for m in WHEN_NEEDED.finditer(text)]
    for sentence in sentences(text):
        if not sentence.rstrip().endswith("?") or NEED.search(sentence):
            cues += [m.group(0) for m in DEADLINE.finditer(sentence)]
    if not cues:
        return 0.0, None
    return min(1.0, 0.5 * len(cues)), f"time pressure: {cues[0]!r}"


def _earlier_customer_turns(ticket: Ticket) -> list[str]:
    return [
        m.text for m in ticket.conversation if m.role == "customer" and m.text.strip() != ticket.text.strip()
    ]


def _carry_over(signals: Signals, earlier: list[str], *, english: bool) -> None:
    """Frustration and deadlines said earlier in the conversation still hold, a little weaker."""
    for turn in earlier:
        score, reason = _frustration(turn, english=english)
        if reason and score * EARLIER_WEIGHT > signals.frustration:
            signals.frustration = round(score * EARLIER_WEIGHT, 3)
            signals.reasons["frustration"] = f"earlier in the conversation, {reason}"
        score, reason = _urgency(turn)
        if reason and score > signals.urgency:
            signals.urgency, signals.reasons["urgency"] = score, f"earlier in the conversation, {reason}"


def _days_since(moment: str | None, today: date) -> int | None:
    if not moment:
        return None
    try:
        return (today - date.fromisoformat(moment[:10])).days
    except ValueError:
        return None


def _return_window(knowledge: list[Passage]) -> int | None:
    """The return window the best passages state, in days ("return ... within 30 days of delivery",
    or "Unused devices ..., within 30 days of delivery." under "What can be returned")."""
    for passage in knowledge[:RETURN_WINDOW_PASSAGES]:
        heading = str(passage.metadata.get("section") or "")
        for sentence in sentences(passage.text):
            window = window_in(sentence, unsaid="delivery")
            if window is None or window.basis != "delivery":
                continue
            if RETURN_ASK.search(sentence) or _RETURNS_HEADING.search(heading):
                return int(window.days)
    return None


def _order_age(order: Order | None, today: date) -> OrderAge | None:
    if order is None:
        return None
    placed = _days_since(order.date, today)
    delivered = _days_since(order.delivered, today) if order.delivered else None
    return OrderAge(
        order.order_id,
        placed,
        delivered,
        placed_on=order.date[:10] if placed is not None and order.date else None,
        delivered_on=order.delivered[:10] if delivered is not None and order.delivered else None,
    )


def _asks_to_return(text: str) -> bool:
    """A sentence asks to send something back or for its money back, not for a price difference."""
    return any(RETURN_ASK.search(s) and not PRICE_DIFFERENCE.search(s) for s in sentences(text))


def _window_exceeded(
    ticket: Ticket, age: OrderAge | None, knowledge: list[Passage]
) -> PastWindow | None:
    """Why the ask is past a policy limit, when it asks to return a named order older than the window."""
    if age is None or not _asks_to_return(ticket.text):
        return None
    window = _return_window(knowledge)
    delivered = age.since_delivery is not None
    days = age.since_delivery if delivered else age.since_order
    if window is not None and days is not None and days > window:
        since = age.delivered_on if delivered else age.placed_on
        return PastWindow(age.order_id, days, window, since=since, delivered=delivered)
    return None


def _is_loyal(profile: CustomerProfile | None, today: date) -> str | None:
    if profile is None:
        return None
    if profile.tier and profile.tier.lower() in HIGH_TIERS:
        return f"{profile.tier} tier customer"
    years = _days_since(profile.customer_since, today)
    if years is not None and years >= 365 * LOYAL_YEARS:
        return f"customer since {profile.customer_since}"
    if len(profile.orders) >= LOYAL_ORDERS:
        return f"{len(profile.orders)} orders with us"
    return None


def detect_signals(
    ticket: Ticket,
    *,
    profile: CustomerProfile | None,
    history: list[Passage],
    knowledge: list[Passage],
    today: date | None = None,
) -> Signals:
    """Detect frustration, urgency, questions, repeat contact, bad news, loyalty and language."""
    today = today or datetime.now(UTC).date()
    text = ticket.text
    signals = Signals(known_customer=profile is not None, has_history=bool(history))
    signals.language = _language(ticket, profile)
    english = signals.language == "en"
    signals.frustration, reason = _frustration(text, english=english)
    if reason:
        signals.reasons["frustration"] = reason
    signals.urgency, reason = _urgency(text)
    if reason:
        signals.reasons["urgency"] = reason
    signals.hazard = _hazard(text)
    if signals.hazard:
        signals.reasons["hazard"] = f"the customer reports a hazard: {signals.hazard!r}"
    earlier_turns = _earlier_customer_turns(ticket)
    _carry_over(signals, earlier_turns, english=english)
    signals.questions = [a.text for a in split_asks(text)]
    signals.order = referenced_order(ticket, profile)
    signals.order_age = _order_age(named_order(ticket, profile), today)
    signals.said_days_ago = days_ago(text, today)
    signals.late = late_delivery(signals.order, ticket, today)
    if signals.late is not None:
        signals.reasons["late"] = str(signals.late)
    signals.previous_contact = previous_contact(history, ticket)
    _repeat_contact(signals, text, earlier_turns)
    exceeded = _window_exceeded(ticket, signals.order_age, knowledge)
    refusal = next((m for p in knowledge[:2] if (m := BAD_NEWS.search(p.text))), None)
    if exceeded:
        signals.bad_news, signals.reasons["bad_news"] = True, str(exceeded)
        signals.past_window = exceeded
    elif refusal is not None:
        signals.bad_news, signals.reasons["bad_news"] = True, f"the knowledge says {refusal.group(0)!r}"
    confused = CONFUSION.search(text)
    if confused:
        signals.confused, signals.reasons["confused"] = True, f"the customer says {confused.group(0)!r}"
    loyal = _is_loyal(profile, today)
    if loyal:
        signals.loyal, signals.reasons["loyal"] = True, loyal
    return signals


def _repeat_contact(signals: Signals, text: str, earlier_turns: list[str]) -> None:
    """The same issue raised before: in history, earlier in this conversation, or in so many words."""
    cue = REPEAT_CUES.search(text)
    signals.repeat_contact = bool(signals.previous_contact or earlier_turns or cue)
    said = CONTACTED_BEFORE.search(text)
    signals.contacted_before = bool(signals.previous_contact or earlier_turns or said)
    if signals.previous_contact:
        signals.reasons["repeat_contact"] = "the customer wrote about this before"
    elif earlier_turns:
        signals.reasons["repeat_contact"] = (
            f"the customer already wrote {len(earlier_turns)} time(s) in this conversation"
        )
    elif cue:
        signals.reasons["repeat_contact"] = f"the customer says {cue.group(0)!r}"


def _language(ticket: Ticket, profile: CustomerProfile | None) -> str:
    if ticket.language:
        return ticket.language
    if len(ticket.text.split()) >= MIN_LANGUAGE_WORDS:
        return ticket_language(ticket)
    return profile.language if profile and profile.language else "en"
