"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from drafter.api.state import AppState, app_state

router = APIRouter(tags=["operations"])
State = Annotated[AppState, Depends(app_state)]


@router.get("/healthz", summary="Alive")
async def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz", summary="Ready to draft", responses={503: {"description": "Not ready yet."}})
async def readyz(state: State) -> JSONResponse:
    """The store is open and the embedder loaded."""

    def check() -> dict[str, str]:
        checks: dict[str, str] = {}
        try:
            state.runtime.chroma.heartbeat()
            checks["store"] = "ok"
        except Exception as exc:  # any store failure means not ready; say which
            checks["store"] = f"error: {type(exc).__name__}"
        checks["embedder"] = "ok" if "embedder" in state.runtime.__dict__ else "loading"
        return checks

    checks = await run_in_threadpool(check)
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not_ready", **checks}, status_code=200 if ready else 503
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(state: State) -> Response:
    """Latency histograms, drafts by backend, fallbacks and errors by code."""
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
