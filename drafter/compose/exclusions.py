"""A policy's exclusions read against what the customer tells. "What it does not cover: water
damage, drops, cracks and other accidental damage" answers "is this covered?" from a customer whose
lamp fell off a shelf and cracked: the reply says what is excluded and the way forward the section
gives ("For accidental damage we offer a discounted replacement"), never "We repair or replace the
device for free" from the section on what is covered beside it."""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.compose.negatives import refuses
from drafter.compose.sentences import Evidence, Unit
from drafter.domain import Ticket
from drafter.text.sentences import statements
from drafter.text.words import content_stems

# A heading that lists what a policy leaves out: "What it does not cover", "Exclusions", "Not eligible".
_EXCLUDING = re.compile(
    r"\b(?:not|no|never|cannot|can't|isn't|aren't|doesn't|don't|except\w*|exclu\w*)\b", re.IGNORECASE
)


def _excluding(unit: Unit) -> bool:
    return unit.section is not None and bool(_EXCLUDING.search(unit.section))


def _told(ticket: Ticket, names: frozenset[str]) -> frozenset[str]:
    """Stems of what the customer tells in the latest message, questions aside: what happened."""
    return content_stems(" ".join(statements(ticket.text))) - names


def excluded_case(
    evidence: Evidence, units: list[Unit], ticket: Ticket, names: frozenset[str]
) -> Evidence:
    """The evidence for a ticket whose story matches an entry a quoted policy excludes: that entry
    and what its section says about it, instead of the document's other sections; else as it was.

    An entry matches on a word only the excluding section of its document uses (a "crack" the
    covered faults never name), so a word every section shares decides nothing."""
    documents = {u.passage.doc_id for u in evidence.facts}
    told = _told(ticket, names)
    if not documents or not told:
        return evidence
    for doc_id in documents:
        own = [u for u in units if u.passage.doc_id == doc_id]
        elsewhere = frozenset().union(*(content_stems(u.text) for u in own if not _excluding(u)))
        entries = [
            u for u in own
            if u.is_item and _excluding(u) and (content_stems(u.text) - names - elsewhere) & told
        ]
        if not entries:
            continue
        said = frozenset().union(*(content_stems(u.text) - names for u in entries))
        # What the section says about the excluded case beyond the list: its way forward.
        beyond = [
            u for u in own
            if _excluding(u) and not u.is_item and len((content_stems(u.text) - names) & said) >= 2
        ]
        kept = [u for u in evidence.facts if u.passage.doc_id != doc_id]
        return replace(evidence, facts=[*entries, *beyond, *kept])
    return evidence


def refused_case(evidence: Evidence, units: list[Unit], asked: str, names: frozenset[str]) -> Evidence:
    """For a yes-or-no question answered with what a document allows ("You can use a gift card at
    checkout"), the sentence of that document that refuses the very case asked about instead:
    "Gift cards cannot be refunded, exchanged for cash, or used to pay for Brightwave Plus."
    answers "Can I pay for the Plus subscription with a gift card?". It matches on a word of the
    question (`asked`) that no other sentence of its document uses; the document's sentences saying
    what one can do are then left out, as they say yes to the general case."""
    wanted = content_stems(asked) - names
    for doc_id in dict.fromkeys(u.passage.doc_id for u in evidence.facts):
        allowing = [u for u in evidence.facts if u.passage.doc_id == doc_id and _allows(u.text)]
        if not allowing:
            continue
        own = [u for u in units if u.passage.doc_id == doc_id]
        refusals = []
        for unit in own:
            if not refuses(unit.text):
                continue
            elsewhere = frozenset().union(*(content_stems(u.text) for u in own if u is not unit))
            if (content_stems(unit.text) - names - elsewhere) & wanted:
                refusals.append(unit)
        if len(refusals) == 1:
            kept = [u for u in evidence.facts if not (u.passage.doc_id == doc_id and _allows(u.text))]
            return replace(evidence, facts=[refusals[0], *(u for u in kept if u is not refusals[0])])
    return evidence


_YOU_CAN = re.compile(r"\byou can\b", re.IGNORECASE)


def _allows(text: str) -> bool:
    """The sentence says what the customer can do, with no refusal in it ("we can resend it" is an
    offer of ours, said whatever the case)."""
    return bool(_YOU_CAN.search(text)) and not refuses(text)
