"""Per-tenant settings in the SQL database."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from drafter.db import TenantSettingsRow, utcnow


class TenantSettingsStore:
    """Reads and writes one tenant's settings."""

    def __init__(self, engine: Engine, *, tenant: str) -> None:
        self._engine = engine
        self.tenant = tenant

    def learn_from_feedback(self) -> bool:
        """Whether accepted replies become examples for future drafts (off unless the tenant opts in)."""
        with Session(self._engine) as session:
            row = session.get(TenantSettingsRow, self.tenant)
            return bool(row and row.learn_from_feedback)

    def set_learn_from_feedback(self, enabled: bool) -> None:
        """Opt in or out."""
        with Session(self._engine) as session, session.begin():
            row = session.get(TenantSettingsRow, self.tenant)
            if row is None:
                session.add(TenantSettingsRow(tenant=self.tenant, learn_from_feedback=enabled))
            else:
                row.learn_from_feedback = enabled
                row.updated_at = utcnow()
