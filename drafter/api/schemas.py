"""Request and response bodies of the HTTP API (every field described for the OpenAPI docs)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from drafter.domain import Draft, DraftWarning, EventKind, Message, PrincipleChoice, PromptRef, Role, Ticket
from drafter.safety import is_blank
from drafter.store.drafts import FeedbackRecord

# A message that quotes the customer (a grader's explanation, a warning) is cut to this many
# characters in a response: the ticket's own length must not set the response's.
QUOTE_LIMIT = 600


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The text, or its first `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# The store filters on flat scalar metadata; nested values would be refused deep inside it.
MetadataKey = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[^$]")]
MetadataValue = Annotated[str, StringConstraints(max_length=2000)] | bool | int | float | None


class DraftRequest(BaseModel):
    """A ticket to draft a reply to."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The customer's latest message.", max_length=1_000_000)
    subject: str | None = Field(None, description="Ticket subject line.", max_length=2000)
    customer_id: str | None = Field(
        None, description="The customer's id; their history is used.", max_length=256
    )
    channel: str | None = Field(None, description="email, chat, phone, social ...", max_length=64)
    language: str | None = Field(None, description="ISO 639-1 code; detected when absent.", max_length=16)
    conversation: list[Message] = Field(
        default_factory=list, description="Earlier messages of this ticket, oldest first.", max_length=500
    )
    received_at: datetime | None = Field(
        None, description="When the customer wrote (ISO 8601); order ages and time limits count from it."
    )
    stream: bool = Field(False, description="Answer with server-sent events instead of one JSON body.")

    def ticket(self) -> Ticket:
        """The ticket this request describes."""
        return Ticket(**self.model_dump(exclude={"stream"}))


class CitationOut(BaseModel):
    """A source the draft relies on."""

    doc_id: str = Field(description="Source document id.")
    chunk_id: str = Field(description="The passage's id in the store.")
    title: str = Field(description="Source title.")
    passage: str = Field(description="The passage text.")


class ScoreOut(BaseModel):
    """One grader's verdict on the draft."""

    name: str = Field(description="What is graded, e.g. empathy.")
    score: float | None = Field(description="In [0, 1], higher is better; null where it does not apply.")
    explanation: str = Field(description="Why the grader gave this score.")
    grader: str = Field(description="Grader name and version.")
    status: Literal["ok", "check", "n/a"] = Field(
        "ok", description="ok at or above the grader's pass mark, check below it, n/a: does not apply."
    )
    meaning: str = Field("", description="What the grade measures and how far people agree with it.")


class CheckFirst(BaseModel):
    """Something the agent should look at before sending."""

    name: str = Field(description="The grade that fell short.")
    score: float | None = Field(description="Its score.")
    reason: str = Field(description="What the grader found.")


class DraftResponse(BaseModel):
    """A drafted reply with everything the agent needs to judge it."""

    id: str = Field(description="Draft id, for GET, rewrite and feedback.")
    text: str = Field(description="The reply.")
    citations: list[CitationOut] = Field(description="Sources the reply relies on.")
    principles: list[PrincipleChoice] = Field(description="Principles applied, with why.")
    scores: dict[str, float] = Field(
        description="Scorecard: grade name -> score in [0, 1] (grades that do not apply are left out)."
    )
    scorecard: list[ScoreOut] = Field(description="Every grade with its explanation, status and meaning.")
    check_first: list[CheckFirst] = Field(
        default_factory=list, description="Up to three grades to check before sending, most important first."
    )
    warnings: list[DraftWarning] = Field(description="What the agent should check before sending.")
    backend: str = Field(description="Which backend wrote the text: offline or an LLM.")
    customer_facts: list[str] = Field(description="Facts from the customer's record the draft used.")
    language: str = Field(description="Language of the reply.")
    prompts: list[PromptRef] = Field(description="Prompt files and versions used.")
    timings: dict[str, float] = Field(description="Milliseconds per stage.")
    parent_id: str | None = Field(None, description="The draft this one rewrote, if any.")
    created_at: datetime | None = Field(None, description="When the draft was made.")

    @classmethod
    def of(
        cls,
        draft: Draft,
        scorecard: list[ScoreOut],
        *,
        checks: list[CheckFirst] | None = None,
        parent_id: str | None = None,
        created_at: datetime | None = None,
    ) -> DraftResponse:
        """The response for a draft and its scorecard."""
        return cls(
            id=draft.id,
            text=draft.text,
            citations=[CitationOut(**c.model_dump()) for c in draft.citations],
            principles=draft.principles,
            scores={s.name: s.score for s in scorecard if s.score is not None},
            scorecard=scorecard,
            check_first=checks or [],
            warnings=[w.model_copy(update={"message": clip(w.message)}) for w in draft.warnings],
            backend=draft.backend,
            customer_facts=draft.customer_facts,
            language=draft.language,
            prompts=draft.prompts,
            timings=draft.timings,
            parent_id=parent_id,
            created_at=created_at,
        )


