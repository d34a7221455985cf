"""Resolution graders: questions addressed, grounded claims, next steps, follow-up, honest negative,
and similarity to a human reference reply."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from rouge_score import rouge_scorer

from drafter.graders.base import Grade, GradeInput, clamp
from drafter.safety.contradiction import about_the_same, contradiction, judge, read
from drafter.text.asks import split_asks
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, overlap

# A reply sentence sharing this share of a source's content words is taken as said by it.
SUPPORT_OVERLAP = 0.6
# Word-piece vector cosine of a claim and a source sentence: below the first unrelated, at the
# second saying the same thing in other words.
SUPPORT_COSINE = (0.7, 0.95)
# Cosine from which a source sentence is taken to speak of the claim's subject, to weigh what it says.
ABOUT_COSINE = (0.5, 0.8)
# Near in vectors counts for less than the same words: a sentence that states the claim outweighs
# one that merely reads like it.
ABOUT_WEIGHT = 0.8
# How far the knowledge sentences about a yes/no question must lean one way (-1 to 1, each weighed
# by how much it is about the question) to count as answering it: three to one.
CLEAR_ANSWER = 0.5
ADDRESSED_OVERLAP = 0.3
# Word-piece vector cosine of an ask and its answer: below the first nothing, at the second fully.
ADDRESSED_COSINE = (0.5, 0.9)

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
_GREETING = re.compile(r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,.!]?$", re.I)
_YES = {"yes", "yeah", "yep", "sure", "absolutely", "indeed", "certainly", "correct"}
_YES_NO = re.compile(
    r"^\W*(yes|yeah|yep|sure|absolutely|indeed|certainly|correct|no|nope|unfortunately not)\b", re.I
)
_YES_NO_QUESTION = re.compile(
    r"^\W*(?:\w+,\s*)?(is|are|was|were|do|does|did|can|could|will|would|has|have|should|may)\b", re.I
)
_NOT_A_CLAIM = re.compile(
    r"^(hi|hello|hey|dear|thanks|thank you|kind regards|best|cheers|sorry|i'm sorry|i understand|"
    r"i completely understand|i can see|i know|anything else|let me know|is there anything)\b",
    re.I,
)


def _cosines(g: GradeInput, texts: list[str], sources: list[str]) -> np.ndarray | None:
    if g.vectors is None or not texts or not sources:
        return None
    vectors = g.vectors.embed(texts + sources)
    return np.asarray(vectors[: len(texts)] @ vectors[len(texts) :].T)


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'\u2019&-]*(?:\s+[A-Z][\w'\u2019&-]*)*")


def without_names(text: str) -> str:
    """The text less the names in it (capitalised words after the first): a reply about the
    same hotel shares its name with every question about it, whatever it answers."""
    stripped = _NAME.sub(" ", text).strip()
    return stripped if content_stems(stripped) else text


def questions_addressed(g: GradeInput) -> Grade:
    """Every question and request in the ticket gets an answer sentence: the share of asks answered,
    each by its best sentence's word overlap or vector similarity (partly when only near), names
    left out of both."""
    asks = [a.text for a in split_asks(g.ticket.text)]
    if not asks:
        return Grade("questions_addressed", None, "no explicit question to answer", "questions_addressed@3")
    said = sentences(g.reply, min_chars=2)
    bare_asks = [without_names(a) for a in asks]
    bare_said = [without_names(s) for s in said]
    cos = _cosines(g, bare_asks, bare_said)
    credit, missed = [], []
    for i, ask in enumerate(asks):
        lexical = max((overlap(bare_asks[i], s) for s in bare_said), default=0.0)
        semantic = float(cos[i].max()) if cos is not None and cos.size else 0.0
        low, high = ADDRESSED_COSINE
        value = max(clamp(lexical / ADDRESSED_OVERLAP), clamp((semantic - low) / (high - low)))
        credit.append(value)
        if value < 1.0:
            missed.append(ask)
    score = sum(credit) / len(asks)
    why = f"{len(asks) - len(missed)} of {len(asks)} asks answered" + (
        f"; not clearly answered: {missed[0]!r}" if missed else ""
    )
    return Grade("questions_addressed", round(score, 3), why, "questions_addressed@3")


def claims_of(reply: str) -> list[str]:
    """The reply's factual sentences: not greetings, sign-offs, acknowledgements or questions. A
    sentence that opens with an apology or thanks ("I'm sorry, opened items cannot be refunded")
    counts from the words after it."""
    found = []
    for s in sentences(reply, min_chars=2):
        if s.endswith("?"):
            continue
        if _NOT_A_CLAIM.match(s):
            _, comma, rest = s.partition(",")
            if not comma:
                _, comma, rest = s.partition(";")
            s = rest.strip() if comma else ""
        if len(content_stems(s)) >= 3:
            found.append(s)
    return found


def _answer_check(g: GradeInput, source_sentences: list[str], focus: frozenset[str]) -> str | None:
    """A plain yes or no that the knowledge, or the reply's own next words, say the opposite of."""
    said = sentences(g.reply, min_chars=1)
    opening = next((s for s in said if not _GREETING.match(s)), "")
    answer = _YES_NO.match(opening)
    question = next((a.text for a in split_asks(g.ticket.text) if _YES_NO_QUESTION.match(a.text)), None)
    if answer is None or question is None:
        return None
    says_yes = answer.group(1).lower() in _YES
    rest = opening[answer.end() :].strip(" ,.!")
    if len(content_stems(rest)) >= 2 and about_the_same(rest, question):
        # "No, the rooms are quiet" answers no and then says yes.
        rest_yes = contradiction(rest, question) is None
        if rest_yes != says_yes:
            return f"answers {answer.group(1)!r}, then says the opposite: {opening[:80]!r}"
    verdict = judge(without_names(question), source_sentences, focus=focus)
    if verdict.aligned and abs(verdict.stance) >= CLEAR_ANSWER:
        knowledge_yes = verdict.agreeing > verdict.contradicting
        if knowledge_yes != says_yes:
            return f"answers {answer.group(1)!r} where the knowledge says {'yes' if knowledge_yes else 'no'}"
    return None


