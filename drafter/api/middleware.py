"""ASGI middleware: request ids, body-size limit, access log and latency metrics."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drafter.api.logs import request_id_var
from drafter.api.metrics import Metrics

log = logging.getLogger("drafter.api")
REQUEST_ID_HEADER = "x-request-id"


class _BodyTooLarge(Exception):
    pass


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    # Label by route template, not raw path, so ids do not explode the metric's cardinality.
    return str(getattr(route, "path", "unmatched"))


class RequestContextMiddleware:
    """Gives each request an id (echoed in `X-Request-ID`), caps its body, logs and times it."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, max_body_bytes: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        supplied = headers.get(REQUEST_ID_HEADER, "")
        request_id = supplied if 0 < len(supplied) <= 128 and supplied.isprintable() else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = {"code": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            declared = headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await self._too_large(send_with_id, request_id)
                return
            try:
                await self.app(scope, self._capped(receive), send_with_id)
            except _BodyTooLarge:
                await self._too_large(send_with_id, request_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            self.metrics.request_seconds.labels(route, scope["method"], str(status["code"])).observe(elapsed)
            log.info(
                "%s %s %s %.1fms",
                scope["method"],
                scope["path"],
                status["code"],
                elapsed * 1000,
                extra={"status": status["code"], "route": route, "ms": round(elapsed * 1000, 2)},
            )
            request_id_var.reset(token)

    def _capped(self, receive: Receive) -> Receive:
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise _BodyTooLarge
            return message

        return capped

    async def _too_large(self, send: Send, request_id: str) -> None:
        self.metrics.errors.labels("payload_too_large").inc()
        body: dict[str, Any] = {
            "error": "payload_too_large",
            "message": f"the request body is over the {self.max_body_bytes:,}-byte limit "
            "(DRAFTER_MAX_BODY_BYTES)",
            "request_id": request_id,
        }
        raw = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(raw)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": raw})
