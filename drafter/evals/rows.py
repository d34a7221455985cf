"""Typed rows of an eval run: one `CaseResult` per case in results.jsonl, and the `RunSummary` computed
from them (summary.json)."""

from __future__ import annotations

from pathlib import Path
from statistics import mean
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.errors import DataFileError
from drafter.graders import Grade
from drafter.ingest.loaders import LoadProblems, iter_jsonl

RETRIEVAL_METRICS = ("citation_precision", "citation_recall", "citation_f1", "recall_at_5", "mrr")
# summary.json `metrics` keys that come straight from a grade of the same name.
GRADE_METRICS = {
    "tone": "tone",
    "resolution": "resolution",
    "politeness": "politeness",
    "empathy": "empathy",
    "clarity": "clarity",
    "rouge_l": "rouge_l",
    "semantic_similarity": "semantic_similarity",
    "grounded_claim_rate": "grounded_claims",
    "follow_up_rate": "follow_up",
    "questions_addressed": "questions_addressed",
    "next_steps": "next_steps",
    "honest_negative": "honest_negative",
    "no_blame": "no_blame",
    "personalization": "personalization",
    "language_match": "language_match",
}
_REFERENCE_FREE = ("rouge_l", "semantic_similarity")


class GradeRow(BaseModel):
    """One grade as stored: `score` is None where the grader does not apply to the reply."""

    name: str
    score: float | None
    explanation: str
    grader: str

    @classmethod
    def of(cls, grade: Grade) -> GradeRow:
        return cls(name=grade.name, score=grade.score, explanation=grade.explanation, grader=grade.grader)


class PassageRow(BaseModel):
    """A passage the drafter retrieved."""

    doc_id: str
    chunk_id: str
    score: float
    source: str


class CaseResult(BaseModel):
    """One case of a run: the draft, what it was judged against, and every grade."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    ticket: str
    reference: str | None = None
    error: str | None = None
    """Why no draft was made; the other fields are then empty."""
    draft: str = ""
    backend: str = ""
    principles: list[str] = Field(default_factory=list)
    passages: list[PassageRow] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    relevant_doc_ids: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    grades: list[GradeRow] = Field(default_factory=list)
    retrieval: dict[str, float] = Field(default_factory=dict)
    expectations: dict[str, bool] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict)
    judge_error: list[str] = Field(default_factory=list)
    reference_grades: list[GradeRow] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """A draft was made."""
        return self.error is None

    def grade(self, name: str) -> float | None:
        """The score of the named grade (None when absent or not applicable)."""
        return next((g.score for g in self.grades if g.name == name), None)

    def reference_grade(self, name: str) -> float | None:
        """The score the human reference reply got from the named grader."""
        return next((g.score for g in self.reference_grades if g.name == name), None)

    def metric(self, metric: str) -> float | None:
        """A summary metric's value for this case."""
        if not self.ok:
            return None
        if metric in RETRIEVAL_METRICS:
            return self.retrieval.get(metric)
        grade = GRADE_METRICS.get(metric)
        return self.grade(grade) if grade else None

    def line(self) -> str:
        """The row as one results.jsonl line."""
        return self.model_dump_json(exclude_defaults=True) + "\n"


class PrincipleSummary(BaseModel):
    """Drafts that applied one principle, and how they graded."""

    drafts: int
    tone: float | None
    resolution: float | None


class RunSummary(BaseModel):
    """summary.json: run-level metrics computed from the rows, and what the run was made with."""

    model_config = ConfigDict(extra="allow")

    metrics: dict[str, float | int | None]
    reference_metrics: dict[str, float | None] | None = None
    principles: dict[str, PrincipleSummary] = Field(default_factory=dict)
    created_at: str | None = None
    drafter_version: str | None = None
    backend: str | None = None
    judge: str | None = None
    graders: list[str] = Field(default_factory=list)
    grader_files: list[dict[str, Any]] = Field(default_factory=list)
    """The learned grader files the run graded with: name, version, path, sha256."""
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    settings: dict[str, Any] = Field(default_factory=dict)
    knowledge: list[str] = Field(default_factory=list)
    tenant: str | None = None
    retrieval_adapter: dict[str, Any] | None = None
    phrase_style: dict[str, Any] | None = None
    resumed: int = 0
    started_over: str | None = None
    """Why finished rows of an earlier run were not reused, when they could not be read."""
    skipped_case_lines: list[str] = Field(default_factory=list)

    def write(self, path: Path) -> None:
        path.write_text(self.model_dump_json(indent=2, exclude_none=False), encoding="utf-8")


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(mean(present), 4) if present else None


def summarize(rows: list[CaseResult], seconds: float) -> RunSummary:
    """Run-level metrics: means over the cases that produced a draft and the grades that apply."""
    ok = [r for r in rows if r.ok]
    metrics: dict[str, float | int | None] = {
        "cases": len(rows),
        "errors": len(rows) - len(ok),
        "seconds": round(seconds, 2),
    }
    for key in (*RETRIEVAL_METRICS, *GRADE_METRICS):
        metrics[key] = _mean([r.metric(key) for r in ok])
    metrics["judge_errors"] = sum(1 for r in ok if r.judge_error)
    metrics["expectation_pass_rate"] = _mean([float(v) for r in ok for v in r.expectations.values()])
    references = [r for r in ok if r.reference_grades]
    reference_metrics = (
        {
            key: _mean([r.reference_grade(grade) for r in references])
            for key, grade in GRADE_METRICS.items()
            if grade not in _REFERENCE_FREE
        }
        if references
        else None
    )
    by_principle: dict[str, list[CaseResult]] = {}
    for r in ok:
        for name in r.principles:
            by_principle.setdefault(name, []).append(r)
    principles = {
        name: PrincipleSummary(
            drafts=len(items),
            tone=_mean([r.grade("tone") for r in items]),
            resolution=_mean([r.grade("resolution") for r in items]),
        )
        for name, items in sorted(by_principle.items())
    }
    return RunSummary(metrics=metrics, reference_metrics=reference_metrics, principles=principles)


class StaleRun(DataFileError):
    """results.jsonl holds rows this version cannot read."""


def read_rows(path: Path, *, strict: bool) -> list[CaseResult]:
    """Rows of a results.jsonl; a line cut short by a kill is skipped. A row of an unknown shape is an
    error naming its line when `strict`, else it is skipped (it will be drafted again)."""
    rows = []
    for number, raw in iter_jsonl(path, problems=LoadProblems()):
        try:
            rows.append(CaseResult.model_validate(raw))
        except ValidationError as exc:
            if strict:
                detail = " ".join(str(exc).splitlines()[:2])
                raise StaleRun(f"{path}:{number}: not a result row drafter can read ({detail})") from exc
    return rows
