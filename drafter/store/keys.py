"""API keys: each belongs to one tenant and is stored only as a hash."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from drafter.errors import InputError, NotFoundError
from drafter.store.db import ApiKeyRow, utcnow

# Tenants name Chroma collections and appear in URLs and logs: keep them plain.
TENANT_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_KEY_PREFIX = "dk"


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


class KeyStore:
    """Creates, checks and revokes API keys."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, tenant: str) -> tuple[str, str]:
        """A new key for a tenant: (key_id, key). The key is not stored and cannot be shown again."""
        check_tenant(tenant)
        key_id = secrets.token_hex(6)
        key = f"{_KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(24)}"
        with Session(self._engine) as session, session.begin():
            session.add(ApiKeyRow(key_id=key_id, tenant=tenant, key_hash=_digest(key)))
        return key_id, key

    def tenant_of(self, key: str) -> str | None:
        """The tenant a live key belongs to, or None for an unknown or revoked key."""
        with Session(self._engine) as session:
            row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.key_hash == _digest(key)))
            if row is None or row.revoked_at is not None:
                return None
            # Compare digests in constant time as well, so the lookup leaks nothing by timing.
            return row.tenant if secrets.compare_digest(row.key_hash, _digest(key)) else None

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
            return KeyInfo(row.key_id, row.tenant, row.created_at, revoked=True)

    def list(self, tenant: str | None = None) -> list[KeyInfo]:
        """Every key, or one tenant's, oldest first."""
        with Session(self._engine) as session:
            query = select(ApiKeyRow).order_by(ApiKeyRow.created_at)
            if tenant is not None:
                query = query.where(ApiKeyRow.tenant == tenant)
            return [
                KeyInfo(r.key_id, r.tenant, r.created_at, revoked=r.revoked_at is not None)
                for r in session.scalars(query)
            ]
