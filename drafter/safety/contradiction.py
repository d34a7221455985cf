"""Does a source sentence contradict a claim about the same thing?

Checked only between sentences that talk about the same thing (most of the claim's content words,
polarity and figures aside, are in the source, or a caller's vector similarity says so):

- figures: the same kind of quantity with a value the source does not state (30 days vs 45 days,
  $20 vs $25, 6.95 USD vs 8.95 USD, 8:00 vs 10:00, 5 attempts vs 7 attempts). A figure's kind is
  its unit when it has a known one, else the word that follows it;
- days and months: Friday vs Monday, March vs May;
- polarity: one says it and the other denies it (negation, can/cannot, or a word and its opposite:
  allowed/forbidden, quiet/noisy, opened/unopened).

`judge` weighs every source sentence about the claim: agreeing against contradicting, each by how
much it is about the claim. Reviews disagree with each other; the majority decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.text.sentiment import valence
from drafter.text.words import STOPWORDS, stem, words

_NEGATIONS = frozenset(
    ["not", "no", "never", "cannot", "without", "none", "nobody", "nothing", "neither", "nor", "nowhere",
     "unable", "lack", "lacks", "lacking", "lacked", "hardly", "barely"]
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
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fourteen": "14",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "forty-five": "45", "fifty": "50",
    "sixty": "60", "ninety": "90", "hundred": "100", "a week": "7 days", "a fortnight": "14 days",
}  # fmt: skip
# Units with several spellings, and words that only qualify one ("3 business days" counts days).
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute", "second": "second",
    "seconds": "second", "secs": "second", "%": "percent", "percent": "percent", "night": "night",
    "nights": "night", "star": "star", "stars": "star", "people": "people", "guests": "people",
    "persons": "people", "item": "item", "items": "item", "times": "times", "km": "km", "miles": "mile",
    "mile": "mile", "kg": "kg", "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre",
    "m": "metre",
}  # fmt: skip
_QUALIFIERS = frozenset(["business", "working", "calendar", "more", "full", "extra", "whole", "of", "to"])
_CURRENCY_WORDS = frozenset(["usd", "eur", "gbp", "chf", "cad", "aud", "euros", "euro", "dollars", "dollar",
                             "pounds", "pound"])  # fmt: skip
_FIGURE = re.compile(
    r"(?P<cur>[$€£]\s?)?(?P<low>\d+(?:[.,]\d+)?)(?:\s?(?:-|\u2013|to)\s?(?P<high>\d+(?:[.,]\d+)?))?"
    r"(?P<rest>(?:\s?(?:%|[A-Za-z][A-Za-z.'-]*))(?:\s[A-Za-z][A-Za-z.'-]*)?)?"
)
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\b\.?|\b(\d{1,2}):(\d{2})\b", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_WORD_NUMBER = re.compile(r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
# Digits inside a reference ("order BW-482913", "room 12B") name something; they are not figures.
_REFERENCE = re.compile(r"\b[A-Za-z]+[-_/#]\d[\w-]*|\b[A-Za-z]+\d[\w-]*|\b\d+[A-Za-z]\w*\d\w*")


def _build_opposites() -> dict[str, tuple[str, bool]]:
    table: dict[str, tuple[str, bool]] = {}
    for positive, negative in _OPPOSITES:
        concept = stem(positive)
        table.setdefault(concept, (concept, True))
        table.setdefault(stem(negative), (concept, False))
    return table


_OPPOSITE = _build_opposites()
_ALIGN_SHARE = 0.4
_ALIGN_MIN = 2
# Where a clause ends: what a negation before it does not reach.
_CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[-\u2013]\s|,?\s+\b(?:but|however|although|though|whereas|while|yet|except|"
    r"on the other hand|otherwise)\b|,\s+(?:and|so|as|which|who)\b|\s+(?:because|since|when|if|unless)\b",
    re.IGNORECASE,
)
# A sentence that opens with a subordinate clause ("While the noise was frustrating, the view is
# great"): the clause ends at its comma, and a negation or a complaint inside it does not reach the
# main clause after it. A condition ("If the parcel is late, we refund it") stays with its rule:
# negating it applies the rule to the case it excludes.
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:while|although|though|even though|whereas|when|because|since)\b[^,;]*,", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*[QA]:\s*")
_ANSWER_FIRST = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|no|nope|sure|unfortunately|sadly|regrettably|fortunately|luckily|"
    r"i'm afraid|i am afraid)\b[,!.]?\s*)+",
    re.IGNORECASE,
)
# Sentences sharing this share of the claim's words say the same thing, numbers and all.
_CLOSE = 0.8
# A word at least this negative in the sentiment lexicon counts as a negation ('disturbed', 'dirty').
_RUNS_DOWN = -1.0
_FOCUS = 2
# A sentence about the same asked-about thing counts, but less than one sharing the claim's words.
_FOCUS_SHARE = 0.6
_NEAREST = 0.25
_SHARPNESS = 4


@dataclass(frozen=True)
class Clause:
    """One clause's topic and the side it takes."""

    topic: frozenset[str]
    """Content stems, with opposites folded into one concept and negations left out."""
    negations: int
    """Denials and words that run something down, wherever they stand in the clause."""
    polar: dict[str, bool]
    """Concept -> the side of it the clause takes (a word of an opposite pair, or a prefixed word)."""
    denied: frozenset[str] = frozenset()
    """Topic words a denial before them reaches ("the room was clean, not a spot anywhere" denies
    the spot, not the cleanliness)."""
    run_down: int = 0
    """Words that run something down, counted as denials ('not disturbed' is quiet)."""


