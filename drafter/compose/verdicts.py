"""A plain yes or no before the answer to a yes-or-no question, when the knowledge gives one: the
answering sentence uses the question's own verb ("Can I return it?" / "You can return ..."), says
it without conditions, and, for "only X members can", the customer's record says whether they are X."""

from __future__ import annotations

import re
from typing import Literal

from drafter.compose.negatives import says_no
from drafter.compose.sentences import PRODUCT_KEY, Unit
from drafter.domain import CustomerProfile
from drafter.text.asks import Ask
from drafter.text.sentences import sentences
from drafter.text.words import FUNCTION_WORDS, content_stems, content_words, stem, words

Verdict = Literal["yes", "no"]
# Only a sentence that clearly answers (score) gets a plain yes or no put before it.
CONFIDENT = 0.55
# The question's predicate is among its first this many content words after the auxiliary, and the
# answer states it within this many words after one of its own.
ASKED_WORDS = 3
MIRROR_SPAN = 8
# The auxiliaries a yes-or-no question opens with; an answering sentence that uses one (or "never")
# states a yes or a no rather than describing something nearby.
_OPENERS = frozenset({"can", "could", "do", "does", "is", "are", "will", "would", "may"})
_STATES = re.compile(
    r"(?:can|cannot|can't|could|do|does|don't|doesn't|is|isn't|are|aren't|will|won't|may|never)",
    re.IGNORECASE,
)
_OPENING = re.compile(r"^\W*(?:(?:and|so|also|but|ok(?:ay)?|hi|hello)\W+)*(\w+)", re.IGNORECASE)
# A condition or an exception anywhere: the answer depends on it, so no plain yes or no ("we cannot
# accept returns more than 30 days after delivery" is no answer to "within 30 days?").
_CONDITIONAL = re.compile(
    r"(?:^\s*(?:when|after|before|once|for|except|depending)\b)|\b(?:if|unless|within|more than|less than|"
    r"after \d|as long as|provided|only (?:when|if|for|within))\b",
    re.IGNORECASE,
)
_ONLY = re.compile(
    r"^\s*only (?P<who>(?:\w+ ){0,2}?\w+) (?:accounts?|members?|customers?|users?|subscribers?)\b",
    re.IGNORECASE,
)


def verdict(ask: Ask, unit: Unit, *, profile: CustomerProfile | None) -> Verdict | None:
    """Yes or no when the answering sentence settles the question for this customer, else None."""
    topic = _asked_clause(ask.topic or ask.text)
    opening = _OPENING.match(topic)
    if unit.fragment:
        return None  # a list entry without its verb settles nothing on its own
    text = sentences(unit.text)[0] if unit.text else unit.text
    if opening is None or opening.group(1).lower() not in _OPENERS:
        return None
    if unit.score < CONFIDENT:
        return None
    # The product's own name says which thing, not whether: "the lamp blinks red" does not answer
    # "does the lamp work with X?".
    product = content_stems(str(unit.passage.metadata.get(PRODUCT_KEY, "")))
    asked = {w for w in content_stems(topic) if w not in FUNCTION_WORDS} - product
    if not asked & content_stems(text):
        return None
    only = _ONLY.match(text)
    if only is None and _CONDITIONAL.search(text):
        return None
    if only is not None:
        if profile is None:
            return None
        held = content_stems(" ".join([profile.plan or "", profile.tier or "", *profile.notes]))
        return "yes" if {stem(w) for w in only.group("who").lower().split()} & held else "no"
    if not _mirrors(topic, text, opening.end(), ignore=product):
        return None
    return "no" if says_no(text) or re.search(r"\bnever\b", text, re.IGNORECASE) else "yes"


def _asked_clause(topic: str) -> str:
    """The clause of a question that asks it: "I'm a Plus member, is this covered by my warranty"
    asks "is this covered by my warranty"; a question opening with its auxiliary is itself."""
    opening = _OPENING.match(topic)
    if opening is not None and opening.group(1).lower() in _OPENERS:
        return topic
    for clause in reversed(topic.split(", ")[1:]):
        said = _OPENING.match(clause)
        if said is not None and said.group(1).lower() in _OPENERS:
            return clause
    return topic


def states_predicate(ask: Ask, unit: Unit) -> bool:
    """For a yes-or-no question: the sentence says yes or no to what was asked ("can you ship to a
    locker?" / "we cannot ship to lockers"), rather than sharing a word with it ("does the lamp work
    with X?" / "it blinks blue when the reset worked")."""
    opening = _OPENING.match(ask.topic or ask.text)
    if opening is None or opening.group(1).lower() not in _OPENERS:
        return True  # not asked with an auxiliary: nothing to mirror
    product = content_stems(str(unit.passage.metadata.get(PRODUCT_KEY, "")))
    # A list entry says it through its heading ("What can be returned: defective devices ...").
    return _mirrors(ask.topic, unit.match_text, opening.end(), ignore=product)


def _mirrors(question: str, text: str, opened: int, *, ignore: frozenset[str] = frozenset()) -> bool:
    """The sentence states the question's own predicate: one of the question's first content words
    comes shortly after an auxiliary ("can you ship ...?" / "we cannot ship ...")."""
    # Names ("Google Home", "Brightwave") are what the question is about, not what it asks.
    named = {w.lower() for w in re.findall(r"(?<=\w )[A-Z]\w*", question)}
    stems = [s for w in content_words(question[opened:]) if w not in named and (s := stem(w)) not in ignore]
    asked = set(list(dict.fromkeys(stems))[:ASKED_WORDS])
    tokens = words(text)
    for i, token in enumerate(tokens):
        if _STATES.fullmatch(token) and asked & {stem(t) for t in tokens[i + 1 : i + 1 + MIRROR_SPAN]}:
            return True
    return False
