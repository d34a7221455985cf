"""Human labels for calibrating and fitting graders: one JSON object per line.

Accepted shapes: `{text, score}`, `{ticket, text, score}`, or `{ticket, conversation, knowledge,
reference, text, score | label, group}`. `score` is any number people gave (higher is better);
`label` is a verdict: true/false or 1/0 (passes or not), or a category such as polite / impolite.
`group` ties several replies to one ticket, so a grader can be asked whether it orders them as
people did. `context` is read as `ticket` (the EPITOME files name the post so), and a `label` that
maps parts to numbers (EPITOME's three mechanisms) is kept as `parts` beside the `score`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from drafter.domain import Message, Ticket
from drafter.errors import DataFileError, InputError
from drafter.graders.base import GradeInput


class LabelRow(BaseModel):
    """One labelled reply."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1)
    score: float | None = None
    label: bool | str | None = None
    ticket: str | None = None
    conversation: list[Message] = Field(default_factory=list)
    knowledge: list[str] = Field(default_factory=list)
    reference: str | None = None
    group: str | None = None
    parts: dict[str, float] = Field(default_factory=dict)
    """Scores people gave parts of the verdict, when the file has them."""

    @model_validator(mode="before")
    @classmethod
    def _parts(cls, value: object) -> object:
        if isinstance(value, dict) and isinstance(value.get("label"), dict) and "parts" not in value:
            return {**value, "parts": value["label"], "label": None}
        return value

    @field_validator("label", mode="before")
    @classmethod
    def _label(cls, value: object) -> object:
        if value in (0, 1) and not isinstance(value, str):
            return bool(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError("a numeric label must be 0 or 1 (put other numbers in 'score')")
        return value

    @field_validator("knowledge", mode="before")
    @classmethod
    def _knowledge(cls, value: object) -> object:
        # Knowledge may be texts or documents with a `text` field.
        if isinstance(value, list):
            return [v.get("text", "") if isinstance(v, dict) else v for v in value]
        return value

    @field_validator("group", mode="before")
    @classmethod
    def _group(cls, value: object) -> object:
        return None if value is None else str(value)

    def human(self) -> float:
        """The human verdict as a number: the score, else 1/0 for a binary label."""
        if self.score is not None:
            return self.score
        assert isinstance(self.label, bool)
        return 1.0 if self.label else 0.0

    def grade_input(self) -> GradeInput:
        """What a grader sees of this row."""
        ticket = Ticket(text=self.ticket or self.text, conversation=self.conversation)
        return GradeInput(ticket=ticket, reply=self.text, gold=self.knowledge, reference=self.reference)


def load_labels(path: Path) -> list[LabelRow]:
    """Every row of a label file; a bad line is an error naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{str(path)!r}: cannot be read ({exc.__class__.__name__})") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{number}: not a JSON object ({exc})") from exc
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{number}: not a JSON object")
        if "ticket" not in raw and isinstance(raw.get("context"), str):
            raw = {**raw, "ticket": raw["context"]}
        try:
            row = LabelRow.model_validate(raw)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "row"
            raise InputError(f"{path}:{number}: {where}: {problem['msg']}") from exc
        if row.score is None and not isinstance(row.label, bool):
            raise InputError(f"{path}:{number}: needs a numeric 'score' or a true/false 'label'")
        rows.append(row)
    if len(rows) < 3:
        raise InputError(f"{path}: need at least 3 labelled rows, found {len(rows)}")
    return rows


def is_binary(rows: list[LabelRow]) -> bool:
    """Every row's human verdict is pass/fail."""
    return all(isinstance(r.label, bool) for r in rows) or {r.human() for r in rows} <= {0.0, 1.0}


def passes(row: LabelRow) -> bool:
    """The binary verdict of a row of a binary file."""
    return bool(row.label) if isinstance(row.label, bool) else row.human() >= 1.0