@dataclass(frozen=True)
class Reading:
    """What a sentence says, reduced to what contradiction needs."""

    topic: frozenset[str]
    clauses: tuple[Clause, ...]
    """A negation reaches to the end of its clause ("the rooms are not big, but the view is great")."""
    quantities: dict[str, frozenset[str]]
    """Kind of quantity -> the values the sentence states for it."""
    numbers: frozenset[str]
    """Every value the sentence states, counted or not."""
    days: frozenset[str]
    months: frozenset[str]


def _number(text: str) -> str:
    return text.replace(",", ".").rstrip("0").rstrip(".") if "." in text or "," in text else text


def _unit(rest: str) -> str:
    """The kind of quantity a figure counts, from the words after it ('business days' -> day)."""
    following = [w.lower().rstrip(".") for w in rest.split()]
    for word in following:
        if word in _QUALIFIERS:
            continue
        if word in _CURRENCY_WORDS:
            return "money"
        if word in _UNITS:
            return _UNITS[word]
        return "" if word in STOPWORDS or not word.isalpha() else stem(word)
    return ""


def _clock_times(text: str) -> tuple[str, frozenset[str]]:
    """The text with clock times cut out, and the times as minutes after midnight."""
    found = set()
    for match in _CLOCK.finditer(text):
        if match.group(1):
            hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
            hour += 12 if match.group(3).lower() == "p" else 0
        else:
            hour, minute = int(match.group(4)), int(match.group(5))
        found.add(str(hour * 60 + minute))
    return _CLOCK.sub(" ", text), frozenset(found)


