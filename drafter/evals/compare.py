"""`drafter eval compare`: per-metric deltas with paired bootstrap intervals, regressions, gates."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataFileError, InputError
from drafter.evals.rows import GRADE_METRICS, RETRIEVAL_METRICS, CaseResult, RunSummary, read_rows

BOOTSTRAP_SAMPLES = 2000


@dataclass(frozen=True)
class Delta:
    """One metric in both runs."""

    metric: str
    a: float | None
    b: float | None
    low: float | None
    high: float | None

    @property
    def delta(self) -> float | None:
        """B minus A."""
        return None if self.a is None or self.b is None else self.b - self.a


def load_run(folder: Path) -> tuple[RunSummary, dict[str, CaseResult]]:
    """A run's summary and its rows by case id."""
    summary_path, results_path = folder / "summary.json", folder / "results.jsonl"
    if not summary_path.is_file() or not results_path.is_file():
        raise DataFileError(f"{str(folder)!r} is not an eval run (summary.json and results.jsonl expected)")
    rows = {row.case_id: row for row in read_rows(results_path, strict=True)}
    try:
        summary = RunSummary.model_validate_json(summary_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataFileError(f"{summary_path}: not a summary drafter can read") from exc
    return summary, rows


def bootstrap(diffs: list[float], seed: int = 7) -> tuple[float, float]:
    """95% interval of the mean paired difference."""
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(BOOTSTRAP_SAMPLES))
    return means[int(0.025 * BOOTSTRAP_SAMPLES)], means[int(0.975 * BOOTSTRAP_SAMPLES) - 1]


def compare(folder_a: Path, folder_b: Path) -> tuple[list[Delta], list[tuple[str, float]]]:
    """Deltas per metric over the cases both runs share, and the cases whose resolution fell most."""
    summary_a, rows_a = load_run(folder_a)
    summary_b, rows_b = load_run(folder_b)
    shared = sorted(set(rows_a) & set(rows_b))
    deltas = []
    for metric in (*RETRIEVAL_METRICS, *GRADE_METRICS):
        pairs = [(rows_a[c].metric(metric), rows_b[c].metric(metric)) for c in shared]
        diffs = [b - a for a, b in pairs if a is not None and b is not None]
        low, high = bootstrap(diffs) if diffs else (None, None)
        deltas.append(
            Delta(metric, _value(summary_a, metric), _value(summary_b, metric), low, high)
        )
    drops = []
    for case in shared:
        a, b = rows_a[case].metric("resolution"), rows_b[case].metric("resolution")
        if a is not None and b is not None and b < a:
            drops.append((case, round(b - a, 3)))
    return deltas, sorted(drops, key=lambda d: d[1])[:10]


def parse_threshold(text: str) -> tuple[str, float]:
    """`METRIC=VALUE` -> (metric, value)."""
    metric, sep, value = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return metric.strip(), float(value)
    except ValueError as exc:
        raise InputError(f"--fail-under {text!r}: expected METRIC=VALUE, e.g. citation_f1=0.8") from exc


def _value(summary: RunSummary, metric: str) -> float | None:
    value = summary.metrics.get(metric)
    return None if value is None else float(value)


def missed_thresholds(summary_b: RunSummary, thresholds: list[tuple[str, float]]) -> list[str]:
    """The gates run B misses."""
    missed = []
    for metric, floor in thresholds:
        value = _value(summary_b, metric)
        if metric not in summary_b.metrics:
            raise InputError(f"--fail-under: unknown metric {metric!r}")
        if value is None or value < floor:
            missed.append(f"{metric} = {_show(value)} < {floor}")
    return missed


def _show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"
