"""Drafts, feedback and API keys through SQLAlchemy, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from drafter.domain import Citation, Draft, Ticket
from drafter.errors import InputError, NotFoundError
from drafter.store import DraftStore, KeyStore
from drafter.store.db import make_engine


def _draft() -> Draft:
    return Draft(
        id=uuid.uuid4().hex, text="Standard shipping takes 3 to 5 business days.", backend="offline",
        citations=[Citation(doc_id="ship", chunk_id="ship::0", title="Shipping", passage="3 to 5 days")],
        timings={"total_ms": 42.0},
    )


def test_drafts_and_feedback_round_trip_within_their_tenant(database_url: str) -> None:
    engine = make_engine(database_url)
    tenant_a, tenant_b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
    store_a, store_b = DraftStore(engine, tenant=tenant_a), DraftStore(engine, tenant=tenant_b)
    draft = _draft()
    store_a.save(Ticket(text="How long is shipping?", customer_id="c1"), draft, {"scorecard": []})
    loaded = store_a.get(draft.id)
    assert loaded.draft == draft and loaded.ticket.customer_id == "c1"
    assert loaded.created_at.tzinfo is not None

    record = store_a.add_feedback(draft.id, "edited", final_text="Shipping takes 3-5 days.", agent_id="ag")
    assert record.seconds_to_send is not None and record.seconds_to_send >= 0
    assert [f.final_text for f in store_a.feedback(draft.id)] == ["Shipping takes 3-5 days."]
    with pytest.raises(NotFoundError):
        store_b.get(draft.id)
    with pytest.raises(NotFoundError):
        store_b.add_feedback(draft.id, "rejected")
    assert store_b.feedback() == []


def test_api_keys_are_hashed_scoped_and_revocable(database_url: str) -> None:
    keys = KeyStore(make_engine(database_url))
    tenant = f"t-{uuid.uuid4().hex[:8]}"
    key_id, key = keys.create(tenant)
    assert keys.tenant_of(key) == tenant
    assert keys.tenant_of(key + "x") is None
    assert all(key not in repr(info) for info in keys.list(tenant))
    keys.revoke(key_id)
    assert keys.tenant_of(key) is None
    with pytest.raises(NotFoundError):
        keys.revoke("no-such-key")
    with pytest.raises(InputError):
        keys.create("Bad Tenant!")
