"""What the app holds for its lifetime: settings, runtime, key store, metrics, per-tenant services."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from drafter.api.metrics import Metrics
from drafter.config import Settings
from drafter.drafting import DraftService
from drafter.runtime import Runtime, Stores
from drafter.store import DraftStore, KeyStore


@dataclass
class TenantServices:
    """Everything one tenant's requests use."""

    tenant: str
    stores: Stores
    drafting: DraftService
    drafts: DraftStore


@dataclass
class AppState:
    """Process-wide state of the API app."""

    settings: Settings
    runtime: Runtime
    metrics: Metrics = field(default_factory=Metrics)
    _tenants: dict[str, TenantServices] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def keys(self) -> KeyStore:
        """The API key store."""
        return KeyStore(self.runtime.engine)

    def tenant(self, name: str) -> TenantServices:
        """A tenant's services, built on first use and then reused."""
        with self._lock:
            if name not in self._tenants:
                self._tenants[name] = TenantServices(
                    tenant=name,
                    stores=self.runtime.stores(name),
                    drafting=self.runtime.draft_service(name),
                    drafts=DraftStore(self.runtime.engine, tenant=name),
                )
            return self._tenants[name]


def app_state(request: Request) -> AppState:
    """The app's state, for dependencies."""
    state: AppState = request.app.state.drafter
    return state
