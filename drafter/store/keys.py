"""API keys: each belongs to one tenant and is stored only as a hash.

A key is either a full API key or an app token: a draft-only key for one helpdesk's sidebar app,
made to live in an app URL or a browser, where a full key must never be.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from drafter.errors import InputError, NotFoundError
from drafter.store.db import ApiKeyRow, ApiKeyScopeRow, utcnow

# Tenants name Chroma collections and appear in URLs and logs: keep them plain.
TENANT_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_KEY_PREFIX = "dk"
_APP_PREFIX = "dka"

KeyScope = Literal["full", "app"]
"""`full`: every endpoint of its tenant. `app`: drafting and feedback only (see `drafter.api.auth`)."""
HelpdeskApp = Literal["zendesk", "helpscout", "chatwoot"]
"""Helpdesks drafter ships a sidebar app for; an app token belongs to exactly one."""
HELPDESK_APPS: tuple[str, ...] = get_args(HelpdeskApp)


def check_tenant(tenant: str) -> str:
    """The tenant name, when it is usable as a store partition.

    Raises:
        InputError: it has characters other than a-z, 0-9, `_` and `-`, or over 40 of them.
    """
    if not TENANT_PATTERN.match(tenant):
        raise InputError(
            f"tenant {tenant!r} is not allowed: use 1-40 lowercase letters, digits, '_' or '-', "
            "starting with a letter or digit"
        )
    return tenant


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyInfo:
    """An API key as listed: never the key itself."""

    key_id: str
    tenant: str
    created_at: datetime
    revoked: bool
    scope: KeyScope = "full"
    helpdesk: str | None = None


@dataclass(frozen=True)
class Caller:
    """Who a live key speaks for, and what it may do."""

    tenant: str
    scope: KeyScope
    helpdesk: str | None


class KeyStore:
    """Creates, checks and revokes API keys."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(
        self, tenant: str, *, scope: KeyScope = "full", helpdesk: str | None = None
    ) -> tuple[str, str]:
        """A new key for a tenant: (key_id, key). The key is not stored and cannot be shown again.

        Raises:
            InputError: a bad tenant name, or an app token without one of `HELPDESK_APPS`
                (or a full key with one).
        """
        check_tenant(tenant)
        if scope == "app" and helpdesk not in HELPDESK_APPS:
            raise InputError(
                f"an app token belongs to one helpdesk: use one of {', '.join(HELPDESK_APPS)} "
                f"(got {helpdesk!r})"
            )
        if scope == "full" and helpdesk is not None:
            raise InputError("only app tokens belong to a helpdesk; add scope 'app'")
        key_id = secrets.token_hex(6)
        prefix = _APP_PREFIX if scope == "app" else _KEY_PREFIX
        # URL-safe characters only: an app token travels in an app URL's query string.
        key = f"{prefix}_{key_id}_{secrets.token_urlsafe(24)}"
        with Session(self._engine) as session, session.begin():
            session.add(ApiKeyRow(key_id=key_id, tenant=tenant, key_hash=_digest(key)))
            if scope != "full":
                session.flush()  # the scope row's foreign key needs the key row first
                session.add(ApiKeyScopeRow(key_id=key_id, scope=scope, helpdesk=helpdesk))
        return key_id, key

    def caller(self, key: str) -> Caller | None:
        """Tenant and scope of a live key, or None for an unknown or revoked key."""
        with Session(self._engine) as session:
            row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_hash == _digest(key)))
            if row is None or row.revoked_at is not None:
                return None
            # Compare digests in constant time as well, so the lookup leaks nothing by timing.
            if not secrets.compare_digest(row.key_hash, _digest(key)):
                return None
            scoped = session.get(ApiKeyScopeRow, row.key_id)
            if scoped is None:
                return Caller(row.tenant, "full", None)
            return Caller(row.tenant, "app" if scoped.scope == "app" else "full", scoped.helpdesk)

    def tenant_of(self, key: str) -> str | None:
        """The tenant a live key belongs to, or None for an unknown or revoked key."""
        caller = self.caller(key)
        return caller.tenant if caller else None

    def revoke(self, key_or_id: str) -> KeyInfo:
        """Revoke a key, named by its id or the key itself.

        Raises:
            NotFoundError: no such key.
        """
        with Session(self._engine) as session, session.begin():
            row = session.get(ApiKeyRow, key_or_id) or session.scalar(
                select(ApiKeyRow).where(ApiKeyRow.key_hash == _digest(key_or_id))
            )
            if row is None:
                raise NotFoundError(f"no API key {key_or_id!r}")
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            scoped = session.get(ApiKeyScopeRow, row.key_id)
            return _info(row, scoped)

    def list(self, tenant: str | None = None) -> list[KeyInfo]:
        """Every key, or one tenant's, oldest first."""
        with Session(self._engine) as session:
            query = (
                select(ApiKeyRow, ApiKeyScopeRow)
                .outerjoin(ApiKeyScopeRow, ApiKeyScopeRow.key_id == ApiKeyRow.key_id)
                .order_by(ApiKeyRow.created_at)
            )
            if tenant is not None:
                query = query.where(ApiKeyRow.tenant == tenant)
            return [_info(row, scoped) for row, scoped in session.execute(query)]


def _info(row: ApiKeyRow, scoped: ApiKeyScopeRow | None) -> KeyInfo:
    return KeyInfo(
        row.key_id,
        row.tenant,
        row.created_at,
        revoked=row.revoked_at is not None,
        scope="app" if scoped is not None and scoped.scope == "app" else "full",
        helpdesk=scoped.helpdesk if scoped is not None else None,
    )
