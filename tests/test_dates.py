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
        ("it", "2 ottobre 2026"),
        ("pt", "2 de outubro de 2026"),
        # A language without month names here keeps the ISO date.
        ("nl", "2026-10-02"),
    ],
)
def test_a_date_is_said_as_the_language_says_it(language: str, said: str) -> None:
    assert spoken_date("2026-10-02T14:00:00Z", language) == said


@pytest.mark.parametrize(
    ("iso", "language", "said"),
    [
        # The first of a month is an ordinal in Italian and Portuguese, a plain number elsewhere.
        ("2026-03-01", "it", "1º marzo 2026"),
        ("2026-03-01", "pt", "1º de março de 2026"),
        ("2026-03-01", "en", "1 March 2026"),
        ("2026-03-01", "es", "1 de marzo de 2026"),
        ("2026-12-11", "it", "11 dicembre 2026"),
        ("2026-02-28", "pt", "28 de fevereiro de 2026"),
    ],
)
def test_the_first_of_a_month_is_an_ordinal_where_the_language_says_it_so(
    iso: str, language: str, said: str
) -> None:
    assert spoken_date(iso, language) == said


def test_a_value_that_is_not_a_date_is_left_as_written() -> None:
    assert spoken_date("last autumn") == "last autumn"
