"""The drafting pipeline: check input, retrieve, read signals, compose, validate citations."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from drafter.compose import ComposeContext, ComposedReply, Composer
from drafter.compose.phrases import Pick
from drafter.domain import Citation, CustomerProfile, Draft, DraftWarning, Passage, Ticket
from drafter.errors import EmptyTicketError, TicketTooLargeError
from drafter.principles import detect_signals, select_principles
from drafter.principles.lateness import LATE_ORDER_QUERY
from drafter.retrieval import Retriever
from drafter.safety import InjectionScreen, check_promises, is_blank
from drafter.store import ProfileStore
from drafter.store.examples import ExampleIndex
from drafter.store.tenants import TenantSettingsStore
from drafter.text.language import writes_in_english


@dataclass(frozen=True)
class DraftLimits:
    """Bounds on what the pipeline accepts and fetches."""

    top_k: int = 5
    history_k: int = 5
    max_ticket_chars: int = 20_000
    oversize_ticket: str = "truncate"


def check_ticket(ticket: Ticket, limits: DraftLimits) -> tuple[Ticket, list[DraftWarning]]:
    """Refuse an empty ticket; truncate or refuse an oversize one, as the limits say."""
    if is_blank(ticket.text):
        # NULs and zero-width characters alone look like text to a program and like nothing to a person.
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


@dataclass(frozen=True)
class Route:
    """A retriever, a composer and an injection screen that read one embedding model's vectors."""

    retriever: Retriever
    composer: Composer
    screen: InjectionScreen | None = None
    """None: the service's own screen."""

    @property
    def model(self) -> str:
        """The embedding model the route reads."""
        return self.retriever.knowledge.embedder.name


class LanguageRouter:
    """Sends tickets surely not in English to a multilingual model's route; English, mixed and
    uncertain ones stay on the default route.

    A deployment keeps each model's vectors in its own collections, so an English ticket is read
    exactly as without routing. When the multilingual model has no knowledge stored yet (routing
    turned on without re-embedding), the ticket falls back to the default route with a warning
    rather than drafting from an empty store.
    """

    def __init__(self, non_english: Route) -> None:
        self.non_english = non_english

    def pick(self, ticket: Ticket, default: Route) -> tuple[Route, list[DraftWarning]]:
        """The route for the ticket, with a warning when it had to fall back."""
        if writes_in_english(ticket):
            return default, []
        routed = self.non_english
        if routed.retriever.knowledge.recent_count() or not default.retriever.knowledge.recent_count():
            return routed, []
        warning = DraftWarning(
            code="multilingual_vectors_missing",
            message=f"the ticket is not in English but the knowledge has no {routed.model} vectors yet; "
            f"drafted with {default.model}, which reads English only "
            f"(run `drafter models reembed --from {default.model}`)",
        )
        return default, [warning]


