"""Facts that say the same thing with other figures for another scope: "Express: 1-2 business days,
12 USD." under shipping options and "Express takes 2-3 business days and costs 25 USD." under
international shipping. Quoting one without knowing which applies gives a customer the wrong price
or time; the ticket decides when it names the scope, else both are said, each with its scope."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.compose.sentences import Evidence, Unit
from drafter.domain import Ticket
from drafter.text.words import content_stems, content_words, stem

# A twin scores at least this close to the fact it twins: both answer the question.
TWIN_MARGIN = 0.15
# ... and shares this share of the shorter one's words (figures aside), at least this many.
TWIN_OVERLAP = 0.5
TWIN_MIN_SHARED = 2
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
# A scope's name is its document's title up to the first comma, dash or "and".
_TITLE_END = re.compile(r"\s*(?:[,:(]|\s-\s|\sand\s).*$", re.IGNORECASE)


def _stems(text: str) -> frozenset[str]:
    return content_stems(_FIGURE.sub(" ", text))


def _head(text: str) -> str:
    """The stem of the first content word: what a line is about ("Standard: 3-5 days")."""
    first = content_words(_FIGURE.sub(" ", text))
    return stem(first[0]) if first else ""


def _figures(text: str) -> set[str]:
    return set(_FIGURE.findall(text))


def scope_name(unit: Unit) -> str:
    """What the unit's document is about, short: "International shipping"."""
    return _TITLE_END.sub("", unit.passage.title or unit.passage.doc_id).strip()


def _twins(fact: Unit, candidates: list[Unit]) -> list[Unit]:
    """Units of other documents giving other figures for the same thing."""
    own, figures = _stems(fact.text), _figures(fact.text)
    if not figures:
        return []
    found = []
    for other in candidates:
        if other.passage.doc_id == fact.passage.doc_id or other.score < fact.score - TWIN_MARGIN:
            continue
        theirs = _stems(other.text)
        shared = own & theirs
        other_figures = _figures(other.text)
        # Figures in conflict: each gives one the other lacks ("2 days" beside "2 days, then 5-7" is
        # the same rule told more fully).
        if (
            other_figures - figures
            and figures - other_figures
            and len(shared) >= TWIN_MIN_SHARED
            and len(shared) / max(1, min(len(own), len(theirs))) >= TWIN_OVERLAP
        ):
            found.append(other)
    return found


def _scope_words(unit: Unit, units: list[Unit]) -> frozenset[str]:
    """Words naming a document's scope: its title, and its opening sentence when retrieved ("We
    ship to Canada and the European Union from our regional warehouses.")."""
    opening = [
        u.text for u in units
        if u.passage.doc_id == unit.passage.doc_id
        and int(u.passage.metadata.get("chunk_index") or 0) == 0 and u.position == 0
    ]
    return _stems(" ".join([unit.passage.title or "", *opening[:1]]))


def _names_scope(ticket: Ticket, unit: Unit, other: Unit, units: list[Unit]) -> bool:
    """The ticket uses a word of this unit's scope that the other scope lacks."""
    said = _stems(f"{ticket.subject or ''} {ticket.text}")
    return bool(said & (_scope_words(unit, units) - _scope_words(other, units)))


def labelled(unit: Unit) -> Unit:
    """The unit said with its scope: "Express takes 2-3 business days (international shipping)."."""
    scope = scope_name(unit)
    if not scope or scope.lower() in unit.text.lower():
        return unit
    body = unit.text.rstrip().rstrip(".")
    return replace(unit, text=f"{body} ({scope[:1].lower()}{scope[1:]}).")


def with_scopes(evidence: Evidence, units: list[Unit], ticket: Ticket) -> Evidence:
    """Each fact with a twin for another scope: the one the ticket names, or both labelled."""
    chosen = {id(u) for u in evidence.facts}
    facts: list[Unit] = []
    for fact in evidence.facts:
        twins = [t for t in _twins(fact, units) if id(t) not in chosen]
        if not twins:
            facts.append(fact)
            continue
        # The twin about the same thing: its first word ("Standard: 3-5 days" and "Standard
        # international delivery takes 5-8 days"), then most words in common.
        own = _stems(fact.text)
        head = _head(fact.text)
        twin = max(twins, key=lambda t: (head in _stems(t.text), len(own & _stems(t.text)), t.score))
        if _names_scope(ticket, twin, fact, units):
            facts.append(twin)
        elif _names_scope(ticket, fact, twin, units):
            facts.append(fact)
        else:
            facts.extend([labelled(fact), labelled(twin)])
        chosen.add(id(twin))
    return replace(evidence, facts=facts) if facts != evidence.facts else evidence
