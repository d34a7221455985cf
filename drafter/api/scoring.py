"""The scorecard shown with every draft: the offline graders' verdicts."""

from __future__ import annotations

from drafter.api.schemas import ScoreOut
from drafter.domain import CustomerProfile, Draft, Passage, Ticket
from drafter.graders import GradeInput, grade_reply
from drafter.service import Runtime


def scorecard(
    ticket: Ticket, draft: Draft, runtime: Runtime, profile: CustomerProfile | None = None
) -> list[ScoreOut]:
    """Grade the draft for tone and resolution with the offline graders."""
    cited_ids = {c.chunk_id for c in draft.citations}
    knowledge: list[Passage] = [p for p in draft.passages if p.source == "knowledge"]
    grades = grade_reply(
        GradeInput(
            ticket=ticket,
            reply=draft.text,
            knowledge=knowledge,
            cited=[p for p in knowledge if p.chunk_id in cited_ids],
            profile=profile,
            embedder=runtime.embedder,
        )
    )
    return [ScoreOut(name=g.name, score=g.score, explanation=g.explanation, grader=g.grader) for g in grades]