class RewriteRequest(BaseModel):
    """How to rewrite a draft."""

    model_config = ConfigDict(extra="forbid")

    operation: Literal["friendlier", "more_formal", "shorter", "expand", "simplify", "more_empathetic"] = (
        Field(description="The rewrite to apply.")
    )
    text: str | None = Field(None, description="The agent's edited text to rewrite instead of the draft's.")


class FeedbackRequest(BaseModel):
    """What the agent did with a draft."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["accepted", "edited", "rejected"] = Field(description="accepted, edited or rejected.")
    final_text: str | None = Field(None, description="The text actually sent (required when edited).")
    agent_id: str | None = Field(None, description="Who handled the ticket.", max_length=256)
    reason: str | None = Field(None, description="Why it was edited or rejected.", max_length=4000)

    @model_validator(mode="after")
    def _edited_needs_text(self) -> FeedbackRequest:
        if self.outcome == "edited" and not (self.final_text or "").strip():
            raise ValueError("final_text is required when outcome is 'edited'")
        return self


class FeedbackResponse(BaseModel):
    """A recorded outcome."""

    feedback_id: int = Field(description="Id of the record.")
    draft_id: str = Field(description="The draft it is about.")
    outcome: str = Field(description="accepted, edited or rejected.")
    seconds_to_send: float | None = Field(description="Seconds from draft to this outcome.")
    created_at: datetime = Field(description="When it was recorded.")

    @classmethod
    def of(cls, record: FeedbackRecord) -> FeedbackResponse:
        """The response for a stored feedback record."""
        return cls(
            feedback_id=record.feedback_id,
            draft_id=record.draft_id,
            outcome=record.outcome,
            seconds_to_send=record.seconds_to_send,
            created_at=record.created_at,
        )


class DocumentIn(BaseModel):
    """A knowledge document to create or replace."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="Title shown in citations.", min_length=1, max_length=1000)
    text: str = Field(description="Body text; Markdown headers split it into sections.", min_length=1)
    metadata: dict[MetadataKey, MetadataValue] = Field(
        default_factory=dict, description="Flat filterable fields: doc_type, product, language ..."
    )
    format: Literal["markdown", "html", "text"] = Field("markdown", description="Body format.")

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        # Blank text stores no passage: "added" would be a lie, and over a stored document
        # "updated" would delete it.
        if is_blank(value):
            raise ValueError("the document has no text (only spaces or invisible characters)")
        return value


class BatchDocument(DocumentIn):
    """A document in a batch, with its id."""

    doc_id: str = Field(description="Stable id of the document.", min_length=1, max_length=512)


class BatchRequest(BaseModel):
    """Several documents to create or replace at once."""

    model_config = ConfigDict(extra="forbid")

    documents: list[BatchDocument] = Field(description="The documents.", min_length=1, max_length=5000)


class DocumentResult(BaseModel):
    """What an upsert did to one document."""

    doc_id: str = Field(description="Document id.")
    status: Literal["added", "updated", "unchanged"] = Field(description="What happened.")


class DocumentInfo(BaseModel):
    """A stored document."""

    doc_id: str = Field(description="Document id.")
    title: str = Field(description="Title.")
    chunks: int = Field(description="Passages stored for it.")


class SearchHit(BaseModel):
    """A passage found by a knowledge search."""

    doc_id: str = Field(description="Document id.")
    chunk_id: str = Field(description="Passage id.")
    title: str = Field(description="Document title.")
    text: str = Field(description="Passage text.")
    score: float = Field(description="Relevance; higher is better.")


class EventIn(BaseModel):
    """An event in a customer's history."""

    model_config = ConfigDict(extra="forbid")

    event_id: str | None = Field(None, description="Stable id; generated when absent.", max_length=256)
    timestamp: datetime | None = Field(None, description="When it happened; now when absent.")
    kind: EventKind = Field("message", description="ticket, message, order or note.")
    role: Role = Field("customer", description="Who wrote it.")
    subject: str | None = Field(None, description="Subject, for tickets.")
    text: str = Field(description="The content.", min_length=1)
    topic: str | None = Field(None, description="Topic label, when the helpdesk has one.")


class EventsRequest(BaseModel):
    """Events to add to a customer's history."""

    model_config = ConfigDict(extra="forbid")

    events: list[EventIn] = Field(description="The events.", min_length=1, max_length=5000)


class EventsResponse(BaseModel):
    """What adding events did."""

    customer_id: str = Field(description="The customer.")
    written: int = Field(description="Events stored or replaced.")
    unchanged: int = Field(description="Events already stored as given.")
