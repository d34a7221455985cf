"""Tone graders: politeness, empathy, clarity, no blame, personalization, language match."""

from __future__ import annotations

import math
import re

from drafter.graders.base import Grade, GradeInput, clamp
from drafter.text.language import MIN_LANGUAGE_WORDS, customer_messages, detect_language, ticket_language
from drafter.text.readability import flesch_reading_ease
from drafter.text.sentences import sentences
from drafter.text.sentiment import sentiment
from drafter.text.words import FUNCTION_WORDS, words

_POLITE = {
    "gratitude": re.compile(r"\b(thanks?|thank you|appreciate|grateful)\b", re.I),
    "please": re.compile(r"\bplease\b", re.I),
    "apology": re.compile(r"\b(sorry|apologi[sz]e|apologies|regret)\b", re.I),
    "hedge": re.compile(
        r"\b(could you|would you|would it|might|perhaps|possibly|i think|i believe|maybe)\b", re.I
    ),
    "greeting": re.compile(r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening))\b", re.I),
    "deference": re.compile(r"\b(great question|good point|happy to|glad to|of course|certainly)\b", re.I),
    "praise_opening": re.compile(r"^\W*(great|nice|good|excellent|wonderful|awesome|cool)\b", re.I),
    "subjunctive": re.compile(r"\b(could|would) you\b", re.I),
    "indirect": re.compile(r"\b(by the way|btw|i was wondering|wonder(ing)? if|if you don't mind)\b", re.I),
    "first_person_opening": re.compile(r"^\W*(i|i'm|i've|we|we're|let's)\b", re.I),
}
_RUDE = {
    "direct_why": re.compile(r"(^|[.!?]\s+)why (did|do|would|are|is|can't|don't) you\b", re.I),
    "command_you": re.compile(r"(^|[.!?]\s+)you (need|must|have to|should)\b", re.I),
    "dismissive": re.compile(
        r"\b(obviously|clearly you|as i (already )?said|read the|stupid|ridiculous|nonsense|whatever)\b", re.I
    ),
    "shouting": re.compile(r"\b[A-Z]{4,}\b|!!"),
    "you_opening": re.compile(r"^\W*(you|your)\b", re.I),
    "direct_opening": re.compile(r"^\W*(what|why|how|where|who|so|and|but)\b", re.I),
    "please_opening": re.compile(r"^\W*please\b", re.I),
    "factuality": re.compile(r"\b(actually|in fact|the point is|the reality is|the truth is|really\?)", re.I),
}
_WEIGHTS = {
    "gratitude": 1.3,
    "please": 0.5,
    "apology": 0.7,
    "hedge": 0.3,
    "greeting": 0.6,
    "deference": 0.5,
    "direct_why": -1.0,
    "command_you": -0.7,
    "dismissive": -1.2,
    "shouting": -0.8,
    "praise_opening": 0.5,
    "subjunctive": 0.3,
    "indirect": 0.5,
    "first_person_opening": 0.2,
    "you_opening": -0.4,
    "direct_opening": -0.4,
    "please_opening": -0.4,
    "factuality": -0.4,
}
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


def politeness(g: GradeInput) -> Grade:
    """Politeness markers minus rudeness markers, with sentiment; a logistic squash to [0, 1]."""
    text = g.reply
    found = {name: bool(p.search(text)) for name, p in {**_POLITE, **_RUDE}.items()}
    raw = sum(_WEIGHTS[name] for name, hit in found.items() if hit) + 0.8 * sentiment(text)
    score = 1 / (1 + math.exp(-(raw - 0.3)))
    markers = [n for n, hit in found.items() if hit]
    return Grade("politeness", round(score, 3), f"markers: {', '.join(markers) or 'none'}", "politeness@2")


def empathy(g: GradeInput) -> Grade:
    """Acknowledgement proportional to the customer's feeling and tied to their situation."""
    feeling = sentiment(g.ticket.text)
    upset = clamp(-feeling) if feeling < -0.05 else 0.0
    upset = max(
        upset,
        0.6
        if re.search(
            r"!{2,}|\b(again|still (not|no|doesn|isn|won|can)|third time|second time)\b", g.ticket.text, re.I
        )
        else 0,
    )
    opening = " ".join(sentences(g.reply, min_chars=2)[:3])
    acknowledged = bool(_ACKNOWLEDGE.search(opening))
    tied = (
        len(
            set(words(opening)) & set(words(g.ticket.text)) - FUNCTION_WORDS
        )
        >= 2
    )
    if upset >= 0.3:
        score = (0.7 if acknowledged else 0.1) + (0.3 if tied else 0.0)
        why = (
            "upset customer; "
            + ("acknowledged" if acknowledged else "no acknowledgement")
            + (", tied to their words" if tied else ", not tied to their situation")
        )
    else:
        # A calm ask needs no apology; heavy sympathy reads as scripted.
        heavy = len(_ACKNOWLEDGE.findall(g.reply)) >= 3
        score = 0.6 if heavy else 0.9
        score += 0.1 if tied else 0.0
        why = "calm customer; " + ("over-apologetic" if heavy else "proportionate tone")
    return Grade("empathy", round(clamp(score), 3), why, "empathy@1")


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
        return Grade("personalization", 0.5, "no customer record to personalise from", "personalization@1")
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
        "personalization@1",
    )


def language_match(g: GradeInput) -> Grade:
    """The reply is in the customer's language."""
    said = " ".join([g.ticket.text, *customer_messages(g.ticket)])
    if not g.ticket.language and len(said.split()) < MIN_LANGUAGE_WORDS:
        return Grade("language_match", 1.0, "ticket too short to tell its language", "language_match@2")
    wanted = g.ticket.language or ticket_language(g.ticket)
    got = detect_language(g.reply)
    return Grade(
        "language_match", 1.0 if got == wanted else 0.0, f"ticket {wanted}, reply {got}", "language_match@2"
    )
