"""The draft pipeline end to end on a real store: citations, warnings and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.domain import Message, Ticket
from drafter.drafting import DraftLimits
from drafter.errors import EmptyTicketError, TicketTooLargeError
from drafter.ingest import ingest_history, ingest_knowledge
from drafter.ingest.loaders import load_customers, load_knowledge
from drafter.runtime import Runtime

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def loaded(runtime: Runtime) -> Runtime:
    stores = runtime.stores()
    ingest_knowledge(load_knowledge([FIXTURES / "kb"]), stores.knowledge, runtime.chunker())
    ingest_history(load_customers(FIXTURES / "customers.jsonl"), stores.profiles, stores.history)
    return runtime


def test_citations_point_at_real_stored_chunks(loaded: Runtime) -> None:
    draft = loaded.draft_service().draft(
        Ticket(text="How many days do I have to return an unused item for a refund?", customer_id="c-anna")
    )
    assert draft.citations, draft.text
    knowledge = loaded.stores().knowledge
    for citation in draft.citations:
        stored = {c.chunk_id: c.text for c in knowledge.get_doc_chunks(citation.doc_id)}
        assert stored[citation.chunk_id] == citation.passage
    assert "returns" in {c.doc_id for c in draft.citations}
    assert "30 days" in draft.text
    assert draft.text.startswith("Hi Anna")
    assert any("Anna Berg" in fact for fact in draft.customer_facts)
    assert all(p.metadata["customer_id"] == "c-anna" for p in draft.passages if p.source == "history")


def test_conversation_so_far_is_folded_into_the_query(loaded: Runtime) -> None:
    ticket = Ticket(
        text="And how long does it take?",
        conversation=[Message(role="customer", text="I want to use express shipping for my order.")],
    )
    draft = loaded.draft_service().draft(ticket)
    assert draft.passages[0].doc_id == "articles/shipping"


def test_unknown_customer_drafts_with_a_warning(loaded: Runtime) -> None:
    draft = loaded.draft_service().draft(Ticket(text="How do I reset my password?", customer_id="c-ghost"))
    assert draft.text
    assert [w.code for w in draft.warnings] == ["unknown_customer"]
    assert not [p for p in draft.passages if p.source == "history"]


def test_empty_ticket_is_refused(loaded: Runtime) -> None:
    with pytest.raises(EmptyTicketError):
        loaded.draft_service().draft(Ticket(text="   \n"))


def test_huge_ticket_is_truncated_with_a_warning_or_refused_by_setting(loaded: Runtime) -> None:
    huge = "How do I reset my password? " + "blah " * 200_000  # about 1 MB
    service = loaded.draft_service()
    draft = service.draft(Ticket(text=huge))
    assert "ticket_truncated" in {w.code for w in draft.warnings}
    service.limits = DraftLimits(oversize_ticket="refuse")
    with pytest.raises(TicketTooLargeError, match="DRAFTER_MAX_TICKET_CHARS"):
        service.draft(Ticket(text=huge))


def test_nothing_relevant_gives_a_knowledge_gap_and_no_guess(loaded: Runtime) -> None:
    draft = loaded.draft_service().draft(Ticket(text="Quelle est la capitale de la Mongolie?"))
    assert "knowledge_gap" in {w.code for w in draft.warnings}
    assert draft.text.startswith("Bonjour") and draft.citations == []
