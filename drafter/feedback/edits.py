"""How a sent reply differs from its draft: distance and the kinds of edit, mapped to principles."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

_ACKNOWLEDGE = re.compile(
    r"\b(sorry|apologi[sz]e|understand|frustrat|disappoint|inconvenien|thank you for your patience)\w*", re.I
)
_PROMISE = re.compile(
    r"\b(guarantee\w*|definitely|we('ll| will) (refund|replace|send|cover)|free of charge|always)\b", re.I
)
_STEP = re.compile(r"^\s*\d+[.)]\s", re.M)
_FOLLOW_UP = re.compile(r"\b(let me know|follow up|get back to you|reach out|anything else)\b", re.I)
_FACT = re.compile(r"\b\d[\d.,:/-]*\b|\b[A-Z]{2,}-\d+\b")

# Which principle an edit says the draft fell short on.
CATEGORY_PRINCIPLE = {
    "empathy_added": "empathy",
    "promise_removed": "honest_negative",
    "steps_added": "solution_first",
    "facts_changed": "active_listening",
    "shortened": "clear_communication",
    "follow_up_added": "follow_up",
    "name_added": "backstory",
}
LIGHT_EDIT = 0.3
"""Normalized edit distance up to which an edited reply counts as lightly edited."""


def edit_distance(draft: str, sent: str) -> float:
    """Normalized Levenshtein distance in [0, 1] (0: sent as drafted)."""
    return float(Levenshtein.normalized_distance(draft.strip(), sent.strip()))


def edit_categories(draft: str, sent: str, customer_name: str | None = None) -> list[str]:
    """The kinds of change the agent made."""
    found = []
    if _ACKNOWLEDGE.search(sent) and not _ACKNOWLEDGE.search(draft):
        found.append("empathy_added")
    if _PROMISE.search(draft) and len(_PROMISE.findall(sent)) < len(_PROMISE.findall(draft)):
        found.append("promise_removed")
    if len(_STEP.findall(sent)) > len(_STEP.findall(draft)):
        found.append("steps_added")
    # Step numbers are layout, not facts.
    if set(_FACT.findall(_STEP.sub("", sent))) - set(_FACT.findall(_STEP.sub("", draft))):
        found.append("facts_changed")
    if len(sent.split()) < 0.7 * len(draft.split()):
        found.append("shortened")
    if _FOLLOW_UP.search(sent) and not _FOLLOW_UP.search(draft):
        found.append("follow_up_added")
    first = (customer_name or "").split()[0] if customer_name else ""
    if first and first in sent and first not in draft:
        found.append("name_added")
    return found
