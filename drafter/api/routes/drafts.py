"""Drafts: create (JSON or server-sent events), read, rewrite, and record the agent's feedback."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.concurrency import iterate_in_threadpool, run_in_threadpool
from sse_starlette.sse import EventSourceResponse

from drafter.api.auth import Tenant
from drafter.api.errors import error_body
from drafter.api.rewriting import rewrite_draft
from drafter.api.schemas import (
    DraftRequest,
    DraftResponse,
    FeedbackRequest,
    FeedbackResponse,
    RewriteRequest,
    ScoreOut,
)
from drafter.api.scoring import check_first, scorecard
from drafter.api.state import AppState, TenantServices, app_state
from drafter.domain import CustomerProfile, Draft, Ticket
from drafter.drafting import check_ticket
from drafter.errors import DrafterError
from drafter.feedback.edits import LIGHT_EDIT, edit_distance
from drafter.retrieval import build_query
from drafter.store import StoredDraft

log = logging.getLogger("drafter.api")
router = APIRouter(prefix="/v1/drafts", tags=["drafts"])
State = Annotated[AppState, Depends(app_state)]
# Offline drafts are sent as words in small groups, so a client renders them as an LLM's would be.
_WORDS_PER_EVENT = 4


def make_draft(state: AppState, tenant: TenantServices, ticket: Ticket) -> DraftResponse:
    drafted = tenant.drafting.drafted(ticket)
    draft, profile = drafted.draft, drafted.profile
    return _record(state, tenant, bounded(tenant, ticket), draft, profile)


def bounded(tenant: TenantServices, ticket: Ticket) -> Ticket:
    """The ticket as drafting read it (cut to DRAFTER_MAX_TICKET_CHARS), so grading, storage and
    the response never handle more than the draft did."""
    return check_ticket(ticket, tenant.drafting.limits)[0]


def _profile_of(tenant: TenantServices, ticket: Ticket) -> CustomerProfile | None:
    return tenant.stores.profiles.get(ticket.customer_id) if ticket.customer_id else None


def _record(
    state: AppState,
    tenant: TenantServices,
    ticket: Ticket,
    draft: Draft,
    profile: CustomerProfile | None,
    *,
    parent_id: str | None = None,
) -> DraftResponse:
    started = time.perf_counter()
    scores = scorecard(ticket, draft, state.runtime.graders(tenant.tenant), profile)
    # Grading is part of the request: total_ms is what the caller waited for, not drafting alone.
    grade_ms = round((time.perf_counter() - started) * 1000, 2)
    total_ms = round(draft.timings.get("total_ms", 0.0) + grade_ms, 2)
    timings = {**draft.timings, "grade_ms": grade_ms, "total_ms": total_ms}
    draft = draft.model_copy(update={"timings": timings})
    if state.settings.store_drafts:
        tenant.drafts.save(
            ticket, draft, {"scorecard": [s.model_dump() for s in scores]}, parent_id=parent_id
        )
    state.metrics.drafts.labels(draft.backend).inc()
    state.metrics.draft_seconds.labels(draft.backend).observe(draft.timings.get("total_ms", 0.0) / 1000)
    if any(w.code == "llm_fallback" for w in draft.warnings):
        state.metrics.fallbacks.inc()
    return DraftResponse.of(draft, scores, checks=check_first(scores), parent_id=parent_id)


def learn_from(tenant: TenantServices, stored: StoredDraft, outcome: str, sent: str | None) -> None:
    """Keep a reply sent as drafted or lightly edited as an approved example, if the tenant opted in."""
    if outcome == "rejected" or not sent or not tenant.stores.settings.learn_from_feedback():
        return
    distance = edit_distance(stored.draft.text, sent)
    if distance <= LIGHT_EDIT:
        tenant.stores.examples.add(
            stored.draft.id,
            build_query(stored.ticket),
            sent,
            {"outcome": outcome, "edit_distance": round(distance, 4)},
        )


def _words(text: str) -> Iterator[str]:
    words = text.split(" ")
    for start in range(0, len(words), _WORDS_PER_EVENT):
        tail = " " if start + _WORDS_PER_EVENT < len(words) else ""
        yield " ".join(words[start : start + _WORDS_PER_EVENT]) + tail


async def _events(state: AppState, tenant: TenantServices, ticket: Ticket) -> AsyncIterator[dict[str, str]]:
    """`started`, then `token` events as the reply is written, then `draft` with the whole response."""
    yield {"event": "started", "data": json.dumps({"backend": tenant.drafting.composer.name})}
    streamed = False
    try:
        async for item in iterate_in_threadpool(tenant.drafting.draft_stream(ticket)):
            if isinstance(item, str):
                streamed = True
                yield {"event": "token", "data": json.dumps({"text": item})}
                continue
            profile = await run_in_threadpool(_profile_of, tenant, ticket)
            response = await run_in_threadpool(_record, state, tenant, bounded(tenant, ticket), item, profile)
            if not streamed or response.backend != item.backend:
                # The offline composer writes the whole reply at once; it is sent in the same shape.
                for piece in _words(response.text):
                    yield {"event": "token", "data": json.dumps({"text": piece})}
                    await asyncio.sleep(0)
            yield {"event": "draft", "data": response.model_dump_json()}
    except DrafterError as exc:
        state.metrics.errors.labels(exc.code).inc()
        yield {"event": "error", "data": json.dumps(error_body(exc.code, str(exc)))}
    except Exception:
        # The stream has started: the caller learns of a failure by an event, never by a cut connection.
        log.exception("unexpected error while streaming a draft")
        state.metrics.errors.labels("internal").inc()
        message = "internal error; the request id is in the server log"
        yield {"event": "error", "data": json.dumps(error_body("internal", message))}


@router.post(
    "",
    response_model=DraftResponse,
    summary="Draft a reply to a ticket",
    responses={
        200: {
            "description": "The draft; with `stream: true`, server-sent events "
            "`started`, `token`... and `draft` (the full draft)."
        }
    },
)
async def create_draft(
    body: DraftRequest, tenant: Tenant, state: State
) -> DraftResponse | EventSourceResponse:
    """Retrieve, select principles, compose and grade a reply; stored for feedback."""
    ticket = body.ticket()
    if body.stream:
        # Bad input is refused before the stream starts, so the caller gets a plain error response.
        check_ticket(ticket, tenant.drafting.limits)
        return EventSourceResponse(_events(state, tenant, ticket))
    return await run_in_threadpool(make_draft, state, tenant, ticket)


@router.get("/{draft_id}", response_model=DraftResponse, summary="Read a draft")
async def get_draft(draft_id: str, tenant: Tenant) -> DraftResponse:
    """A draft made earlier, with its scorecard."""
    stored = await run_in_threadpool(tenant.drafts.get, draft_id)
    cards = [ScoreOut(**s) for s in stored.scores.get("scorecard", [])]
    return DraftResponse.of(
        stored.draft,
        cards,
        checks=check_first(cards),
        parent_id=stored.parent_id,
        created_at=stored.created_at,
    )


@router.post("/{draft_id}/rewrite", response_model=DraftResponse, summary="Rewrite a draft")
async def rewrite(draft_id: str, body: RewriteRequest, tenant: Tenant, state: State) -> DraftResponse:
    """A new draft: this one rewritten (friendlier, more formal, shorter, ...), linked to it."""

    def work() -> DraftResponse:
        stored = tenant.drafts.get(draft_id)
        source = stored.draft if body.text is None else stored.draft.model_copy(update={"text": body.text})
        new = rewrite_draft(source, body.operation, state.runtime)
        profile = _profile_of(tenant, stored.ticket)
        return _record(state, tenant, stored.ticket, new, profile, parent_id=draft_id)

    return await run_in_threadpool(work)


@router.get("/{draft_id}/feedback", response_model=list[FeedbackResponse], summary="Feedback on a draft")
async def list_feedback(draft_id: str, tenant: Tenant) -> list[FeedbackResponse]:
    """Every recorded outcome of the draft, oldest first."""

    def work() -> list[FeedbackResponse]:
        tenant.drafts.get(draft_id)  # 404 for a draft this tenant does not have
        return [FeedbackResponse.of(r) for r in tenant.drafts.feedback(draft_id)]

    return await run_in_threadpool(work)


@router.post(
    "/{draft_id}/feedback", response_model=FeedbackResponse, status_code=201, summary="Record feedback"
)
async def feedback(draft_id: str, body: FeedbackRequest, tenant: Tenant, state: State) -> FeedbackResponse:
    """Record whether the agent accepted, edited or rejected the draft, and what was sent."""

    def work() -> FeedbackResponse:
        stored = tenant.drafts.get(draft_id)
        final_text = body.final_text
        if body.outcome == "accepted" and final_text is None:
            final_text = stored.draft.text
        record = tenant.drafts.add_feedback(
            draft_id, body.outcome, final_text=final_text, agent_id=body.agent_id, reason=body.reason
        )
        learn_from(tenant, stored, body.outcome, final_text)
        return FeedbackResponse.of(record)

    result = await run_in_threadpool(work)
    state.metrics.feedback.labels(body.outcome).inc()
    return result
