"""Resolve what "it", "they", "this place" and "my order" refer to, from the ticket outwards."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.domain import CustomerProfile, Order, Passage, Ticket
from drafter.text.words import STOPWORDS, name_tokens

# Metadata keys that name what a document is about (a product, a location, a plan ...).
SUBJECT_KEYS = ("entity_name", "entity")
_NAME_FILLER = frozenset({"the", "and", "a", "an", "of", "at", "in", "on", "de", "la", "le"})
_SMALL_WORDS = frozenset({"and", "of", "the", "at", "in", "on", "a", "an", "de", "la"})
_ORDER_WORDS = re.compile(r"\b(order|package|parcel|delivery|shipment|purchase)\b", re.IGNORECASE)


@dataclass
class Resolution:
    """What the latest message is about, and where that was found."""

    subjects: list[str] = field(default_factory=list)
    found_in: str = "none"
    display: dict[str, str] = field(default_factory=dict)
    order: Order | None = None


def subject_of(passage: Passage) -> str | None:
    """The named thing a passage is about, when its metadata says so."""
    for key in SUBJECT_KEYS:
        value = passage.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _name_words(name: str) -> list[str]:
    # Function words in a name ("from", "the") would match almost any message.
    return [t for t in name_tokens(name) if t not in _NAME_FILLER and t not in STOPWORDS]


def _text_has(token: str, words: set[str]) -> bool:
    # Plurals and possessives written without the apostrophe ("bennys") still count.
    return token in words or f"{token}s" in words or (token.endswith("s") and token[:-1] in words)


def mentioned_subjects(text: str, subjects: list[str]) -> list[str]:
    """Subjects named in a text: most of the name, including its most distinctive word."""
    names = {s: _name_words(s) for s in subjects}
    df = Counter(t for tokens in names.values() for t in set(tokens))
    words = set(name_tokens(text))
    found = []
    for subject, tokens in names.items():
        if not tokens:
            continue
        rarest = min(df[t] for t in tokens)
        distinctive = [t for t in tokens if df[t] == rarest]
        weight = {t: 1.0 / df[t] for t in tokens}
        matched = sum(weight[t] for t in tokens if _text_has(t, words))
        if any(_text_has(t, words) for t in distinctive) and matched >= 0.5 * sum(weight.values()):
            found.append(subject)
    return found


def display_name(subject: str, texts: list[str]) -> str:
    """The subject as people wrote it in the conversation, or a tidy title-cased form."""
    tokens = name_tokens(subject)
    pattern = re.compile(r"\b" + r"\W*".join(re.escape(t) for t in tokens) + r"\b", re.IGNORECASE)
    for text in texts:
        match = pattern.search(text)
        if match and any(ch.isupper() for ch in match.group(0)):
            return match.group(0)
    if not subject.isupper() and not subject.islower():
        return subject
    words = subject.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def resolve_subjects(ticket: Ticket, knowledge: list[Passage]) -> Resolution:
    """The subjects the latest message is about: named in it, or in the nearest earlier turn."""
    candidates = sorted({s for p in knowledge if (s := subject_of(p))})
    resolution = Resolution()
    if not candidates:
        return resolution
    turns = [("ticket", ticket.text)] + [
        ("conversation", m.text) for m in reversed(ticket.conversation) if m.role != "system"
    ]
    for source, text in turns:
        found = mentioned_subjects(text, candidates)
        if found:
            resolution.subjects, resolution.found_in = found, source
            break
    else:
        # Nothing named anywhere: trust what retrieval ranked highest.
        best = max(knowledge, key=lambda p: p.score if subject_of(p) else -1.0)
        resolution.subjects, resolution.found_in = [str(subject_of(best))], "retrieval"
    texts = [ticket.text] + [m.text for m in reversed(ticket.conversation)]
    resolution.display = {s: display_name(s, texts) for s in resolution.subjects}
    return resolution


def referenced_order(ticket: Ticket, profile: CustomerProfile | None) -> Order | None:
    """The order the customer means: one whose id they wrote, else their latest when they say "order"."""
    if profile is None or not profile.orders:
        return None
    texts = [ticket.text] + [m.text for m in reversed(ticket.conversation)]
    for text in texts:
        for order in profile.orders:
            if order.order_id and order.order_id.lower() in text.lower():
                return order
    if any(_ORDER_WORDS.search(text) for text in texts):
        return max(profile.orders, key=lambda o: o.date or "")
    return None


def first_name(profile: CustomerProfile | None) -> str | None:
    """The customer's first name, when the profile has one."""
    if profile is None or not profile.name or not profile.name.strip():
        return None
    first = profile.name.strip().split()[0]
    return first[:1].upper() + first[1:]
