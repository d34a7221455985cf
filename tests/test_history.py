"""Customer history: profiles in SQL, events in Chroma, never mixed between customers."""

from __future__ import annotations

from pathlib import Path

from drafter.ingest import ingest_history
from drafter.ingest.loaders import load_customers
from drafter.runtime import Runtime

FIXTURES = Path(__file__).parent / "fixtures"


def _ingest(runtime: Runtime, tenant: str = "default") -> None:
    stores = runtime.stores(tenant)
    ingest_history(load_customers(FIXTURES / "customers.jsonl"), stores.profiles, stores.history)


def test_history_search_reads_only_that_customers_events(runtime: Runtime) -> None:
    _ingest(runtime)
    history = runtime.stores().history
    vector = runtime.embedder.embed(["my lamp flickers when I dim it"])[0]
    anna = history.query(vector, customer_id="c-anna", k=10)
    ben = history.query(vector, customer_id="c-ben", k=10)
    assert {p.metadata["customer_id"] for p in anna} == {"c-anna"}
    assert len(anna) == 2
    assert [p.doc_id for p in ben] == ["e1"]
    assert ben[0].text.startswith("Lamp flickers too")
    assert history.query(vector, customer_id="c-nobody", k=10) == []


def test_profiles_are_stored_and_tenants_are_separate(runtime: Runtime) -> None:
    _ingest(runtime)
    profile = runtime.stores().profiles.get("c-anna")
    assert profile is not None and profile.name == "Anna Berg"
    assert profile.orders[0].delivered == "2026-01-05"
    other = runtime.stores("other")
    assert other.profiles.get("c-anna") is None
    vector = runtime.embedder.embed(["lamp"])[0]
    assert other.history.query(vector, customer_id="c-anna", k=5) == []


def test_reingesting_history_writes_only_changes(runtime: Runtime) -> None:
    stores = runtime.stores()
    customers = list(load_customers(FIXTURES / "customers.jsonl"))
    first = ingest_history(customers, stores.profiles, stores.history)
    assert first.events_written == 3
    customers[1].events[0].text = "The lamp still flickers after the update."
    second = ingest_history(customers, stores.profiles, stores.history)
    assert (second.events_written, second.events_unchanged) == (1, 2)
    events = stores.history.events("c-ben")
    assert [e.text for e in events] == ["Lamp flickers too: The lamp still flickers after the update."]
