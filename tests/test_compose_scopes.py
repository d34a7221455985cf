"""Facts giving other figures for the same thing in another scope (domestic and international
shipping): the scope the ticket names is quoted, else both, each with its scope."""

from __future__ import annotations

from dataclasses import replace

from drafter.compose.scopes import with_scopes
from drafter.compose.sentences import Evidence, Unit, units_of
from drafter.domain import Passage, Ticket

DOMESTIC = Passage(
    chunk_id="ship::1", doc_id="ship", title="Shipping options and delivery times",
    text="Express: 1-2 business days, 12 USD.", score=0.6, metadata={"chunk_index": 1},
)
ABROAD_OPENING = Passage(
    chunk_id="abroad::0", doc_id="abroad", title="International shipping, duties and taxes",
    text="We ship to Canada and the European Union from our regional warehouses.", score=0.5,
    metadata={"chunk_index": 0},
)
ABROAD = Passage(
    chunk_id="abroad::1", doc_id="abroad", title="International shipping, duties and taxes",
    text="Express takes 2-3 business days and costs 25 USD.", score=0.55, metadata={"chunk_index": 1},
)
REFUNDS = Passage(
    chunk_id="refunds::0", doc_id="refunds", title="Refunds",
    text="Refunds are issued within 2 business days.", score=0.5, metadata={"chunk_index": 0},
)


def _unit(passage: Passage, score: float) -> Unit:
    return replace(units_of(passage)[0], score=score)


def _facts(ticket: str, *units: Unit) -> list[str]:
    evidence = Evidence(answers=[], opinions=[], facts=[units[0]])
    return [u.text for u in with_scopes(evidence, list(units), Ticket(text=ticket)).facts]


def test_without_a_scope_named_both_figures_are_said_each_with_its_scope() -> None:
    said = _facts("How long does express take?", _unit(DOMESTIC, 0.6), _unit(ABROAD, 0.55))
    assert said == [
        "Express: 1-2 business days, 12 USD (shipping options).",
        "Express takes 2-3 business days and costs 25 USD (international shipping).",
    ]


def test_the_scope_the_ticket_names_is_quoted_alone() -> None:
    units = (_unit(DOMESTIC, 0.6), _unit(ABROAD, 0.55), _unit(ABROAD_OPENING, 0.3))
    assert _facts("How long does express take to Canada?", *units) == [
        "Express takes 2-3 business days and costs 25 USD."
    ]
    assert _facts("Do I pay duties with express, and how long is it?", *units[:2]) == [
        "Express takes 2-3 business days and costs 25 USD."
    ]


def test_no_twin_when_figures_agree_or_the_other_fact_answers_less_well() -> None:
    # Another document repeating the same figure is the same rule, not another scope.
    same = replace(_unit(ABROAD, 0.55), text="Express takes 1-2 business days and costs 12 USD.")
    assert _facts("How long does express take?", _unit(DOMESTIC, 0.6), same) == [
        "Express: 1-2 business days, 12 USD."
    ]
    far = _unit(ABROAD, 0.3)
    assert _facts("How long does express take?", _unit(DOMESTIC, 0.6), far) == [
        "Express: 1-2 business days, 12 USD."
    ]
    # Telling one of the figures again, with more, is the same rule told more fully.
    fuller = replace(_unit(REFUNDS, 0.6), text="Express ships the same day and takes 1-2 business days.")
    assert _facts("How long does express take?", _unit(DOMESTIC, 0.6), fuller) == [
        "Express: 1-2 business days, 12 USD."
    ]
