"""Text in a ticket, history or document that tries to instruct the model."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(ignore (?:all |any |the )?(?:previous|prior|above|earlier|your) (?:instructions|rules|prompts?)|"
    r"disregard (?:all |the )?(?:previous|prior|above|your) (?:instructions|rules)|"
    r"forget (?:all |your )?(?:previous |prior )?(?:instructions|rules)|"
    r"you are now|act as (?:an?|the) |new instructions?:|system prompt|"
    r"reveal (?:your|the) (?:prompt|instructions)|"
    r"(?:promise|offer|give) (?:me |the customer )?(?:a )?(?:full )?refund (?:no matter|regardless)|"
    r"<\s*/?\s*(?:system|passage|ticket|history)\s*>)",
    re.IGNORECASE,
)


def find_injection(text: str) -> str | None:
    """The first instruction-like phrase in the text, or None."""
    match = _INSTRUCTION.search(text)
    return match.group(0) if match else None
