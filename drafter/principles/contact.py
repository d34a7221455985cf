"""Whether the customer wrote about this before, and about what."""

from __future__ import annotations

import re

from drafter.domain import Passage, Ticket

# An earlier customer message this similar to the ticket is the same issue raised again.
REPEAT_CONTACT_SCORE = 0.5
# "Re: Re: Fwd: Lamp broken" is about "Lamp broken".
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr|sv|vs)\s*:\s*)+", re.IGNORECASE)


def previous_contact(history: list[Passage], ticket: Ticket) -> str | None:
    """What the customer wrote about before, when an earlier message of theirs matches this one.

    Turns of the conversation under way are not a previous contact, even when the helpdesk also
    stored them in the customer's history.
    """
    current = {" ".join(m.text.split()).lower() for m in ticket.conversation}
    earlier = [
        p for p in history
        if p.metadata.get("role") == "customer" and p.score >= REPEAT_CONTACT_SCORE
        and " ".join(p.text.split()).lower() not in current
    ]
    if not earlier:
        return None
    best = max(earlier, key=lambda p: p.score)
    topic = _REPLY_PREFIX.sub("", str(best.metadata.get("subject") or best.text))
    return " ".join(topic.split()[:12]).rstrip(".!?").lower()
