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
    """Principles that fit the signals, strongest first."""
    chosen: list[PrincipleChoice] = []
    if signals.frustration >= 0.3:
        chosen.append(
            PrincipleChoice(
                name="empathy", reason=signals.reasons["frustration"], weight=signals.frustration
            )
        )
        chosen.append(PrincipleChoice(name="patience", reason="the customer is upset", weight=0.6))
    if signals.repeat_contact:
        chosen.append(
            PrincipleChoice(name="backstory", reason=signals.reasons["repeat_contact"], weight=0.8)
        )
    elif signals.has_history:
        chosen.append(
            PrincipleChoice(name="backstory", reason="the customer has history with us", weight=0.4)
        )
    if signals.urgency >= 0.5:
        chosen.append(
            PrincipleChoice(
                name="responsiveness", reason=signals.reasons["urgency"], weight=signals.urgency
            )
        )
    if len(signals.questions) > 1:
        chosen.append(
            PrincipleChoice(
                name="active_listening",
                reason=f"{len(signals.questions)} questions in one message",
                weight=0.7,
            )
        )
    chosen.append(PrincipleChoice(name="solution_first", reason="every ticket", weight=0.5))
    chosen.append(PrincipleChoice(name="clear_communication", reason="every ticket", weight=0.3))
    chosen.append(PrincipleChoice(name="follow_up", reason="close the loop", weight=0.3))
    return sorted(chosen, key=lambda c: -c.weight)
