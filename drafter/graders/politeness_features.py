"""Politeness strategies (after Danescu-Niculescu-Mizil et al., 2013) as numeric features.

Each feature is a cue people read as polite or impolite in a request, independent of its topic:
gratitude, deference, greetings, apologies, softened requests (could/would you, hedges), against
direct questions, blunt openings, commands, factuality markers, dismissive words and shouting.
Topic-free cues carry from one kind of text to another; words about the subject do not.
"""

from __future__ import annotations

import math
import re

import numpy as np

from drafter.text.sentences import sentences
from drafter.text.sentiment import sentiment
from drafter.text.words import words

_I = re.IGNORECASE
# Cues that may occur anywhere in the text.
_ANYWHERE: dict[str, re.Pattern[str]] = {
    "gratitude": re.compile(r"\b(thanks?|thank you|thx|appreciat\w*|grateful)\b", _I),
    "deference": re.compile(
        r"\b(great|good|nice|interesting|excellent|wonderful|fair) (question|point|work|job|idea|catch)\b|"
        r"\b(well done|kudos|impressive)\b",
        _I,
    ),
    "apology": re.compile(r"\b(sorry|apologi[sz]e\w*|apologies|pardon|excuse me|my bad|regret)\b", _I),
    "please": re.compile(r"\b(please|pls|plz)\b", _I),
    "indirect_btw": re.compile(r"\b(by the way|btw|incidentally)\b", _I),
    "counterfactual_modal": re.compile(r"\b(could|would) (you|it be|it|we)\b", _I),
    "indicative_modal": re.compile(r"\b(can|will) you\b", _I),
    "hedge": re.compile(
        r"\b(i think|i believe|i guess|i suppose|maybe|perhaps|possibly|probably|might|seems?|"
        r"suggest\w*|somewhat|a bit|kind of|sort of|i wonder|wondering|if possible|"
        r"if you (don't|do not) mind|"
        r"when you (get|have) (a )?(chance|time|moment))\b",
        _I,
    ),
    "factuality": re.compile(
        r"\b(actually|in fact|the point is|the reality is|the truth is|clearly|obviously|of course not)\b", _I
    ),
    "dismissive": re.compile(
        r"\b(stupid|idiot\w*|dumb|ridiculous|nonsense|absurd|pathetic|useless|whatever|wtf|damn|crap|"
        r"ffs|bullshit|shut up|get a clue|as i (already )?said)\b",
        _I,
    ),
    "command_you": re.compile(r"\byou (need to|must|have to|should|better)\b", _I),
    "reassurance": re.compile(
        r"\b(happy to|glad to|no problem|no worries|of course|feel free|don't hesitate|let me know)\b", _I
    ),
    "first_plural": re.compile(r"\b(we|our|us|let's)\b", _I),
    "subjunctive_if": re.compile(r"\bif (you|it) (could|would|were|can)\b", _I),
    "what_is_wrong": re.compile(
        r"\bwhat('s| is) (wrong|the problem|your problem)\b|\bwhy (on earth|the hell)\b", _I
    ),
}
# Cues read from how a sentence opens.
_OPENING: dict[str, re.Pattern[str]] = {
    "greeting": re.compile(r"^\W*(hi|hello|hey|dear|greetings|good (morning|afternoon|evening)|howdy)\b", _I),
    "please_start": re.compile(r"^\W*(please|pls|plz)\b", _I),
    "direct_question": re.compile(r"^\W*(what|why|who|how|where|when|which)\b", _I),
    "direct_start": re.compile(r"^\W*(so|then|and|but|or|now)\b", _I),
    "first_person_start": re.compile(r"^\W*(i|i'm|i've|i'd|my)\b", _I),
    "second_person_start": re.compile(r"^\W*(you|your|you're|you've)\b", _I),
    "yes_no_start": re.compile(r"^\W*(do|does|did|is|are|was|were|have|has|can|will)\b", _I),
}
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_SECOND = {"you", "your", "yours", "you're", "you've", "you'd", "you'll", "yourself"}
_FIRST = {"i", "me", "my", "mine", "i'm", "i've", "i'd", "i'll", "myself"}

FEATURES: tuple[str, ...] = (
    *_ANYWHERE,
    *_OPENING,
    "questions",
    "exclamations",
    "shouting",
    "second_person",
    "first_person",
    "sentiment",
    "negative_sentiment",
    "length",
)
FEATURES_VERSION = 1


def politeness_features(text: str) -> np.ndarray:
    """One row of cues for `text`, in the order of `FEATURES`."""
    said = sentences(text) or [text]
    tokens = words(text)
    n = max(1, len(tokens))
    values: list[float] = [1.0 if p.search(text) else 0.0 for p in _ANYWHERE.values()]
    # Openings count over sentences: one blunt opening among four softened ones reads differently.
    values += [min(1.0, sum(1 for s in said if p.search(s)) / 1.5) for p in _OPENING.values()]
    # Acronyms and code are common in technical requests; only a run of capitals is shouting.
    shouted = [w for w in _SHOUT.findall(text) if len(w) > 3]
    mood = sentiment(text)
    values += [
        min(3.0, text.count("?")) / 3,
        min(3.0, text.count("!")) / 3,
        min(1.0, len(shouted) / 3),
        min(1.0, 8 * sum(1 for t in tokens if t in _SECOND) / n),
        min(1.0, 8 * sum(1 for t in tokens if t in _FIRST) / n),
        mood,
        max(0.0, -mood),
        math.log1p(n) / 5,
    ]
    return np.asarray(values, dtype=np.float64)


def present_cues(text: str) -> list[str]:
    """The named cues found in `text`, for an explanation."""
    row = politeness_features(text)
    named = [*_ANYWHERE, *_OPENING]
    return [name for name, value in zip(named, row[: len(named)], strict=True) if value > 0]
