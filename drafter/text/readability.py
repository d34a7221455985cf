"""Readability: Flesch reading ease with syllables counted by vowel groups (no dictionary download)."""

from __future__ import annotations

import re

from drafter.text.sentences import sentences
from drafter.text.words import words

_VOWELS = re.compile(r"[aeiouy]+")


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
    count = max(1, len(sentences(text, min_chars=2)))
    return 206.835 - 1.015 * (len(found) / count) - 84.6 * (sum(syllables(w) for w in found) / len(found))
