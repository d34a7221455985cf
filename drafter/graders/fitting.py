"""`drafter graders fit`: fit a learned grader on a team's labels, judged on rows it never saw."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegressionCV, RidgeCV
from sklearn.preprocessing import StandardScaler

from drafter.errors import InputError
from drafter.graders.agreement import Interval, auc_interval, correlation, within_group_auc
from drafter.graders.base import GradeInput
from drafter.graders.labels import LabelRow, is_binary, passes
from drafter.graders.learned import GraderCard, LearnedModel, feature_set_for, features
from drafter.graders.vectors import TokenVectors

Scorer = Callable[[GradeInput], float | None]
"""The grader a fitted one must beat (the tenant's current one, else the shipped default)."""
Progress = Callable[[int], None]


@dataclass
class FitReport:
    """What was fitted, and how it and the grader it would replace do on the held-out rows."""

    model: LearnedModel
    headline: str
    """The figure that decides: spearman for scores, auc for pass/fail labels."""
    before: float | None
    after: float
    kept: bool


def _key(row: LabelRow, index: int) -> str:
    # Replies to one ticket stay together, so no ticket is seen while fitting and again when judged.
    return row.group or row.ticket or f"row-{index}"


def split_rows(rows: list[LabelRow], held_out: float) -> tuple[list[int], list[int]]:
    """Row indices to fit on and to judge on, split by a hash of each row's group or ticket."""
    if not 0.0 < held_out < 1.0:
        raise InputError(f"--held-out must be between 0 and 1, got {held_out}")
    fit: list[int] = []
    judge: list[int] = []
    for i, row in enumerate(rows):
        bucket = int(hashlib.sha256(_key(row, i).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        (judge if bucket < held_out else fit).append(i)
    if len(fit) < 10 or len(judge) < 5:
        raise InputError(
            f"too few rows to fit and judge: {len(fit)} to fit on, {len(judge)} held out "
            "(need at least 10 and 5; more rows or another --held-out)"
        )
    return fit, judge


def _headline(scores: list[float], rows: list[LabelRow], binary: bool) -> float:
    human = [r.human() for r in rows]
    if binary:
        measured = auc_interval(scores, [passes(r) for r in rows])
        return measured.value if measured is not None else 0.5
    return correlation("spearman", scores, human).value


def fit_grader(
    grader: str,
    rows: list[LabelRow],
    labels: Path,
    *,
    vectors: TokenVectors,
    baseline: Scorer,
    version: int,
    held_out: float = 0.3,
    keep_worse: bool = False,
    on_progress: Progress = lambda _: None,
) -> FitReport:
    """Fit on one part of the rows, judge the new grader and `baseline` on the rest."""
    feature_set = feature_set_for(grader)
    binary = is_binary(rows)
    fit_idx, judge_idx = split_rows(rows, held_out)
    inputs = [r.grade_input() for r in rows]
    matrix = []
    for g in inputs:
        matrix.append(features(feature_set, g, vectors))
        on_progress(1)
    x = np.stack(matrix)
    human = np.asarray([r.human() for r in rows])
    scaler = StandardScaler().fit(x[fit_idx])
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    z = (x - scaler.mean_) / scale
    if binary:
        target = np.asarray([passes(r) for r in rows])
        if len(set(target[fit_idx])) < 2:
            raise InputError(f"{labels}: the rows to fit on are all one label; pass/fail needs both")
        classifier = LogisticRegressionCV(Cs=12, cv=5, max_iter=2000).fit(z[fit_idx], target[fit_idx])
        weights, intercept = classifier.coef_[0], float(classifier.intercept_[0])
    else:
        ridge = RidgeCV(alphas=np.logspace(-2, 4, 25)).fit(z[fit_idx], human[fit_idx])
        weights, intercept = ridge.coef_, float(ridge.intercept_)
    low, high = float(human.min()), float(human.max())
    model = LearnedModel(
        grader=grader,
        version=version,
        features=feature_set,
        vectors=vectors.name,
        target="label" if binary else "score",
        mean=[round(float(v), 6) for v in scaler.mean_],
        scale=[round(float(v), 6) for v in scale],
        weights=[round(float(v), 6) for v in weights],
        intercept=round(intercept, 6),
        low=low,
        high=high,
        card=GraderCard(data=labels.name),
    )
    judged = [rows[i] for i in judge_idx]
    ours = [model.score(x[i]) for i in judge_idx]
    theirs = [baseline(inputs[i]) for i in judge_idx]
    after = _headline(ours, judged, binary)
    before = (
        _headline([0.5 if t is None else t for t in theirs], judged, binary)
        if any(t is not None for t in theirs)
        else None
    )
    model.card = GraderCard(
        data=labels.name,
        labels_sha256=hashlib.sha256(labels.read_bytes()).hexdigest(),
        split=f"{len(fit_idx)} rows fitted, {len(judge_idx)} held out by a hash of group or ticket",
        n_fitted=len(fit_idx),
        n_held_out=len(judge_idx),
        agreement=_agreement(ours, judged, binary),
        baseline={("auc" if binary else "spearman"): before},
        fitted_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return FitReport(
        model=model,
        headline="auc" if binary else "spearman",
        before=before,
        after=after,
        kept=keep_worse or before is None or after >= before,
    )


def _agreement(scores: list[float], rows: list[LabelRow], binary: bool) -> dict[str, object]:
    human = [r.human() for r in rows]
    found: dict[str, object] = {}
    if not binary:
        found["pearson"] = correlation("pearson", scores, human)
        found["spearman"] = correlation("spearman", scores, human)
    else:
        measured = auc_interval(scores, [passes(r) for r in rows])
        if measured is not None:
            found["auc"] = measured
    grouped = within_group_auc(scores, human, [r.group for r in rows])
    if grouped is not None:
        found["within_group_auc"] = Interval(value=grouped["value"], low=grouped["low"], high=grouped["high"])
    return found
