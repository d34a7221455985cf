"""Drafts and the agents' feedback on them, per tenant, in the SQL database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from drafter.domain import Draft, Ticket
from drafter.errors import NotFoundError
from drafter.store.db import DraftRow, FeedbackRow, utcnow

Outcome = Literal["accepted", "edited", "rejected"]


@dataclass(frozen=True)
class StoredDraft:
    """A draft with the ticket it answered and its scorecard."""

    draft: Draft
    ticket: Ticket
    scores: dict[str, Any]
    created_at: datetime
    parent_id: str | None


@dataclass(frozen=True)
class FeedbackRecord:
    """One recorded outcome of a draft."""

    feedback_id: int
    draft_id: str
    outcome: str
    final_text: str | None
    agent_id: str | None
    reason: str | None
    created_at: datetime
    seconds_to_send: float | None


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back without a zone even when they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class DraftStore:
    """Reads and writes one tenant's drafts and feedback."""

    def __init__(self, engine: Engine, *, tenant: str = "default") -> None:
        self._engine = engine
        self.tenant = tenant

    def save(
        self, ticket: Ticket, draft: Draft, scores: dict[str, Any], *, parent_id: str | None = None
    ) -> None:
        """Store a draft; committed when this returns."""
        with Session(self._engine) as session, session.begin():
            session.add(
                DraftRow(
                    draft_id=draft.id,
                    tenant=self.tenant,
                    customer_id=ticket.customer_id,
                    backend=draft.backend,
                    total_ms=draft.timings.get("total_ms", 0.0),
                    ticket=ticket.model_dump(mode="json"),
                    draft=draft.model_dump(mode="json"),
                    scores=scores,
                    parent_id=parent_id,
                )
            )

    def _row(self, session: Session, draft_id: str) -> DraftRow:
        row = session.get(DraftRow, draft_id)
        # Another tenant's draft is reported exactly like a missing one.
        if row is None or row.tenant != self.tenant:
            raise NotFoundError(f"no draft {draft_id!r}")
        return row

    def get(self, draft_id: str) -> StoredDraft:
        """A stored draft.

        Raises:
            NotFoundError: no such draft for this tenant.
        """
        with Session(self._engine) as session:
            row = self._row(session, draft_id)
            return StoredDraft(
                draft=Draft.model_validate(row.draft),
                ticket=Ticket.model_validate(row.ticket),
                scores=dict(row.scores or {}),
                created_at=_aware(row.created_at),
                parent_id=row.parent_id,
            )

    def add_feedback(
        self,
        draft_id: str,
        outcome: Outcome,
        *,
        final_text: str | None = None,
        agent_id: str | None = None,
        reason: str | None = None,
    ) -> FeedbackRecord:
        """Record what the agent did with a draft; committed (and durable) when this returns.

        Raises:
            NotFoundError: no such draft for this tenant.
        """
        with Session(self._engine) as session, session.begin():
            draft_row = self._row(session, draft_id)
            now = utcnow()
            row = FeedbackRow(
                draft_id=draft_id,
                tenant=self.tenant,
                outcome=outcome,
                final_text=final_text,
                agent_id=agent_id,
                reason=reason,
                created_at=now,
                seconds_to_send=round((now - _aware(draft_row.created_at)).total_seconds(), 3),
            )
            session.add(row)
            session.flush()
            return _record(row)

    def outcomes(self, since: datetime | None = None) -> list[DraftOutcome]:
        """Every draft made since a moment, oldest first, with its latest feedback."""
        return _outcomes(self, since)

    def feedback(self, draft_id: str | None = None) -> list[FeedbackRecord]:
        """The tenant's feedback, oldest first, for one draft or all."""
        with Session(self._engine) as session:
            query = select(FeedbackRow).where(FeedbackRow.tenant == self.tenant)
            if draft_id is not None:
                query = query.where(FeedbackRow.draft_id == draft_id)
            return [_record(r) for r in session.scalars(query.order_by(FeedbackRow.feedback_id))]


@dataclass(frozen=True)
class DraftOutcome:
    """A stored draft with the latest feedback on it, if any."""

    draft: Draft
    ticket: Ticket
    created_at: datetime
    feedback: FeedbackRecord | None


def _outcomes(store: DraftStore, since: datetime | None) -> list[DraftOutcome]:
    with Session(store._engine) as session:
        query = select(DraftRow).where(DraftRow.tenant == store.tenant)
        if since is not None:
            query = query.where(DraftRow.created_at >= since)
        drafts = list(session.scalars(query.order_by(DraftRow.created_at)))
        latest: dict[str, FeedbackRow] = {}
        feedback_query = select(FeedbackRow).where(FeedbackRow.tenant == store.tenant)
        for row in session.scalars(feedback_query.order_by(FeedbackRow.feedback_id)):
            latest[row.draft_id] = row
        return [
            DraftOutcome(
                draft=Draft.model_validate(d.draft),
                ticket=Ticket.model_validate(d.ticket),
                created_at=_aware(d.created_at),
                feedback=_record(latest[d.draft_id]) if d.draft_id in latest else None,
            )
            for d in drafts
        ]


def _record(row: FeedbackRow) -> FeedbackRecord:
    return FeedbackRecord(
        feedback_id=row.feedback_id,
        draft_id=row.draft_id,
        outcome=row.outcome,
        final_text=row.final_text,
        agent_id=row.agent_id,
        reason=row.reason,
        created_at=_aware(row.created_at),
        seconds_to_send=row.seconds_to_send,
    )
