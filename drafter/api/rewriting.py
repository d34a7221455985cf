"""Rewrites of a stored draft: the LLM when configured (offline rules if it fails), else offline rules."""

from __future__ import annotations

from drafter.domain import Draft
from drafter.rewrite import rewrite
from drafter.runtime import Runtime


def rewrite_draft(draft: Draft, operation: str, runtime: Runtime) -> Draft:
    """The draft rewritten by `operation`, as a new draft."""
    return rewrite(
        draft,
        operation,
        bank=runtime.offline_composer().phrases,
        llm=runtime.llm,
        prompts=runtime.prompt_store,
        pii_patterns=runtime.settings.pii_patterns,
    )
