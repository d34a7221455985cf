"""The OpenAI-compatible adapter on the wire: what it sends, which failures it retries, how it
reports them, and that the API key travels only in the Authorization header."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from drafter.config import load_settings
from drafter.errors import ConfigError, LLMError, LLMRateLimitError, LLMTimeoutError
from drafter.llm import OutputSchema, make_llm
from drafter.llm.openai import OpenAILLM
from tests.llm_server import (
    ScriptedServer,
    body,
    cut,
    events,
    hang,
    reply,
    running_server,
    stall,
    status,
    stream,
)

KEY = "sk-adapter-secret-9876"
MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello"}]
SCHEMA = OutputSchema("reply", {"type": "object", "properties": {"reply": {"type": "string"}}})


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


def llm(server: ScriptedServer, **kwargs: object) -> OpenAILLM:
    options: dict[str, object] = {"timeout": 1.0, "max_retries": 2, **kwargs}
    return OpenAILLM(model="m-1", base_url=server.base_url, api_key=KEY, **options)  # type: ignore[arg-type]


def test_complete_sends_the_model_messages_and_the_schema(server: ScriptedServer) -> None:
    server.play(reply('{"reply": "hi"}'))
    model = llm(server, max_tokens=64)
    assert model.complete(MESSAGES, schema=SCHEMA) == '{"reply": "hi"}'
    [request] = server.requests
    assert request.body["model"] == "m-1" and request.body["messages"] == MESSAGES
    assert request.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "reply", "schema": SCHEMA.schema},
    }
    assert request.body["max_tokens"] == 64
    assert request.headers["authorization"] == f"Bearer {KEY}" and KEY not in request.raw
    assert model.output_format == "json_schema"


def test_a_server_refusing_json_schema_gets_the_schema_as_json_object_and_it_is_remembered(
    server: ScriptedServer,
) -> None:
    server.play(reply('{"reply": "one"}'), stream('{"reply": "one"}'))
    server.refuse_json_schema = 500  # as llama-cpp-python's server answers
    try:
        model = llm(server, max_retries=0)
        assert model.complete(MESSAGES, schema=SCHEMA) == '{"reply": "one"}'
        asked = [r.body["response_format"]["type"] for r in server.requests]
        assert asked == ["json_schema", "json_object"]
        assert server.requests[1].body["response_format"]["schema"] == SCHEMA.schema
        assert model.output_format == "json_object_schema"
        server.requests.clear()
        assert "".join(model.stream(MESSAGES, schema=SCHEMA)) == '{"reply": "one"}'
        assert [r.body["response_format"]["type"] for r in server.requests] == ["json_object"]
    finally:
        server.refuse_json_schema = None


def test_a_server_refusing_every_format_gets_plain_instructions(server: ScriptedServer) -> None:
    server.play(
        status(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported"),
        status(422, "response_format.type: Input should be 'text'"),
        reply("plain"),
    )
    model = llm(server)
    assert model.complete(MESSAGES, schema=SCHEMA) == "plain"
    assert ["response_format" in r.body for r in server.requests] == [True, True, False]
    assert model.output_format == "instructions"


@pytest.mark.parametrize(("code", "attempts"), [(401, 1), (400, 1), (500, 3)])
def test_a_failing_server_is_not_taken_for_one_that_refuses_a_format(
    server: ScriptedServer, code: int, attempts: int
) -> None:
    server.play(status(code, "the model is not loaded"))
    model = llm(server)
    with pytest.raises(LLMError, match=f"HTTP {code}"):
        model.complete(MESSAGES, schema=SCHEMA)
    assert len(server.requests) == attempts, "the SDK's retries, one format only"
    assert model.output_format is None


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (body("Service Unavailable", "text/plain"), "not a chat completion"),
        (body("<html>bad gateway</html>", "text/html"), "not a chat completion"),
        (body("[1, 2, 3]"), "not a chat completion"),
        (body('"a string"'), "not a chat completion"),
        (body('{"choices": []}'), "no text"),
        (body('{"choices": [{"message": {"role": "assistant", "content": {"reply": "x"}}}]}'), "no text"),
    ],
)
def test_a_200_that_is_not_a_chat_completion_is_an_llm_error(
    server: ScriptedServer, answer: object, why: str
) -> None:
    server.play(answer)  # type: ignore[arg-type]
    with pytest.raises(LLMError, match=why):
        llm(server).complete(MESSAGES)


@pytest.mark.parametrize(
    "answer",
    [
        events(),
        events('{"choices": [{"index": 0, "delta": {"content": ""}}]}'),
        events('{"choices": [{"index": 0, "delta": {"content": {"x": 1}}}]}', "[1, 2]", '"text"'),
        body("Service Unavailable", "text/plain"),
    ],
)
def test_a_stream_with_no_content_yields_nothing(server: ScriptedServer, answer: object) -> None:
    server.play(answer)  # type: ignore[arg-type]
    assert "".join(llm(server).stream(MESSAGES)) == ""


def test_a_stream_that_closes_early_ends_without_an_error(server: ScriptedServer) -> None:
    server.play(cut("one two three four five six"))
    assert "".join(llm(server).stream(MESSAGES)) == "one two three "


def test_the_sdk_retries_rate_limits_and_5xx_with_backoff(server: ScriptedServer) -> None:
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


def test_timeouts_are_retried_by_the_sdk_then_reported(server: ScriptedServer) -> None:
    server.play(hang(3))
    with pytest.raises(LLMTimeoutError):
        llm(server, timeout=0.3, max_retries=1).complete(MESSAGES)
    assert len(server.requests) == 2


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
