"""One place that turns every failure into `{error, message, request_id}` with the right status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from drafter.api.logs import request_id_var
from drafter.api.state import AppState
from drafter.errors import DrafterError

log = logging.getLogger("drafter.api")


def error_body(code: str, message: str) -> dict[str, str]:
    """The JSON every error response carries."""
    return {"error": code, "message": message, "request_id": request_id_var.get()}


def _respond(request: Request, status: int, code: str, message: str) -> JSONResponse:
    state: AppState = request.app.state.drafter
    state.metrics.errors.labels(code).inc()
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _field(loc: tuple[object, ...] | list[object]) -> str:
    # ("body", "conversation", 0, "role") -> "conversation[0].role"
    parts = [p for p in loc if p not in ("body", "query", "path", "header")]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers for drafter errors, validation errors and HTTP errors."""

    @app.exception_handler(DrafterError)
    async def drafter_error(request: Request, exc: DrafterError) -> JSONResponse:
        if exc.status_code >= 500:
            log.error("%s: %s", exc.code, exc)
        return _respond(request, exc.status_code, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{_field(e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _respond(request, 422, "invalid_input", "; ".join(problems) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(
            exc.status_code, "http_error"
        )
        return _respond(request, exc.status_code, code, str(exc.detail))
    # Anything else is answered by RequestContextMiddleware, which still knows the request id: the
    # traceback goes to the log with it, never to the caller.
