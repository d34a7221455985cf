"""The FastAPI application: routers, middleware, error handlers and the agent page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse

from drafter.api.errors import install_error_handlers
from drafter.api.logs import configure_logging
from drafter.api.middleware import RequestContextMiddleware
from drafter.api.routes import (
    analytics,
    apps,
    customers,
    drafts,
    helpdesks,
    knowledge,
    ops,
    samples,
    tenant_settings,
    webhooks,
)
from drafter.api.state import AppState
from drafter.config import Settings, get_settings
from drafter.runtime import Runtime

log = logging.getLogger("drafter.api")

DESCRIPTION = """Drafts grounded, principled customer-service replies.

Every request needs `Authorization: Bearer <key>` (keys come from `drafter keys create`),
unless the server runs with `DRAFTER_AUTH=off`. Errors are `{error, message, request_id}`.

App tokens (`drafter keys create --scope app --helpdesk zendesk|helpscout|chatwoot`) are for the
helpdesk sidebar apps: they may only call `POST /v1/drafts`, `GET /v1/drafts/{id}`,
`POST /v1/drafts/{id}/rewrite` and `POST /v1/drafts/{id}/feedback` (403 `forbidden` elsewhere),
and from a browser only from drafter's own origin or one in `DRAFTER_APP_ORIGINS`.
"""


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """The API app for these settings (read from the environment when not given)."""
    settings = settings or get_settings()
    runtime = runtime or Runtime(settings)
    state = AppState(settings=settings, runtime=runtime)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.auth == "off":
            log.warning(
                "DRAFTER_AUTH=off: every caller acts as tenant %r with no API key; local use only",
                settings.tenant,
            )
        # Load the models (both, when routing by language), what the first draft would load on its
        # way, and open the store before the first request, so /readyz means it.
        runtime.warm_up()
        runtime.chroma.heartbeat()
        log.info("drafter API ready (backend %s)", settings.llm_backend)
        yield

    app = FastAPI(
        title="drafter",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.drafter = state
    install_error_handlers(app)
    app.add_middleware(
        RequestContextMiddleware, metrics=state.metrics, max_body_bytes=settings.max_body_bytes
    )
    if settings.app_origins:
        # Only the helpdesk origins an admin listed may call drafter from a browser; drafter's own
        # app pages are same-origin and need no CORS. Outermost, so refusals carry the headers too.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.app_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["X-Request-ID"],
            max_age=600,
        )
    routers = (
        drafts,
        knowledge,
        customers,
        webhooks,
        helpdesks,
        analytics,
        tenant_settings,
        samples,
        ops,
        apps,
    )
    for module in routers:
        app.include_router(module.router)

    page = files("drafter.api").joinpath("static/index.html").read_text(encoding="utf-8")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def agent_page() -> HTMLResponse:
        return HTMLResponse(page)

    return app


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (each worker builds its app from `DRAFTER_*`)."""
    settings = get_settings()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
