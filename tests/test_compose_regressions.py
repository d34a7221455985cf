"""Each failure a support lead found in the offline composer's drafts, pinned by a ticket that failed
before, drafted end to end over the sample help centre in knowledge/ (real store, real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.compose import ComposeContext, ComposedReply, Composer, OfflineComposer
from drafter.config import load_settings
from drafter.domain import Draft, Message, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.evals.cases import EvalCase
from drafter.evals.runner import RunOptions, run_eval
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.principles import detect_signals, select_principles
from drafter.runtime import Runtime
from tests.conftest import REPO_ROOT

KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="module")
def help_centre(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """The sample help centre and its customers, ingested once for the module."""
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("help-centre"), prompts_dir=REPO_ROOT / "prompts"
    )
    runtime = Runtime(settings)
    runtime.__dict__["embedder"] = embedder  # cached_property slot: skip reloading the model
    stores = runtime.stores()
    ingest_knowledge(load_knowledge([KNOWLEDGE / "help-center"]), stores.knowledge, runtime.chunker())
    ingest_history(load_customers(KNOWLEDGE / "customers.jsonl"), stores.profiles, stores.history)
    return runtime


def draft(runtime: Runtime, text: str, **fields: object) -> Draft:
    return runtime.draft_service().draft(Ticket(text=text, **fields))  # type: ignore[arg-type]


def body(draft: Draft) -> list[str]:
    """The reply's paragraphs after the greeting."""
    return [p for p in draft.text.split("\n\n")[1:] if p.strip()]


# --- 6. a crash: a frustration score without a recorded reason; a hazard gets safety first


def test_a_burning_smell_gets_unplug_it_now_first_not_a_crash(help_centre: Runtime) -> None:
    reply = draft(help_centre, "My Plug Mini started buzzing and now there's a burning plastic smell!!!")
    first = body(reply)[0]
    assert "unplug" in first.lower().split(".")[0], reply.text
    assert "2.4 GHz" not in reply.text
    assert any(p.name == "responsiveness" and "hazard" in p.reason for p in reply.principles)


def test_a_hazard_in_german_gets_the_safety_line_in_german(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Hallo, aus meinem Hub kommt Rauch und es riecht verbrannt. Was soll ich tun?")
    assert body(reply)[0].startswith("Bitte ziehen Sie sofort den Stecker"), reply.text


def test_a_calm_question_never_gets_the_overheating_instruction(help_centre: Runtime) -> None:
    reply = draft(help_centre, "Hi, just curious: why does my lamp sometimes glow orange at night?")
    assert "unplug" not in reply.text.lower() and "do not use it" not in reply.text.lower(), reply.text


def test_eval_run_counts_a_case_that_raises_and_finishes_the_rest(
    help_centre: Runtime, tmp_path: Path
) -> None:
    """A bug met by one case is that case's error; the run drafts the others and counts it."""

    class FailsOnOneTicket:
        name = "offline"

        def __init__(self, real: Composer) -> None:
            self.real = real

        def compose(self, context: ComposeContext) -> ComposedReply:
            if context.ticket.text == "boom":
                raise KeyError("frustration")
            return self.real.compose(context)

    class Failing(Runtime):
        def composer(self, tenant: str | None = None) -> Composer:
            return FailsOnOneTicket(super().composer(tenant))

    runtime = Failing(help_centre.settings)
    runtime.__dict__["embedder"] = help_centre.embedder
    cases = [EvalCase(case_id="a", ticket=Ticket(text="boom")),
             EvalCase(case_id="b", ticket=Ticket(text="How do I reset my password?"))]
    summary = run_eval(runtime, cases, tmp_path / "run", RunOptions(kb=[KNOWLEDGE / "help-center"]))
    assert summary.metrics["cases"] == 2 and summary.metrics["errors"] == 1
    lines = (tmp_path / "run" / "results.jsonl").read_text().splitlines()
    rows = {r["case_id"]: r for r in map(json.loads, lines)}
    assert rows["a"]["error"] == "KeyError: 'frustration'" and rows["b"]["draft"]


def test_a_follow_up_turn_is_part_of_the_ticket(help_centre: Runtime) -> None:
    reply = draft(
        help_centre,
        "ok and how long until I actually see the money on my card?",
        conversation=[
            Message(role="customer", text="Hi, I sent my lamp back last week for a refund."),
            Message(role="agent", text="We issue the refund within 2 business days of its arrival."),
        ],
    )
    assert "5-7 business days" in reply.text


def test_a_safety_instruction_beside_the_answer_is_left_out_for_a_calm_customer(embedder: Embedder) -> None:
    passages = [
        Passage(chunk_id="lights::0", doc_id="lights", title="Light colours", score=0.7,
                text="Orange means an update is running."),
        Passage(chunk_id="hours::0", doc_id="hours", title="Support hours", score=0.7,
                text="For urgent safety issues at night, such as a lamp light that overheats, "
                "unplug the lamp and do not use it until we reply."),
    ]
    ticket = Ticket(text="Why is the light on my lamp orange at night?")
    signals = detect_signals(ticket, profile=None, history=[], knowledge=passages)
    context = ComposeContext(ticket=ticket, query=ticket.text, knowledge=passages, history=[], profile=None,
                             signals=signals, principles=select_principles(signals))
    reply = OfflineComposer(embedder).compose(context)
    assert "update" in reply.text and "unplug" not in reply.text, reply.text
