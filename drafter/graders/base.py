"""What a grader sees and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.domain import CustomerProfile, Draft, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.graders.vectors import TokenVectors


@dataclass(frozen=True)
class Grade:
    """One grader's verdict: a score in [0, 1] and why."""

    name: str
    score: float | None
    """None where the grader does not apply (no question to answer, no claim to check)."""
    explanation: str
    grader: str
    """Grader name and version, e.g. `politeness@1`."""

    @property
    def applies(self) -> bool:
        """The grader had something to judge."""
        return self.score is not None


@dataclass
class GradeInput:
    """A reply and everything it may be judged against."""

    ticket: Ticket
    reply: str
    knowledge: list[Passage] = field(default_factory=list)
    """Passages the drafter retrieved."""
    cited: list[Passage] = field(default_factory=list)
    """Passages the reply cites."""
    profile: CustomerProfile | None = None
    reference: str | None = None
    """A human reply to compare with, when one exists."""
    gold: list[str] = field(default_factory=list)
    """Texts known to hold the answer (an eval case's gold knowledge)."""
    embedder: Embedder | None = None
    """The bundled MiniLM, for similarity to a reference reply (eval runs only)."""
    vectors: TokenVectors | None = None
    """Cheap word-piece vectors for the graders that run on every draft."""


def draft_input(
    ticket: Ticket,
    draft: Draft,
    *,
    profile: CustomerProfile | None = None,
    embedder: Embedder | None = None,
    reference: str | None = None,
    gold: list[str] | None = None,
) -> GradeInput:
    """What the graders see of a draft: its reply, the knowledge it retrieved and the passages it cites."""
    cited_ids = {c.chunk_id for c in draft.citations}
    knowledge = [p for p in draft.passages if p.source == "knowledge"]
    return GradeInput(
        ticket=ticket,
        reply=draft.text,
        knowledge=knowledge,
        cited=[p for p in knowledge if p.chunk_id in cited_ids],
        profile=profile,
        reference=reference,
        gold=gold or [],
        embedder=embedder,
    )


def clamp(value: float) -> float:
    """Into [0, 1]."""
    return max(0.0, min(1.0, value))
