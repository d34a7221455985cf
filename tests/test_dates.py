"""Dates said in the reply's language."""

from __future__ import annotations

import pytest

from drafter.text.dates import spoken_date


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "2 October 2026"),
        ("es", "2 de octubre de 2026"),
        ("fr", "2 octobre 2026"),
        ("de", "2. Oktober 2026"),
        ("it", "2026-10-02"),
    ],
)
def test_a_date_is_said_as_the_language_says_it(language: str, said: str) -> None:
    assert spoken_date("2026-10-02T14:00:00Z", language) == said


def test_a_value_that_is_not_a_date_is_left_as_written() -> None:
    assert spoken_date("last autumn") == "last autumn"
