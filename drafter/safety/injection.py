"""Text in a ticket, history or document that tries to instruct the model: found, flagged, defused."""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.domain import DraftWarning, Passage, Ticket
from drafter.text.sentences import sentences

_INSTRUCTION = re.compile(
    r"\b(ignore (?:all |any |the )?(?:previous|prior|above|earlier|your) (?:instructions|rules|prompts?)|"
    r"disregard (?:all |the )?(?:previous|prior|above|your) (?:instructions|rules)|"
    r"forget (?:all |your )?(?:previous |prior )?(?:instructions|rules)|"
    # A role handed to the reader ("you are now the manager"), not a state ("you are now eligible").
    r"you are now (?:an? |the |in |my )(?:\w+ )?(?:mode|assistant|agent|manager|admin\w*|supervisor|bot|"
    r"ai|model|system|developer|boss|owner)\b|"
    r"act as (?:if you were |an? |the |my )(?:\w+ )?(?:assistant|agent|manager|admin\w*|supervisor|bot|"
    r"ai|model|system|developer)\b|"
    r"new instructions?:|system prompt|"
    r"reveal (?:your|the) (?:prompt|instructions)|"
    r"(?:promise|offer|give) (?:me |the customer |every customer )?(?:a )?(?:full )?refund "
    r"(?:no matter|regardless)|"
    r"<\s*/?\s*(?:system|passage|ticket|history|conversation|customer|event)\b[^>]*>)",
    re.IGNORECASE,
)
# Our data delimiters; data that contains one could close its block and speak as us.
_DELIMITER = re.compile(
    r"<(\s*/?\s*(?:system|passage|ticket|history|conversation|customer|event)\b[^>]*)>", re.IGNORECASE
)


def find_injection(text: str) -> str | None:
    """The first instruction-like phrase in the text, or None."""
    match = _INSTRUCTION.search(text)
    return match.group(0) if match else None


def neutralize_delimiters(text: str) -> str:
    """The text with anything shaped like our block tags made harmless (`<ticket>` -> `‹ticket›`)."""
    return _DELIMITER.sub(lambda m: f"‹{m.group(1)}›", text)


def strip_instructions(text: str) -> str:
    """The text without the sentences that try to instruct the reader."""
    if find_injection(text) is None:
        return text
    kept = [s for s in sentences(text) if find_injection(s) is None]
    return " ".join(kept)


def defuse_passages(passages: list[Passage]) -> list[Passage]:
    """Passages whose instruction-like sentences are removed, so no composer can act on them."""
    return [
        p if find_injection(p.text) is None else p.model_copy(update={"text": strip_instructions(p.text)})
        for p in passages
    ]


def injection_warnings(ticket: Ticket, passages: Iterable[Passage]) -> list[DraftWarning]:
    """A warning for every ticket message, history event or passage that tries to give orders."""
    sources = [("the ticket", ticket.text)]
    sources += [("the conversation", m.text) for m in ticket.conversation]
    sources += [(f"{p.source} {p.doc_id!r}", p.text) for p in passages]
    warnings = []
    for where, text in sources:
        phrase = find_injection(text)
        if phrase:
            warnings.append(
                DraftWarning(
                    code="prompt_injection",
                    message=f"text in {where} tries to give instructions ({phrase!r}); "
                    "it was treated as data and not followed",
                )
            )
    return warnings
