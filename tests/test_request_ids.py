"""Every response carries its request id, an unexpected 500 included: in the `X-Request-ID` header,
in the error body and in the log line."""

from __future__ import annotations

import logging

import httpx

from drafter.api import create_app
from drafter.api.logs import request_id_var
from drafter.runtime import Runtime
from tests.api_server import serving


class _Lines(logging.Handler):
    """Log lines with the request id they were written under."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str, str, bool]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.getMessage(), request_id_var.get(), record.exc_info is not None))


def test_an_unexpected_error_is_a_500_that_keeps_its_request_id(runtime: Runtime) -> None:
    app = create_app(runtime.settings, runtime)
    lines = _Lines()

    def broken() -> None:
        raise AttributeError("'str' object has no attribute 'choices'")

    app.add_api_route("/v1/broken", broken)
    with serving(app) as url:
        logging.getLogger("drafter.api").addHandler(lines)
        try:
            response = httpx.get(f"{url}/v1/broken", headers={"X-Request-ID": "req-500-check"})
        finally:
            logging.getLogger("drafter.api").removeHandler(lines)
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "req-500-check"
    assert response.json() == {
        "error": "internal",
        "message": "internal error; the request id is in the server log",
        "request_id": "req-500-check",
    }
    assert "choices" not in response.text, "the traceback stays in the log"
    assert ("unexpected error", "req-500-check", True) in lines.lines, "logged with its traceback and id"
