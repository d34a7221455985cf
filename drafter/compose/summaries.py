"""Summarise several sources honestly: what most say, what one says, each in reported speech."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from drafter.compose.phrases import PhraseBank
from drafter.compose.questions import content_words
from drafter.compose.sentences import Unit

_ANALYZER = SentimentIntensityAnalyzer()
_LEADING_MARKER = re.compile(
    r"^(?:(?:also|however|overall|sadly|unfortunately|luckily|fortunately|honestly|additionally|"
    r"in addition|plus|and|but|so|then|still|otherwise|on the other hand|that said|"
    r"the only (?:downside|thing|problem) (?:was|is)(?: that)?|i (?:have to|must|will|would) say(?: that)?|"
    r"i (?:think|thought|feel|felt|found|noticed|believe)(?: that)?)\b[\s,:]*)+",
    re.IGNORECASE,
)
_FIRST_PERSON = [
    (r"\bI'm\b", "they're"), (r"\bI am\b", "they are"), (r"\bI was\b", "they were"),
    (r"\bI've\b", "they've"), (r"\bI'd\b", "they'd"), (r"\bI'll\b", "they'll"),
    (r"\bwe're\b", "they're"), (r"\bwe've\b", "they've"), (r"\bwe'd\b", "they'd"),
    (r"\bI wasn't\b", "they weren't"), (r"\bI\b", "they"), (r"\bi\b", "they"), (r"\bwe\b", "they"),
    (r"\bme\b", "them"),
    (r"\bus\b", "them"), (r"\bmy\b", "their"), (r"\bour\b", "their"), (r"\bmyself\b", "themselves"),
    (r"\bourselves\b", "themselves"), (r"\bmine\b", "theirs"), (r"\bours\b", "theirs"),
]
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|so|while|although|though|which)\s+|;\s+|\s+-\s+|,\s+but\s+")
_MIN_CLAUSE_WORDS = 4
_LONG_CLAUSE_WORDS = 12


@dataclass
class OpinionSummary:
    """Opinions on one topic grouped by what they say."""

    agreeing: list[Unit]
    dissenting: list[Unit]
    answers_yes: bool


def polarity(text: str) -> float:
    """Sentiment of a sentence in [-1, 1]."""
    return float(_ANALYZER.polarity_scores(text)["compound"])


def group_opinions(units: list[Unit], question: str) -> OpinionSummary:
    """Split opinions into the majority view and the exceptions, relative to the question."""
    # A question asked in the negative ("many complaints?") flips what a good review means.
    flip = polarity(question) < -0.2
    yes = [u for u in units if (polarity(u.text) >= 0) != flip]
    no = [u for u in units if (polarity(u.text) >= 0) == flip]
    if len(yes) >= len(no):
        return OpinionSummary(yes, no, answers_yes=True)
    return OpinionSummary(no, yes, answers_yes=False)


def _best_clause(sentence: str, topic: str) -> str:
    """The part of a long sentence that speaks to the topic."""
    clauses = [c.strip(" ,") for c in _CLAUSE_SPLIT.split(sentence) if c.strip(" ,")]
    if len(clauses) <= 1 and len(sentence.split()) > _LONG_CLAUSE_WORDS:
        clauses = [c.strip() for c in sentence.split(", ") if c.strip()]
    if len(clauses) <= 1 and len(sentence.split()) > _LONG_CLAUSE_WORDS:
        clauses = [c.strip() for c in re.split(r"\s+(?:and|but|because|as)\s+", sentence) if c.strip()]
    clauses = [c for c in clauses if len(c.split()) >= _MIN_CLAUSE_WORDS]
    if len(clauses) <= 1:
        return sentence
    wanted = {w[:5] for w in content_words(topic)}
    # Most topic words first; among equals the shorter clause reads better.
    return max(clauses, key=lambda c: (len(wanted & {w[:5] for w in content_words(c)}), -len(c)))


def reported(sentence: str, topic: str) -> str:
    """A review sentence as reported speech: "the room was spotless" from "Our room was spotless!"."""
    clause = _best_clause(sentence.strip(), topic)
    clause = _LEADING_MARKER.sub("", clause).strip()
    for pattern, replacement in _FIRST_PERSON:
        clause = re.sub(pattern, replacement, clause)
    clause = clause.rstrip(" .!?,;:")
    if clause[:1].isupper() and not clause[1:2].isupper():
        clause = clause[:1].lower() + clause[1:]
    return clause


def summarise_opinions(
    units: list[Unit], *, question: str, subject: str, yes_no: bool, bank: PhraseBank, seed: str
) -> str:
    """One or two sentences that say what the sources say, majority first, exceptions named."""
    summary = group_opinions(units, question)
    major = [reported(u.text, question) for u in summary.agreeing]
    minor = [reported(u.text, question) for u in summary.dissenting]
    yes = ""
    if yes_no and major and len(major) > len(minor):
        yes = bank.pick("answer_yes" if summary.answers_yes else "answer_no", seed)
    values = {"subject": subject, "yes": yes}
    if minor and len(major) == len(minor):
        text = bank.pick("mixed", seed, first=major[0], rest=minor[0], **values)
    elif minor:
        text = bank.pick("majority_with_exception", seed, first=major[0], rest=minor[0], **values)
    elif len(major) >= 2:
        text = bank.pick("all_agree_two", seed, first=major[0], second=major[1], **values)
    else:
        text = bank.pick("all_agree_one", seed, first=major[0], **values)
    return text[:1].upper() + text[1:]


def supporting_opinion(units: list[Unit], *, question: str, bank: PhraseBank, seed: str) -> str:
    """One sentence of what reviews add to a direct answer."""
    text = bank.pick("also_from_reviews", seed, first=reported(units[0].text, question))
    return text[:1].upper() + text[1:]
