"""Helpdesk webhooks: a ticket event in, a draft out (and, when configured, a note posted back)."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from drafter.api.auth import Tenant
from drafter.api.routes.drafts import make_draft
from drafter.api.schemas import DraftResponse
from drafter.api.state import AppState, app_state
from drafter.errors import DrafterError
from drafter.helpdesks import note_client, parse_webhook

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
State = Annotated[AppState, Depends(app_state)]
log = logging.getLogger("drafter.api")


class WebhookResponse(BaseModel):
    """What the webhook did."""

    status: Literal["drafted", "ignored"] = Field(description="drafted, or ignored (with why).")
    reason: str | None = Field(None, description="Why no draft was made.")
    external_id: str | None = Field(None, description="The helpdesk's ticket or conversation id.")
    draft: DraftResponse | None = Field(None, description="The draft, when one was made.")
    note_posted: bool = Field(False, description="The draft was added to the ticket as an internal note.")
    note_error: str | None = Field(None, description="Why posting the note failed, if it did.")


@router.post("/{helpdesk}", response_model=WebhookResponse, summary="Draft from a helpdesk webhook")
async def webhook(
    helpdesk: Literal["zendesk", "freshdesk", "helpscout", "chatwoot"],
    tenant: Tenant,
    state: State,
    payload: Annotated[dict[str, Any], Body(description="The helpdesk's webhook payload, as it sends it.")],
) -> WebhookResponse:
    """Map the payload to a ticket, draft a reply, and post it back as a note when configured."""
    incoming = parse_webhook(helpdesk, payload)
    if incoming.ticket is None:
        return WebhookResponse(status="ignored", reason=incoming.ignored, external_id=incoming.external_id)
    draft = await run_in_threadpool(make_draft, state, tenant, incoming.ticket)
    result = WebhookResponse(status="drafted", external_id=incoming.external_id, draft=draft)
    client = note_client(helpdesk, state.settings)
    if client is not None and incoming.external_id:
        try:
            await run_in_threadpool(
                client.post_note, incoming.external_id, draft.text, account_id=incoming.account_id
            )
            result.note_posted = True
        except DrafterError as exc:
            # The agent still gets the draft in the response; the failure is reported, not raised.
            log.warning("note not posted: %s", exc)
            result.note_error = str(exc)
        finally:
            client.close()
    return result
