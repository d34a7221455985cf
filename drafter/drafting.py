"""The drafting pipeline: check input, retrieve, read signals, compose, validate citations."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from drafter.compose import ComposeContext, Composer
from drafter.domain import Citation, Draft, DraftWarning, Ticket
from drafter.errors import EmptyTicketError, TicketTooLargeError
from drafter.principles import detect_signals, select_principles
from drafter.retrieval import Retriever
from drafter.store import ProfileStore


@dataclass(frozen=True)
class DraftLimits:
    """Bounds on what the pipeline accepts and fetches."""

    top_k: int = 5
    history_k: int = 5
    max_ticket_chars: int = 20_000
    oversize_ticket: str = "truncate"


def check_ticket(ticket: Ticket, limits: DraftLimits) -> tuple[Ticket, list[DraftWarning]]:
    """Refuse an empty ticket; truncate or refuse an oversize one, as the limits say."""
    if not ticket.text.strip():
        raise EmptyTicketError("the ticket text is empty; paste the customer's message")
    if len(ticket.text) <= limits.max_ticket_chars:
        return ticket, []
    if limits.oversize_ticket == "refuse":
        raise TicketTooLargeError(
            f"the ticket has {len(ticket.text):,} characters, more than the "
            f"{limits.max_ticket_chars:,} allowed (DRAFTER_MAX_TICKET_CHARS)"
        )
    warning = DraftWarning(
        code="ticket_truncated",
        message=f"the ticket was cut to its first {limits.max_ticket_chars:,} of "
        f"{len(ticket.text):,} characters; read the rest before sending",
    )
    return ticket.model_copy(update={"text": ticket.text[: limits.max_ticket_chars]}), [warning]


class DraftService:
    """Drafts replies for one tenant from its stores and a composer."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        profiles: ProfileStore,
        composer: Composer,
        limits: DraftLimits | None = None,
    ) -> None:
        self.retriever = retriever
        self.profiles = profiles
        self.composer = composer
        self.limits = limits or DraftLimits()

    def draft(self, ticket: Ticket) -> Draft:
        """Draft a reply to a ticket."""
        started = time.perf_counter()
        ticket, warnings = check_ticket(ticket, self.limits)
        profile = self.profiles.get(ticket.customer_id) if ticket.customer_id else None
        if ticket.customer_id and profile is None:
            warnings.append(
                DraftWarning(
                    code="unknown_customer",
                    message=f"no record for customer {ticket.customer_id!r}; drafted without history",
                )
            )
        found = self.retriever.retrieve(
            ticket, top_k=self.limits.top_k, history_k=self.limits.history_k
        )
        retrieved_at = time.perf_counter()
        signals = detect_signals(
            ticket, profile=profile, history=found.history, knowledge=found.knowledge
        )
        principles = select_principles(signals)
        context = ComposeContext(
            ticket=ticket,
            query=found.query,
            knowledge=found.knowledge,
            history=found.history,
            profile=profile,
            signals=signals,
            principles=principles,
        )
        reply = self.composer.compose(context)
        by_id = {p.chunk_id: p for p in found.knowledge}
        citations = []
        for chunk_id in reply.cited_chunk_ids:
            passage = by_id.get(chunk_id)
            if passage is None:
                warnings.append(
                    DraftWarning(
                        code="invalid_citation",
                        message=f"the reply cited {chunk_id!r}, which was not retrieved; removed",
                    )
                )
                continue
            citations.append(
                Citation(
                    doc_id=passage.doc_id,
                    chunk_id=chunk_id,
                    title=passage.title,
                    passage=passage.text,
                )
            )
        finished = time.perf_counter()
        return Draft(
            id=uuid.uuid4().hex,
            text=reply.text,
            citations=citations,
            principles=principles,
            customer_facts=reply.customer_facts,
            warnings=warnings + reply.warnings,
            passages=found.knowledge + found.history,
            backend=self.composer.name,
            language=reply.language,
            timings={
                "retrieve_ms": round((retrieved_at - started) * 1000, 2),
                "compose_ms": round((finished - retrieved_at) * 1000, 2),
                "total_ms": round((finished - started) * 1000, 2),
            },
        )
