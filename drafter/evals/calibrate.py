"""`drafter eval calibrate`: how well a grader agrees with human scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scipy.stats import pearsonr, spearmanr

from drafter.domain import Ticket
from drafter.embeddings import Embedder
from drafter.errors import InputError
from drafter.graders import GRADERS, GradeInput
from drafter.ingest.loaders import iter_jsonl


def _auc(scores: list[float], positive: list[bool]) -> float | None:
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    if not pos or not neg:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def calibrate(labels: Path, grader: str, embedder: Embedder | None = None) -> dict[str, Any]:
    """Score each labelled text (`text`, `score`, optional `label`) and correlate with the human score."""
    if grader not in GRADERS:
        raise InputError(f"unknown grader {grader!r}; one of {', '.join(sorted(GRADERS))}")
    grade = GRADERS[grader]
    ours, human, label_of = [], [], []
    for _, row in iter_jsonl(labels, on_error="stop"):
        if "text" not in row or "score" not in row:
            raise InputError(f"{labels}: every row needs 'text' and 'score'")
        text = str(row["text"])
        ours.append(
            grade(
                GradeInput(ticket=Ticket(text=row.get("ticket") or text), reply=text, embedder=embedder)
            ).score
        )
        human.append(float(row["score"]))
        label_of.append(row.get("label"))
    if len(ours) < 3:
        raise InputError(f"{labels}: need at least 3 labelled texts, found {len(ours)}")
    result: dict[str, Any] = {
        "grader": grader,
        "n": len(ours),
        "pearson": round(float(pearsonr(ours, human)[0]), 4),
        "spearman": round(float(spearmanr(ours, human)[0]), 4),
    }
    kinds = sorted({x for x in label_of if x is not None})
    if len(kinds) >= 2:
        # Binary view: the top label against the bottom one (e.g. polite vs impolite), middle left out.
        def mean_score(kind: str) -> float:
            values = [h for h, x in zip(human, label_of, strict=True) if x == kind]
            return sum(values) / len(values)

        by_mean = sorted(kinds, key=mean_score)
        low, high = by_mean[0], by_mean[-1]
        pairs = [(s, x == high) for s, x in zip(ours, label_of, strict=True) if x in (low, high)]
        result["auc"] = _auc([s for s, _ in pairs], [p for _, p in pairs])
        result["auc_labels"] = f"{high} vs {low}"
    return result
