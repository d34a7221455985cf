"""Read a ticket for the signals that decide which principles matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.domain import CustomerProfile, Passage, Ticket

_FRUSTRATION = re.compile(
    r"\b(angry|furious|unacceptable|ridiculous|terrible|awful|worst|fed up|frustrat\w*|"
    r"disappoint\w*|annoy\w*|still (?:not|no|waiting)|again|third time|second time|useless)\b",
    re.IGNORECASE,
)
_URGENCY = re.compile(
    r"\b(urgent\w*|asap|immediately|right away|today|tomorrow|deadline|by (?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|tonight|noon)|emergency)\b",
    re.IGNORECASE,
)
_QUESTION_SPLIT = re.compile(r"(?<=[?])\s+")


@dataclass
class Signals:
    """What the ticket and the customer's record say about how to answer."""

    frustration: float = 0.0
    urgency: float = 0.0
    questions: list[str] = field(default_factory=list)
    repeat_contact: bool = False
    has_history: bool = False
    known_customer: bool = False
    language: str = "en"
    reasons: dict[str, str] = field(default_factory=dict)


def detect_signals(
    ticket: Ticket,
    *,
    profile: CustomerProfile | None,
    history: list[Passage],
    knowledge: list[Passage],
) -> Signals:
    """Detect frustration, urgency, questions, repeat contact and language."""
    text = ticket.text
    signals = Signals(known_customer=profile is not None, has_history=bool(history))
    hits = _FRUSTRATION.findall(text)
    signals.frustration = min(1.0, 0.35 * len(hits) + 0.2 * text.count("!"))
    if hits:
        signals.reasons["frustration"] = f"the customer writes {hits[0]!r}"
    urgent = _URGENCY.findall(text)
    signals.urgency = min(1.0, 0.5 * len(urgent))
    if urgent:
        signals.reasons["urgency"] = f"time pressure: {urgent[0]!r}"
    signals.questions = [q.strip() for q in _QUESTION_SPLIT.split(text) if q.strip().endswith("?")]
    same_topic = [p for p in history if p.metadata.get("role") == "customer" and p.score >= 0.5]
    signals.repeat_contact = len(same_topic) >= 1
    if signals.repeat_contact:
        signals.reasons["repeat_contact"] = "the customer wrote about this before"
    signals.language = ticket.language or (profile.language if profile and profile.language else "en")
    return signals
