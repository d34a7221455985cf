"""Run drafter's real API app on uvicorn on 127.0.0.1 in a background thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from starlette.types import ASGIApp

from drafter.api import create_app
from drafter.runtime import Runtime
from drafter.store import KeyStore


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: ASGIApp, port: int | None = None) -> Iterator[str]:
    """Serve an ASGI app until the block ends (on `port`, or a free one); yields its base URL."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Api:
    """A running drafter API with keys for two tenants."""

    def __init__(self, base_url: str, runtime: Runtime) -> None:
        self.base_url = base_url
        keys = KeyStore(runtime.engine)
        self.key_a = keys.create("acme")[1]
        self.key_b = keys.create("globex")[1]
        self.runtime = runtime

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client, authenticated with `key` when given."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60)


@contextmanager
def running_api(runtime: Runtime, port: int | None = None) -> Iterator[Api]:
    """The API over a runtime, served for real (on `port`, or a free one)."""
    with serving(create_app(runtime.settings, runtime), port=port) as url:
        yield Api(url, runtime)
