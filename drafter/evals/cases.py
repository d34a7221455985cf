"""Eval cases: JSONL (ticket, history, reference, relevant doc ids) and hand-written YAML suites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from drafter.domain import CustomerProfile, Message, Ticket
from drafter.errors import DataFileError
from drafter.loaders import iter_jsonl, read_text


class Expectations(BaseModel):
    """What a hand-written case demands of the draft."""

    must_mention: list[str] = Field(default_factory=list)
    must_not_promise: list[str] = Field(default_factory=list)
    expected_principles: list[str] = Field(default_factory=list)
    expected_language: str | None = None


class EvalCase(BaseModel):
    """One ticket to draft, with what the draft is judged against."""

    case_id: str
    ticket: Ticket
    history: list[Message] = Field(default_factory=list)
    profile: CustomerProfile | None = None
    reference: str | None = None
    relevant_doc_ids: list[str] = Field(default_factory=list)
    gold_texts: list[str] = Field(default_factory=list)
    expect: Expectations = Field(default_factory=Expectations)


def _from_jsonl_row(row: dict[str, Any], where: str) -> EvalCase:
    history = [
        Message(role=m.get("role", "customer"), text=m["text"]) for m in row.get("customer_history") or []
    ]
    labels = row.get("labels") or {}
    customer = row.get("customer_id") or f"case-{row['case_id']}"
    return EvalCase(
        case_id=str(row["case_id"]),
        # The earlier turns are both the conversation so far and the customer's history.
        ticket=Ticket(
            text=row["ticket"], customer_id=customer, conversation=history, language=row.get("language")
        ),
        history=history,
        reference=row.get("reference_reply"),
        relevant_doc_ids=list(labels.get("relevant_doc_ids") or []),
        gold_texts=[d["text"] for d in row.get("knowledge_docs") or [] if d.get("text")],
    )


def load_jsonl_cases(path: Path) -> list[EvalCase]:
    """Cases from a JSONL file; a malformed row stops the run with its line number."""
    cases = []
    for number, row in iter_jsonl(path, on_error="stop"):
        try:
            cases.append(_from_jsonl_row(row, f"{path}:{number}"))
        except (KeyError, ValidationError, TypeError) as exc:
            raise DataFileError(f"{path}:{number}: not an eval case: {exc}") from exc
    return cases


def load_yaml_cases(path: Path) -> list[EvalCase]:
    """Cases from a hand-written YAML suite (`cases:` list)."""
    data = yaml.safe_load(read_text(path)) or {}
    cases = []
    for i, item in enumerate(data.get("cases") or []):
        try:
            ticket = (
                Ticket(**item["ticket"]) if isinstance(item["ticket"], dict) else Ticket(text=item["ticket"])
            )
            cases.append(
                EvalCase(
                    case_id=str(item["id"]),
                    ticket=ticket,
                    reference=item.get("reference"),
                    relevant_doc_ids=item.get("relevant_doc_ids") or [],
                    expect=Expectations(**(item.get("expect") or {})),
                )
            )
        except (KeyError, ValidationError, TypeError) as exc:
            raise DataFileError(f"{path}: case {i + 1} is malformed: {exc}") from exc
    return cases


def load_cases(path: Path) -> list[EvalCase]:
    """Cases from a JSONL file, a YAML suite, or a folder of YAML suites."""
    if path.is_dir():
        return [c for p in sorted(path.glob("*.y*ml")) for c in load_yaml_cases(p)]
    if not path.is_file():
        raise DataFileError(f"{str(path)!r}: no such case file or folder")
    return load_yaml_cases(path) if path.suffix in {".yaml", ".yml"} else load_jsonl_cases(path)
