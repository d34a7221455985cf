"""Tuning retrieval on labelled tickets: a team's own codes for problems learned, measured held out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.domain import KnowledgeDoc, Message, Ticket
from drafter.errors import ConfigError, InputError
from drafter.evals.cases import EvalCase
from drafter.evals.runner import RunOptions, eval_tenant, run_eval
from drafter.evals.tuning import tune_retrieval
from drafter.retrieval.adapter import QueryAdapter, load_adapter
from drafter.retrieval.tuning import TuningSettings
from drafter.runtime import Runtime

PRODUCTS = ["NORTHWIND KETTLE", "BLUEFIN BLENDER", "SUNDIAL TOASTER", "KESTREL FAN", "OKAPI HEATER"]
# What reviews say about each problem, and the code the support team uses for it: the bundled
# model cannot know that "K7" means a battery that drains, so only tuning can connect them.
ASPECTS = {
    "K7": "The battery drains within an hour and needs charging again.",
    "Q3": "The display flickers and sometimes goes completely dark.",
    "M4": "Delivery took three weeks and the parcel arrived late.",
    "R9": "It makes a loud rattling noise while running.",
    "T2": "The paint started peeling off after a few washes.",
    "V5": "Customer service never answered my emails about the warranty.",
    "W8": "The plastic gave off a strong chemical smell for days.",
    "X1": "The instruction booklet was confusing and missing steps.",
}
ASKS = [
    "Any {code} reports on it?",
    "Do people run into {code} with this one?",
    "Is {code} a known thing here?",
    "Have customers mentioned {code}?",
]


def _knowledge() -> list[KnowledgeDoc]:
    docs = []
    for product in PRODUCTS:
        slug = product.split()[0].lower()
        for code, complaint in ASPECTS.items():
            docs.append(
                KnowledgeDoc(
                    doc_id=f"{slug}:{code}",
                    title=f"{product} review",
                    text=f"{product.title()}: {complaint}",
                    metadata={"entity_name": product, "doc_type": "review"},
                    format="text",
                )
            )
    return docs


def _cases() -> list[EvalCase]:
    cases = []
    for p, product in enumerate(PRODUCTS):
        slug = product.split()[0].lower()
        for a, code in enumerate(ASPECTS):
            conversation = [Message(role="customer", text=f"I have a question about the {product.title()}.")]
            ticket = Ticket(
                text=ASKS[(p + a) % len(ASKS)].format(code=code),
                customer_id=f"conv-{slug}-{code}",
                conversation=conversation,
            )
            relevant = [f"{slug}:{code}"]
            cases.append(EvalCase(case_id=f"{slug}-{code}", ticket=ticket, relevant_doc_ids=relevant))
    return cases


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(doc.model_dump_json() for doc in _knowledge()) + "\n", encoding="utf-8")
    return path


def test_tuning_learns_a_teams_codes_and_ranks_held_out_tickets_better(
    runtime: Runtime, kb_file: Path
) -> None:
    report = tune_retrieval(runtime, "shop", _cases(), [kb_file], settings=TuningSettings(epochs=10))

    assert report.before is not None and report.after is not None
    assert report.held_out_tickets > 5 and report.training_tickets > 5
    # Untuned, a code is noise and the right review ranks about at random among eight.
    assert report.before.mrr < 0.6
    assert report.after.mrr > report.before.mrr + 0.25
    assert report.after.recall_at_k > report.before.recall_at_k
    assert report.kept and report.adapter_path.is_file()

    adapter = load_adapter(report.adapter_path)
    assert adapter is not None and adapter.info["held_out_after"]["mrr"] == round(report.after.mrr, 4)
    # The drafting service of that tenant ranks with the adapter, and a setting turns it off.
    assert runtime.draft_service("shop").retriever.adapter is not None
    assert runtime.draft_service("other").retriever.adapter is None
    off = Runtime(runtime.settings.model_copy(update={"query_adapter": False}))
    off.__dict__["embedder"] = runtime.embedder
    assert off.draft_service("shop").retriever.adapter is None


def test_an_untrained_adapter_changes_nothing_and_a_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    vector = np.random.default_rng(0).normal(size=8).astype(np.float32)
    vector /= np.linalg.norm(vector)
    identity = QueryAdapter(matrix=np.zeros((8, 8), dtype=np.float32))
    assert np.allclose(identity.apply(vector), vector)

    path = tmp_path / "adapters" / "t.npz"
    QueryAdapter(matrix=np.eye(8, dtype=np.float32), info={"examples": 3}).save(path)
    loaded = load_adapter(path)
    assert loaded is not None and loaded.info["examples"] == 3 and np.allclose(loaded.apply(vector), vector)

    path.write_bytes(b"not an archive")
    with pytest.raises(ConfigError, match="cannot be read"):
        QueryAdapter.load(path)


def test_tuning_refuses_cases_without_labels_and_dense_only_retrieval(
    runtime: Runtime, kb_file: Path
) -> None:
    unlabelled = [EvalCase(case_id="c1", ticket=Ticket(text="Any K7 reports?"))]
    with pytest.raises(InputError, match="relevant_doc_ids"):
        tune_retrieval(runtime, "shop", unlabelled, [kb_file])
    dense = Runtime(runtime.settings.model_copy(update={"retrieval_mode": "dense"}))
    with pytest.raises(ConfigError, match="hybrid or lexical"):
        tune_retrieval(dense, "shop", _cases(), [kb_file])


def test_tune_command_reports_held_out_scores_and_writes_the_held_out_cases(
    runtime: Runtime, kb_file: Path, tmp_path: Path
) -> None:
    cases_file = tmp_path / "cases.jsonl"
    rows = [
        {
            "case_id": c.case_id,
            "ticket": c.ticket.text,
            "customer_id": c.ticket.customer_id,
            "customer_history": [m.model_dump() for m in c.ticket.conversation],
            "labels": {"relevant_doc_ids": c.relevant_doc_ids},
        }
        for c in _cases()
    ]
    cases_file.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    held = tmp_path / "held.jsonl"

    result = CliRunner().invoke(
        app,
        [
            *("tune", "retrieval", "--cases", str(cases_file), "--kb", str(kb_file)),
            *("--tenant", "shop", "--write-held-out", str(held)),
        ],
    )

    assert result.exit_code == 0, result.output
    assert "untuned" in result.output and "tuned" in result.output and "saved" in result.output
    written = [json.loads(line) for line in held.read_text(encoding="utf-8").splitlines()]
    assert written and {r["case_id"] for r in written} < {r["case_id"] for r in rows}
    # Whole conversations stay on one side: none of the written cases was learned from.
    assert f"wrote {len(written)} held-out cases" in result.output


def test_an_eval_run_records_the_adapter_it_ranked_with_and_starts_over_after_retuning(
    runtime: Runtime, kb_file: Path, tmp_path: Path
) -> None:
    cases = _cases()
    options = RunOptions(kb=[kb_file], limit=3)
    untuned = run_eval(runtime, cases, tmp_path / "run", options)
    assert untuned.retrieval_adapter is None

    tune_retrieval(runtime, eval_tenant([kb_file]), cases, [kb_file])
    tuned = run_eval(runtime, cases, tmp_path / "run", options)

    assert tuned.retrieval_adapter is not None and tuned.retrieval_adapter["examples"] > 5
    # Rows ranked without the adapter are not mixed into a run that ranks with it.
    assert tuned.resumed == 0
