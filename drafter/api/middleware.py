"""ASGI middleware: request ids, body-size limit, access log and latency metrics."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from drafter.api.errors import error_body
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


_METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
# A JSON escape: an escaped backslash, a surrogate pair, or a surrogate standing alone.
_JSON_ESCAPE = re.compile(
    rb"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_LONE_SURROGATE_LENGTH = 6


def repair_lone_surrogates(body: bytes) -> bytes:
    """JSON with each unpaired surrogate escape ("\\udc9f") replaced by U+FFFD.

    JSON allows them, but such a string cannot be encoded as UTF-8: it would fail in the
    tokenizer, in Chroma and in every response that echoes it back.
    """
    if b"\\u" not in body:
        return body

    def fix(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        return b"\\ufffd" if len(text) == _LONE_SURROGATE_LENGTH else text

    return _JSON_ESCAPE.sub(fix, body)


async def _repaired(receive: Receive) -> Receive:
    """The whole request body (already capped in size) read, repaired and replayed as one message."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            first: Message = message
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            body = repair_lone_surrogates(b"".join(chunks))
            first = {"type": "http.request", "body": body, "more_body": False}
            break
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return first
        return await receive()  # later calls wait for the client to disconnect

    return replay


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
        status = {"code": 500, "started": 0}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], 1
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            declared = headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await self._too_large(send_with_id)
                return
            try:
                body_receive = self._capped(receive)
                if scope["method"] in _METHODS_WITH_BODY:
                    body_receive = await _repaired(body_receive)
                await self.app(scope, body_receive, send_with_id)
            except _BodyTooLarge:
                await self._too_large(send_with_id)
            except Exception:
                # Starlette would answer it outside this middleware, where the request id is already
                # gone: answered here, the 500 carries its id in the header, the body and the log line.
                if status["started"]:  # the response is under way: nothing left to answer with
                    raise
                log.exception("unexpected error")
                self.metrics.errors.labels("internal").inc()
                body = error_body("internal", "internal error; the request id is in the server log")
                await _send_json(send_with_id, 500, body)
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

    async def _too_large(self, send: Send) -> None:
        self.metrics.errors.labels("payload_too_large").inc()
        message = f"the request body is over the {self.max_body_bytes:,}-byte limit (DRAFTER_MAX_BODY_BYTES)"
        await _send_json(send, 413, error_body("payload_too_large", message))


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    """A whole JSON response, sent straight from the middleware."""
    raw = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": raw})
