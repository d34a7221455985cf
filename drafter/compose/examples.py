"""Muscle memory: reuse an approved reply to a near-identical ticket, sentence by sentence,
keeping only what today's knowledge still supports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.domain import Passage
from drafter.safety import check_promises
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


def is_frame(sentence: str) -> bool:
    """A greeting, sign-off or courtesy: it states no fact, so it needs no support."""
    return bool(_FRAME.match(sentence)) or len(content_stems(sentence)) < 2


def supporting_passage(sentence: str, knowledge: list[Passage]) -> Passage | None:
    """The passage of today's knowledge that backs a sentence of an approved reply, if one does.

    Backing means most of its content words are in the passage and, when it promises a refund, a
    credit, a date or the like, that a passage names the same commitment and figures (the promise
    check every draft gets): an agent's "and we will add a $50 credit" is not reused on the strength
    of the shipping facts around it.
    """
    best = max(knowledge, key=lambda p: overlap(sentence, p.text), default=None)
    if best is None or overlap(sentence, best.text) < SUPPORT_OVERLAP:
        return None
    return None if check_promises(sentence, knowledge) else best


def vetted_example(text: str, knowledge: list[Passage]) -> str:
    """An approved reply with the sentences today's knowledge no longer backs left out."""
    return " ".join(s for s in sentences(text) if is_frame(s) or supporting_passage(s, knowledge) is not None)


def reuse_approved(examples: list[Passage], knowledge: list[Passage]) -> Reuse | None:
    """The answer part of the closest approved reply, when today's knowledge supports most of it."""
    best = max(examples, key=lambda e: e.score, default=None)
    if best is None or best.score < REUSE_SCORE:
        return None
    body = [s for s in sentences(best.text, min_chars=2) if not is_frame(s)]
    kept, cited = [], []
    for sentence in body:
        support = supporting_passage(sentence, knowledge)
        if support is not None:
            kept.append(sentence)
            if support.chunk_id not in cited:
                cited.append(support.chunk_id)
    # Facts the knowledge no longer backs mean the approved answer is stale: compose afresh.
    if not kept or len(kept) * 2 < len(body):
        return None
    return Reuse(best.chunk_id, kept, cited)
