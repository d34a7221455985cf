"""The words of each ranking unit of a passage, for the share of a question's words a unit uses."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from drafter.text.chunking import rankable_sentences
from drafter.text.words import content_stems


@lru_cache(maxsize=50_000)
def unit_words(text: str) -> tuple[frozenset[str], ...]:
    """Content stems of a passage's ranking units, in their order: the whole text, then each of
    its rankable sentences (as their vectors are stored)."""
    return (content_stems(text), *(content_stems(s) for s in rankable_sentences(text)))


def asked_words(text: str, names: str = "") -> frozenset[str]:
    """The question's content stems, without the words of the names it was linked to (every
    passage of that entity says them)."""
    return content_stems(text) - content_stems(names)


def word_shares(asked: frozenset[str], text: str, units: int) -> np.ndarray:
    """Per ranking unit, the share of the asked words it uses (0 for units beyond the text's)."""
    shares = np.zeros(units, dtype=np.float32)
    if not asked:
        return shares
    for i, found in enumerate(unit_words(text)[:units]):
        shares[i] = len(asked & found) / len(asked)
    return shares
