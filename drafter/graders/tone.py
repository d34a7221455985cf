"""Tone graders: politeness, empathy, clarity, no blame, personalization, language match."""

from __future__ import annotations

import re

from drafter.graders.base import Grade, GradeInput, clamp
from drafter.graders.empathy_features import designed_empathy, mechanisms, upset
from drafter.graders.learned import LearnedModel, features
from drafter.graders.politeness_features import present_cues
from drafter.text.language import MIN_LANGUAGE_WORDS, customer_messages, detect_language, ticket_language
from drafter.text.readability import flesch_reading_ease
from drafter.text.sentences import sentences
from drafter.text.words import words

# A customer this upset or more gets empathy graded; below, only gushing is marked down.
UPSET = 0.3
_ACKNOWLEDGE = re.compile(
    r"\b(sorry|apologi[sz]e|understand|frustrat|disappoint|inconvenien|annoy|upset|must be|i hear you|"
    r"that's not|not what you|completely fair|fair to|thanks? for (your )?patience|"
    r"thank you for (your )?patience)\w*",
    re.I,
)
_BLAME = re.compile(
    r"\b(you should have|you failed|your fault|you didn't|you did not|"
    r"as (i|we) (already )?(said|told|mentioned)|"
    r"you were supposed|it is not our|it's not our|we are not responsible|not our problem|you must have)\b",
    re.I,
)
_JARGON = re.compile(
    r"\b(pursuant|aforementioned|heretofore|hereby|per our|escalat\w+ matrix|sla|rma|tier[- ]?\d|ticket id|"
    r"backend|frontend|api|cache|sku|eta|kb\d*|synchroni[sz]\w+|provision\w*)\b",
    re.I,
)


def politeness(g: GradeInput, model: LearnedModel) -> Grade:
    """A learned model over politeness strategies and the reply's word-piece vectors."""
    assert g.vectors is not None, "the graders' word-piece vectors"
    score = model.score(features(model.features, g, g.vectors))
    cues = present_cues(g.reply)
    return Grade("politeness", round(score, 3), f"cues: {', '.join(cues) or 'none'}", model.ref)


EMPATHY_DESIGNED = "empathy@2"
CALM_ASK = "calm customer, no acknowledgement needed"
"""How an empathy grade on a calm ticket starts: the score still says how much empathy the reply
shows (so it can be compared with people's), but a scorecard need not ask for more."""


def empathy(g: GradeInput, model: LearnedModel | None = None) -> Grade:
    """Empathy shown (reacting to the feeling, showing understanding, asking about the situation),
    in proportion to how upset the customer is: a calm ask needs no sympathy and gushing reads as
    scripted. A team's fitted model, when it has one, replaces the designed weights."""
    if model is not None:
        assert g.vectors is not None, "the graders' word-piece vectors"
        shown, ref = model.score(features(model.features, g, g.vectors)), model.ref
    else:
        shown, ref = designed_empathy(g.reply, g.ticket.text), EMPATHY_DESIGNED
    used = mechanisms(g.reply)
    how = ", ".join(used) if used else "no acknowledgement"
    if upset(g.ticket.text) >= UPSET:
        return Grade("empathy", round(shown, 3), f"upset customer; {how}", ref)
    heavy = len(_ACKNOWLEDGE.findall(g.reply)) >= 3
    score = min(shown, 0.4) if heavy else shown
    why = ("calm customer; heavy sympathy for a calm ask" if heavy else f"{CALM_ASK}; {how}")
    return Grade("empathy", round(score, 3), why, ref)


def clarity(g: GradeInput) -> Grade:
    """Readability (Flesch), sentence length and jargon."""
    found = sentences(g.reply, min_chars=2)
    lengths = [len(words(s)) for s in found] or [0]
    mean_len = sum(lengths) / len(lengths)
    ease = flesch_reading_ease(g.reply)
    jargon = sorted({m.group(0).lower() for m in _JARGON.finditer(g.reply)})
    score = 0.5 * clamp((ease - 20) / 50) + 0.35 * clamp(1 - max(0.0, mean_len - 18) / 17) + 0.15
    score -= 0.1 * len(jargon)
    why = f"reading ease {ease:.0f}, {mean_len:.0f} words per sentence" + (
        f", jargon: {', '.join(jargon)}" if jargon else ""
    )
    return Grade("clarity", round(clamp(score), 3), why, "clarity@1")


def no_blame(g: GradeInput) -> Grade:
    """No blaming the customer, no defensiveness."""
    hits = sorted({m.group(0).lower() for m in _BLAME.finditer(g.reply)})
    score = clamp(1 - 0.5 * len(hits))
    return Grade(
        "no_blame", score, f"blaming phrases: {', '.join(hits)}" if hits else "no blame", "no_blame@1"
    )


def personalization(g: GradeInput) -> Grade:
    """True facts from the customer's record: their name, orders, products."""
    profile = g.profile
    if profile is None:
        return Grade("personalization", None, "no customer record to personalise from", "personalization@2")
    facts = []
    first = (profile.name or "").split()[0] if profile.name else ""
    if first and re.search(rf"\b{re.escape(first)}\b", g.reply):
        facts.append("name")
    for order in profile.orders:
        if order.order_id in g.reply or any(item.lower() in g.reply.lower() for item in order.items if item):
            facts.append(f"order {order.order_id}")
            break
    if any(p.lower() in g.reply.lower() for p in profile.products if p):
        facts.append("product")
    score = 0.4 + 0.3 * len(facts) if facts else 0.2
    return Grade(
        "personalization",
        round(clamp(score), 3),
        f"uses: {', '.join(facts) or 'nothing from the record'}",
        "personalization@2",
    )


def language_match(g: GradeInput) -> Grade:
    """The reply is in the customer's language."""
    said = " ".join([g.ticket.text, *customer_messages(g.ticket)])
    if not g.ticket.language and len(said.split()) < MIN_LANGUAGE_WORDS:
        return Grade("language_match", None, "ticket too short to tell its language", "language_match@3")
    wanted = g.ticket.language or ticket_language(g.ticket)
    got = detect_language(g.reply)
    return Grade(
        "language_match", 1.0 if got == wanted else 0.0, f"ticket {wanted}, reply {got}", "language_match@3"
    )