class DraftService:
    """Drafts replies for one tenant from its stores and a composer."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        profiles: ProfileStore,
        composer: Composer,
        limits: DraftLimits | None = None,
        examples: ApprovedExamples | None = None,
        screen: InjectionScreen | None = None,
        today: date | None = None,
        router: LanguageRouter | None = None,
    ) -> None:
        self.retriever = retriever
        self.profiles = profiles
        self.composer = composer
        self.limits = limits or DraftLimits()
        self.examples = examples
        self.screen = screen or InjectionScreen()
        """Finds text that tries to instruct the composer (phrases; with an embedder, also by meaning)."""
        self.today = today
        """The day a ticket without `received_at` was written; None means the clock's today."""
        self.router = router
        """Routes tickets not in English to a multilingual model; None: one model for all."""

    def route(self, ticket: Ticket) -> tuple[Route, list[DraftWarning]]:
        """The retriever and composer for the ticket (by its language, when routing is on)."""
        default = Route(self.retriever, self.composer, self.screen)
        return self.router.pick(ticket, default) if self.router else (default, [])

    def _prepare(self, ticket: Ticket) -> _Prepared:
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
        route, routed_warnings = self.route(ticket)
        warnings += routed_warnings
        found = route.retriever.retrieve(ticket, top_k=self.limits.top_k, history_k=self.limits.history_k)
        # A replayed ticket is judged on the day it was written: an order 20 days old then may be 40 now.
        written = ticket.received_at.date() if ticket.received_at else self.today
        signals = detect_signals(
            ticket, profile=profile, history=found.history, knowledge=found.knowledge, today=written
        )
        if signals.late is not None:
            # The record says the order is late; the policy for that may not be what the words
            # found. Read beside the answers (as neighbours are), it does not change what answers them.
            known = {p.chunk_id for p in found.knowledge + found.neighbours}
            late = route.retriever.document_for(LATE_ORDER_QUERY)
            found.neighbours += [p for p in late if p.chunk_id not in known]
        # Text that tries to give orders is flagged, and no composer gets to read (or quote) it.
        read = found.knowledge + found.neighbours
        screened = (route.screen or self.screen).screen(ticket, read, found.history)
        retrieved = len(found.knowledge)
        knowledge, neighbours = screened.knowledge[:retrieved], screened.knowledge[retrieved:]
        warnings += screened.warnings
        context = ComposeContext(
            ticket=screened.ticket,
            query=found.query,
            knowledge=knowledge,
            history=screened.history,
            profile=profile,
            signals=signals,
            principles=select_principles(signals),
            examples=self.examples.nearest(found.query) if self.examples else [],
            query_adapter=route.retriever.adapter,
            entities=found.entities,
            neighbours=neighbours,
        )
        passages = found.knowledge + found.history
        return _Prepared(context, warnings, passages, started, time.perf_counter(), route.composer)

    def draft(self, ticket: Ticket) -> Draft:
        """Draft a reply to a ticket."""
        return self.drafted(ticket).draft

    def drafted(self, ticket: Ticket) -> Drafted:
        """The draft with the customer profile it was written with (read once, for the scorecard
        too) and the phrase-bank lines it used."""
        prepared = self._prepare(ticket)
        reply = prepared.composer.compose(prepared.context)
        return Drafted(self._finish(prepared, reply), prepared.context.profile, reply.phrases)

    def draft_stream(self, ticket: Ticket) -> Iterator[str | Draft]:
        """The reply's text as it is written (when the composer streams), then the finished Draft."""
        prepared = self._prepare(ticket)
        stream = getattr(prepared.composer, "stream", None)
        if stream is None:
            yield self._finish(prepared, prepared.composer.compose(prepared.context))
            return
        for item in stream(prepared.context):
            yield self._finish(prepared, item) if isinstance(item, ComposedReply) else item

    def _finish(self, prepared: _Prepared, reply: ComposedReply) -> Draft:
        context, warnings = prepared.context, list(prepared.warnings)
        by_id = {p.chunk_id: p for p in context.knowledge}
        # A neighbour the reply quotes is a source like a retrieved passage; the others stay unseen.
        quoted = [p for p in context.neighbours if p.chunk_id in reply.cited_chunk_ids]
        by_id.update((p.chunk_id, p) for p in quoted)
        citations = []
        for chunk_id in dict.fromkeys(reply.cited_chunk_ids):
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
                Citation(doc_id=passage.doc_id, chunk_id=chunk_id, title=passage.title, passage=passage.text)
            )
        warnings += check_promises(reply.text, context.knowledge + quoted + context.history)
        finished = time.perf_counter()
        return Draft(
            id=uuid.uuid4().hex,
            text=reply.text,
            citations=citations,
            principles=context.principles,
            customer_facts=reply.customer_facts,
            warnings=warnings + reply.warnings,
            passages=prepared.passages + quoted,
            backend=reply.backend or prepared.composer.name,
            prompts=reply.prompts,
            language=reply.language,
            timings={
                "retrieve_ms": round((prepared.retrieved_at - prepared.started) * 1000, 2),
                "compose_ms": round((finished - prepared.retrieved_at) * 1000, 2),
                "total_ms": round((finished - prepared.started) * 1000, 2),
            },
        )


class ApprovedExamples:
    """A tenant's approved replies, searched only when the tenant opted in to learning from feedback."""

    # Approved replies less similar than this to the ticket are not worth showing the composer.
    MIN_SCORE = 0.75

    def __init__(self, index: ExampleIndex, settings: TenantSettingsStore, *, k: int = 2) -> None:
        self.index = index
        self.settings = settings
        self.k = k

    def nearest(self, query: str) -> list[Passage]:
        """The closest approved replies, or none when the tenant has not opted in."""
        if not self.settings.learn_from_feedback():
            return []
        return self.index.nearest(self.index.embedder.embed([query])[0], k=self.k, min_score=self.MIN_SCORE)


@dataclass
class Drafted:
    """A draft and what went into it that the Draft itself does not carry."""

    draft: Draft
    profile: CustomerProfile | None
    phrases: list[Pick]


@dataclass
class _Prepared:
    """A ticket checked, searched and read, ready for a composer."""

    context: ComposeContext
    warnings: list[DraftWarning]
    passages: list[Passage]
    started: float
    retrieved_at: float
    composer: Composer
    """The composer of the route the ticket took."""
