"""Rewrites: offline rules do what they can and say what they cannot; the LLM path masks, repairs,
falls back, and every rewrite gets the promise check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.compose.phrases import load_phrase_bank
from drafter.domain import Citation, Draft
from drafter.errors import InputError
from drafter.llm.openai import OpenAILLM
from drafter.prompts import PromptStore
from drafter.rewrite import rewrite, rewrite_offline
from tests.llm_server import ScriptedServer, reply, running_server, status

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
BANK = load_phrase_bank(PROMPTS_DIR / "phrases")
PROMPTS = PromptStore(PROMPTS_DIR)
DRAFT = Draft(
    id="d1",
    text="Hi Dana, thanks for reaching out.\n\nThanks for your patience with this.\n\n"
    "You can't return opened items, but we'll repair it under warranty.\n\nThanks,",
    citations=[
        Citation(
            doc_id="w",
            chunk_id="w::0",
            title="Warranty",
            passage="Opened items cannot be returned. We repair or replace faulty devices for 2 years. "
            "Send a photo of the fault to start a claim.",
        )
    ],
)


def test_more_formal_expands_contractions_and_formal_greeting() -> None:
    text, warnings = rewrite_offline(DRAFT, "more_formal", BANK)
    assert text.startswith("Dear Dana,") and text.endswith("Kind regards,")
    assert "cannot return" in text and "we will repair" in text and "can't" not in text
    assert warnings == []


def test_shorter_drops_filler_and_keeps_the_answer() -> None:
    text, _ = rewrite_offline(DRAFT, "shorter", BANK)
    assert "patience" not in text and "repair it under warranty" in text and len(text) < len(DRAFT.text)


def test_expand_adds_from_the_cited_knowledge_only() -> None:
    text, warnings = rewrite_offline(DRAFT, "expand", BANK)
    assert "Send a photo of the fault" in text and warnings == []


@pytest.mark.parametrize("operation", ["friendlier", "more_empathetic"])
def test_limited_rewrites_say_so(operation: str) -> None:
    text, warnings = rewrite_offline(DRAFT, operation, BANK)
    assert text != DRAFT.text and [w.code for w in warnings] == ["rewrite_limited"]


def test_simplify_says_what_rules_cannot_do() -> None:
    hard = DRAFT.model_copy(
        update={"text": "Hi Dana,\n\nIn order to obtain assistance, purchase a plan.\n\nThanks,"}
    )
    text, warnings = rewrite_offline(hard, "simplify", BANK)
    assert "To get help, buy a plan." in text
    assert [w.code for w in warnings] == ["rewrite_limited"] and "needs an LLM" in warnings[0].message


def test_an_unknown_operation_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="'louder'"):
        rewrite(DRAFT, "louder", bank=BANK)


def test_offline_rewrite_keeps_citations_and_checks_promises() -> None:
    promising = DRAFT.model_copy(
        update={"text": "Hi Dana,\n\nWe will send a replacement tomorrow.\n\nThanks,"}
    )
    new = rewrite(promising, "more_formal", bank=BANK)
    assert new.id != promising.id and new.backend == "offline" and new.citations == DRAFT.citations
    assert [w.code for w in new.warnings] == ["unsupported_promise"] and "tomorrow" in new.warnings[0].message


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    yield from running_server()


def llm(server: ScriptedServer) -> OpenAILLM:
    return OpenAILLM(model="rw", base_url=server.base_url, timeout=1.0, max_retries=1)


PERSONAL = DRAFT.model_copy(
    update={"text": "Hi Dana,\n\nWe will email the label to dana@example.com.\n\nThanks,", "language": "de"}
)


def test_llm_rewrite_masks_data_repairs_once_and_keeps_citations_real(server: ScriptedServer) -> None:
    answer = json.dumps(
        {"reply": "Sehr geehrte Dana, das Etikett geht an [EMAIL_1].", "cited_ids": ["P1", "P9"]}
    )
    server.play(reply("Here you go!"), reply(answer))
    new = rewrite(PERSONAL, "more_formal", bank=BANK, llm=llm(server), prompts=PROMPTS)
    assert new.text == "Sehr geehrte Dana, das Etikett geht an dana@example.com."
    assert new.backend == "openai:rw" and [c.chunk_id for c in new.citations] == ["w::0"]
    assert [p.name for p in new.prompts] == ["rewrite/more_formal", "system", "repair"]
    first = server.requests[0]
    assert "dana@example.com" not in first.raw and "[EMAIL_1]" in first.raw
    assert "German" in first.body["messages"][0]["content"] and len(server.requests) == 2


def test_llm_rewrite_falls_back_offline_and_flags_new_promises(server: ScriptedServer) -> None:
    server.play(status(500))
    new = rewrite(PERSONAL, "more_formal", bank=BANK, llm=llm(server), prompts=PROMPTS)
    assert new.backend == "offline" and new.text.startswith("Dear Dana,")
    assert [w.code for w in new.warnings] == ["llm_fallback"] and len(server.requests) == 2
    server.play(
        reply(json.dumps({"reply": "Dear Dana, we will refund you 50 USD today.", "cited_ids": ["P1"]}))
    )
    promised = rewrite(PERSONAL, "more_formal", bank=BANK, llm=llm(server), prompts=PROMPTS)
    assert [w.code for w in promised.warnings] == ["unsupported_promise"]
