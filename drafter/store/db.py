"""SQL database: SQLite (WAL) under the data dir by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from drafter.errors import DatabaseError

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


class Base(DeclarativeBase):
    """Declarative base of every drafter table."""


def utcnow() -> datetime:
    """Timezone-aware now, for timestamps."""
    return datetime.now(UTC)


class CustomerRow(Base):
    """A customer's profile, one row per tenant and customer."""

    __tablename__ = "customers"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(256), primary_key=True)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiKeyRow(Base):
    """An API key, stored as its SHA-256 hash; the key itself is shown once at creation."""

    __tablename__ = "api_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ApiKeyScopeRow(Base):
    """What a key may do, when less than everything: kept beside `api_keys` so older databases need
    no migration (a key without a row here is a full API key)."""

    __tablename__ = "api_key_scopes"

    key_id: Mapped[str] = mapped_column(String(32), ForeignKey("api_keys.key_id"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    helpdesk: Mapped[str | None] = mapped_column(String(32), nullable=True)


class HelpdeskCredentialRow(Base):
    """Where one tenant's helpdesk is and the token drafter posts notes with (never sent back out)."""

    __tablename__ = "helpdesk_credentials"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    helpdesk: Mapped[str] = mapped_column(String(32), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    token: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftRow(Base):
    """A draft as it was given to the agent, with what it was made from."""

    __tablename__ = "drafts"

    draft_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    customer_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    backend: Mapped[str] = mapped_column(String(32))
    total_ms: Mapped[float] = mapped_column(Float, default=0.0)
    ticket: Mapped[dict[str, Any]] = mapped_column(JSON)
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    parent_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class FeedbackRow(Base):
    """What the agent did with a draft: accepted, edited or rejected, and the text sent."""

    __tablename__ = "feedback"

    feedback_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.draft_id"), index=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    final_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    agent_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    seconds_to_send: Mapped[float | None] = mapped_column(Float, nullable=True)


class TenantSettingsRow(Base):
    """Per-tenant choices, such as learning from approved replies."""

    __tablename__ = "tenant_settings"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    learn_from_feedback: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _enable_wal(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside a writer; synchronous=FULL so an acknowledged write survives a kill.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _unusable(url: str, reason: object) -> DatabaseError:
    """One line naming the database and what to do, instead of a driver's traceback."""
    where = make_url(url).render_as_string(hide_password=True)
    return DatabaseError(
        f"cannot use the database {where}: {str(reason).splitlines()[0]}; make its folder exist and be "
        "writable (DRAFTER_DATA_DIR) or point DRAFTER_DATABASE_URL at a database you can write"
    )


def _translate_errors(url: str) -> Callable[[ExceptionContext], None]:
    def translate(context: ExceptionContext) -> None:
        # Lost connections are left to the pool, which reconnects; anything else operational
        # (no such file, read-only, locked, disk full) is the operator's to fix.
        if isinstance(context.sqlalchemy_exception, OperationalError) and not context.is_disconnect:
            raise _unusable(url, context.original_exception) from context.original_exception

    return translate


def make_engine(url: str, *, tables: MetaData | None = None) -> Engine:
    """The engine for a URL, created once per process, with tables in place (drafter's own unless
    `tables` names others: a file holding only those).

    Raises:
        DatabaseError: the database cannot be opened, created or written.
    """
    with _lock:
        if url not in _engines:
            try:
                _engines[url] = _open(url, Base.metadata if tables is None else tables)
            except OSError as exc:
                raise _unusable(url, exc) from exc
            except SQLAlchemyError as exc:
                raise _unusable(url, getattr(exc, "orig", None) or exc) from exc
        return _engines[url]


def _open(url: str, tables: MetaData) -> Engine:
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _enable_wal)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _translate_errors(url))
    tables.create_all(engine)
    return engine
