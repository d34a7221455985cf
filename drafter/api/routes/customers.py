"""Customers: profiles and history events, used by the next draft for that customer."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from drafter.api.auth import Tenant
from drafter.api.schemas import EventsRequest, EventsResponse
from drafter.domain import CustomerProfile, HistoryEvent
from drafter.errors import NotFoundError
from drafter.ingest import ingest_events

router = APIRouter(prefix="/v1/customers", tags=["customers"])
CustomerId = Annotated[
    str, Path(description="The customer's id in the helpdesk.", min_length=1, max_length=256)
]


class CustomerOut(BaseModel):
    """A customer's profile and how much history is stored."""

    customer_id: str = Field(description="The customer's id.")
    profile: CustomerProfile = Field(description="The profile.")
    events: int = Field(description="History events stored.")


@router.get("", response_model=list[str], summary="List customer ids")
async def list_customers(tenant: Tenant) -> list[str]:
    """Every customer id with a stored profile."""
    return await run_in_threadpool(tenant.stores.profiles.ids)


@router.put("/{customer_id}", response_model=CustomerOut, summary="Create or replace a profile")
async def put_customer(customer_id: CustomerId, body: CustomerProfile, tenant: Tenant) -> CustomerOut:
    """Store the customer's profile (name, plan, tier, products, orders, notes)."""

    def work() -> CustomerOut:
        tenant.stores.profiles.upsert(customer_id, body)
        events = len(tenant.stores.history.events(customer_id))
        return CustomerOut(customer_id=customer_id, profile=body, events=events)

    return await run_in_threadpool(work)


@router.get("/{customer_id}", response_model=CustomerOut, summary="Read a profile")
async def get_customer(customer_id: CustomerId, tenant: Tenant) -> CustomerOut:
    """The customer's profile and history size."""

    def work() -> CustomerOut:
        profile = tenant.stores.profiles.get(customer_id)
        if profile is None:
            raise NotFoundError(f"no customer {customer_id!r}")
        events = len(tenant.stores.history.events(customer_id))
        return CustomerOut(customer_id=customer_id, profile=profile, events=events)

    return await run_in_threadpool(work)


@router.post("/{customer_id}/events", response_model=EventsResponse, status_code=201, summary="Add history")
async def add_events(customer_id: CustomerId, body: EventsRequest, tenant: Tenant) -> EventsResponse:
    """Add past tickets, messages, orders or notes to the customer's history."""
    now = datetime.now(UTC)
    events = []
    for item in body.events:
        # Without an id, the content names the event, so sending it twice stores it once.
        event_id = (
            item.event_id
            or hashlib.sha256(f"{item.kind}|{item.role}|{item.subject}|{item.text}".encode()).hexdigest()[:16]
        )
        events.append(
            HistoryEvent(
                customer_id=customer_id,
                event_id=event_id,
                **item.model_dump(exclude={"event_id", "timestamp"}),
                timestamp=item.timestamp or now,
            )
        )
    report = await run_in_threadpool(ingest_events, customer_id, events, tenant.stores.history)
    return EventsResponse(
        customer_id=customer_id, written=report.events_written, unchanged=report.events_unchanged
    )
