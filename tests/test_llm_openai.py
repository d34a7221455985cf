"""The OpenAI-compatible adapter on the wire: what it sends, which failures it retries, how it
reports them, and that the API key travels only in the Authorization header."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from drafter.config import load_settings
from drafter.errors import ConfigError, LLMError, LLMRateLimitError, LLMTimeoutError
from drafter.llm import make_llm
from drafter.llm.openai import OpenAILLM
from tests.llm_server import ScriptedServer, hang, reply, running_server, stall, status, stream

KEY = "sk-adapter-secret-9876"
MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello"}]


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


def llm(server: ScriptedServer, **kwargs: object) -> OpenAILLM:
    options: dict[str, object] = {"timeout": 1.0, "max_retries": 2, "backoff_seconds": 0.01, **kwargs}
    return OpenAILLM(model="m-1", base_url=server.base_url, api_key=KEY, **options)  # type: ignore[arg-type]


def test_complete_sends_the_model_messages_and_json_mode(server: ScriptedServer) -> None:
    server.play(reply('{"reply": "hi"}'))
    assert llm(server).complete(MESSAGES, json_mode=True) == '{"reply": "hi"}'
    [request] = server.requests
    assert request.body["model"] == "m-1" and request.body["messages"] == MESSAGES
    assert request.body["response_format"] == {"type": "json_object"}
    assert request.headers["authorization"] == f"Bearer {KEY}" and KEY not in request.raw


def test_rate_limits_and_5xx_are_retried_with_backoff(server: ScriptedServer) -> None:
    server.play(status(429, **{"Retry-After": "0.3"}), status(502), reply("ok"))
    started = time.perf_counter()
    assert llm(server).complete(MESSAGES) == "ok"
    assert len(server.requests) == 3
    assert time.perf_counter() - started >= 0.3, "Retry-After is honoured"


def test_retries_stop_at_the_limit(server: ScriptedServer) -> None:
    server.play(status(500))
    with pytest.raises(LLMError, match="HTTP 500"):
        llm(server, max_retries=1).complete(MESSAGES)
    assert len(server.requests) == 2
    server.play(status(429))
    with pytest.raises(LLMRateLimitError):
        llm(server, max_retries=0).complete(MESSAGES)
    assert len(server.requests) == 1


@pytest.mark.parametrize("code", [400, 401, 404, 422])
def test_client_errors_are_not_retried(server: ScriptedServer, code: int) -> None:
    server.play(status(code))
    with pytest.raises(LLMError, match=f"HTTP {code}"):
        llm(server).complete(MESSAGES)
    assert len(server.requests) == 1


def test_a_server_that_echoes_the_key_does_not_put_it_in_our_error(server: ScriptedServer) -> None:
    server.play(status(401, message=f"Incorrect API key provided: {KEY}"))
    with pytest.raises(LLMError) as caught:
        llm(server).complete(MESSAGES)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)


def test_a_hang_is_a_timeout(server: ScriptedServer) -> None:
    server.play(hang(3))
    started = time.perf_counter()
    with pytest.raises(LLMTimeoutError):
        llm(server, timeout=0.5, max_retries=0).complete(MESSAGES)
    assert time.perf_counter() - started < 2.5


def test_stream_yields_pieces_in_order(server: ScriptedServer) -> None:
    server.play(stream("one two three four"))
    pieces = list(llm(server).stream(MESSAGES))
    assert len(pieces) == 4 and "".join(pieces) == "one two three four"
    assert server.requests[0].body["stream"] is True


def test_stream_retries_before_the_first_piece(server: ScriptedServer) -> None:
    server.play(status(503), stream("after a retry"))
    assert "".join(llm(server).stream(MESSAGES)) == "after a retry"
    assert len(server.requests) == 2


def test_a_stream_that_stalls_is_a_timeout_after_what_arrived(server: ScriptedServer) -> None:
    server.play(stall("alpha beta gamma delta", seconds=3))
    received: list[str] = []
    with pytest.raises(LLMTimeoutError):
        for piece in llm(server, timeout=0.5, max_retries=0).stream(MESSAGES):
            received.append(piece)
    assert "".join(received) == "alpha beta "


def test_make_llm_needs_somewhere_to_send_and_never_shows_the_key() -> None:
    assert make_llm(load_settings()) is None
    with pytest.raises(ConfigError, match="DRAFTER_LLM_BASE_URL"):
        make_llm(load_settings(llm_backend="openai"))
    settings = load_settings(llm_backend="openai", llm_api_key=SecretStr(KEY), llm_base_url="http://x/v1")
    assert KEY not in repr(settings) and KEY not in str(settings.model_dump())
    configured = make_llm(settings)
    assert configured is not None and configured.name == "openai:gpt-4o-mini"


def test_pii_patterns_are_checked_when_settings_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_PII_PATTERNS", '{"ORDER": "BW-\\\\d{6}"}')
    assert load_settings().pii_patterns == {"ORDER": r"BW-\d{6}"}
    for bad, why in (('{"ORDER": "BW-("}', "not a valid regular expression"), ('{"ORDER": "x*"}', "empty")):
        monkeypatch.setenv("DRAFTER_PII_PATTERNS", bad)
        with pytest.raises(ConfigError, match="DRAFTER_PII_PATTERNS") as caught:
            load_settings()
        assert why in str(caught.value)
