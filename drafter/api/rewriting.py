"""Rewrites of a stored draft (friendlier, more formal, shorter, ...)."""

from __future__ import annotations

from drafter.domain import Draft
from drafter.errors import InputError
from drafter.service import Runtime


def rewrite_draft(draft: Draft, operation: str, runtime: Runtime) -> Draft:
    """The draft rewritten by `operation`, as a new draft."""
    raise InputError(f"rewrite {operation!r} is not available")
