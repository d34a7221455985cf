"""Does a source sentence contradict a claim about the same thing?

Three kinds of contradiction, each checked only between sentences that talk about the same thing
(most of the claim's content words, polarity and figures aside, are in the source):

- polarity: one says it and the other denies it (negation, can/cannot, or a word and its opposite:
  allowed/forbidden, quiet/noisy, opened/unopened);
- figures: the same kind of quantity with another value (30 days vs 45 days, $20 vs $25, 3 pm vs
  5 pm, 2 nights vs 3 nights);
- days and months: Friday vs Monday, March vs May.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.text.words import STOPWORDS, stem, words

_NEGATIONS = frozenset(
    ["not", "no", "never", "cannot", "without", "none", "nobody", "nothing", "neither", "nor", "nowhere",
     "unable", "lack", "lacks", "lacking", "hardly", "barely"]
)  # fmt: skip
# Pairs of opposites: the first word of each pair is the concept's positive side.
_OPPOSITES = [
    ("allowed", "forbidden"), ("allowed", "prohibited"), ("allowed", "banned"), ("permitted", "forbidden"),
    ("available", "unavailable"), ("included", "excluded"), ("include", "exclude"), ("open", "closed"),
    ("possible", "impossible"), ("accept", "refuse"), ("accept", "reject"), ("accept", "decline"),
    ("always", "never"), ("yes", "no"), ("clean", "dirty"), ("quiet", "noisy"), ("quiet", "loud"),
    ("cheap", "expensive"), ("good", "bad"), ("good", "poor"), ("great", "terrible"), ("great", "awful"),
    ("friendly", "rude"), ("safe", "dangerous"), ("easy", "difficult"), ("easy", "hard"), ("fast", "slow"),
    ("large", "small"), ("big", "small"), ("spacious", "cramped"), ("before", "after"), ("more", "less"),
    ("most", "few"), ("many", "few"), ("high", "low"), ("free", "paid"), ("free", "charged"),
    ("with", "without"), ("new", "used"), ("love", "hate"), ("like", "dislike"), ("best", "worst"),
    ("comfortable", "uncomfortable"), ("recommend", "avoid"), ("early", "late"), ("positive", "negative"),
]  # fmt: skip
_PREFIXES = ("non-", "non", "un", "in", "im", "ir", "il", "dis")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fourteen": "14",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "forty-five": "45", "fifty": "50",
    "sixty": "60", "ninety": "90", "hundred": "100", "a week": "7 days", "a fortnight": "14 days",
}  # fmt: skip
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "minute": "minute", "minutes": "minute", "mins": "minute", "%": "percent", "percent": "percent",
    "am": "time", "pm": "time", "a.m.": "time", "p.m.": "time", "o'clock": "time", "night": "night",
    "nights": "night", "star": "star", "stars": "star", "people": "people", "guests": "people",
    "persons": "people", "item": "item", "items": "item", "times": "times", "km": "km", "miles": "mile",
    "mile": "mile", "kg": "kg", "euros": "money", "dollars": "money", "pounds": "money",
}  # fmt: skip
_QUANTITY = re.compile(
    r"([$€£])\s?(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s?"
    r"(?:(?:business|working|calendar|more|full|extra|whole)\s)?(%|[a-z.']+)?",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_WORD_NUMBER = re.compile(r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
# Digits inside a reference ("order BW-482913", "room 12B") name something; they are not figures.
_REFERENCE = re.compile(r"\b[A-Za-z]+[-_/#]?\d[\w-]*|\b\d+[A-Za-z]\w*")


def _build_opposites() -> dict[str, tuple[str, bool]]:
    table: dict[str, tuple[str, bool]] = {}
    for positive, negative in _OPPOSITES:
        concept = stem(positive)
        table.setdefault(concept, (concept, True))
        table.setdefault(stem(negative), (concept, False))
    return table


_OPPOSITE = _build_opposites()
_ALIGN_SHARE = 0.5
_ALIGN_MIN = 2


@dataclass(frozen=True)
class Reading:
    """What a sentence says, reduced to what contradiction needs."""

    topic: frozenset[str]
    """Content stems, with opposites folded into one concept and negations left out."""
    negations: int
    polar: dict[str, bool]
    """Concept -> the side of it the sentence takes (a word of an opposite pair, or a prefixed word)."""
    quantities: dict[str, frozenset[str]]
    """Unit -> the values the sentence states for it."""
    days: frozenset[str]
    months: frozenset[str]


def _quantities(text: str) -> dict[str, frozenset[str]]:
    text = _WORD_NUMBER.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], _REFERENCE.sub(" ", text))
    found: dict[str, set[str]] = {}
    for match in _QUANTITY.finditer(text):
        if match.group(1):
            unit, value = "money", match.group(2)
        else:
            value, after = match.group(3), (match.group(4) or "").lower().rstrip(".,")
            unit = _UNITS.get(after, "")
            if not unit:
                continue  # a bare number: what it counts is unknown
        found.setdefault(unit, set()).add(value.replace(",", ".").rstrip("0").rstrip(".") or "0")
    return {unit: frozenset(values) for unit, values in found.items()}


@lru_cache(maxsize=32_768)
def read(sentence: str) -> Reading:
    """The polarity, figures, days and topic of one sentence."""
    tokens = words(sentence)
    negations = 0
    polar: dict[str, bool] = {}
    topic: set[str] = set()
    for token in tokens:
        if token in _NEGATIONS or token.endswith("n't"):
            negations += 1
            continue
        stemmed = stem(token)
        if stemmed in _OPPOSITE:
            concept, side = _OPPOSITE[stemmed]
            polar[concept] = side
            topic.add(concept)
            continue
        if token in STOPWORDS or len(token) < 2 or token[0].isdigit():
            continue
        for prefix in _PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 4:
                root = stem(token[len(prefix) :].lstrip("-"))
                polar.setdefault("~" + root, False)
                topic.add(root)
                break
        else:
            topic.add(stemmed)
    lowered = sentence.lower()
    return Reading(
        topic=frozenset(topic),
        negations=negations,
        polar=polar,
        quantities=_quantities(sentence),
        days=frozenset(d for d in _WEEKDAYS if re.search(rf"\b{d}\b", lowered)),
        months=frozenset(m for m in _MONTHS if m != "may" and re.search(rf"\b{m}\b", lowered)),
    )


def alignment(claim: str, source: str) -> float:
    """Share of the claim's topic words the source has (0 when fewer than two are shared)."""
    a, b = read(claim), read(source)
    if not a.topic:
        return 0.0
    shared = len(a.topic & b.topic)
    return shared / len(a.topic) if shared >= _ALIGN_MIN else 0.0


