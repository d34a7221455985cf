"""What leaves for the LLM: personal data masked, and text that tries to give orders flagged."""

from __future__ import annotations

from drafter.safety.injection import find_injection
from drafter.safety.pii import PiiMasker

__all__ = ["PiiMasker", "find_injection"]