def _scaled(cos: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    low, high = bounds
    return np.clip((cos - low) / (high - low), 0.0, 1.0)


def grounded_claims(g: GradeInput) -> Grade:
    """How far the knowledge backs the reply's factual sentences: each claim's support (its words,
    or a source sentence near it in meaning) weighed by whether the sources about it say the same
    or the opposite (a reversed answer, another figure, date or duration, the other side of a
    rule, the opposite feeling)."""
    claims = claims_of(g.reply)
    sources = [p.text for p in g.knowledge + g.cited] + g.gold
    if g.profile is not None:
        sources.append(g.profile.model_dump_json())
    source_sentences = [s for text in sources for s in sentences(text, min_chars=2)]
    # What the ticket asks about, less the names of what it asks it of: the clauses that speak of
    # it decide a claim's side, and the knowledge sentences that speak of it are about the claim.
    focus = frozenset().union(*(read(without_names(a.text)).topic for a in split_asks(g.ticket.text)))
    answer_problem = _answer_check(g, source_sentences, focus)
    if not claims and answer_problem is None:
        return Grade("grounded_claims", None, "no factual claims", "grounded@4")
    # A leading yes or no answers the question; the answer check weighs it, not the claim.
    stripped = [_YES_NO.sub("", said).lstrip(" ,") or said for said in claims]
    cos = _cosines(g, stripped, source_sentences)
    if cos is None:
        cos = np.zeros((len(stripped), len(source_sentences)))
    near, about = _scaled(cos, SUPPORT_COSINE), _scaled(cos, ABOUT_COSINE)
    credits: list[float] = []
    unsupported, contradicted = [], []
    for i, claim in enumerate(stripped):
        verdict = judge(claim, source_sentences, list(about[i] * ABOUT_WEIGHT), focus)
        lexical = max((overlap(claim, t) for t in sources), default=0.0)
        support = max(clamp(lexical / SUPPORT_OVERLAP), float(near[i].max()) if near.size else 0.0)
        credits.append(support * (1 + verdict.stance) / 2)
        if verdict.contradicted:
            contradicted.append(f"{claim[:80]!r} ({verdict.reason})")
        elif support < 1.0:
            unsupported.append(claim)
    if answer_problem is not None:
        contradicted.append(answer_problem)
        credits.append(0.0)

    score = sum(credits) / len(credits)
    backed = sum(c >= 0.5 for c in credits)
    why = f"{backed} of {len(credits)} claims backed"
    if contradicted:
        why += f"; contradicted: {contradicted[0]}"
    elif unsupported:
        why += f"; not clearly in the knowledge: {unsupported[0][:80]!r}"
    return Grade("grounded_claims", round(score, 3), why, "grounded@4")


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
    if g.embedder is not None:
        reply, reference = g.embedder.embed([g.reply, g.reference])
        value = clamp(float(reply @ reference))
        grades.append(
            Grade("semantic_similarity", round(value, 4), "MiniLM cosine to the reference", "semantic@1")
        )
    return grades
