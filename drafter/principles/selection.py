"""Choose and rank the principles a draft should apply, each with its reason."""

from __future__ import annotations

from drafter.domain import PrincipleChoice
from drafter.principles.signals import Signals

PRINCIPLES = (
    "backstory",
    "active_listening",
    "empathy",
    "clear_communication",
    "solution_first",
    "honest_negative",
    "patience",
    "responsiveness",
    "follow_up",
    "beyond_expectations",
)


def select_principles(signals: Signals) -> list[PrincipleChoice]:
    """Principles that fit the signals, strongest first, each with the signal behind it."""
    chosen: list[PrincipleChoice] = []

    def add(name: str, reason: str, weight: float) -> None:
        chosen.append(PrincipleChoice(name=name, reason=reason, weight=round(min(1.0, weight), 3)))

    if signals.frustration >= 0.3:
        add("empathy", signals.reasons["frustration"], signals.frustration)
        add("patience", "the customer is upset", 0.6)
    elif signals.confused:
        add("patience", signals.reasons["confused"], 0.6)
    if signals.repeat_contact:
        add("backstory", signals.reasons["repeat_contact"], 0.8)
    elif signals.has_history:
        add("backstory", "the customer has history with us", 0.4)
    elif signals.known_customer:
        add("backstory", "we know this customer's record", 0.35)
    if signals.hazard:
        add("responsiveness", signals.reasons["hazard"], 1.0)
    if signals.bad_news:
        add("honest_negative", signals.reasons["bad_news"], 0.85)
    if signals.urgency >= 0.5 and not signals.hazard:
        add("responsiveness", signals.reasons["urgency"], signals.urgency)
    if len(signals.questions) > 1:
        add("active_listening", f"{len(signals.questions)} questions in one message", 0.7)
    if signals.loyal:
        add("beyond_expectations", signals.reasons["loyal"], 0.45)
    add("solution_first", "every ticket: answer first", 0.5)
    add("clear_communication", "every ticket: plain words", 0.3)
    add("follow_up", "close the loop", 0.3)
    return sorted(chosen, key=lambda c: -c.weight)
