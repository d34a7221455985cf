"""Each tenant's helpdesk credentials: the helpdesk's URL and the token drafter posts notes with.

A tenant's webhooks post notes with that tenant's own credentials only. The token is written
once and never read back out through the API or the CLI: listings show only its last characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import SecretStr
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from drafter.store.db import HelpdeskCredentialRow, utcnow

# Enough of a token to tell two apart, too little to use: "…f3a9".
_HINT_CHARS = 4


@dataclass(frozen=True)
class HelpdeskCredentials:
    """Where a helpdesk's API is and the secret to call it with."""

    url: str
    token: SecretStr


@dataclass(frozen=True)
class CredentialInfo:
    """Credentials as listed: the URL and a hint of the token, never the token."""

    helpdesk: str
    url: str
    token_hint: str
    updated_at: datetime


def token_hint(token: str) -> str:
    """The last few characters of a token, for telling which one is set."""
    return "…" + token[-_HINT_CHARS:] if len(token) > 2 * _HINT_CHARS else "…"


class HelpdeskCredentialStore:
    """Reads and writes one tenant's helpdesk credentials."""

    def __init__(self, engine: Engine, *, tenant: str) -> None:
        self._engine = engine
        self.tenant = tenant

    def set(self, helpdesk: str, credentials: HelpdeskCredentials) -> CredentialInfo:
        """Store (or replace) the credentials for one helpdesk."""
        with Session(self._engine) as session, session.begin():
            row = session.get(HelpdeskCredentialRow, (self.tenant, helpdesk))
            if row is None:
                row = HelpdeskCredentialRow(tenant=self.tenant, helpdesk=helpdesk)
                session.add(row)
            row.url = credentials.url
            row.token = credentials.token.get_secret_value()
            row.updated_at = utcnow()
            session.flush()
            return _info(row)

    def get(self, helpdesk: str) -> HelpdeskCredentials | None:
        """The tenant's credentials for a helpdesk, or None when it has set none."""
        with Session(self._engine) as session:
            row = session.get(HelpdeskCredentialRow, (self.tenant, helpdesk))
            return None if row is None else HelpdeskCredentials(row.url, SecretStr(row.token))

    def delete(self, helpdesk: str) -> bool:
        """Forget the credentials for a helpdesk; False when there were none."""
        with Session(self._engine) as session, session.begin():
            row = session.get(HelpdeskCredentialRow, (self.tenant, helpdesk))
            if row is None:
                return False
            session.delete(row)
            return True

    def list(self) -> list[CredentialInfo]:
        """Every helpdesk the tenant has credentials for, by name."""
        with Session(self._engine) as session:
            query = (
                select(HelpdeskCredentialRow)
                .where(HelpdeskCredentialRow.tenant == self.tenant)
                .order_by(HelpdeskCredentialRow.helpdesk)
            )
            return [_info(row) for row in session.scalars(query)]


def _info(row: HelpdeskCredentialRow) -> CredentialInfo:
    return CredentialInfo(row.helpdesk, row.url, token_hint(row.token), row.updated_at)
