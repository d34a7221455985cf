"""Who is calling: the tenant of the bearer API key (or the configured tenant with auth off)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from drafter.api.state import AppState, TenantServices, app_state
from drafter.errors import AuthError

_bearer = HTTPBearer(auto_error=False, description="An API key from `drafter keys create`.")


def current_tenant(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TenantServices:
    """The calling tenant's services.

    Raises:
        AuthError: no key, or a key that is unknown or revoked.
    """
    state: AppState = app_state(request)
    if state.settings.auth == "off":
        return state.tenant(state.settings.tenant)
    if credentials is None or not credentials.credentials:
        raise AuthError("missing API key: send 'Authorization: Bearer <key>'")
    tenant = state.keys.tenant_of(credentials.credentials)
    if tenant is None:
        raise AuthError("unknown or revoked API key")
    request.state.tenant = tenant
    return state.tenant(tenant)


Tenant = Annotated[TenantServices, Depends(current_tenant)]
