"""Offline rewrites do what rules can and say what they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.phrases import load_phrase_bank
from drafter.domain import Citation, Draft
from drafter.rewrite import rewrite_offline

BANK = load_phrase_bank(Path(__file__).resolve().parents[1] / "prompts" / "phrases")
DRAFT = Draft(
    id="d1",
    text="Hi Dana, thanks for reaching out.\n\nThanks for your patience with this.\n\n"
    "You can't return opened items, but we'll repair it under warranty.\n\nThanks,",
    citations=[
        Citation(
            doc_id="w",
            chunk_id="w::0",
            title="Warranty",
            passage="Opened items cannot be returned. We repair or replace faulty devices for 2 years. "
            "Send a photo of the fault to start a claim.",
        )
    ],
)


def test_more_formal_expands_contractions_and_formal_greeting() -> None:
    text, warnings = rewrite_offline(DRAFT, "more_formal", BANK)
    assert text.startswith("Dear Dana,") and text.endswith("Kind regards,")
    assert "cannot return" in text and "we will repair" in text and "can't" not in text
    assert warnings == []


def test_shorter_drops_filler_and_keeps_the_answer() -> None:
    text, _ = rewrite_offline(DRAFT, "shorter", BANK)
    assert "patience" not in text and "repair it under warranty" in text and len(text) < len(DRAFT.text)


def test_expand_adds_from_the_cited_knowledge_only() -> None:
    text, warnings = rewrite_offline(DRAFT, "expand", BANK)
    assert "Send a photo of the fault" in text and warnings == []


@pytest.mark.parametrize("operation", ["friendlier", "more_empathetic"])
def test_limited_rewrites_say_so(operation: str) -> None:
    text, warnings = rewrite_offline(DRAFT, operation, BANK)
    assert text != DRAFT.text and [w.code for w in warnings] == ["rewrite_limited"]
