"""Empathy as three things a reply can do for a person who is struggling (after the emotional
reactions, interpretations and explorations of Sharma et al., 2020), and how upset the person is.

- reacting to the feeling: sorry, hope, glad, that sounds hard, take care;
- showing it was understood: restating the situation, "I understand", "sounds like", or a
  similar experience of one's own;
- exploring: asking about the person's situation or feelings.

Each mechanism scores 0 (absent), 1 (a formula) or 2 (tied to the person's own words). The cues
are our own wording of each mechanism, written from its definition, not learned from any corpus.
"""

from __future__ import annotations

import math
import re

import numpy as np

from drafter.text.sentences import sentences
from drafter.text.sentiment import sentiment
from drafter.text.words import content_stems, words

_I = re.IGNORECASE
_REACTION = re.compile(
    r"\b(sorry|so sad|i feel (for|with) you|my heart|sending (you )?(love|hugs|strength)|hugs?|"
    r"hope (you|it|things|that|this)|wish(ing)? you|glad (you|to hear)|proud of you|"
    r"(that|this|it) (sounds|must be|is) (so |really |very )?(hard|awful|terrible|rough|tough|painful|"
    r"difficult|frustrating|scary|horrible|exhausting|stressful|upsetting)|"
    r"that sucks|i'm here|take care|you('re| are) not alone|you matter|it'?s (ok|okay) to|"
    r"frustrat\w+|disappoint\w+|inconvenien\w+|upset\w*|annoy\w+|worr\w+|"
    r"apologi[sz]e|apologies|thank you for (your )?patience)\b|<3|:\(",
    _I,
)
_INTERPRETATION = re.compile(
    r"\b(i (completely |totally |really )?(understand|get it|know how|know what|"
    r"can (see|imagine|relate|tell))|"
    r"(it |that )?sounds like|it seems like you|you('re| are) (feeling|going through|dealing with)|"
    r"you (must|might) (feel|be feeling|have felt)|i('ve| have) (been|felt|had|gone|dealt|struggled|tried|"
    r"experienced|also)|i (went|was|felt|had|used to|struggled|tried) |me too|same here|i was in|"
    r"been there|i relate|for me|in my (case|experience)|that must (feel|have)|i hear you|"
    r"makes (total |complete )?sense|understandabl[ey]|of course you)",
    _I,
)
_EXPLORATION = re.compile(
    r"\b(what|how|why|when|have you|do you|did you|are you|is (it|there|this)|would you|can you tell|"
    r"tell me (more|about)|what happened|how (are|do) you (feel|doing)|want to talk)\b[^.?!]*\?",
    _I,
)
_DISTRESS = re.compile(
    r"\b(sad|depress\w*|anxi\w+|alone|lonely|hopeless|scared|afraid|hurt\w*|cry\w*|suicid\w*|hate|"
    r"angry|furious|upset|frustrat\w+|unacceptable|ridiculous|disappoint\w+|worried|stress\w*|"
    r"broken|again|still (not|no|doesn|isn|won|can)|third time|second time|nobody|never)\b|!{2,}",
    _I,
)

FEATURES: tuple[str, ...] = (
    "reaction",
    "interpretation",
    "exploration",
    "reaction_tied",
    "interpretation_tied",
    "exploration_tied",
    "shares_words",
    "length",
    "warmth",
)
FEATURES_VERSION = 1
# How much each mechanism counts in the designed (not fitted) grader, and the length term: a
# one-line reply rarely does any of the three well.
_DESIGN = {"reaction": 1.0, "interpretation": 1.0, "exploration": 0.8, "tied": 0.6, "length": 0.8}


def _tied(sentence: str, situation: frozenset[str]) -> bool:
    return len(content_stems(sentence) & situation) >= 1


def empathy_features(reply: str, ticket: str) -> np.ndarray:
    """One row of empathy cues for `reply` to `ticket`, in the order of `FEATURES`."""
    said = sentences(reply) or [reply]
    situation = content_stems(ticket)
    values: list[float] = []
    tied: list[float] = []
    for pattern in (_REACTION, _INTERPRETATION, _EXPLORATION):
        hits = [s for s in said if pattern.search(s)]
        values.append(min(1.0, len(hits) / 2))
        tied.append(1.0 if any(_tied(s, situation) for s in hits) else 0.0)
    shared = len(content_stems(reply) & situation) / max(1, len(situation))
    n = len(words(reply))
    return np.asarray(
        [*values, *tied, min(1.0, 3 * shared), math.log1p(n) / 5, max(0.0, sentiment(reply))],
        dtype=np.float64,
    )


def mechanisms(reply: str) -> list[str]:
    """The mechanisms a reply uses, for an explanation."""
    found = [
        name
        for name, pattern in (
            ("reacts to the feeling", _REACTION),
            ("shows understanding", _INTERPRETATION),
            ("asks about the situation", _EXPLORATION),
        )
        if pattern.search(reply)
    ]
    return found


def designed_empathy(reply: str, ticket: str) -> float:
    """How much empathy the reply shows, in [0, 1], by the designed weights."""
    row = dict(zip(FEATURES, empathy_features(reply, ticket), strict=True))
    raw = (
        _DESIGN["reaction"] * (row["reaction"] + 0.5 * row["reaction_tied"])
        + _DESIGN["interpretation"] * (row["interpretation"] + 0.5 * row["interpretation_tied"])
        + _DESIGN["exploration"] * (row["exploration"] + 0.5 * row["exploration_tied"])
        + _DESIGN["tied"] * row["shares_words"]
        + _DESIGN["length"] * row["length"]
    )
    return 1 / (1 + math.exp(-(raw - 1.6) * 1.5))


def upset(ticket: str) -> float:
    """How upset the customer reads, in [0, 1]: negative sentiment and distress cues."""
    feeling = sentiment(ticket)
    cues = len(_DISTRESS.findall(ticket))
    return max(0.0, min(1.0, max(-feeling, 0.0) + 0.3 * cues))
