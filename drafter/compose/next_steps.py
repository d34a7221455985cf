"""A promise of what we will do ("We will open a carrier investigation.") said with what its article
tells about that action elsewhere: how long it takes and what comes of it ("We open an investigation
with the carrier, which takes up to 3 business days. If the carrier confirms the parcel is lost, ...").
A bare promise leaves the customer asking "and then what?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from drafter.compose.sentences import Evidence, Unit, units_of
from drafter.domain import Passage
from drafter.text.words import content_stems

_PROMISE = re.compile(r"^(?:then\W+)?we(?: will|'ll)\s+(.+)", re.IGNORECASE)
_OUR_ACTION = re.compile(r"^we\s+(.+)", re.IGNORECASE)
# The words a promise and the step describing it share at least: the action and its object.
SHARED_STEMS = 2
# The step describing the action and this many after it: what comes of it.
STEPS_AFTER = 1


def with_what_follows(evidence: Evidence, units: list[Unit], neighbours: Sequence[Passage] = ()) -> Evidence:
    """Each promise of an action among the facts replaced by the step of its own document that
    describes that action and the step after it, said as sentences; unchanged when no step does.
    `neighbours`: other chunks of the promise's document, read only once a fact makes a promise."""
    promises = [u for u in evidence.facts if not u.is_step and _PROMISE.match(u.text)]
    if not promises:
        return evidence
    steps = [u for u in [*units, *(u for p in neighbours for u in units_of(p))] if u.is_step]
    facts: list[Unit] = []
    for unit in evidence.facts:
        described = _described(unit, steps) if unit in promises else None
        facts.extend(d for d in described or [unit] if d not in facts)
    return replace(evidence, facts=facts) if facts != evidence.facts else evidence


def _described(promise: Unit, steps: list[Unit]) -> list[Unit] | None:
    said = _PROMISE.match(promise.text)
    if said is None:
        return None
    wanted = content_stems(said.group(1))
    steps = [u for u in steps if u.passage.doc_id == promise.passage.doc_id]
    for index, step in enumerate(steps):
        ours = _OUR_ACTION.match(step.text)
        if ours is None or len(wanted & content_stems(ours.group(1))) < SHARED_STEMS:
            continue
        source = step.passage.chunk_id
        following = [u for u in steps[index + 1 : index + 1 + STEPS_AFTER] if u.passage.chunk_id == source]
        return [replace(u, is_step=False) for u in [step, *following]]
    return None
