"""Graders: named, versioned, each a score in [0, 1] with an explanation."""

from __future__ import annotations

from collections.abc import Callable

from drafter.graders.base import Grade, GradeInput, draft_input
from drafter.graders.resolution import (
    follow_up,
    grounded_claims,
    honest_negative,
    next_steps,
    questions_addressed,
    reference_similarity,
)
from drafter.graders.tone import clarity, empathy, language_match, no_blame, personalization, politeness

TONE: list[Callable[[GradeInput], Grade]] = [
    politeness,
    empathy,
    clarity,
    no_blame,
    personalization,
    language_match,
]
RESOLUTION: list[Callable[[GradeInput], Grade]] = [
    questions_addressed,
    grounded_claims,
    next_steps,
    follow_up,
    honest_negative,
]
GRADERS = {g.__name__: g for g in TONE + RESOLUTION}
_TONE_PARTS = ("politeness", "empathy", "clarity", "no_blame", "language_match")
_RESOLUTION_PARTS = ("questions_addressed", "grounded_claims", "next_steps", "honest_negative")


def rollups(parts: list[Grade]) -> list[Grade]:
    """`tone` and `resolution` (means of their parts) followed by the parts."""
    by_name = {p.name: p for p in parts}
    tone = sum(by_name[n].score for n in _TONE_PARTS) / len(_TONE_PARTS)
    resolution = sum(by_name[n].score for n in _RESOLUTION_PARTS) / len(_RESOLUTION_PARTS)
    return [
        Grade("tone", round(tone, 3), "mean of " + ", ".join(_TONE_PARTS), "tone@1"),
        Grade("resolution", round(resolution, 3), "mean of " + ", ".join(_RESOLUTION_PARTS), "resolution@1"),
        *parts,
    ]


def grade_reply(g: GradeInput) -> list[Grade]:
    """Every offline grade of a reply, with `tone` and `resolution` roll-ups first."""
    return rollups([grader(g) for grader in TONE + RESOLUTION] + reference_similarity(g))


__all__ = ["GRADERS", "Grade", "GradeInput", "draft_input", "grade_reply", "rollups"]
