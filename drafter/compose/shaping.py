"""Shape the reply: greeting, acknowledgement, answer first, steps, follow-up, sign-off."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.phrases import Voice
from drafter.domain import Ticket
from drafter.principles import Signals

# Up to this many words, a single question is a short ask and gets a short reply.
SHORT_ASK_WORDS = 25
# Frustration this strong gets the strong acknowledgement.
STRONG_FEELING = 0.6


@dataclass
class ReplyPlan:
    """What goes into the reply, in reading order."""

    greeting: str | None = None
    safety: str | None = None
    """What keeps the customer safe, when the ticket reports a hazard: said before anything else."""
    acknowledgement: str | None = None
    answers: list[str] = field(default_factory=list)
    steps_intro: str | None = None
    steps: list[str] = field(default_factory=list)
    after_steps: list[str] = field(default_factory=list)
    """What the knowledge says to do if the steps do not help."""
    follow_up: str | None = None
    sign_off: str | None = None


def mid_conversation(ticket: Ticket) -> bool:
    """The agent has already replied in this conversation, so no fresh greeting is needed."""
    return any(m.role == "agent" for m in ticket.conversation)


def is_short_ask(ticket: Ticket, question_count: int) -> bool:
    """One brief question: answer it and stop."""
    return question_count <= 1 and len(ticket.text.split()) <= SHORT_ASK_WORDS


def acknowledgement(signals: Signals, voice: Voice) -> str | None:
    """An acknowledgement proportional to what the customer feels; none for a calm ask."""
    if signals.frustration >= STRONG_FEELING:
        return voice.pick("acknowledge_strong")
    if signals.contacted_before and signals.frustration >= 0.3:
        # "Sorry you've had to contact us again" states a fact: only when the customer has.
        return voice.pick("acknowledge_repeat")
    if signals.frustration >= 0.3:
        return voice.pick("acknowledge_mild")
    if signals.urgency >= 0.5:
        return voice.pick("acknowledge_urgent")
    return None


def greeting(first_name: str | None, voice: Voice) -> str:
    """Hi with the customer's name when known."""
    if first_name:
        return voice.pick("greeting_named", name=first_name)
    return voice.pick("greeting_anonymous")


def render(plan: ReplyPlan) -> str:
    """The reply text from its plan."""
    blocks: list[str] = []
    if plan.greeting:
        blocks.append(plan.greeting)
    # Sentences run together as a paragraph; a list (a part with line breaks) stands as its own block.
    paragraph: list[str] = []
    for part in (p for p in [plan.safety, plan.acknowledgement, *plan.answers] if p):
        if "\n" in part:
            blocks.extend([" ".join(paragraph), part] if paragraph else [part])
            paragraph = []
        else:
            paragraph.append(part)
    if paragraph:
        blocks.append(" ".join(paragraph))
    if plan.steps:
        numbered = "\n".join(f"{i}. {step}" for i, step in enumerate(plan.steps, start=1))
        blocks.append(f"{plan.steps_intro}\n{numbered}" if plan.steps_intro else numbered)
        if plan.after_steps:
            blocks.append(" ".join(plan.after_steps))
    if plan.follow_up:
        blocks.append(plan.follow_up)
    if plan.sign_off:
        blocks.append(plan.sign_off)
    return "\n\n".join(blocks).strip()
