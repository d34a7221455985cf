"""The LLM judge over the OpenAI wire protocol: a bad answer is asked again once, then marked."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from drafter.domain import Ticket
from drafter.graders import GradeInput
from drafter.graders.llm_judge import JUDGE_ERROR, JUDGES, judge_reply
from drafter.llm import LLM, make_llm
from drafter.runtime import Runtime
from tests.llm_server import ScriptedServer, reply, running_server

GOOD = reply(json.dumps({"score": 5, "explanation": "warm and exact"}))
G = GradeInput(
    ticket=Ticket(text="Can I return opened headphones?"), reply="Opened items cannot be refunded."
)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


def judge_llm(runtime: Runtime, server: ScriptedServer) -> LLM:
    settings = runtime.settings.model_copy(
        update={"llm_backend": "openai", "llm_base_url": server.base_url, "llm_max_retries": 0}
    )
    llm = make_llm(settings)
    assert llm is not None
    return llm


def test_a_malformed_verdict_is_retried_once(runtime: Runtime, server: ScriptedServer) -> None:
    server.play(reply("not json at all"), GOOD)
    grades = judge_reply(G, judge_llm(runtime, server), runtime.prompt_store)
    assert [g.name for g in grades] == list(JUDGES.values())
    assert all(g.score == 1.0 for g in grades)
    assert len(server.requests) == len(JUDGES) + 1, "one retry for the bad answer"


def test_a_judge_still_failing_is_marked_not_scored_zero(runtime: Runtime, server: ScriptedServer) -> None:
    out_of_range = reply(json.dumps({"score": 9, "explanation": "off the scale"}))
    server.play(out_of_range, out_of_range, GOOD)
    grades = judge_reply(G, judge_llm(runtime, server), runtime.prompt_store)
    errors = [g for g in grades if g.name == JUDGE_ERROR]
    assert len(errors) == 1 and errors[0].explanation.startswith("politeness:")
    assert "politeness" not in {g.name for g in grades}
    assert len(server.requests) == len(JUDGES) + 1
