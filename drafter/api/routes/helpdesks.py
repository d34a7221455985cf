"""A tenant's helpdesk credentials: set by its admin, used only for its own webhooks, never echoed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from drafter.api.auth import Tenant
from drafter.api.state import AppState, TenantServices, app_state
from drafter.errors import NotFoundError
from drafter.helpdesks import HelpdeskName, check_url
from drafter.store.helpdesk_credentials import CredentialInfo, HelpdeskCredentials, HelpdeskCredentialStore

router = APIRouter(prefix="/v1/helpdesks", tags=["helpdesks"])
State = Annotated[AppState, Depends(app_state)]


class CredentialsIn(BaseModel):
    """Where the tenant's helpdesk is and the token drafter posts notes with."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        description="The helpdesk's API base URL, e.g. https://acme.zendesk.com.", max_length=2000
    )
    token: SecretStr = Field(
        description="Zendesk: agent@example.com/token:APITOKEN; Freshdesk: API key; Help Scout: OAuth "
        "access token; Chatwoot: access token. Stored, never sent back.",
        min_length=1,
        max_length=4000,
    )


class CredentialsOut(BaseModel):
    """Credentials as drafter shows them: never the token, only its last characters."""

    helpdesk: str = Field(description="zendesk, freshdesk, helpscout or chatwoot.")
    url: str = Field(description="The helpdesk's API base URL.")
    token_hint: str = Field(description="The token's last characters, to tell which one is set.")
    updated_at: datetime = Field(description="When they were last set.")

    @classmethod
    def of(cls, info: CredentialInfo) -> CredentialsOut:
        """The listing of stored credentials."""
        return cls(
            helpdesk=info.helpdesk, url=info.url, token_hint=info.token_hint, updated_at=info.updated_at
        )


def _store(state: AppState, tenant: TenantServices) -> HelpdeskCredentialStore:
    return HelpdeskCredentialStore(state.runtime.engine, tenant=tenant.tenant)


@router.get("", response_model=list[CredentialsOut], summary="List the tenant's helpdesk credentials")
async def list_credentials(tenant: Tenant, state: State) -> list[CredentialsOut]:
    """Every helpdesk the tenant has credentials for (URLs and token hints, never tokens)."""
    infos = await run_in_threadpool(_store(state, tenant).list)
    return [CredentialsOut.of(info) for info in infos]


@router.put(
    "/{helpdesk}", response_model=CredentialsOut, summary="Set the tenant's helpdesk credentials"
)
async def set_credentials(
    helpdesk: HelpdeskName, body: CredentialsIn, tenant: Tenant, state: State
) -> CredentialsOut:
    """Store the URL and token this tenant's webhooks post notes with (replacing earlier ones)."""
    url = check_url(body.url, allow_http=state.settings.helpdesk_allow_http)
    credentials = HelpdeskCredentials(url, body.token)
    info = await run_in_threadpool(_store(state, tenant).set, helpdesk, credentials)
    return CredentialsOut.of(info)


@router.delete("/{helpdesk}", status_code=204, summary="Remove the tenant's helpdesk credentials")
async def delete_credentials(helpdesk: HelpdeskName, tenant: Tenant, state: State) -> None:
    """Forget them; the tenant's webhooks then draft without posting notes."""
    if not await run_in_threadpool(_store(state, tenant).delete, helpdesk):
        raise NotFoundError(f"no {helpdesk} credentials for this tenant")
