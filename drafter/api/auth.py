"""Who is calling: the tenant of the bearer key (or the configured tenant with auth off).

Full API keys reach every endpoint of their tenant. App tokens (`drafter keys create --scope app`)
live in helpdesk app URLs and agents' browsers, so they may only draft and record feedback, and
only from a page on drafter's own origin or one listed in `DRAFTER_APP_ORIGINS`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from drafter.api.state import AppState, TenantServices, app_state
from drafter.config import Settings
from drafter.errors import AuthError, ForbiddenError
from drafter.store import Caller

_bearer = HTTPBearer(
    auto_error=False,
    description="An API key from `drafter keys create`, or an app token (`--scope app`) for drafting.",
)

# The only (method, route) pairs an app token may use: a new list here widens what a leaked
# browser token can do, so every other endpoint, present or future, refuses it by default.
APP_TOKEN_ROUTES = frozenset(
    {
        ("POST", "/v1/drafts"),
        ("GET", "/v1/drafts/{draft_id}"),
        ("POST", "/v1/drafts/{draft_id}/rewrite"),
        ("POST", "/v1/drafts/{draft_id}/feedback"),
    }
)


def _origin_of(url: str) -> str:
    parts = urlsplit(url.lower())
    return f"{parts.scheme}://{parts.netloc}"


def origin_allowed(origin: str, *, settings: Settings, host: str | None) -> bool:
    """Whether a page at `origin` may use an app token: drafter's own pages or a listed origin."""
    origin = origin.lower().rstrip("/")
    if origin in settings.app_origins:
        return True
    if settings.public_url and origin == _origin_of(settings.public_url):
        return True  # drafter's own pages, reached through a proxy that rewrites Host
    # Same origin: the apps drafter serves itself (Chatwoot, Help Scout) call it from its own host.
    return bool(host) and urlsplit(origin).netloc == (host or "").lower()


def _check_app_token(request: Request, caller: Caller, settings: Settings) -> None:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    if (request.method, path) not in APP_TOKEN_ROUTES:
        raise ForbiddenError(
            f"an app token ({caller.helpdesk} app) can only draft replies and record feedback, "
            f"not {request.method} {path}; use an API key"
        )
    origin = request.headers.get("origin")
    if origin is not None and not origin_allowed(origin, settings=settings, host=request.headers.get("host")):
        raise ForbiddenError(f"origin {origin!r} may not use app tokens: add it to DRAFTER_APP_ORIGINS")


def current_tenant(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TenantServices:
    """The calling tenant's services.

    Raises:
        AuthError: no key, or a key that is unknown or revoked.
        ForbiddenError: an app token outside drafting, or sent from an origin not allowed.
    """
    state: AppState = app_state(request)
    if state.settings.auth == "off":
        return state.tenant(state.settings.tenant)
    if credentials is None or not credentials.credentials:
        raise AuthError("missing API key: send 'Authorization: Bearer <key>'")
    caller = state.keys.caller(credentials.credentials)
    if caller is None:
        raise AuthError("unknown or revoked API key")
    request.state.tenant = caller.tenant
    if caller.scope == "app":
        _check_app_token(request, caller, state.settings)
    return state.tenant(caller.tenant)


Tenant = Annotated[TenantServices, Depends(current_tenant)]
