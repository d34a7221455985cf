"""The whole LLM path against a real inference server running a real model (Gemma 3 270M, a base
model, on llama-cpp-python's OpenAI-compatible server). Its replies are poor: these tests assert the
contract and the safety net, never the wording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from drafter.compose.llm import answer_schema
from drafter.domain import Draft, KnowledgeDoc, Ticket
from drafter.graders import GradeInput
from drafter.graders.llm_judge import JUDGE_ERROR, JUDGES, judge_reply
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.llm import LLM
from drafter.llm.openai import OpenAILLM
from drafter.rewrite import rewrite
from drafter.runtime import Runtime
from tests.api_server import running_api
from tests.real_llm import MODEL, SMALL_CONTEXT, SMALL_MODEL, RealServer

# A tiny model still needs minutes per answer when other work shares the two cores.
pytestmark = [pytest.mark.real_llm, pytest.mark.timeout(1800)]

FIXTURES = Path(__file__).parent / "fixtures"
TICKET = Ticket(text="How long do I have to return an item I bought?", customer_id="c-anna")
# Short answers keep the suite quick on two cores; the contract does not depend on length.
MAX_TOKENS = 96


def configure(runtime: Runtime, server: RealServer, **settings: object) -> Runtime:
    """The runtime pointed at the real server, its knowledge and customers ingested."""
    runtime.settings = runtime.settings.model_copy(
        update={
            "llm_backend": "openai",
            "llm_base_url": server.base_url,
            "llm_model": MODEL,
            "llm_api_key": SecretStr("local"),
            "llm_timeout_seconds": 300.0,  # generous: two cores may be shared with other work
            "llm_max_retries": 0,
            "llm_max_tokens": MAX_TOKENS,
            **settings,
        }
    )
    stores = runtime.stores()
    ingest_knowledge(list(load_knowledge([FIXTURES / "kb"])), stores.knowledge, runtime.chunker())
    ingest_history(list(load_customers(FIXTURES / "customers.jsonl")), stores.profiles, stores.history)
    return runtime


def the_llm(runtime: Runtime) -> OpenAILLM:
    llm = runtime.llm
    assert isinstance(llm, OpenAILLM)
    return llm


def assert_a_real_draft(draft: Draft) -> None:
    """The safety net's contract: a draft the agent can use, from the model or set aside with why."""
    assert draft.text.strip()
    passages = {p.chunk_id for p in draft.passages}
    assert {c.chunk_id for c in draft.citations} <= passages, "only passages it was given are cited"
    if draft.backend == f"openai:{MODEL}":
        assert not any(w.code == "llm_fallback" for w in draft.warnings)
        return
    assert draft.backend == "offline"
    [fallback] = [w for w in draft.warnings if w.code == "llm_fallback"]
    assert "set aside" in fallback.message and 'The model wrote: "' in fallback.message, fallback.message


def test_structured_output_is_negotiated_and_obeyed(runtime: Runtime, real_llm_server: RealServer) -> None:
    llm = the_llm(configure(runtime, real_llm_server))
    schema = answer_schema(["P1", "P2"])
    messages = [{"role": "user", "content": 'Answer as JSON {"reply": ..., "cited_ids": [...]}: hello'}]
    answer = json.loads(llm.complete(messages, schema=schema))
    # llama-cpp-python answers `json_schema` with HTTP 500 and takes the schema inside `json_object`.
    assert llm.output_format == "json_object_schema"
    assert set(answer) == {"reply", "cited_ids"} and isinstance(answer["reply"], str)
    assert set(answer["cited_ids"]) <= {"P1", "P2"}, "the schema is a grammar: no other id can be written"


def test_a_draft_goes_through_the_real_server(runtime: Runtime, real_llm_server: RealServer) -> None:
    rt = configure(runtime, real_llm_server)
    draft = rt.draft_service().draft(TICKET)
    assert_a_real_draft(draft)
    assert the_llm(rt).output_format == "json_object_schema"


