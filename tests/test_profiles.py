"""Customer profiles through SQLAlchemy, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import uuid

from drafter.domain import CustomerProfile, Order
from drafter.store import ProfileStore
from drafter.store.db import make_engine


def test_profiles_round_trip_and_stay_in_their_tenant(database_url: str) -> None:
    engine = make_engine(database_url)
    tenant_a, tenant_b = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
    store_a, store_b = ProfileStore(engine, tenant=tenant_a), ProfileStore(engine, tenant=tenant_b)
    profile = CustomerProfile(name="Ana", tier="gold", orders=[Order(order_id="X-1", date="2026-01-01")])
    store_a.upsert("c1", profile)
    store_a.upsert("c1", profile.model_copy(update={"tier": "platinum"}))
    loaded = store_a.get("c1")
    assert loaded is not None and loaded.tier == "platinum" and loaded.orders[0].order_id == "X-1"
    assert store_a.ids() == ["c1"]
    assert store_b.get("c1") is None and store_b.ids() == []
