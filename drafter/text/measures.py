"""Small text measures the graders share."""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.text.asks import STOPWORDS

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9'\-]*")
_VOWELS = re.compile(r"[aeiouy]+")


def sentences(text: str) -> list[str]:
    """Sentences and list items of a text."""
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 1]


def words(text: str) -> list[str]:
    """Lowercased words."""
    return [w.lower() for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude stem, enough to match 'refunds' with 'refunded'."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=16_384)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (cached: the same passages are compared again and again)."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2)


def overlap(claim: str, source: str) -> float:
    """Share of the claim's content words found in the source."""
    claim_words = content_stems(claim)
    if not claim_words:
        return 1.0
    return len(claim_words & content_stems(source)) / len(claim_words)


def syllables(word: str) -> int:
    """Vowel groups: an estimate good enough for a readability score."""
    count = len(_VOWELS.findall(word.lower()))
    if word.lower().endswith("e") and count > 1:
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (higher is easier; 60-70 is plain English)."""
    found = words(text)
    if not found:
        return 0.0
    count = max(1, len(sentences(text)))
    return 206.835 - 1.015 * (len(found) / count) - 84.6 * (sum(syllables(w) for w in found) / len(found))
