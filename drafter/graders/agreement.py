"""How well a grader agrees with people: correlations with bootstrap intervals, AUC, Cohen's kappa,
TPR/TNR at a pass threshold, and within-group ordering."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from pydantic import BaseModel
from scipy.stats import pearsonr, spearmanr

BOOTSTRAP_SAMPLES = 1000


class Interval(BaseModel):
    """A figure with its 95% bootstrap interval."""

    value: float
    low: float
    high: float

    def text(self) -> str:
        return f"{self.value:.2f} [{self.low:.2f}, {self.high:.2f}]"


def _correlation(kind: str, a: np.ndarray, b: np.ndarray) -> float:
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return 0.0
    value = pearsonr(a, b)[0] if kind == "pearson" else spearmanr(a, b)[0]
    return float(value)


def correlation(kind: str, ours: list[float], human: list[float], seed: int = 7) -> Interval:
    """Pearson or Spearman with a 95% percentile bootstrap interval over rows."""
    a, b = np.asarray(ours, dtype=float), np.asarray(human, dtype=float)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(BOOTSTRAP_SAMPLES):
        pick = rng.integers(0, len(a), len(a))
        draws.append(_correlation(kind, a[pick], b[pick]))
    low, high = np.percentile(draws, [2.5, 97.5])
    value = round(_correlation(kind, a, b), 4)
    return Interval(value=value, low=round(float(low), 4), high=round(float(high), 4))


def auc(scores: list[float], positive: list[bool]) -> float | None:
    """Probability that a positive outranks a negative (ties count half); None without both kinds."""
    s = np.asarray(scores, dtype=float)
    p = np.asarray(positive, dtype=bool)
    pos, neg = s[p], s[~p]
    if not len(pos) or not len(neg):
        return None
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return round(float((greater + 0.5 * ties) / (len(pos) * len(neg))), 4)


def auc_interval(scores: list[float], positive: list[bool], seed: int = 7) -> Interval | None:
    """AUC with a 95% bootstrap interval."""
    value = auc(scores, positive)
    if value is None:
        return None
    s, p = np.asarray(scores, dtype=float), np.asarray(positive, dtype=bool)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(BOOTSTRAP_SAMPLES):
        pick = rng.integers(0, len(s), len(s))
        drawn = auc(list(s[pick]), list(p[pick]))
        if drawn is not None:
            draws.append(drawn)
    low, high = np.percentile(draws, [2.5, 97.5])
    return Interval(value=value, low=round(float(low), 4), high=round(float(high), 4))


def at_threshold(scores: list[float], positive: list[bool], threshold: float) -> dict[str, float | None]:
    """Cohen's kappa, TPR and TNR of `score >= threshold` as the grader's pass verdict."""
    said = np.asarray(scores, dtype=float) >= threshold
    truth = np.asarray(positive, dtype=bool)
    tp, tn = float((said & truth).sum()), float((~said & ~truth).sum())
    n = len(truth)
    observed = (tp + tn) / n
    chance = (said.mean() * truth.mean()) + ((1 - said.mean()) * (1 - truth.mean()))
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 0.0
    return {
        "threshold": threshold,
        "kappa": round(float(kappa), 4),
        "tpr": round(tp / truth.sum(), 4) if truth.sum() else None,
        "tnr": round(tn / (~truth).sum(), 4) if (~truth).sum() else None,
    }


def _ordered(scores: np.ndarray, human: np.ndarray, rows: list[int]) -> tuple[float, int]:
    """Pairs of rows people scored differently that the grader orders the same way (ties half),
    and how many such pairs there are."""
    agree, pairs = 0.0, 0
    for x in rows:
        for y in rows:
            if human[x] > human[y]:
                pairs += 1
                agree += 1.0 if scores[x] > scores[y] else 0.5 if scores[x] == scores[y] else 0.0
    return agree, pairs


def within_group_auc(
    scores: list[float], human: list[float], groups: list[str | None], seed: int = 7
) -> dict[str, float] | None:
    """Over pairs of rows in one group that people scored differently, the share the grader orders
    the same way (ties half): several replies to one ticket, ranked as people ranked them. The 95%
    interval resamples whole groups."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        if group is not None:
            members[group].append(i)
    s, h = np.asarray(scores, dtype=float), np.asarray(human, dtype=float)
    counted = [c for c in (_ordered(s, h, rows) for rows in members.values()) if c[1]]
    if not counted:
        return None
    agree = np.asarray([c[0] for c in counted])
    pairs = np.asarray([c[1] for c in counted], dtype=float)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(BOOTSTRAP_SAMPLES):
        pick = rng.integers(0, len(counted), len(counted))
        draws.append(agree[pick].sum() / pairs[pick].sum())
    low, high = np.percentile(draws, [2.5, 97.5])
    return {
        "value": round(float(agree.sum() / pairs.sum()), 4),
        "low": round(float(low), 4),
        "high": round(float(high), 4),
        "pairs": int(pairs.sum()),
        "groups": len(counted),
    }