def about_the_same(claim: str, source: str) -> bool:
    """The source talks about what the claim talks about."""
    return alignment(claim, source) >= _ALIGN_SHARE


def _sides(reading: Reading, other: Reading) -> int:
    """Negative sides taken on concepts both sentences name, plus plain negations."""
    flips = reading.negations
    for concept, side in reading.polar.items():
        if concept.startswith("~"):
            root = concept[1:]
            # A prefixed word ('unopened') opposes its root ('opened') only when the other names it.
            if root in other.topic and ("~" + root) not in other.polar:
                flips += 1
        elif concept in other.polar and not side:
            flips += 1
    return flips


def contradiction(claim: str, source: str) -> str | None:
    """Why `source` contradicts `claim`, or None. Call only for sentences about the same thing."""
    a, b = read(claim), read(source)
    for unit, values in a.quantities.items():
        theirs = b.quantities.get(unit)
        if theirs and not values & theirs:
            ours, said = "/".join(sorted(values)), "/".join(sorted(theirs))
            return f"says {ours} ({unit}) where the source says {said}"
    if a.days and b.days and not a.days & b.days:
        return f"says {'/'.join(sorted(a.days))} where the source says {'/'.join(sorted(b.days))}"
    if a.months and b.months and not a.months & b.months:
        return f"says {'/'.join(sorted(a.months))} where the source says {'/'.join(sorted(b.months))}"
    if _sides(a, b) % 2 != _sides(b, a) % 2:
        return "the source says the opposite"
    return None


@dataclass(frozen=True)
class Verdict:
    """What the sources say about one claim."""

    aligned: int
    """Source sentences about the same thing."""
    agreeing: float
    contradicting: float
    reason: str | None

    @property
    def contradicted(self) -> bool:
        return self.contradicting > self.agreeing


def judge(claim: str, source_sentences: list[str]) -> Verdict:
    """Weigh every source sentence about the claim's subject: agreeing against contradicting, each
    by how much of the claim it covers (reviews disagree with each other; the majority decides)."""
    agreeing = contradicting = 0.0
    reason = None
    aligned = 0
    for source in source_sentences:
        share = alignment(claim, source)
        if share < _ALIGN_SHARE:
            continue
        aligned += 1
        why = contradiction(claim, source)
        if why is None:
            agreeing += share
        else:
            contradicting += share
            if reason is None:
                reason = f"{why}: {source[:80]!r}"
    return Verdict(aligned=aligned, agreeing=agreeing, contradicting=contradicting, reason=reason)
