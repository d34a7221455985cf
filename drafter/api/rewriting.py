"""Rewrites of a stored draft: the LLM when configured (offline rules if it fails), else offline rules."""

from __future__ import annotations

from drafter.domain import Draft, DraftWarning
from drafter.errors import LLMError
from drafter.llm import make_llm
from drafter.rewrite import rewrite_offline, rewrite_with_llm, rewritten
from drafter.service import Runtime


def rewrite_draft(draft: Draft, operation: str, runtime: Runtime) -> Draft:
    """The draft rewritten by `operation`, as a new draft."""
    llm = make_llm(runtime.settings)
    if llm is not None:
        try:
            text, cited, warnings, prompt = rewrite_with_llm(
                draft, operation, llm, runtime.prompt_store, runtime.settings.pii_patterns
            )
            ref = runtime.prompt_store.get(prompt.split("@")[0]).ref
            return rewritten(draft, text, cited, warnings, llm.name).model_copy(update={"prompts": [ref]})
        except LLMError as exc:
            fallback = DraftWarning(
                code="llm_fallback", message=f"the LLM failed ({exc.code}); rewritten offline"
            )
            return _offline(draft, operation, runtime, [fallback])
    return _offline(draft, operation, runtime, [])


def _offline(draft: Draft, operation: str, runtime: Runtime, warnings: list[DraftWarning]) -> Draft:
    text, more = rewrite_offline(draft, operation, runtime.offline_composer().phrases)
    return rewritten(draft, text, [c.chunk_id for c in draft.citations], [*warnings, *more], "offline")
