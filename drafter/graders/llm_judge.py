"""LLM-as-judge graders: the judge prompts under prompts/judges/, a 1-5 rubric scaled to [0, 1]."""

from __future__ import annotations

import json

from pydantic import BaseModel, Field, ValidationError

from drafter.errors import LLMError
from drafter.graders.base import Grade, GradeInput
from drafter.llm import LLM, OutputSchema
from drafter.prompts import PromptStore
from drafter.safety import PiiMasker

# Judge prompt name -> the metric it scores (the offline grader of the same dimension).
JUDGES = {
    "politeness": "politeness",
    "empathy": "empathy",
    "clarity": "clarity",
    "grounded": "grounded_claims",
    "follow_up": "follow_up",
    "resolution": "questions_addressed",
}


JUDGE_ERROR = "judge_error"
"""Name of the grade that reports a judge which gave no valid verdict."""


class Verdict(BaseModel):
    """A judge's answer."""

    score: int = Field(ge=1, le=5)
    explanation: str = ""


# Servers that turn the schema into a grammar stop a rambling explanation here; others ignore it.
EXPLANATION_CHARS = 300
VERDICT_SCHEMA = OutputSchema(
    "verdict",
    {
        "type": "object",
        "properties": {
            "score": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
            "explanation": {"type": "string", "maxLength": EXPLANATION_CHARS},
        },
        "required": ["score", "explanation"],
        "additionalProperties": False,
    },
)


def judge_reply(g: GradeInput, llm: LLM, prompts: PromptStore) -> list[Grade]:
    """Every judge's grade; a judge still failing after one retry yields a `judge_error` grade instead."""
    masker = PiiMasker()
    knowledge = [
        {"id": f"P{i + 1}", "text": masker.mask(p.text)} for i, p in enumerate(g.knowledge + g.cited)
    ]
    knowledge += [{"id": f"G{i + 1}", "text": masker.mask(t)} for i, t in enumerate(g.gold)]
    grades = []
    for judge, metric in JUDGES.items():
        text, ref = prompts.render(
            f"judges/{judge}",
            ticket=masker.mask(g.ticket.text),
            draft=masker.mask(g.reply),
            knowledge=knowledge,
            reference=masker.mask(g.reference or ""),
        )
        grader = f"llm-judge:{judge}@{ref.version}"
        try:
            verdict = _ask(llm, text)
        except (LLMError, ValueError, ValidationError) as exc:
            # Not a score of 0: the case keeps its offline grade and is marked, so means stay honest.
            reason = f"{metric}: {str(exc).splitlines()[0]}"
            grades.append(Grade(JUDGE_ERROR, 0.0, reason, grader))
            continue
        grades.append(Grade(metric, round((verdict.score - 1) / 4, 3), verdict.explanation, grader))
    return grades


def _ask(llm: LLM, prompt: str) -> Verdict:
    """The judge's verdict; an answer that is not valid verdict JSON is asked for once more."""
    messages = [{"role": "user", "content": prompt}]
    try:
        return Verdict.model_validate(json.loads(llm.complete(messages, schema=VERDICT_SCHEMA)))
    except (ValueError, ValidationError):
        return Verdict.model_validate(json.loads(llm.complete(messages, schema=VERDICT_SCHEMA)))