def _quantities(text: str) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Kind of quantity -> values, and every value (bare numbers too)."""
    text = _WORD_NUMBER.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], _REFERENCE.sub(" ", text))
    text, times = _clock_times(text)
    found: dict[str, set[str]] = {"time": set(times)} if times else {}
    every: set[str] = set(times)
    for match in _FIGURE.finditer(text):
        values = [_number(v) for v in (match.group("low"), match.group("high")) if v]
        every.update(values)
        unit = "money" if match.group("cur") else _unit(match.group("rest") or "")
        if unit:  # a bare number: what it counts is unknown
            found.setdefault(unit, set()).update(values)
    return {unit: frozenset(values) for unit, values in found.items()}, frozenset(every)


def _clause(tokens: list[str]) -> Clause:
    denials = run_down = 0
    polar: dict[str, bool] = {}
    topic: set[str] = set()
    denied: set[str] = set()

    def add(word: str) -> None:
        topic.add(word)
        if denials % 2:
            denied.add(word)

    for token in tokens:
        if token in _NEGATIONS or token.endswith("n't"):
            denials += 1
            continue
        stemmed = stem(token)
        if stemmed in _OPPOSITE:
            concept, side = _OPPOSITE[stemmed]
            polar[concept] = side
            add(concept)
            continue
        if valence(token) <= _RUNS_DOWN:
            # A word that runs something down takes the negative side of whatever it speaks of:
            # "not disturbed" says what "quiet" says.
            run_down += 1
        if token in STOPWORDS or len(token) < 2 or token[0].isdigit():
            continue
        for prefix in _PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 4:
                root = stem(token[len(prefix) :].lstrip("-"))
                polar.setdefault("~" + root, False)
                add(root)
                break
        else:
            add(stemmed)
    # Where the clause names the bad side of an opposite pair, a word that runs it down is the
    # speaker's complaint about that side, not a second denial: "disturbed by loud guests" and
    # "worried about loud noise" say loud once.
    complains = all(side for concept, side in polar.items() if not concept.startswith("~"))
    return Clause(
        topic=frozenset(topic),
        negations=denials + (run_down if complains else 0),
        polar=polar,
        denied=frozenset(denied),
        run_down=run_down if complains else 0,
    )


def clause_texts(sentence: str) -> list[str]:
    """The sentence's clauses, as text: what a negation in one of them reaches."""
    # "No, pets are not allowed" denies once, not twice; "Unfortunately, it is closed" regrets, it
    # does not deny: the answer word and the speaker's attitude in front are not the claim.
    said = _ANSWER_FIRST.sub("", _LABEL.sub("", sentence)) or sentence
    leading = _LEADING_CLAUSE.match(said)
    wholes = [said[: leading.end()], said[leading.end() :]] if leading else [said]
    return [part for whole in wholes for part in _CLAUSE_BREAK.split(whole) if part and part.strip()]


