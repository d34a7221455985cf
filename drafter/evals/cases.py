"""Eval cases: JSONL (ticket, history, reference, relevant doc ids) and hand-written YAML suites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from drafter.domain import CustomerProfile, Message, Ticket
from drafter.errors import DataFileError
from drafter.ingest.loaders import LoadProblems, iter_jsonl, read_text


class Expectations(BaseModel):
    """What a hand-written case demands of the draft."""

    must_mention: list[str] = Field(default_factory=list)
    must_mention_any: list[str] = Field(default_factory=list)
    """At least one of these (one check): the same fact in other words or another language."""
    must_not_promise: list[str] = Field(default_factory=list)
    must_not_contain: list[str] = Field(default_factory=list)
    """A wrong fact, a line that does not apply, internal jargon: none may appear."""
    opens_with_any: list[str] = Field(default_factory=list)
    """The first sentence after the greeting mentions one of these (the direct answer, safety first)."""
    no_markdown: bool = False
    """A plain-text reply: no **bold**, headings, back-ticks or [links](...)."""
    must_warn: list[str] = Field(default_factory=list)
    """Warning codes the agent must see (e.g. knowledge_gap)."""
    must_not_warn: list[str] = Field(default_factory=list)
    max_words: int | None = None
    """A short ask gets a short reply."""
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


def _from_jsonl_row(row: dict[str, Any]) -> EvalCase:
    history = [
        Message(role=m.get("role", "customer"), text=m["text"]) for m in row.get("customer_history") or []
    ]
    labels = row.get("labels") or {}
    customer = row.get("customer_id") or f"case-{row['case_id']}"
    return EvalCase(
        case_id=str(row["case_id"]),
        # The earlier turns are both the conversation so far and the customer's history.
        ticket=Ticket(
            text=row["ticket"],
            customer_id=customer,
            conversation=history,
            language=row.get("language"),
            received_at=row.get("received_at"),
        ),
        history=history,
        reference=row.get("reference_reply"),
        relevant_doc_ids=list(labels.get("relevant_doc_ids") or []),
        gold_texts=[d["text"] for d in row.get("knowledge_docs") or [] if d.get("text")],
    )


def load_jsonl_cases(path: Path, problems: LoadProblems | None = None) -> list[EvalCase]:
    """Cases from a JSONL file; a malformed line is recorded in `problems` with its number and skipped."""
    problems = problems if problems is not None else LoadProblems()
    cases: list[EvalCase] = []
    seen: set[str] = set()
    for number, row in iter_jsonl(path, problems=problems):
        try:
            case = _from_jsonl_row(row)
        except (KeyError, ValidationError, TypeError, AttributeError) as exc:
            problems.add(f"{path}:{number}", f"not an eval case: {_first_line(exc)}")
            continue
        if case.case_id in seen:  # results are keyed by case id (resume, compare)
            problems.add(f"{path}:{number}", f"duplicate case_id {case.case_id!r}")
            continue
        seen.add(case.case_id)
        cases.append(case)
    return cases


def _first_line(exc: Exception) -> str:
    """The gist of a validation error, without pydantic's multi-line detail."""
    text = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
    return " ".join(text.split("\n")[:2])


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


def load_cases(path: Path, problems: LoadProblems | None = None) -> list[EvalCase]:
    """Cases from a JSONL file, a YAML suite, or a folder of YAML suites; bad JSONL lines go to `problems`."""
    if path.is_dir():
        return [c for p in sorted(path.glob("*.y*ml")) for c in load_yaml_cases(p)]
    if not path.is_file():
        raise DataFileError(f"{str(path)!r}: no such case file or folder")
    return load_yaml_cases(path) if path.suffix in {".yaml", ".yml"} else load_jsonl_cases(path, problems)
