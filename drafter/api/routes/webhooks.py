"""Helpdesk webhooks: a ticket event in, a draft out, and the draft posted back as a private note
with the calling tenant's own helpdesk credentials when it has set them."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from drafter.api.auth import Tenant
from drafter.api.routes.drafts import make_draft
from drafter.api.schemas import DraftResponse, clip
from drafter.api.state import AppState, TenantServices, app_state
from drafter.errors import DrafterError
from drafter.helpdesks import (
    HelpdeskName,
    IncomingTicket,
    credentials_for,
    get_helpdesk,
    note_client,
    parse_webhook,
)
from drafter.store.helpdesk_credentials import HelpdeskCredentialStore

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


def _post_note(
    state: AppState, tenant: TenantServices, name: str, incoming: IncomingTicket, text: str
) -> bool:
    """Post the note with the tenant's credentials; False when it has none to post with.

    Raises:
        DrafterError: the helpdesk did not take it.
    """
    desk = get_helpdesk(name)
    store = HelpdeskCredentialStore(state.runtime.engine, tenant=tenant.tenant)
    credentials = credentials_for(desk, store, state.settings)
    if credentials is None or not incoming.external_id:
        return False
    client = note_client(desk, credentials, state.settings)
    try:
        client.post_note(incoming.external_id, text, account_id=incoming.account_id)
    finally:
        client.close()
    return True


@router.post("/{helpdesk}", response_model=WebhookResponse, summary="Draft from a helpdesk webhook")
async def webhook(
    helpdesk: HelpdeskName,
    tenant: Tenant,
    state: State,
    payload: Annotated[dict[str, Any], Body(description="The helpdesk's webhook payload, as it sends it.")],
) -> WebhookResponse:
    """Map the payload to a ticket, draft a reply, and post it back as a note when the tenant has
    set credentials for this helpdesk."""
    incoming = parse_webhook(helpdesk, payload)
    if incoming.ticket is None:
        return WebhookResponse(status="ignored", reason=incoming.ignored, external_id=incoming.external_id)
    draft = await run_in_threadpool(make_draft, state, tenant, incoming.ticket)
    result = WebhookResponse(status="drafted", external_id=incoming.external_id, draft=draft)
    try:
        result.note_posted = await run_in_threadpool(
            _post_note, state, tenant, helpdesk, incoming, draft.text
        )
    except DrafterError as exc:
        # The agent still gets the draft in the response; the failure is reported, not raised.
        log.warning("note not posted: %s", exc)
        result.note_error = clip(str(exc))
    return result