@lru_cache(maxsize=32_768)
def read(sentence: str) -> Reading:
    """The clauses, figures, days and topic of one sentence."""
    clauses = tuple(_clause(words(part)) for part in clause_texts(sentence))
    lowered = sentence.lower()
    quantities, numbers = _quantities(sentence)
    return Reading(
        topic=frozenset().union(*(c.topic for c in clauses)),
        clauses=clauses,
        quantities=quantities,
        numbers=numbers,
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


def focus_alignment(claim: str, source: str, focus: frozenset[str]) -> float:
    """Share of the asked-about words the claim speaks of that the source speaks of too, at most
    `_FOCUS_SHARE`: the knowledge was found for the question, so a review that says "quiet" is
    about the claim "The hotel is quiet" when quiet is what was asked, whatever else each says."""
    asked = read(claim).topic & focus
    if not asked:
        return 0.0
    return min(_FOCUS_SHARE, len(asked & read(source).topic) / len(asked))


def about_the_same(claim: str, source: str) -> bool:
    """The source talks about what the claim talks about."""
    return alignment(claim, source) >= _ALIGN_SHARE


def _sides(clause: Clause, other: Clause) -> int:
    """Negative sides taken on concepts both clauses name, plus denials. A denial counts where it
    reaches a word both clauses share, in either of them ("the room was not clean" against "the
    room was clean"); where none does, every denial in the clause counts."""
    reached = clause.topic & other.topic & (clause.denied | other.denied)
    # What is denied is what is said of the subject: a word of an opposite pair where there is one.
    said = reached & (clause.polar.keys() | other.polar.keys()) or reached
    denied = int(2 * len(said & clause.denied) > len(said))
    flips = denied + clause.run_down if said else clause.negations
    for concept, side in clause.polar.items():
        if concept.startswith("~"):
            root = concept[1:]
            # A prefixed word ('unopened') opposes its root ('opened') only when the other names it.
            if root in other.topic and ("~" + root) not in other.polar:
                flips += 1
        elif concept in other.polar and not side:
            flips += 1
    return flips


def hard_conflict(claim: str, source: str, *, close: bool = False) -> str | None:
    """A figure, day or month of the claim that the source states otherwise, or None. Between
    `close` sentences (nearly the same words) any number counts, whatever it counts."""
    a, b = read(claim), read(source)
    if close and b.numbers and not a.numbers <= b.numbers:
        ours, said = "/".join(sorted(a.numbers - b.numbers)), "/".join(sorted(b.numbers))
        return f"says {ours} where the source says {said}"
    for unit, values in a.quantities.items():
        theirs = b.quantities.get(unit)
        if theirs and not values <= theirs:
            ours, said = "/".join(sorted(values)), "/".join(sorted(theirs))
            return f"says {ours} ({unit}) where the source says {said}"
    if a.days and b.days and not a.days & b.days:
        return f"says {'/'.join(sorted(a.days))} where the source says {'/'.join(sorted(b.days))}"
    if a.months and b.months and not a.months & b.months:
        return f"says {'/'.join(sorted(a.months))} where the source says {'/'.join(sorted(b.months))}"
    return None


def leaning(claim: str, source: str, focus: frozenset[str] = frozenset()) -> float:
    """From -1 (the source says the opposite) to 1 (it says the same), 0 when no clause of the two
    speaks of the same thing: every two clauses that share a concept vote, same side or not. A
    clause the source states nearly word for word, on the other side, makes the whole claim false."""
    votes = total = 0.0
    theirs_all = read(source).clauses
    for ours in read(claim).clauses:
        # Each clause is weighed against the source clauses nearest it, not every clause at hand.
        shares = [len(ours.topic & t.topic) + _FOCUS * len(ours.topic & t.topic & focus) for t in theirs_all]
        most = max(shares, default=0)
        if not most:
            continue
        for theirs, shared in zip(theirs_all, shares, strict=True):
            if shared == most:
                same = _sides(ours, theirs) % 2 == _sides(theirs, ours) % 2
                if not same and len(ours.topic & theirs.topic) >= _CLOSE * len(ours.topic | theirs.topic):
                    return -1.0
                votes += shared if same else -shared
                total += shared
    return votes / total if total else 0.0


def contradiction(claim: str, source: str) -> str | None:
    """Why `source` contradicts `claim`, or None. Call only for sentences about the same thing."""
    hard = hard_conflict(claim, source)
    if hard is not None:
        return hard
    return "the source says the opposite" if leaning(claim, source) < 0 else None


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

    @property
    def stance(self) -> float:
        """-1 (the sources deny it) to 1 (they say it); 0 when none is about it or they are split."""
        total = self.agreeing + self.contradicting
        return (self.agreeing - self.contradicting) / total if total else 0.0


def judge(
    claim: str,
    source_sentences: list[str],
    similarity: list[float] | None = None,
    focus: frozenset[str] = frozenset(),
) -> Verdict:
    """Weigh every source sentence about the claim's subject: agreeing against contradicting, each
    by how much of the claim it covers. `similarity`, one per source sentence in [0, 1], counts a
    sentence as about the claim when its words differ (a paraphrase) but its meaning is near."""
    # A question states nothing: it neither backs nor denies.
    shares = [
        0.0
        if source.rstrip().endswith("?")
        else max(
            alignment(claim, source),
            similarity[i] if similarity is not None else 0.0,
            focus_alignment(claim, source, focus),
        )
        for i, source in enumerate(source_sentences)
    ]
    best = max(shares, default=0.0)
    agreeing = contradicting = 0.0
    reason = None
    aligned = 0
    for source, share in zip(source_sentences, shares, strict=True):
        # The sentences nearest the claim speak for the knowledge: a sentence that states the claim
        # outweighs several that merely share its topic.
        if share < _ALIGN_SHARE or share < best - _NEAREST:
            continue
        aligned += 1
        hard = hard_conflict(claim, source, close=alignment(claim, source) >= _CLOSE)
        lean = -1.0 if hard is not None else leaning(claim, source, focus)
        weight = share**_SHARPNESS
        if lean >= 0:
            agreeing += weight * lean
        else:
            contradicting += weight * -lean
            if reason is None:
                why = hard or "the source says the opposite"
                reason = f"{why}: {source[:80]!r}"
    return Verdict(aligned=aligned, agreeing=agreeing, contradicting=contradicting, reason=reason)
