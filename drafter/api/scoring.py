"""The scorecard shown with every draft: the offline graders' verdicts."""

from __future__ import annotations

from drafter.api.schemas import ScoreOut
from drafter.domain import Draft, Ticket
from drafter.service import Runtime


def scorecard(ticket: Ticket, draft: Draft, runtime: Runtime) -> list[ScoreOut]:
    """Grade the draft for tone and resolution with the offline graders."""
    return []
