"""The scorecard shown with every draft: the offline graders' verdicts."""

from __future__ import annotations

from drafter.api.schemas import ScoreOut, clip
from drafter.domain import CustomerProfile, Draft, Ticket
from drafter.graders import draft_input, grade_reply
from drafter.runtime import Runtime


def scorecard(
    ticket: Ticket, draft: Draft, runtime: Runtime, profile: CustomerProfile | None = None
) -> list[ScoreOut]:
    """Grade the draft for tone and resolution with the offline graders."""
    grades = grade_reply(draft_input(ticket, draft, profile=profile, embedder=runtime.embedder))
    return [
        ScoreOut(name=g.name, score=g.score, explanation=clip(g.explanation), grader=g.grader) for g in grades
    ]
