"""Sentence-level evidence: split passages into answer units and score them against a question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from drafter.domain import Passage
from drafter.embeddings import Embedder
from drafter.retrieval.adapter import QueryAdapter
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, content_words, stem

UnitKind = Literal["answer", "opinion", "fact"]

_FAQ = re.compile(r"^\s*Q:\s*(?P<q>.+?)\s*\n\s*A:\s*(?P<a>.+?)\s*$", re.DOTALL)
_OPINION_TYPES = frozenset({"review", "opinion", "feedback", "testimonial", "comment"})
# The metadata field naming the product a document is about.
PRODUCT_KEY = "product"
# Documents written for agents, never quoted to a customer: what to ask is taken from them.
AGENT_DOC_TYPES = frozenset(
    {"macro", "guideline", "agent_guideline", "internal", "internal_note", "playbook", "procedure", "sop"}
)
_STEP_LINE = re.compile(r"^\s*(?:\d+[.)]|[-*\u2022])\s+")
_BOLD_QUESTION = re.compile(r"^\*\*[^*]{3,200}\?\*\*\s*")
# The yes or no opening an answer belongs to the question it answered.
_LEADING_VERDICT = re.compile(r"^\s*(?:yes|no)\b[\s,.!;:-]*", re.IGNORECASE)
_INTERNAL_MARKUP = re.compile(r"\[[^\]]{1,60}\]\s*")
_MIN_CHARS = 12
# A topic word found in more than this share of the candidate passages names the kind of thing
# asked about ("room", "food"), not the question; it is left out of the scoring.
BACKGROUND_SHARE = 0.5
# Below this many passages a shared word is as likely the answer's subject as the background.
BACKGROUND_MIN_PASSAGES = 8


@dataclass
class Unit:
    """A sentence (or FAQ answer) that can be quoted, with the passage it came from."""

    text: str
    passage: Passage
    kind: UnitKind
    match_text: str
    position: int
    score: float = 0.0
    is_step: bool = False
    shares_words: bool = False
    """Whether the unit shares a content word with the question, beyond product names."""


def passage_kind(passage: Passage) -> UnitKind:
    """answer for an FAQ entry, opinion for a review-like document, fact otherwise."""
    doc_type = str(passage.metadata.get("doc_type", "")).lower()
    if doc_type in _OPINION_TYPES:
        return "opinion"
    if doc_type == "faq" or _FAQ.match(passage.text):
        return "answer"
    return "fact"


def for_agents_only(passage: Passage) -> bool:
    """The document is marked as written for agents (`doc_type`, or `audience: agents`)."""
    doc_type = str(passage.metadata.get("doc_type", "")).lower()
    audience = str(passage.metadata.get("audience", "")).lower()
    return doc_type in AGENT_DOC_TYPES or audience in {"agent", "agents", "internal"}


def without_verdict(text: str) -> str:
    """The text without the "Yes," or "No," that opens it."""
    return _LEADING_VERDICT.sub("", text)


def sentences_and_steps(text: str) -> list[tuple[str, bool]]:
    """Sentences of a passage; list items are kept whole and flagged as steps."""
    found: list[tuple[str, bool]] = []
    for line in text.splitlines():
        is_step = bool(_STEP_LINE.match(line))
        line = _INTERNAL_MARKUP.sub("", _STEP_LINE.sub("", line)).strip().lstrip("#").strip()
        if not line:
            continue
        # A question in bold leading its answer ("**Can I pay later?** Yes, ...") is a heading,
        # and its yes or no answers that heading, not whatever the customer asked.
        unheaded = _BOLD_QUESTION.sub("", line)
        if unheaded != line:
            unheaded = without_verdict(unheaded)
            line = unheaded[:1].upper() + unheaded[1:]
        if not line:
            continue
        if is_step:
            found.append((line, True))
        else:
            found.extend((s, False) for s in sentences(line))
    return found


def units_of(passage: Passage) -> list[Unit]:
    """The quotable units of one passage."""
    kind = passage_kind(passage)
    faq = _FAQ.match(passage.text)
    if faq:
        answer = " ".join(faq.group("a").split())
        return [Unit(answer, passage, "answer", f"{faq.group('q')} {answer}", 0)]
    # A step such as "Open your order." only says what it is for through its section heading.
    section = passage.metadata.get("section")
    heading = f"{passage.title} - {section}" if kind == "fact" and section else ""
    units = []
    for position, (sentence, is_step) in enumerate(sentences_and_steps(passage.text)):
        if len(sentence) >= _MIN_CHARS and not sentence.endswith(":"):
            match_text = f"{heading}: {sentence}" if heading else sentence
            units.append(Unit(sentence, passage, kind, match_text, position, is_step=is_step))
    return units


def lexical_overlap(topic: str, text: str, *, ignore: frozenset[str] = frozenset()) -> float:
    """Share of the topic's content words (by stem) that the text contains."""
    wanted = content_stems(topic) - ignore
    if not wanted:
        return 0.0
    return len(wanted & content_stems(text)) / len(wanted)


def strip_names(text: str, names: list[str]) -> str:
    """The text with the subject names removed, so they do not decide similarity."""
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def salient_topic(topic: str, units: list[Unit], *, max_share: float | None = None) -> str:
    """The topic without words most of the passages share (the kind of thing, not the question)."""
    words = content_words(topic)
    passages: dict[str, set[str]] = {}
    for unit in units:
        passages.setdefault(unit.passage.chunk_id, set()).update(stem(w) for w in content_words(unit.text))
    if len(passages) < BACKGROUND_MIN_PASSAGES:
        return topic
    share = {w: sum(stem(w) in seen for seen in passages.values()) / len(passages) for w in words}
    limit = BACKGROUND_SHARE if max_share is None else max_share
    kept = [w for w in words if share[w] <= limit]
    return " ".join(kept) if kept else topic


