"""What to search for: the latest message, with the conversation folded in."""

from __future__ import annotations

from drafter.domain import Ticket

# Earlier turns help resolve "it" and "they", but the latest message must dominate the query.
_CONTEXT_TURNS = 3


def build_query(ticket: Ticket) -> str:
    """The dense search text: subject and latest message, plus the last few turns."""
    recent = [m.text for m in ticket.conversation[-_CONTEXT_TURNS:] if m.role != "system"]
    parts = [ticket.subject or "", ticket.text, *recent]
    return "\n".join(part for part in parts if part.strip())


def focus_query(ticket: Ticket) -> str:
    """The latest message alone (with the subject): once the entity is known, earlier turns
    ("book a table for two", "is it in the centre?") only pull the ranking away from what is asked now."""
    return "\n".join(part for part in (ticket.subject or "", ticket.text) if part.strip())


# A latest message this short ("and how long does it take?") leans on the turn before it.
_SHORT_FOLLOW_UP_WORDS = 8


def lexical_query(ticket: Ticket, entity: str | None) -> str:
    """The keyword search text: the latest message (counted twice, so it dominates) and subject,
    the entity when one is linked, and the previous customer turn when the message is a short follow-up.

    Longer earlier turns are left out: their words ("book", "tonight") would outvote the question.
    """
    parts = [ticket.subject or "", ticket.text, ticket.text, entity or ""]
    if len(ticket.text.split()) < _SHORT_FOLLOW_UP_WORDS:
        earlier = [m.text for m in ticket.conversation if m.role == "customer"]
        parts.extend(earlier[-1:])
    return " ".join(part for part in parts if part.strip())
