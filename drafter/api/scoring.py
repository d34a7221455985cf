"""The scorecard shown with every draft: each grade with what it means, and the few to check first."""

from __future__ import annotations

from drafter.api.schemas import CheckFirst, ScoreOut, clip
from drafter.domain import CustomerProfile, Draft, Ticket
from drafter.graders import Grade, Graders, draft_input
from drafter.graders.tone import CALM_ASK

# How much a shortfall on each grade matters to the customer, for ordering what to check first.
_WEIGHT = {
    "grounded_claims": 3.0,
    "honest_negative": 3.0,
    "questions_addressed": 2.5,
    "language_match": 2.5,
    "empathy": 2.0,
    "no_blame": 2.0,
    "politeness": 1.5,
    "next_steps": 1.2,
    "personalization": 1.0,
    "clarity": 1.0,
    "follow_up": 0.8,
}
MAX_CHECKS = 3


def _out(grade: Grade, graders: Graders) -> ScoreOut:
    threshold = graders.pass_threshold(grade.name)
    status = "n/a" if grade.score is None else "ok" if grade.score >= threshold else "check"
    if grade.name == "empathy" and grade.explanation.startswith(CALM_ASK):
        status = "n/a"  # a calm ask needs no acknowledgement: nothing to check
    return ScoreOut(
        name=grade.name,
        score=grade.score,
        explanation=clip(grade.explanation),
        grader=grade.grader,
        status=status,
        meaning=graders.meaning(grade.name),
    )


def check_first(scores: list[ScoreOut]) -> list[CheckFirst]:
    """The one to three grades most worth the agent's attention: below their pass mark, weighted by
    how much the shortfall matters; none when nothing falls short."""
    short = [s for s in scores if s.status == "check" and s.name in _WEIGHT and s.score is not None]
    short.sort(key=lambda s: _WEIGHT[s.name] * (1 - (s.score or 0.0)), reverse=True)
    return [CheckFirst(name=s.name, score=s.score, reason=s.explanation) for s in short[:MAX_CHECKS]]


def scorecard(
    ticket: Ticket, draft: Draft, graders: Graders, profile: CustomerProfile | None = None
) -> list[ScoreOut]:
    """Grade the draft for tone and resolution with the tenant's graders."""
    grades = graders.grade(draft_input(ticket, draft, profile=profile))
    return [_out(g, graders) for g in grades]