def test_a_streamed_draft_over_the_api_ends_in_a_draft_event(
    runtime: Runtime, real_llm_server: RealServer
) -> None:
    rt = configure(runtime, real_llm_server)
    with running_api(rt) as api, api.client(api.key_a) as client:
        events: list[tuple[str, dict[str, object]]] = []
        with client.stream("POST", "/v1/drafts", json={"text": TICKET.text, "stream": True}) as response:
            name = ""
            for line in response.iter_lines():
                if line.startswith("event:"):
                    name = line.split(":", 1)[1].strip()
                elif line.startswith("data:"):
                    events.append((name, json.loads(line.split(":", 1)[1])))
    kinds = [k for k, _ in events]
    assert kinds[0] == "started" and kinds[-1] == "draft" and "error" not in kinds
    final = Draft.model_validate({**events[-1][1], "passages": []})
    assert final.text.strip() and "token" in kinds
    if final.backend == f"openai:{MODEL}":
        assert "".join(str(d["text"]) for k, d in events if k == "token").strip() == final.text


def test_a_rewrite_and_the_llm_judge_run_on_the_real_server(
    runtime: Runtime, real_llm_server: RealServer
) -> None:
    rt = configure(runtime, real_llm_server)
    draft = rt.draft_service().draft(TICKET.model_copy(update={"customer_id": None}))
    shorter = rewrite(
        draft, "shorter", bank=rt.offline_composer().phrases, llm=rt.llm, prompts=rt.prompt_store
    )
    assert shorter.text.strip() and shorter.backend in {f"openai:{MODEL}", "offline"}
    assert {c.chunk_id for c in shorter.citations} <= {c.chunk_id for c in draft.citations}
    if shorter.backend == "offline":
        assert "llm_fallback" in {w.code for w in shorter.warnings}

    llm: LLM = the_llm(rt)
    grades = judge_reply(GradeInput(ticket=TICKET, reply=draft.text), llm, rt.prompt_store)
    assert len(grades) == len(JUDGES)
    scored = [g for g in grades if g.name != JUDGE_ERROR]
    assert scored, "the schema's grammar makes a verdict parse"
    assert all(0.0 <= g.score <= 1.0 and g.grader.startswith("llm-judge:") for g in scored)


def test_a_context_window_smaller_than_the_prompt(runtime: Runtime, real_llm_server: RealServer) -> None:
    rt = configure(runtime, real_llm_server, llm_model=SMALL_MODEL, top_k=5)
    long_docs = [
        KnowledgeDoc(
            doc_id=f"returns-{i}",
            title=f"Returns, part {i}",
            format="text",
            text=f"Returns of kind {i} are accepted within 30 days when the item is unused. " * 10,
        )
        for i in range(5)
    ]
    ingest_knowledge(long_docs, rt.stores().knowledge, rt.chunker())
    untrimmed = rt.draft_service().draft(TICKET)
    [refused] = [w for w in untrimmed.warnings if w.code == "llm_fallback"]
    assert "HTTP 400" in refused.message, "the server refuses a prompt longer than its window"

    rt.settings = rt.settings.model_copy(update={"llm_context_tokens": SMALL_CONTEXT})
    trimmed = rt.draft_service().draft(TICKET)
    [warning] = [w for w in trimmed.warnings if w.code == "context_trimmed"]
    assert "passages" in warning.message
    assert not any("HTTP 400" in w.message for w in trimmed.warnings), "the trimmed prompt fits"
    assert_a_real_draft(trimmed)


def test_a_timeout_mid_generation_falls_back_and_the_server_recovers(
    runtime: Runtime, real_llm_server: RealServer
) -> None:
    rt = configure(runtime, real_llm_server, llm_timeout_seconds=0.5, llm_max_tokens=300)
    draft = rt.draft_service().draft(TICKET)
    assert draft.backend == "offline" and draft.text.strip()
    [fallback] = [w for w in draft.warnings if w.code == "llm_fallback"]
    assert "llm_timeout" in fallback.message
    # The server finishes the abandoned answer before it takes the next request.
    rt.settings = rt.settings.model_copy(update={"llm_timeout_seconds": 300.0, "llm_max_tokens": 8})
    llm = the_llm(rt)
    assert llm.complete([{"role": "user", "content": "Say hello."}]) is not None
