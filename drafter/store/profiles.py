"""Customer profiles in the SQL database."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from drafter.domain import CustomerProfile
from drafter.store.db import CustomerRow, utcnow


class ProfileStore:
    """Reads and writes one tenant's customer profiles."""

    def __init__(self, engine: Engine, *, tenant: str = "default") -> None:
        self._engine = engine
        self.tenant = tenant

    def upsert(self, customer_id: str, profile: CustomerProfile) -> None:
        """Create or replace a customer's profile."""
        data = profile.model_dump(mode="json", exclude_none=True)
        with Session(self._engine) as session, session.begin():
            row = session.get(CustomerRow, (self.tenant, customer_id))
            if row is None:
                session.add(CustomerRow(tenant=self.tenant, customer_id=customer_id, profile=data))
            else:
                row.profile = data
                row.updated_at = utcnow()

    def get(self, customer_id: str) -> CustomerProfile | None:
        """A customer's profile, or None when unknown."""
        with Session(self._engine) as session:
            row = session.get(CustomerRow, (self.tenant, customer_id))
            return CustomerProfile.model_validate(row.profile) if row else None

    def ids(self) -> list[str]:
        """Every customer id of the tenant."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(CustomerRow.customer_id).where(CustomerRow.tenant == self.tenant)
            )
            return sorted(rows)
