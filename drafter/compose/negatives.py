"""The honest negative: recognise a "no" in the knowledge, and find the best way forward it offers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.compose.guidance import unit_for_agents
from drafter.compose.sentences import Unit, score_units, units_of
from drafter.compose.summaries import polarity
from drafter.domain import Passage
from drafter.embeddings import Embedder
from drafter.principles.cues import RETURN_ASK
from drafter.principles.signals import PastWindow
from drafter.text.sentences import sentences

_SAYS_NO = re.compile(r"^\s*no\b|\b(?:not|cannot|can't|isn't|aren't|doesn't|don't|won't)\b", re.IGNORECASE)
_ALTERNATIVE_HINT = re.compile(
    r"\b(?:can|instead|offer|available|option|alternative|however)\b", re.IGNORECASE
)
# An alternative must be at least this close to what was asked, and one from another document
# than the refusal's this close.
_MIN_ALTERNATIVE_SCORE = 0.3
# "Only business accounts can pay by bank transfer" limits who may, it offers nobody a way forward.
_RESTRICTION = re.compile(r"^\s*(?:yes,\s*)?only\b", re.IGNORECASE)
_MIN_ALTERNATIVE_ELSEWHERE = 0.5


def says_no(text: str) -> bool:
    """The sentence refuses or denies something."""
    return bool(_SAYS_NO.search(text))


# "You do not need to wait for the device to reach us" answers "do I have to?" with a no, yet it
# spares the customer a step rather than refusing them anything.
_NO_NEED = re.compile(
    r"\b(?:(?:do|does|did|will) not|don't|doesn't|didn't|won't) (?:need|have) to\b|\bno need to\b",
    re.IGNORECASE,
)


def refuses(text: str) -> bool:
    """The sentence refuses or withholds something: a no that is not merely "you need not"."""
    return says_no(_NO_NEED.sub(" ", text))


def best_alternative(units: list[Unit], *, exclude: set[str], near: set[str] | None = None) -> Unit | None:
    """The best-scoring positive statement that offers another way, for an honest no.

    `exclude`: texts already said. `near`: the documents of the refusal, whose own way forward
    comes first; another document's must answer the question well to be offered instead.
    """
    options = [
        u for u in units
        if u.text not in exclude and u.kind != "opinion" and not unit_for_agents(u)
        and not says_no(u.text) and not _RESTRICTION.match(u.text)
        and _ALTERNATIVE_HINT.search(f"{u.text} {u.section or ''}")
        and polarity(u.text) > -0.3 and u.score >= _MIN_ALTERNATIVE_SCORE
    ]
    if near is not None:
        # Another document's way forward must speak of what was asked, not only sound near it.
        own = [u for u in options if u.passage.doc_id in near]
        options = own or [u for u in options if u.shares_words or u.score >= _MIN_ALTERNATIVE_ELSEWHERE]
    return max(options, key=lambda u: u.score) if options else None


@dataclass(frozen=True)
class WindowEvidence:
    """What the knowledge says around an order past its return window."""

    source: Passage | None
    """The passage that states the window."""
    alternative: Unit | None
    """The best way forward it offers instead (a warranty claim, an exchange ...)."""


def window_evidence(
    knowledge: list[Passage], past: PastWindow, ask: str, *, embedder: Embedder, lexical_weight: float
) -> WindowEvidence:
    """Where the window is stated, and the best alternative to a return for this ask."""
    stated = re.compile(rf"\b{past.window_days}[\s-]days?\b", re.IGNORECASE)
    # Where the window is a return window, not another limit of the same length.
    source = next(
        (p for p in knowledge for s in sentences(p.text) if stated.search(s) and RETURN_ASK.search(s)),
        next((p for p in knowledge if stated.search(p.text)), None),
    )
    units = [u for p in knowledge for u in units_of(p) if not stated.search(u.text)]
    score_units(units, ask, embedder=embedder, names=[], lexical_weight=lexical_weight)
    # Only the policy's own way forward: another document's is rarely one for this return.
    own = [u for u in units if source is not None and u.passage.doc_id == source.doc_id]
    return WindowEvidence(source=source, alternative=best_alternative(own, exclude=set()))


# A section of a policy that lists the ways forward: "What you can do instead", "Your options".
_ALTERNATIVES_HEADING = re.compile(r"\b(?:instead|alternatives?|options?)\b", re.IGNORECASE)
MAX_LISTED_ALTERNATIVES = 3


def listed_alternatives(units: list[Unit], doc_id: str, *, exclude: set[str]) -> list[Unit]:
    """The entries of the document's own list of ways forward ("What you can do instead"), when it
    is short enough to say whole; none otherwise. Read when no single way forward is close enough
    to the question to pick one: the customer chooses."""
    items = [
        u for u in units
        if u.passage.doc_id == doc_id and u.is_item and u.text not in exclude
        and _ALTERNATIVES_HEADING.search(u.section or "")
    ]
    return items if 0 < len(items) <= MAX_LISTED_ALTERNATIVES else []
