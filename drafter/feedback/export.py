"""Replay: stored drafts and the replies agents sent become an eval case file."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.feedback.edits import edit_distance
from drafter.store.drafts import DraftOutcome


def case_of(outcome: DraftOutcome) -> dict[str, object] | None:
    """An eval case (the JSONL case format) from a draft an agent accepted or edited."""
    fb = outcome.feedback
    if fb is None or fb.outcome == "rejected" or not fb.final_text:
        return None
    ticket = outcome.ticket
    return {
        "case_id": f"feedback-{outcome.draft.id}",
        "source": "drafter-feedback",
        "ticket": ticket.text,
        "customer_id": ticket.customer_id,
        "customer_history": [m.model_dump() for m in ticket.conversation],
        "reference_reply": fb.final_text,
        "labels": {
            # What the sent reply relied on, as far as the draft's citations tell.
            "relevant_doc_ids": sorted({c.doc_id for c in outcome.draft.citations}),
            "outcome": fb.outcome,
            "edit_distance": round(edit_distance(outcome.draft.text, fb.final_text), 4),
        },
    }


def export_cases(outcomes: list[DraftOutcome], out: Path) -> int:
    """Write one case per accepted or edited draft; returns how many."""
    cases = [c for c in map(case_of, outcomes) if c is not None]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    return len(cases)
