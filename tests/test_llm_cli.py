"""`drafter draft` pointed at an OpenAI-compatible server by environment variables alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.embeddings import Embedder
from tests.llm_server import ScriptedServer, reply, running_server, status
from tests.test_cli import run

FIXTURES = Path(__file__).parent / "fixtures"
KEY = "sk-cli-secret-1234"


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


@pytest.fixture
def llm_env(
    monkeypatch: pytest.MonkeyPatch, server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DRAFTER_LLM_BACKEND", "openai")
    monkeypatch.setenv("DRAFTER_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("DRAFTER_LLM_MODEL", "local-model")
    monkeypatch.setenv("DRAFTER_LLM_API_KEY", KEY)
    monkeypatch.setenv("DRAFTER_LLM_MAX_RETRIES", "1")
    # Settings are read once per process; these commands read them with the LLM variables set.
    run(["ingest", "knowledge", str(FIXTURES / "kb")], capsys)
    run(["ingest", "history", str(FIXTURES / "customers.jsonl")], capsys)


def test_draft_through_the_llm(
    llm_env: None, server: ScriptedServer, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    server.play(
        reply(json.dumps({"reply": "Hi Anna, PO boxes are fine for standard mail.", "cited_ids": ["P1"]}))
    )
    code, out, err = run(
        ["draft", "--customer", "c-anna", "--ticket", "Can I ship to a PO box?", "--json"], capsys
    )
    assert code == 0, err
    draft = json.loads(out)
    assert draft["backend"] == "openai:local-model" and draft["text"].startswith("Hi Anna")
    assert (
        len(draft["citations"]) == 1 and draft["citations"][0]["chunk_id"] == draft["passages"][0]["chunk_id"]
    )
    assert {p["name"] for p in draft["prompts"]} >= {"system", "draft"}
    assert all(p["reason"] for p in draft["principles"])
    [request] = server.requests
    user = request.body["messages"][1]["content"]
    assert '<passage id="P1"' in user and "<ticket>" in user and "name: [NAME_1]" in user
    assert "Anna" not in request.raw, "the customer's own name is masked too"
    assert "## solution_first" in user, "principle instructions are sent"
    assert request.body["model"] == "local-model" and KEY not in request.raw


def test_a_dead_llm_still_gives_the_agent_a_draft(
    llm_env: None, server: ScriptedServer, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    server.play(status(503))
    code, out, err = run(["draft", "--ticket", "Can I ship to a PO box?", "--json"], capsys)
    assert code == 0, err
    draft = json.loads(out)
    assert draft["backend"] == "offline" and draft["text"]
    assert "llm_fallback" in {w["code"] for w in draft["warnings"]} and len(server.requests) == 2
    assert KEY not in out and KEY not in err
