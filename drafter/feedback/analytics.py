"""Acceptance, edit distance and edit kinds, overall and by principle, backend, prompt version, week."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from statistics import mean
from typing import Any

from pydantic import BaseModel, Field

from drafter.feedback.edits import CATEGORY_PRINCIPLE, LIGHT_EDIT, edit_categories, edit_distance
from drafter.store.drafts import DraftOutcome


class GroupStats(BaseModel):
    """Outcomes of one group of drafts."""

    drafts: int = Field(description="Drafts made.")
    with_feedback: int = Field(description="Drafts an agent accepted, edited or rejected.")
    acceptance_rate: float | None = Field(description="Accepted as drafted / with feedback.")
    usable_rate: float | None = Field(description="Accepted or lightly edited / with feedback.")
    mean_edit_distance: float | None = Field(description="Mean normalized edit distance of edited replies.")


class Analytics(BaseModel):
    """What drafter is worth to a tenant."""

    overall: GroupStats = Field(description="All drafts in the period.")
    by_principle: dict[str, GroupStats] = Field(description="By principle applied.")
    by_backend: dict[str, GroupStats] = Field(description="By backend that wrote the draft.")
    by_prompt_version: dict[str, GroupStats] = Field(description="By prompt files and versions used.")
    by_week: dict[str, GroupStats] = Field(description="By ISO week the draft was made (YYYY-Www).")
    edit_categories: dict[str, int] = Field(description="How often each kind of edit was made.")
    principles_behind_edits: dict[str, int] = Field(
        description="Edits traced to the principle the draft fell short on, most first (a Pareto)."
    )
    edit_distances: list[float] = Field(description="Normalized edit distance of every edited reply.")
    median_seconds_to_send: float | None = Field(description="Median seconds from draft to outcome.")


def _stats(items: list[DraftOutcome]) -> GroupStats:
    judged = [o for o in items if o.feedback is not None]
    distances = [_distance(o) for o in judged if o.feedback and o.feedback.outcome == "edited"]
    accepted = [o for o in judged if o.feedback and o.feedback.outcome == "accepted"]
    usable = [
        o for o in judged if o.feedback and o.feedback.outcome != "rejected" and _distance(o) <= LIGHT_EDIT
    ]
    return GroupStats(
        drafts=len(items),
        with_feedback=len(judged),
        acceptance_rate=round(len(accepted) / len(judged), 4) if judged else None,
        usable_rate=round(len(usable) / len(judged), 4) if judged else None,
        mean_edit_distance=round(mean(distances), 4) if distances else None,
    )


def _distance(outcome: DraftOutcome) -> float:
    sent = outcome.feedback.final_text if outcome.feedback else None
    return edit_distance(outcome.draft.text, sent) if sent is not None else 0.0


def _grouped(
    outcomes: list[DraftOutcome], keys: Callable[[DraftOutcome], Iterable[str]]
) -> dict[str, GroupStats]:
    groups: dict[str, list[DraftOutcome]] = defaultdict(list)
    for outcome in outcomes:
        for key in keys(outcome):
            groups[key].append(outcome)
    return {key: _stats(items) for key, items in sorted(groups.items())}


def _prompt_version(outcome: DraftOutcome) -> list[str]:
    refs = sorted(f"{p.name}@{p.version}" for p in outcome.draft.prompts)
    return [", ".join(refs) if refs else f"{outcome.draft.backend} (no prompt files)"]


def analyze(outcomes: list[DraftOutcome]) -> Analytics:
    """Analytics over drafts and their latest feedback."""
    categories: Counter[str] = Counter()
    principles: Counter[str] = Counter()
    distances = []
    for o in outcomes:
        if o.feedback is None or o.feedback.outcome != "edited" or o.feedback.final_text is None:
            continue
        distances.append(round(edit_distance(o.draft.text, o.feedback.final_text), 4))
        for category in edit_categories(o.draft.text, o.feedback.final_text):
            categories[category] += 1
            principles[CATEGORY_PRINCIPLE[category]] += 1
    waits = sorted(
        o.feedback.seconds_to_send for o in outcomes if o.feedback and o.feedback.seconds_to_send is not None
    )
    return Analytics(
        overall=_stats(outcomes),
        by_principle=_grouped(outcomes, lambda o: [p.name for p in o.draft.principles]),
        by_backend=_grouped(outcomes, lambda o: [o.draft.backend]),
        by_prompt_version=_grouped(outcomes, _prompt_version),
        by_week=_grouped(outcomes, lambda o: ["{}-W{:02d}".format(*o.created_at.isocalendar()[:2])]),
        edit_categories=dict(categories.most_common()),
        principles_behind_edits=dict(principles.most_common()),
        edit_distances=distances,
        median_seconds_to_send=waits[len(waits) // 2] if waits else None,
    )


def as_dict(analytics: Analytics) -> dict[str, Any]:
    """JSON-ready form."""
    return analytics.model_dump(mode="json")
