"""Summarise several sources honestly: what most say, what one says, each in reported speech."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drafter.compose.phrases import Voice
from drafter.compose.sentences import Unit
from drafter.text.sentiment import sentiment
from drafter.text.words import content_stems, content_words

_LEADING_MARKER = re.compile(
    r"^(?:(?:also|however|overall|sadly|unfortunately|luckily|fortunately|honestly|additionally|"
    r"in addition|plus|and|but|so|then|still|otherwise|on the other hand|that said|though|although|"
    r"the only (?:downside|thing|problem) (?:was|is)(?: that)?|i (?:have to|must|will|would) say(?: that)?|"
    r"i (?:think|thought|feel|felt|found|noticed|believe)(?: that)?)\b[\s,:]*)+",
    re.IGNORECASE,
)
_FIRST_PERSON = [
    (r"\bI'm\b", "they're"),
    (r"\bI am\b", "they are"),
    (r"\bI was\b", "they were"),
    (r"\bI've\b", "they've"),
    (r"\bI'd\b", "they'd"),
    (r"\bI'll\b", "they'll"),
    (r"\bwe're\b", "they're"),
    (r"\bwe've\b", "they've"),
    (r"\bwe'd\b", "they'd"),
    (r"\bI wasn't\b", "they weren't"),
    (r"\bI\b", "they"),
    (r"\bwe\b", "they"),
    (r"\bme\b", "them"),
    (r"\b[Uu]s\b", "them"),
    (r"\bmy\b", "their"),
    (r"\bour\b", "their"),
    (r"\bmyself\b", "themselves"),
    (r"\bourselves\b", "themselves"),
    (r"\bmine\b", "theirs"),
    (r"\bours\b", "theirs"),
]
# A review usually opens with "We" or "Our"; the upper-case "US" is a country, not "us".
_FIRST_PERSON_PATTERNS = [
    (re.compile(p) if "[Uu]" in p else re.compile(p, re.IGNORECASE), r) for p, r in _FIRST_PERSON
]
# "which" is left out: the clause after it has no subject of its own.
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|so|while|although|though)\s+|;\s+|\s+-\s+|,\s+but\s+")
# Words that open a phrase which cannot stand alone: a preposition or subordinator ("upon
# arriving"), or a verb whose subject stayed in the other clause ("was not cleaned").
_DEPENDENT_OPENERS_TEXT = (
    "upon after before while when whenever during with without for from in on at as since because "
    "if unless until to by of about like than whether which who whose where "
    "was were is are am be been being had has have did does do would could should will can may might "
    "must really also just then even still"
)
_DEPENDENT_OPENERS = frozenset(_DEPENDENT_OPENERS_TEXT.split())
# Openers of a subordinate part that a comma closes, leaving a main clause after it.
_SUBORDINATORS = frozenset(
    [
        "while",
        "although",
        "though",
        "when",
        "whenever",
        "after",
        "before",
        "since",
        "because",
        "if",
        "as",
        "once",
    ]
)
# A clause whose similarity to the question is this much below its whole sentence's lost the answer.
_CLAUSE_LOSS = 0.1
_MIN_CLAUSE_WORDS = 4
# Sentiment weaker than this (VADER compound) leans neither way.
NEUTRAL_POLARITY = 0.1
# Sentiment this strong (VADER compound) reads as a clear yes or no to the question.
CLEAR_POLARITY = 0.3
_LONG_CLAUSE_WORDS = 12
# A second opinion is quoted, and an exception named, only when it speaks to the question about
# as well as the best one: a review that praises something else neither adds nor disagrees.
QUOTE_MARGIN = 0.12
# An exception is named a little more readily: leaving out a dissent on topic would mislead.
EXCEPTION_MARGIN = 0.25
# How much being typical of the agreeing reviews counts, beside answering the question, in
# choosing the review a summary quotes (tuned on DSTC11 dev conversations).
TYPICAL_WEIGHT = 0.5
# Two reported clauses sharing this much of their wording say the same thing.
_SAME_CLAUSE_OVERLAP = 0.8


@dataclass
class OpinionSummary:
    """Opinions on one topic grouped by what they say."""

    agreeing: list[Unit]
    dissenting: list[Unit]
    answers_yes: bool


def polarity(text: str) -> float:
    """Sentiment of a sentence in [-1, 1]."""
    return sentiment(text)


def group_opinions(units: list[Unit], question: str) -> OpinionSummary:
    """Split opinions into the majority view and the exceptions, relative to the question."""
    # A question asked in the negative ("many complaints?") flips what a good review means.
    flip = polarity(question) < -0.2
    # A sentence with next to no sentiment ("we were not disturbed by any loud guests") cannot
    # be told to disagree: it is counted with the majority, never named as the exception.
    leans = [_lean(polarity(u.text), flip) for u in units]
    majority = 1 if leans.count(1) >= leans.count(-1) else -1
    agreeing = [u for u, lean in zip(units, leans, strict=True) if lean in (majority, 0)]
    dissenting = [u for u, lean in zip(units, leans, strict=True) if lean == -majority]
    return OpinionSummary(agreeing, dissenting, answers_yes=majority == 1)


def _lean(score: float, flip: bool) -> int:
    """1 for a yes to the question, -1 for a no, 0 for too little sentiment to tell."""
    if abs(score) < NEUTRAL_POLARITY:
        return 0
    return 1 if (score > 0) != flip else -1


ClauseScorer = Callable[[list[str], str], list[float]]
"""Similarity of each clause to the question (the composer's embedder)."""


def _best_clause(sentence: str, topic: str, scorer: ClauseScorer | None = None) -> str:
    """The part of a long sentence that speaks to the topic."""
    clauses = [c.strip(" ,") for c in _CLAUSE_SPLIT.split(sentence) if c.strip(" ,")]
    if len(clauses) <= 1 and len(sentence.split()) > _LONG_CLAUSE_WORDS:
        clauses = [c.strip() for c in sentence.split(", ") if c.strip()]
    if len(clauses) <= 1 and len(sentence.split()) > _LONG_CLAUSE_WORDS:
        clauses = [c.strip() for c in re.split(r"\s+(?:and|but|because|as)\s+", sentence) if c.strip()]
    clauses = [m for c in clauses if (m := _main_clause(c)) and len(m.split()) >= _MIN_CLAUSE_WORDS]
    if not clauses:
        return sentence
    wanted = content_stems(topic)
    if len(clauses) == 1:
        if len(sentence.split()) <= _LONG_CLAUSE_WORDS:
            return sentence
        # The one clause left may be the part that does not answer: then quote it all.
        if scorer is not None:
            whole, part = scorer([sentence, clauses[0]], topic)
            return clauses[0] if part >= whole - _CLAUSE_LOSS else sentence
        answers = wanted & content_stems(clauses[0])
        return clauses[0] if answers or not wanted & content_stems(sentence) else sentence
    shared = [len(wanted & content_stems(c)) for c in clauses]
    if scorer is not None:
        # Meaning first ("scenery" answers "view"); a shared word tips a near tie.
        similarity = scorer([sentence, *clauses], topic)
        best = max(range(len(clauses)), key=lambda i: similarity[i + 1] + 0.05 * shared[i])
        return clauses[best] if similarity[best + 1] >= similarity[0] - _CLAUSE_LOSS else sentence
    # Most topic words first; among equals the shorter clause reads better.
    best = max(range(len(clauses)), key=lambda i: (shared[i], -len(clauses[i])))
    return clauses[best]


def _main_clause(clause: str) -> str | None:
    """The clause itself when it stands alone; after a leading subordinate part ("While the
    noise was bad, I liked the view") its main part; otherwise None."""
    if _stands_alone(clause):
        return clause
    opening = _LEADING_MARKER.sub("", clause).split(maxsplit=1)
    if opening and opening[0].lower() in _SUBORDINATORS and ", " in clause:
        rest = clause.split(", ", 1)[1].strip()
        return rest if _stands_alone(rest) else None
    return None


def _stands_alone(clause: str) -> bool:
    """Whether a clause reads as a sentence of its own, judged by how it opens."""
    opening = _LEADING_MARKER.sub("", clause).split()
    if not opening:
        return False
    first = opening[0].lower().strip(",.;:")
    return first not in _DEPENDENT_OPENERS


def reported(sentence: str, topic: str, scorer: ClauseScorer | None = None) -> str:
    """A review sentence as reported speech: "the room was spotless" from "Our room was spotless!"."""
    clause = _best_clause(sentence.strip(), topic, scorer)
    clause = _LEADING_MARKER.sub("", clause).strip()
    for pattern, replacement in _FIRST_PERSON_PATTERNS:
        clause = pattern.sub(replacement, clause)
    clause = clause.rstrip(" .!?,;:")
    if clause[:1].isupper() and not clause[1:2].isupper():
        clause = clause[:1].lower() + clause[1:]
    return clause


def summarise_opinions(
    units: list[Unit],
    *,
    question: str,
    subject: str,
    yes_no: bool,
    voice: Voice,
    scorer: ClauseScorer | None = None,
) -> str:
    """One or two sentences that say what the sources say, majority first, exceptions named."""
    best = max((u.score for u in units), default=0.0)
    summary = group_opinions([u for u in units if u.score >= best - EXCEPTION_MARGIN], question)
    # All agreeing reviews count towards "most"; only those closest to the question are quoted.
    quoted = [u for u in summary.agreeing if u.score >= best - QUOTE_MARGIN] or summary.agreeing[:1]
    said = {id(u): reported(u.text, question, scorer) for u in summary.agreeing}
    major = _representative_first(
        _distinct([said[id(u)] for u in quoted]), list(said.values()), question, scorer
    )
    minor = _distinct([reported(u.text, question, scorer) for u in summary.dissenting])
    swapped = not major
    if swapped:
        major, minor = minor, []
    yes = ""
    # A plain yes or no only when the sources agree and clearly lean one way; otherwise report.
    clear = all(abs(polarity(u.text)) >= CLEAR_POLARITY for u in summary.agreeing)
    if yes_no and major and not minor and clear and not swapped:
        yes = voice.pick("answer_yes" if summary.answers_yes else "answer_no")
    values = {"subject": subject, "yes": yes}
    if minor and len(summary.agreeing) == len(summary.dissenting):
        text = voice.pick("mixed", first=major[0], rest=minor[0], **values)
    elif minor:
        text = voice.pick("majority_with_exception", first=major[0], rest=minor[0], **values)
    elif len(major) >= 2:
        text = voice.pick("all_agree_two", first=major[0], second=major[1], **values)
    elif len(summary.agreeing) >= 2 and voice.has("all_agree_many"):
        # Several agree but one says it best: quote it, and say it is not a lone voice.
        text = voice.pick("all_agree_many", first=major[0], **values)
    else:
        text = voice.pick("all_agree_one", first=major[0], **values)
    return text[:1].upper() + text[1:]


def _representative_first(
    clauses: list[str], agreeing: list[str], question: str, scorer: ClauseScorer | None
) -> list[str]:
    """The clauses in quoting order: answering the question, and saying what the other agreeing
    reviews say too, so "most reviews say" quotes a typical one rather than an outlier."""
    if scorer is None or len(clauses) < 2 or len(agreeing) < 2:
        return clauses
    relevance = scorer(clauses, question)
    typical = []
    for clause in clauses:
        others = [a for a in agreeing if a != clause]
        similarity = scorer(others, clause) if others else [0.0]
        typical.append(sum(similarity) / len(similarity))
    order = sorted(range(len(clauses)), key=lambda i: -(relevance[i] + TYPICAL_WEIGHT * typical[i]))
    return [clauses[i] for i in order]


def _distinct(clauses: list[str]) -> list[str]:
    """The clauses without empty ones and without one that repeats an earlier one's wording."""
    kept: list[str] = []
    for clause in clauses:
        words = set(content_words(clause))
        if not clause:
            continue
        if words and any(
            len(words & (seen := set(content_words(k)))) >= _SAME_CLAUSE_OVERLAP * min(len(words), len(seen))
            for k in kept
        ):
            continue
        kept.append(clause)
    return kept


def supporting_opinion(
    units: list[Unit], *, question: str, voice: Voice, scorer: ClauseScorer | None = None
) -> str:
    """One sentence of what reviews add to a direct answer."""
    text = voice.pick("also_from_reviews", first=reported(units[0].text, question, scorer))
    return text[:1].upper() + text[1:]
