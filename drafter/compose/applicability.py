"""Trim the knowledge to what applies to this customer: a benefit for members of a plan the customer
does not have, or a line the agent already said in this conversation, is left out."""

from __future__ import annotations

import re

from drafter.domain import CustomerProfile, Ticket
from drafter.text.words import FUNCTION_WORDS, content_stems, overlap

# "Brightwave Plus members get ...", "Gold customers ...", "With Brightwave Plus, ...".
_MEMBERS = re.compile(
    r"\b(?P<who>[A-Z][\w+-]*(?: [A-Z][\w+-]*){0,2}) (?:members?|subscribers?|customers?|accounts?)\b"
)
_WITH = re.compile(r"^(?:with|for) (?P<who>[A-Z][\w+-]*(?: [A-Z][\w+-]*){0,2}),")
# A line an agent turn shares this much of its wording with has been said already.
SAID_OVERLAP = 0.7


def _membership(text: str) -> set[str]:
    """The plan or tier a sentence is limited to, as stems ("brightwav", "plus"), if it names one."""
    match = _MEMBERS.search(text) or _WITH.match(text)
    if not match:
        return set()
    return {w for w in content_stems(match.group("who")) if w not in FUNCTION_WORDS}


def _holds(profile: CustomerProfile) -> set[str]:
    """Stems of what the customer's record says they have: plan, tier, company, notes."""
    extra = profile.model_extra or {}
    fields = [profile.plan or "", profile.tier or "", *profile.notes, *(str(v) for v in extra.values())]
    return set(content_stems(" ".join(fields)))


def applies_to(text: str, *, profile: CustomerProfile | None, asked: str) -> bool:
    """The sentence applies to this customer: it names no plan or tier, the customer has the one it
    names, the question asks about it, or the record is unknown."""
    limited = _membership(text)
    if not limited or profile is None:
        return True
    return bool(limited & (_holds(profile) | content_stems(asked)))


def said_before(text: str, ticket: Ticket) -> bool:
    """An agent's turn in this conversation already says it."""
    return any(
        m.role == "agent" and overlap(text, m.text) >= SAID_OVERLAP for m in ticket.conversation
    )
