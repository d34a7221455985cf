"""Post-draft check: a sentence that commits us to money, goods or a date needs a passage behind it,
and no passage about it may say otherwise (another figure, the opposite rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.domain import DraftWarning, Passage
from drafter.safety.contradiction import judge
from drafter.text.sentences import sentences

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|end of (?:the )?(?:day|week)"
# "A complimentary upgrade" is free; "complimentary about the location" is praise.
_COMPLIMENTARY = r"complimentary(?! (?:about|of|to|on)\b)"
# Each kind of commitment, and the words a passage must share with the sentence to back it.
_KINDS: dict[str, re.Pattern[str]] = {
    "refund": re.compile(r"\b(refund\w*|reimburs\w*|money back|charge\w* back)\b", re.IGNORECASE),
    "replacement": re.compile(r"\b(replac\w*|exchang\w*|new one|swap\w*)\b", re.IGNORECASE),
    "credit": re.compile(r"\b(credit\w*|voucher\w*|coupon\w*|gift cards?|discount\w*|\d+\s?% off)\b", re.I),
    "compensation": re.compile(r"\b(compensat\w*|waiv\w*|goodwill|make it up to you)\b", re.IGNORECASE),
    "free": re.compile(rf"\b(free of charge|for free|at no (?:extra )?cost|{_COMPLIMENTARY})", re.IGNORECASE),
    "deadline": re.compile(
        rf"\b(tomorrow|tonight|by (?:{_DAYS})|(?:within|in) (?:\d+|one|two|three|a few|24|48) "
        r"(?:business |working )?(?:hours?|days?|weeks?)|next (?:week|day)|same day|overnight)\b",
        re.IGNORECASE,
    ),
}
# A passage backs a date when it states a duration or day, and something free when it says
# "free"; the figures must match as well.
_BACKING = {
    **_KINDS,
    "free": re.compile(rf"\b(free|at no (?:extra )?cost|no charge|{_COMPLIMENTARY})", re.IGNORECASE),
    "deadline": re.compile(
        rf"\b((?:\d+|one|two|three|a few)[\s-](?:business |working )?(?:hours?|days?|weeks?)|tomorrow|"
        rf"next (?:week|day)|same day|overnight|{_DAYS})\b",
        re.IGNORECASE,
    ),
}
# Numbers and amounts in a promise must appear in the passage that backs it; digits inside a
# reference ("order BW-482913", "SKU A12") are part of a name, not a figure.
_FIGURE = re.compile(r"[$€£]?\d+(?:[.,]\d+)?\s?%?")
_REFERENCE = re.compile(r"\b[A-Za-z]+[-_/#]?\d[\w-]*")
_LEAD = re.compile(r"^(?:by|within|in)\s+")
# "We can't refund it" delivers bad news; it promises nothing.
_NEGATED = re.compile(
    r"\b(not|no|never|cannot|can't|won't|unable|isn't|aren't|doesn't|don't|unfortunately)\b", re.IGNORECASE
)
# Negative words that still promise something.
_NOT_NEGATIONS = re.compile(
    r"\bno (?:extra |additional )?(?:cost|charge|fee)s?\b|\bno problem\b", re.IGNORECASE
)
_CLAUSE = re.compile(r"[,;:]\s*|\s+(?:but|however|although|though|while)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Promise:
    """A sentence of the reply that commits to something, and what kind of thing."""

    sentence: str
    kind: str
    term: str


def find_promises(reply: str) -> list[Promise]:
    """Sentences that commit to a refund, replacement, credit, compensation, something free or a date."""
    found = []
    for sentence in sentences(reply):
        for clause in _CLAUSE.split(sentence):
            if _NEGATED.search(_NOT_NEGATIONS.sub("", clause)):
                continue
            for kind, pattern in _KINDS.items():
                # "Shall I book it for tonight?" asks; it does not commit to a date.
                if kind == "deadline" and sentence.endswith("?"):
                    continue
                match = pattern.search(clause)
                if match:
                    found.append(Promise(sentence=sentence, kind=kind, term=match.group(0)))
    return found


def _figures(text: str) -> set[str]:
    amounts = _FIGURE.findall(_REFERENCE.sub(" ", text))
    return {re.sub(r"\s", "", f).lstrip("$€£").rstrip("%").replace(",", ".") for f in amounts}


def is_backed(promise: Promise, passages: list[Passage]) -> bool:
    """Some passage names the same kind of commitment and every figure the sentence states."""
    pattern = _BACKING[promise.kind]
    figures = _figures(promise.sentence)
    # A date is backed only by the same date or duration ("by Friday" is not "within 30 days").
    when = _LEAD.sub("", promise.term.lower()) if promise.kind == "deadline" else ""
    for passage in passages:
        text = passage.text.lower()
        if pattern.search(text) and figures <= _figures(text) and when in re.sub(r"[\s-]+", " ", text):
            return True
    return False


def contradicted(promise: Promise, passages: list[Passage]) -> str | None:
    """Why the passages about a promise say otherwise ("we refund opened codes" where they say we
    cannot; 45 days where they say 30), or None."""
    verdict = judge(promise.sentence, [s for p in passages for s in sentences(p.text, min_chars=2)])
    return verdict.reason if verdict.contradicted else None


def check_promises(reply: str, passages: list[Passage]) -> list[DraftWarning]:
    """A warning naming each sentence whose commitment no retrieved passage backs, or that the
    passages about it contradict."""
    # A customer's own words in their history are not evidence of what we offer.
    evidence = [p for p in passages if p.metadata.get("role") != "customer"]
    warnings, named = [], set()
    for promise in find_promises(reply):
        if (promise.sentence, promise.kind) in named:
            continue
        against = contradicted(promise, evidence)
        if against is None and is_backed(promise, evidence):
            continue
        named.add((promise.sentence, promise.kind))
        why = (
            f"the knowledge says otherwise about this {promise.kind} ({promise.term!r}): "
            f"{promise.sentence!r}; {against}"
            if against is not None
            else f"no retrieved passage backs this {promise.kind} ({promise.term!r}): {promise.sentence!r}"
        )
        warnings.append(DraftWarning(code="unsupported_promise", message=why))
    return warnings
