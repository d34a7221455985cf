"""Per-tenant settings: opting in to learning from approved replies."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from drafter.api.auth import Tenant

router = APIRouter(prefix="/v1/settings", tags=["settings"])


class TenantSettings(BaseModel):
    """What a tenant has chosen."""

    model_config = ConfigDict(extra="forbid")

    learn_from_feedback: bool = Field(
        description="Replies agents accept or lightly edit become examples the next drafts reuse."
    )


@router.get("", response_model=TenantSettings, summary="Read the tenant's settings")
async def read_settings(tenant: Tenant) -> TenantSettings:
    """The tenant's settings."""
    enabled = await run_in_threadpool(tenant.stores.settings.learn_from_feedback)
    return TenantSettings(learn_from_feedback=enabled)


@router.put("", response_model=TenantSettings, summary="Change the tenant's settings")
async def write_settings(body: TenantSettings, tenant: Tenant) -> TenantSettings:
    """Opt in or out of learning from feedback."""
    await run_in_threadpool(tenant.stores.settings.set_learn_from_feedback, body.learn_from_feedback)
    return body
