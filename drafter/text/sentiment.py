"""VADER sentiment, computed once per text: a ticket is read by the signals and the graders, and
the same review sentences come back in draft after draft."""

from __future__ import annotations

from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=16_384)
def sentiment(text: str) -> float:
    """VADER compound sentiment, -1 (negative) to 1 (positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def valence(word: str) -> float:
    """How positive or negative one lower-cased word is on its own in VADER's lexicon, -4 to 4
    (0 when it is not there)."""
    return float(_analyzer().lexicon.get(word, 0.0))
