"""`drafter tune style`: learn which phrase variants read like a team's sent replies, judged held out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from typing import Any

from drafter.compose import OfflineComposer
from drafter.compose.phrases import PhraseBank
from drafter.compose.style import MIN_OBSERVATIONS, PhraseStyle, StyleExample, learn_style
from drafter.drafting import DraftService
from drafter.errors import DrafterError, InputError
from drafter.evals.cases import EvalCase
from drafter.evals.runner import ingest_cases
from drafter.graders.resolution import rouge_l
from drafter.retrieval.tuning import split_by_conversation
from drafter.runtime import Runtime

Hook = Callable[[str, int | None], Callable[[int], None]]
"""Starts a progress stage (name, total) and returns its advance(n) callback."""


@dataclass(frozen=True)
class ReplyCase:
    """A case with the reply the team sent, grouped by conversation for the split."""

    key: str
    case: EvalCase
    sent: str


@dataclass
class StyleReport:
    """What a style tuning run learned from and how close held-out drafts came before and after."""

    style_path: Path
    training_drafts: int
    held_out_drafts: int
    style: PhraseStyle | None = None
    before: float | None = None
    """Mean closeness (ROUGE-L F) of held-out drafts to the sent replies, in the bank's own mix."""
    after: float | None = None
    kept: bool = True
    notes: list[str] = field(default_factory=list)


def reply_cases(cases: list[EvalCase]) -> list[ReplyCase]:
    """The cases that carry the reply that was sent; conversation = customer id, else the case."""
    found = [
        ReplyCase(key=c.ticket.customer_id or c.case_id, case=c, sent=c.reference)
        for c in cases
        if c.reference and c.reference.strip()
    ]
    if not found:
        raise InputError("no case carries the reply that was sent (reference); nothing to learn from")
    return found


def _no_progress(_name: str, _total: int | None) -> Callable[[int], None]:
    return lambda _n: None


def tune_style(
    runtime: Runtime,
    tenant: str,
    cases: list[EvalCase],
    kb: list[Path],
    *,
    held_out_share: float = 0.5,
    keep_worse: bool = False,
    workers: int = 2,
    min_observations: int = MIN_OBSERVATIONS,
    stage: Hook = _no_progress,
) -> StyleReport:
    """Draft the training cases offline, learn the style from them, measure it held out, save it."""
    if not 0.0 <= held_out_share < 1.0:
        raise InputError(f"held-out share must be at least 0 and below 1, not {held_out_share!r}")
    train, held_out = split_by_conversation(reply_cases(cases), held_out_share)
    ingest_cases(runtime, tenant, cases, kb)
    service = runtime.draft_service(tenant)
    # Learned against the bank's own mix, never against a style learned before.
    bank = runtime.offline_composer(tenant).phrases.with_preferred({})
    path = runtime.style_path(tenant)
    report = StyleReport(style_path=path, training_drafts=len(train), held_out_drafts=len(held_out))
    advance = stage("Drafting training cases", len(train))
    examples = [e for e in _drafted(_with_bank(runtime, service, bank), train, workers, advance) if e]
    if not examples:
        raise InputError("no training case could be drafted; check the knowledge and the cases")
    style = learn_style(examples, bank, rouge_l, min_observations=min_observations)
    report.style = style
    if not style.preferred:
        report.notes.append("no phrase was used often enough to learn a preference; nothing saved")
        report.kept = False
        return report
    if held_out:
        mixed = stage("Held-out, bank's mix", len(held_out))
        report.before = _closeness(_with_bank(runtime, service, bank), held_out, workers, mixed)
        styled = _with_bank(runtime, service, bank.with_preferred(style.preferred))
        report.after = _closeness(styled, held_out, workers, stage("Held-out, styled", len(held_out)))
        report.kept = keep_worse or report.after >= report.before
    else:
        report.notes.append("no held-out cases: the style is saved unmeasured")
    if report.kept:
        PhraseStyle(style.preferred, info={**style.info, **_info(cases, report)}).save(path)
    else:
        report.notes.append(
            "held-out drafts came out further from the sent replies, so the style was "
            "not saved (--keep-worse saves it anyway)"
        )
    return report


def _with_bank(runtime: Runtime, service: DraftService, bank: PhraseBank) -> DraftService:
    """The same pipeline with the offline composer speaking from `bank`."""
    composer = OfflineComposer(runtime.embedder, phrases=bank)
    return DraftService(
        retriever=service.retriever,
        profiles=service.profiles,
        composer=composer,
        limits=service.limits,
        examples=service.examples,
    )


def _drafted(
    drafting: DraftService, items: list[ReplyCase], workers: int, advance: Callable[[int], None]
) -> Iterator[StyleExample | None]:
    def one(item: ReplyCase) -> StyleExample | None:
        try:
            drafted = drafting.drafted(item.case.ticket)
        except DrafterError:
            return None
        return StyleExample(draft=drafted.draft.text, picks=drafted.phrases, sent=item.sent)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for example in pool.map(one, items):
            advance(1)
            yield example


def _closeness(
    drafting: DraftService, items: list[ReplyCase], workers: int, advance: Callable[[int], None]
) -> float:
    drafted = [e for e in _drafted(drafting, items, workers, advance) if e is not None]
    return mean(rouge_l(e.draft, e.sent) for e in drafted) if drafted else 0.0


def _info(cases: list[EvalCase], report: StyleReport) -> dict[str, Any]:
    ids = "\n".join(sorted(c.case_id for c in cases))
    info: dict[str, Any] = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases_sha256": hashlib.sha256(ids.encode()).hexdigest()[:16],
        "training_drafts": report.training_drafts,
        "held_out_drafts": report.held_out_drafts,
    }
    if report.before is not None and report.after is not None:
        info["held_out_rouge_l"] = {"before": round(report.before, 4), "after": round(report.after, 4)}
    return info
