"""Retrieval policy: what to search for, in which stores, for one ticket."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.domain import Passage, Ticket
from drafter.store import HistoryIndex, KnowledgeIndex

# Earlier turns help resolve "it" and "they", but the latest message must dominate the query.
_CONTEXT_TURNS = 3


def build_query(ticket: Ticket) -> str:
    """The search text: subject and latest message, plus the last few customer turns."""
    recent = [m.text for m in ticket.conversation[-_CONTEXT_TURNS:] if m.role != "system"]
    parts = [ticket.subject or "", ticket.text, *recent]
    return "\n".join(part for part in parts if part.strip())


@dataclass
class Retrieved:
    """What was found for a ticket."""

    query: str
    knowledge: list[Passage] = field(default_factory=list)
    history: list[Passage] = field(default_factory=list)


class Retriever:
    """Searches one tenant's knowledge and one customer's history."""

    def __init__(self, knowledge: KnowledgeIndex, history: HistoryIndex) -> None:
        self.knowledge = knowledge
        self.history = history

    def retrieve(self, ticket: Ticket, *, top_k: int, history_k: int) -> Retrieved:
        """Knowledge passages for the ticket, and the customer's own relevant history."""
        query = build_query(ticket)
        vector = self.knowledge.embedder.embed([query])[0]
        found = Retrieved(query=query, knowledge=self.knowledge.query(vector, k=top_k))
        if ticket.customer_id and history_k > 0:
            found.history = self.history.query(vector, customer_id=ticket.customer_id, k=history_k)
        return found
