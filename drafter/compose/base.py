"""What every composer (offline or LLM) receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from drafter.compose.phrases import Pick
from drafter.domain import CustomerProfile, DraftWarning, Passage, PrincipleChoice, PromptRef, Ticket
from drafter.principles import Signals
from drafter.retrieval.adapter import QueryAdapter


@dataclass
class ComposeContext:
    """Everything known when the reply is written."""

    ticket: Ticket
    query: str
    knowledge: list[Passage]
    history: list[Passage]
    profile: CustomerProfile | None
    signals: Signals
    principles: list[PrincipleChoice]
    examples: list[Passage] = field(default_factory=list)
    """Approved replies to similar tickets (when the tenant learns from feedback)."""
    query_adapter: QueryAdapter | None = None
    """The tenant's tuned query map: sentences are ranked with it as the passages were."""
    entities: list[str] = field(default_factory=list)
    """The named things the retriever linked the conversation to (products, places ...)."""
    neighbours: list[Passage] = field(default_factory=list)
    """The best passage's document's other chunks (screened like the knowledge): read only to say
    what follows a promise the reply quotes from that document."""


@dataclass
class ComposedReply:
    """A reply and the chunk ids it relied on."""

    text: str
    cited_chunk_ids: list[str] = field(default_factory=list)
    customer_facts: list[str] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)
    language: str = "en"
    prompts: list[PromptRef] = field(default_factory=list)
    backend: str | None = None
    """Who wrote it, when not the composer's own name (an LLM composer that fell back)."""
    phrases: list[Pick] = field(default_factory=list)
    """The phrase-bank lines written into it, in order (what style tuning swaps)."""


class Composer(Protocol):
    """Writes a reply from a context."""

    name: str

    def compose(self, context: ComposeContext) -> ComposedReply:
        """Write the reply."""
        ...