def score_units(
    units: list[Unit],
    topic: str,
    *,
    embedder: Embedder,
    names: list[str],
    lexical_weight: float,
    adapter: QueryAdapter | None = None,
) -> None:
    """Set each unit's score: cosine similarity to the topic plus a lexical-overlap bonus."""
    if not units:
        return
    clean_topic = salient_topic(strip_names(topic, names), units)
    texts = [clean_topic] + [strip_names(u.match_text, names) for u in units]
    vectors = embedder.embed(texts)
    query = adapter.apply(vectors[0]) if adapter is not None else vectors[0]
    cosines = vectors[1:] @ query
    # A product's name says which thing, not what about it: "return the lamp" shares "lamp" with
    # every lamp sentence, and only "return" with the answer.
    products = frozenset(
        stem(w) for u in units for w in content_words(str(u.passage.metadata.get(PRODUCT_KEY, "")))
    )
    for unit, cosine in zip(units, np.asarray(cosines, dtype=float), strict=True):
        overlap = lexical_overlap(clean_topic, unit.match_text, ignore=products)
        unit.score = float(cosine) + lexical_weight * overlap
        unit.shares_words = overlap > 0


@dataclass(frozen=True)
class Thresholds:
    """Minimum scores for a unit to count as answering the question, by kind."""

    answer: float = 0.60
    opinion: float = 0.25
    opinion_margin: float = 0.30
    """Opinions must also score within this margin of the best one."""
    fact: float = 0.45
    fact_unworded: float = 0.60
    """A fact sharing no word with the question beyond the product's name must score this much:
    "switch the lamp off and on" is close to "return the lamp" only through the lamp."""
    supporting_opinion: float = 0.40
    """With a direct answer found, opinions must reach this score to be added."""
    max_opinions: int = 6
    max_facts: int = 3
    related_answer: float = 0.40
    """An FAQ answer below `answer` but this close, from a passage the retriever ranked near its
    best, is quoted as related information (without its yes or no, which answered another question)."""
    passage_margin: float = 0.10
    """Passages the retriever scored this far below its best are not read at all: its ranking,
    tuned per tenant, knows better than one sentence's wording which sources answer."""


# A second FAQ answer is quoted when it scores this close to the best one.
ANSWER_WINDOW = 0.03
ANSWER_WINDOW_RANKED = 0.10


@dataclass
class Evidence:
    """The units chosen to answer one question."""

    answers: list[Unit]
    opinions: list[Unit]
    facts: list[Unit]
    related: list[Unit] = field(default_factory=list)
    """FAQ answers to a neighbouring question, worth quoting without their yes or no."""

    @property
    def empty(self) -> bool:
        """Nothing answers the question."""
        return not (self.answers or self.opinions or self.facts or self.related)

    def passages(self) -> list[Passage]:
        """The passages whose sentences are used, in order of use, without repeats."""
        seen: dict[str, Passage] = {}
        for unit in [*self.answers, *self.facts, *self.opinions, *self.related]:
            seen.setdefault(unit.passage.chunk_id, unit.passage)
        return list(seen.values())


def _best_per_passage(units: list[Unit]) -> list[Unit]:
    best: dict[str, Unit] = {}
    for unit in units:
        kept = best.get(unit.passage.chunk_id)
        if kept is None or unit.score > kept.score:
            best[unit.passage.chunk_id] = unit
    return sorted(best.values(), key=lambda u: (-u.score, u.passage.chunk_id))


def _fact_answers(unit: Unit, thresholds: Thresholds) -> bool:
    floor = thresholds.fact if unit.shares_words else thresholds.fact_unworded
    return unit.kind == "fact" and unit.score >= floor


def select_evidence(units: list[Unit], thresholds: Thresholds, *, ranked: bool = False) -> Evidence:
    """The units that answer the question: the best FAQ answer, agreeing opinions, top facts.

    `ranked`: the units come only from passages the retriever ranked near its best, so its
    judgement stands in for the relative floors a sentence's own wording would need.
    """
    candidates = _best_per_passage([u for u in units if u.kind == "answer"])
    answers = [u for u in candidates if u.score >= thresholds.answer]
    near_misses = [u for u in candidates if thresholds.related_answer <= u.score < thresholds.answer]
    related = near_misses[:1] if ranked else []
    window = ANSWER_WINDOW_RANKED if ranked else ANSWER_WINDOW
    answers = [u for u in answers if u.score >= answers[0].score - window][:2] if answers else []
    opinions = _best_per_passage([u for u in units if u.kind == "opinion"])
    floor = max(thresholds.opinion, opinions[0].score - thresholds.opinion_margin) if opinions else 0.0
    if ranked:
        floor = thresholds.opinion
    elif answers:
        floor = max(floor, thresholds.supporting_opinion)
    opinions = [u for u in opinions if u.score >= floor][: thresholds.max_opinions]
    facts = sorted((u for u in units if _fact_answers(u, thresholds)), key=lambda u: -u.score)
    if facts and facts[0].is_step:
        # A matching step pulls in its whole procedure, in the document's order.
        source = facts[0].passage.chunk_id
        facts = [u for u in units if u.passage.chunk_id == source and u.is_step]
    else:
        facts = sorted(facts[: thresholds.max_facts], key=lambda u: (u.passage.chunk_id, u.position))
    return Evidence(answers=answers, opinions=opinions, facts=facts, related=related)
