"""Resolution graders: questions addressed, grounded claims, next steps, follow-up, honest negative,
and similarity to a human reference reply."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from rouge_score import rouge_scorer

from drafter.graders.base import Grade, GradeInput, clamp
from drafter.text.asks import split_asks
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, overlap

# A reply sentence sharing this share of a source's content words is taken as said by it.
SUPPORT_OVERLAP = 0.6
SUPPORT_COSINE = 0.62
ADDRESSED_OVERLAP = 0.3
ADDRESSED_COSINE = 0.42

_STEPS = re.compile(
    r"(^|\n)\s*\d+[.)]\s|\b(you can|to do this|go to|open|click|tap|sign in|select|choose|reply with|send us|"
    r"i('ve| have) (sent|issued|started|arranged|booked|updated|refunded)|i('ll| will)|we('ll| will))\b",
    re.I,
)
_FOLLOW_UP = re.compile(
    r"\b(?:(let me know|anything else|reach out|get back to|follow up|reply to this|just reply|here to help|"
    r"happy to help|feel free|keep you (posted|updated)|check back|write back|if .{0,40} (still|again)|"
    r"any (other|more) questions)\b|"
    # An offer to go on, asked as a question, invites the reply just as well.
    r"(would|do) you (like|want)[^.?!]{0,60}\?|shall i[^.?!]{0,60}\?|can i help[^.?!]{0,60}\?)",
    re.I,
)
_PROMISE = re.compile(
    r"\b(guarantee\w*|definitely|certainly will|always|we('ll| will) (refund|replace|send|cover|waive)|"
    r"you('ll| will) (get|receive) (a )?(full )?(refund|replacement)|free of charge|no problem at all)\b",
    re.I,
)
_NOT_A_CLAIM = re.compile(
    r"^(hi|hello|hey|dear|thanks|thank you|kind regards|best|cheers|sorry|i'm sorry|i understand|"
    r"i completely understand|i can see|i know|anything else|let me know|is there anything)\b",
    re.I,
)


def _cosines(g: GradeInput, texts: list[str], sources: list[str]) -> np.ndarray | None:
    if g.embedder is None or not texts or not sources:
        return None
    vectors = g.embedder.embed(texts + sources)
    a, b = vectors[: len(texts)], vectors[len(texts) :]
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
    return np.asarray(a @ b.T)


def _unmatched(
    g: GradeInput, texts: list[str], targets: list[str], min_overlap: float, min_cosine: float
) -> list[str]:
    """The texts no target matches, by shared content words or by embedding similarity."""
    cos = _cosines(g, texts, targets)
    missed = []
    for i, text in enumerate(texts):
        lexical = max((overlap(text, t) for t in targets), default=0.0)
        semantic = float(cos[i].max()) if cos is not None and cos.size else 0.0
        if lexical < min_overlap and semantic < min_cosine:
            missed.append(text)
    return missed


def questions_addressed(g: GradeInput) -> Grade:
    """Every question and request in the ticket gets an answer sentence."""
    asks = [a.text for a in split_asks(g.ticket.text)]
    if not asks:
        return Grade("questions_addressed", 1.0, "no explicit question", "questions_addressed@1")
    missed = _unmatched(g, asks, sentences(g.reply, min_chars=2), ADDRESSED_OVERLAP, ADDRESSED_COSINE)
    score = 1 - len(missed) / len(asks)
    why = f"{len(asks) - len(missed)} of {len(asks)} asks answered" + (
        f"; missed: {missed[0]!r}" if missed else ""
    )
    return Grade("questions_addressed", round(score, 3), why, "questions_addressed@1")


def claims_of(reply: str) -> list[str]:
    """The reply's factual sentences: not greetings, sign-offs, acknowledgements or questions."""
    return [
        s
        for s in sentences(reply, min_chars=2)
        if not s.endswith("?") and not _NOT_A_CLAIM.match(s) and len(content_stems(s)) >= 3
    ]


def grounded_claims(g: GradeInput) -> Grade:
    """Share of factual sentences supported by the retrieved, cited or gold knowledge."""
    claims = claims_of(g.reply)
    sources = [p.text for p in g.knowledge + g.cited] + g.gold
    if g.profile is not None:
        sources.append(g.profile.model_dump_json())
    if not claims:
        return Grade("grounded_claims", 1.0, "no factual claims", "grounded@1")
    unsupported = _unmatched(g, claims, sources, SUPPORT_OVERLAP, SUPPORT_COSINE)
    score = 1 - len(unsupported) / len(claims)
    why = f"{len(claims) - len(unsupported)} of {len(claims)} claims supported" + (
        f"; unsupported: {unsupported[0][:80]!r}" if unsupported else ""
    )
    return Grade("grounded_claims", round(score, 3), why, "grounded@1")


def next_steps(g: GradeInput) -> Grade:
    """Concrete next steps: numbered steps, an action taken, or what the customer can do."""
    hit = _STEPS.search(g.reply)
    asks_back = any(s.endswith("?") for s in sentences(g.reply, min_chars=2)[:-1])
    score = 1.0 if hit else (0.6 if asks_back else 0.3)
    why = (
        f"next step: {hit.group(0).strip()!r}"
        if hit
        else ("asks for what is needed" if asks_back else "no next step")
    )
    return Grade("next_steps", score, why, "next_steps@1")


def follow_up(g: GradeInput) -> Grade:
    """An invitation or promise to follow up."""
    hit = _FOLLOW_UP.search(g.reply)
    return Grade(
        "follow_up",
        1.0 if hit else 0.0,
        f"follow-up: {hit.group(0)!r}" if hit else "no follow-up",
        "follow_up@2",
    )


def honest_negative(g: GradeInput) -> Grade:
    """No promise the knowledge does not back (guarantees, refunds, 'always')."""
    sources = " ".join([p.text for p in g.knowledge + g.cited] + g.gold)
    unbacked = [
        m.group(0)
        for s in sentences(g.reply, min_chars=2)
        for m in _PROMISE.finditer(s)
        if overlap(s, sources) < SUPPORT_OVERLAP
    ]
    score = clamp(1 - 0.5 * len(unbacked))
    why = f"unbacked promises: {', '.join(unbacked)}" if unbacked else "no unbacked promise"
    return Grade("honest_negative", score, why, "honest_negative@1")


@lru_cache(maxsize=1)
def _rouge() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)


def rouge_l(reply: str, reference: str) -> float:
    """ROUGE-L F-measure."""
    return float(_rouge().score(reference, reply)["rougeL"].fmeasure)


def reference_similarity(g: GradeInput) -> list[Grade]:
    """ROUGE-L and embedding cosine against the human reference reply, when there is one."""
    if not g.reference:
        return []
    grades = [
        Grade(
            "rouge_l", round(rouge_l(g.reply, g.reference), 4), "ROUGE-L F against the reference", "rouge_l@1"
        )
    ]
    cos = _cosines(g, [g.reply], [g.reference])
    if cos is not None:
        value = clamp(float(cos[0, 0]))
        grades.append(
            Grade("semantic_similarity", round(value, 4), "MiniLM cosine to the reference", "semantic@1")
        )
    return grades
