"""Sample tickets for the agent page (from `DRAFTER_SAMPLE_TICKETS`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from drafter.api.auth import Tenant
from drafter.api.state import AppState, app_state
from drafter.domain import Ticket
from drafter.ingest.loaders import iter_jsonl

router = APIRouter(prefix="/v1/samples", tags=["samples"])
State = Annotated[AppState, Depends(app_state)]


@router.get("/tickets", response_model=list[Ticket], summary="Sample tickets")
async def sample_tickets(_: Tenant, state: State) -> list[Ticket]:
    """The configured sample tickets; empty when there is no sample file."""
    path = state.settings.sample_tickets

    def load() -> list[Ticket]:
        if not path.is_file():
            return []
        tickets = []
        for _, obj in iter_jsonl(path):
            try:
                tickets.append(
                    Ticket.model_validate({k: v for k, v in obj.items() if k in Ticket.model_fields})
                )
            except ValidationError:
                continue  # a sample the page cannot show is skipped; the CLI demo reports it
        return tickets

    return await run_in_threadpool(load)
