"""`drafter eval calibrate`: how well a grader agrees with human scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.graders import NAMES, Graders
from drafter.graders.agreement import at_threshold, auc_interval, correlation, within_group_auc
from drafter.graders.labels import LabelRow, is_binary, load_labels, passes

Progress = Any


def calibrate(
    labels: Path, grader: str, graders: Graders, on_progress: Progress = lambda _: None
) -> dict[str, Any]:
    """Grade every labelled reply and measure agreement with the people who labelled it: Pearson and
    Spearman with 95% bootstrap intervals; for pass/fail labels AUC, Cohen's kappa, TPR and TNR at
    the grader's pass threshold; `within_group_auc` when rows share a `group`."""
    if grader not in NAMES:
        raise InputError(f"unknown grader {grader!r}; one of {', '.join(NAMES)}")
    rows = load_labels(labels)
    scored: list[tuple[float, LabelRow]] = []
    version = ""
    for row in rows:
        grade = graders.part(grader, row.grade_input())
        version = grade.grader
        on_progress(1)
        if grade.score is not None:
            scored.append((grade.score, row))
    if len(scored) < 3:
        raise InputError(f"{labels}: the grader applies to {len(scored)} rows; need at least 3")
    ours = [s for s, _ in scored]
    kept = [r for _, r in scored]
    human = [r.human() for r in kept]
    result: dict[str, Any] = {
        "grader": version,
        "n": len(kept),
        "not_applicable": len(rows) - len(kept),
        "pearson": correlation("pearson", ours, human).model_dump(),
        "spearman": correlation("spearman", ours, human).model_dump(),
    }
    if is_binary(kept):
        truth = [passes(r) for r in kept]
        measured = auc_interval(ours, truth)
        result["auc"] = measured.model_dump() if measured is not None else None
        result.update(at_threshold(ours, truth, graders.pass_threshold(grader)))
    else:
        kinds = sorted({r.label for r in kept if isinstance(r.label, str)})
        if len(kinds) >= 2:
            # Categories (polite / neutral / impolite): the top one against the bottom one.
            def mean_score(kind: str) -> float:
                values = [r.human() for r in kept if r.label == kind]
                return sum(values) / len(values)

            low, high = min(kinds, key=mean_score), max(kinds, key=mean_score)
            pairs = [(s, r.label == high) for s, r in scored if r.label in (low, high)]
            measured = auc_interval([s for s, _ in pairs], [p for _, p in pairs])
            result["auc"] = measured.model_dump() if measured is not None else None
            result["auc_labels"] = f"{high} vs {low}"
    grouped = within_group_auc(ours, human, [r.group for r in kept])
    if grouped is not None:
        result["within_group_auc"] = grouped
    return result
