"""Name what "it", "they" and "this place" refer to, as the customer wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.domain import CustomerProfile, Passage, Ticket
from drafter.text.words import name_tokens

# Metadata keys that name what a document is about (a product, a location, a plan ...).
SUBJECT_KEYS = ("entity_name", "entity")
_LOWER_CASE_IN_NAMES = frozenset({"and", "of", "the", "at", "in", "on", "a", "an", "de", "la"})


@dataclass
class Resolution:
    """What the latest message is about, and where that was found."""

    subjects: list[str] = field(default_factory=list)
    found_in: str = "none"
    display: dict[str, str] = field(default_factory=dict)
    linked: list[str] = field(default_factory=list)
    """Every entity the retriever linked the ticket to, a subject or not: things the knowledge names."""


def subject_of(passage: Passage) -> str | None:
    """The named thing a passage is about, when its metadata says so."""
    for key in SUBJECT_KEYS:
        value = passage.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


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
        w if i and w in _LOWER_CASE_IN_NAMES else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def resolve_subjects(ticket: Ticket, knowledge: list[Passage], linked: list[str]) -> Resolution:
    """The subjects the latest message is about: the entities the retriever linked it to (named in
    it or in the nearest earlier turn), else the subject of what retrieval ranked highest."""
    candidates = {s for p in knowledge if (s := subject_of(p))}
    resolution = Resolution(linked=list(linked))
    if not candidates:
        return resolution
    named = [e for e in linked if e in candidates]
    if named:
        resolution.subjects, resolution.found_in = named, "named"
    else:
        best = max(knowledge, key=lambda p: p.score if subject_of(p) else -1.0)
        resolution.subjects, resolution.found_in = [str(subject_of(best))], "retrieval"
    texts = [ticket.text] + [m.text for m in reversed(ticket.conversation)]
    resolution.display = {s: display_name(s, texts) for s in resolution.subjects}
    return resolution


def first_name(profile: CustomerProfile | None) -> str | None:
    """The customer's first name, when the profile has one."""
    if profile is None or not profile.name or not profile.name.strip():
        return None
    first = profile.name.strip().split()[0]
    return first[:1].upper() + first[1:]
