"""A scripted OpenAI-compatible chat server on 127.0.0.1 that records every request."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse


@dataclass
class Step:
    """One scripted answer: reply, stream, stall, status, hang or garbage."""

    kind: str
    content: str = ""
    status: int = 200
    seconds: float = 0.0
    size: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    payloads: list[str] = field(default_factory=list)
    done: bool = True


def reply(content: str) -> Step:
    """A normal completion."""
    return Step("reply", content)


def stream(content: str, *, size: int = 0) -> Step:
    """A streamed completion, one SSE chunk per word (or per `size` characters, as tokenizers split)."""
    return Step("stream", content, size=size)


def status(code: int, message: str = "", **headers: str) -> Step:
    """An HTTP error with an OpenAI-style error body (`message` as its text, when given)."""
    return Step("status", content=message, status=code, headers=headers)


def stall(content: str, seconds: float) -> Step:
    """A stream that sends the first half of `content`, then goes silent for `seconds`."""
    return Step("stall", content, seconds=seconds)


def hang(seconds: float) -> Step:
    """Answer only after `seconds` (past the client's timeout)."""
    return Step("hang", seconds=seconds)


def garbage() -> Step:
    """A 200 whose body is not JSON."""
    return Step("garbage")


def body(content: str, media_type: str = "application/json") -> Step:
    """A 200 with this body as it is (a proxy's error page, JSON of the wrong shape)."""
    return Step("body", content, headers={"content-type": media_type})


def events(*data: str, done: bool = True) -> Step:
    """A stream of these SSE `data:` payloads as they are, then `[DONE]` unless `done` is False."""
    return Step("events", payloads=list(data), done=done)


def cut(content: str) -> Step:
    """A stream of the first half of `content` that then closes, with no error and no `[DONE]`."""
    return Step("cut", content)


@dataclass
class Recorded:
    """A request as the server saw it."""

    headers: dict[str, str]
    raw: str
    body: dict[str, Any]


class ScriptedServer:
    """Answers from a script; the last step repeats forever once the script runs out."""

    def __init__(self) -> None:
        self.script: list[Step] = []
        self.requests: list[Recorded] = []
        self.refuse_json_schema: int | None = None
        """When set, a request asking for `json_schema` output gets this status (as llama-cpp-python
        answers 500), without using a step of the script."""
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._chat)
        self.port = _free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The `/v1` base URL to give the client."""
        return f"http://127.0.0.1:{self.port}/v1"

    def play(self, *steps: Step) -> None:
        """Replace the script and forget recorded requests."""
        self.script = list(steps)
        self.requests.clear()

    def _next(self) -> Step:
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    async def _chat(self, request: Request) -> Response:
        raw = (await request.body()).decode("utf-8")
        self.requests.append(Recorded(dict(request.headers), raw, json.loads(raw)))
        model = self.requests[-1].body.get("model", "scripted")
        asked = (self.requests[-1].body.get("response_format") or {}).get("type")
        if self.refuse_json_schema is not None and asked == "json_schema":
            body = {
                "error": {"message": "response_format json_schema is not supported", "type": "server_error"}
            }
            return JSONResponse(body, status_code=self.refuse_json_schema)
        step = self._next()
        if step.kind == "hang":
            await asyncio.sleep(step.seconds)
            return JSONResponse(_completion(model, "too late"))
        if step.kind == "status":
            body = {"error": {"message": step.content or f"scripted {step.status}", "type": "server_error"}}
            return JSONResponse(body, status_code=step.status, headers=step.headers)
        if step.kind == "garbage":
            return Response("{not json", media_type="application/json")
        if step.kind == "body":
            return Response(step.content, media_type=step.headers["content-type"])
        if step.kind == "events":
            return StreamingResponse(_raw_sse(step.payloads, done=step.done), media_type="text/event-stream")
        if step.kind == "cut":
            half = _sse(model, step.content, stop_after=len(step.content.split(" ")) // 2)
            return StreamingResponse(half, media_type="text/event-stream")
        if step.kind == "stream":
            return StreamingResponse(
                _sse(model, step.content, size=step.size), media_type="text/event-stream"
            )
        if step.kind == "stall":
            stalled = _sse(
                model, step.content, stall_after=len(step.content.split(" ")) // 2, pause=step.seconds
            )
            return StreamingResponse(stalled, media_type="text/event-stream")
        return JSONResponse(_completion(model, step.content))

    def start(self) -> None:
        """Serve in a background thread until `stop()`."""
        # log_config=None: uvicorn's dictConfig would close the handlers pytest captures output with.
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", log_config=None
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("scripted LLM server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        """Shut the server down."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


async def _raw_sse(payloads: list[str], *, done: bool) -> AsyncIterator[str]:
    for payload in payloads:
        yield f"data: {payload}\n\n"
    if done:
        yield "data: [DONE]\n\n"


async def _sse(
    model: str,
    content: str,
    *,
    stall_after: int = -1,
    pause: float = 0.0,
    size: int = 0,
    stop_after: int = -1,
) -> AsyncIterator[str]:
    words = [content[i : i + size] for i in range(0, len(content), size)] if size else content.split(" ")
    for i, word in enumerate(words):
        if i == stop_after:
            return
        if i == stall_after:
            await asyncio.sleep(pause)
        piece = word if size or i == len(words) - 1 else word + " "
        chunk = {
            "id": "chatcmpl-scripted",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
        }
        yield f"data: {json.dumps(chunk)}\n\n"
    yield "data: [DONE]\n\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def running_server() -> Iterator[ScriptedServer]:
    """Start a server, yield it, stop it (for a pytest fixture)."""
    server = ScriptedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
