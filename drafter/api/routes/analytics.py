"""Feedback analytics: acceptance, edit distance and the principles behind edits."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from drafter.api.auth import Tenant
from drafter.feedback.analytics import Analytics, analyze

router = APIRouter(prefix="/v1/analytics", tags=["analytics"])


@router.get("", response_model=Analytics, summary="Feedback analytics")
async def analytics(
    tenant: Tenant,
    since: Annotated[
        date | None, Query(description="Only drafts made on or after this date (YYYY-MM-DD).")
    ] = None,
) -> Analytics:
    """Acceptance rate, edit distance and edit kinds by principle, backend, prompt version and week."""
    start = datetime.combine(since, time.min, tzinfo=UTC) if since else None
    return await run_in_threadpool(lambda: analyze(tenant.drafts.outcomes(start)))
