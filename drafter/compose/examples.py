"""Muscle memory: reuse an approved reply to a near-identical ticket, sentence by sentence,
keeping only what today's knowledge still supports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.domain import Passage
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, overlap

# Only a ticket this close to an approved one reuses its answer.
REUSE_SCORE = 0.85
# A reused sentence needs most of its content words in one of today's passages: half is not enough
# ("We ship from Paris" shares only "ship" with a shipping article).
SUPPORT_OVERLAP = 0.6
_FRAME = re.compile(
    r"^(hi|hello|hey|dear|thanks|thank you|kind regards|best|regards|cheers|sorry|"
    r"i'm sorry|i understand|let me know|anything else|is there anything)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reuse:
    """Sentences taken from an approved reply and the passages that still back them."""

    example_id: str
    sentences: list[str]
    cited: list[str]


def reuse_approved(examples: list[Passage], knowledge: list[Passage]) -> Reuse | None:
    """The answer part of the closest approved reply, when today's knowledge supports most of it."""
    best = max(examples, key=lambda e: e.score, default=None)
    if best is None or best.score < REUSE_SCORE:
        return None
    body = [
        s for s in sentences(best.text, min_chars=2) if not _FRAME.match(s) and len(content_stems(s)) >= 2
    ]
    kept, cited = [], []
    for sentence in body:
        support = max(knowledge, key=lambda p: overlap(sentence, p.text), default=None)
        if support is not None and overlap(sentence, support.text) >= SUPPORT_OVERLAP:
            kept.append(sentence)
            if support.chunk_id not in cited:
                cited.append(support.chunk_id)
    # Facts the knowledge no longer backs mean the approved answer is stale: compose afresh.
    if not kept or len(kept) * 2 < len(body):
        return None
    return Reuse(best.chunk_id, kept, cited)
