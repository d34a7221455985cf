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


# Entries of VADER's social-media lexicon that are everyday support words or abbreviations: "PO box"
# and "PO number" read as "pissed off" (-2.6), "pay" as a complaint, "L" (a size) and "XP" as praise.
SUPPORT_NEUTRAL = frozenset({
    "po", "pay", "l", "bl", "ff", "gt", "jp", "jt", "jw", "wd", "wp", "xp", "nh", "lts", "pu", "qt", "tx",
    "dx", "fan",
})


@lru_cache(maxsize=1)
def _customer_analyzer() -> SentimentIntensityAnalyzer:
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon = {w: v for w, v in analyzer.lexicon.items() if w not in SUPPORT_NEUTRAL}
    return analyzer


@lru_cache(maxsize=16_384)
def customer_tone(text: str) -> float:
    """VADER compound sentiment of a customer's message, -1 to 1, with the lexicon's slang entries
    that are ordinary support words read as neutral."""
    return float(_customer_analyzer().polarity_scores(text)["compound"])


def valence(word: str) -> float:
    """How positive or negative one lower-cased word is on its own in VADER's lexicon, -4 to 4
    (0 when it is not there)."""
    return float(_analyzer().lexicon.get(word, 0.0))
