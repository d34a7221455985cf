"""What leaves for the LLM: personal data masked, text that tries to give orders flagged and defused,
and promises in a reply checked against the passages retrieved."""

from __future__ import annotations

from drafter.safety.injection import (
    InjectionScreen,
    Screened,
    defuse_passages,
    find_injection,
    injection_warnings,
    neutralize_delimiters,
    strip_instructions,
)
from drafter.safety.normalize import is_blank, readable, skeleton, strip_invisible
from drafter.safety.pii import PiiMasker, Source
from drafter.safety.promises import check_promises, find_promises

__all__ = [
    "InjectionScreen",
    "PiiMasker",
    "Screened",
    "Source",
    "check_promises",
    "defuse_passages",
    "find_injection",
    "find_promises",
    "injection_warnings",
    "is_blank",
    "neutralize_delimiters",
    "readable",
    "skeleton",
    "strip_instructions",
    "strip_invisible",
]
