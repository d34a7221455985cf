"""Per-tenant settings in the SQL database."""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from drafter.store.db import TenantSettingsRow, utcnow

# Every draft asks; a change made through another process is seen within this many seconds.
SETTINGS_MAX_AGE = 1.0
_read_at: dict[tuple[str, str], tuple[float, bool]] = {}
_lock = threading.Lock()


class TenantSettingsStore:
    """Reads and writes one tenant's settings."""

    def __init__(self, engine: Engine, *, tenant: str) -> None:
        self._engine = engine
        self.tenant = tenant
        self._key = (str(engine.url), tenant)

    def learn_from_feedback(self) -> bool:
        """Whether accepted replies become examples for future drafts (off unless the tenant opts in)."""
        with _lock:
            cached = _read_at.get(self._key)
        if cached is not None and time.monotonic() - cached[0] < SETTINGS_MAX_AGE:
            return cached[1]
        with Session(self._engine) as session:
            row = session.get(TenantSettingsRow, self.tenant)
            enabled = bool(row and row.learn_from_feedback)
        with _lock:
            _read_at[self._key] = (time.monotonic(), enabled)
        return enabled

    def set_learn_from_feedback(self, enabled: bool) -> None:
        """Opt in or out."""
        with Session(self._engine) as session, session.begin():
            row = session.get(TenantSettingsRow, self.tenant)
            if row is None:
                session.add(TenantSettingsRow(tenant=self.tenant, learn_from_feedback=enabled))
            else:
                row.learn_from_feedback = enabled
                row.updated_at = utcnow()
        with _lock:
            _read_at.pop(self._key, None)
