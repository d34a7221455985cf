"""Domain types shared by every part of drafter."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["customer", "agent", "system"]
EventKind = Literal["ticket", "message", "order", "note"]
PassageSource = Literal["knowledge", "history"]
OPINION_DOC_TYPES = frozenset({"review", "opinion", "feedback", "testimonial", "comment"})
"""Knowledge documents (`doc_type`) that tell what someone thought, not what is so."""
AGENT_DOC_TYPES = frozenset(
    {"macro", "guideline", "agent_guideline", "internal", "internal_note", "playbook", "procedure", "sop"}
)
"""Knowledge documents (`doc_type`) written for agents, never quoted to a customer."""
AGENT_AUDIENCES = frozenset({"agent", "agents", "internal"})
"""Values of a document's `audience` that mark it as written for agents."""


class Message(BaseModel):
    """One turn of the conversation so far."""

    role: Role = Field(description="Who wrote it: customer, agent or system.")
    text: str = Field(description="What was said.")


class Ticket(BaseModel):
    """What the customer asked, and the conversation around it."""

    text: str = Field(description="The customer's latest message.")
    subject: str | None = Field(None, description="Ticket subject line, if any.")
    customer_id: str | None = Field(None, description="The customer's id in the helpdesk.")
    channel: str | None = Field(None, description="email, chat, phone, social ...")
    language: str | None = Field(None, description="ISO 639-1 code; detected when absent.")
    conversation: list[Message] = Field(
        default_factory=list, description="Earlier turns of this ticket, oldest first."
    )
    received_at: datetime | None = Field(
        None,
        description="When the customer wrote (ISO 8601). Order ages and time limits count from it; "
        "without it, from DRAFTER_TODAY or the clock.",
    )


class Order(BaseModel):
    """An order on the customer's record."""

    model_config = ConfigDict(extra="allow")

    order_id: str = Field(description="Order reference.")
    date: str | None = Field(None, description="When it was placed (ISO date).")
    delivered: str | None = Field(None, description="When it was delivered (ISO date).")
    expected_delivery: str | None = Field(
        None, description="When the carrier expected to deliver it (ISO date)."
    )
    items: list[str] = Field(default_factory=list, description="What was ordered.")
    total: float | None = Field(None, description="Order total.")
    status: str | None = Field(None, description="Order status.")


class CustomerProfile(BaseModel):
    """What the helpdesk knows about a customer."""

    model_config = ConfigDict(extra="allow")

    name: str | None = Field(None, description="Full name.")
    email: str | None = Field(None, description="Email address.")
    phone: str | None = Field(None, description="Phone number.")
    plan: str | None = Field(None, description="Subscription plan.")
    tier: str | None = Field(None, description="Loyalty or account tier.")
    language: str | None = Field(None, description="Preferred language (ISO 639-1).")
    customer_since: str | None = Field(None, description="First purchase or sign-up date.")
    products: list[str] = Field(default_factory=list, description="Products they own.")
    orders: list[Order] = Field(default_factory=list, description="Their orders.")
    notes: list[str] = Field(default_factory=list, description="Agent notes.")


class HistoryEvent(BaseModel):
    """A past ticket, message, order or note on the customer's record."""

    event_id: str = Field(description="Stable id of the event.")
    customer_id: str = Field(description="Whose history this is.")
    timestamp: datetime | None = Field(None, description="When it happened.")
    kind: EventKind = Field("message", description="ticket, message, order or note.")
    role: Role = Field("customer", description="Who wrote it.")
    subject: str | None = Field(None, description="Subject, for tickets.")
    text: str = Field(description="The content.")
    topic: str | None = Field(None, description="Topic label, when the helpdesk has one.")


class Customer(BaseModel):
    """A customer with profile and history."""

    customer_id: str = Field(description="The customer's id.")
    profile: CustomerProfile = Field(default_factory=lambda: CustomerProfile())
    events: list[HistoryEvent] = Field(default_factory=list)


class KnowledgeDoc(BaseModel):
    """A help article, policy, macro or FAQ entry before chunking."""

    doc_id: str = Field(description="Stable id of the document.")
    title: str = Field(description="Title shown in citations.")
    text: str = Field(description="Body text (Markdown allowed).")
    metadata: dict[str, Any] = Field(default_factory=dict, description="doc_type, product ...")
    format: Literal["markdown", "html", "text"] = Field("markdown", description="Body format.")


class Passage(BaseModel):
    """A retrieved chunk of knowledge or history."""

    chunk_id: str = Field(description="Id of the chunk in the store.")
    doc_id: str = Field(description="Id of the source document or history event.")
    title: str = Field(description="Title of the source.")
    text: str = Field(description="The chunk text.")
    score: float = Field(description="Relevance, higher is better (cosine similarity).")
    source: PassageSource = Field("knowledge", description="knowledge or history.")
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def for_agents(self) -> bool:
        """The document is marked as written for agents (`doc_type`, or `audience: agents`): what
        to ask may be taken from it, but it is never quoted to a customer."""
        doc_type = str(self.metadata.get("doc_type", "")).lower()
        audience = str(self.metadata.get("audience", "")).lower()
        return doc_type in AGENT_DOC_TYPES or audience in AGENT_AUDIENCES


class Citation(BaseModel):
    """A source the draft relies on."""

    doc_id: str = Field(description="Source document id.")
    chunk_id: str = Field(description="The chunk that was used.")
    title: str = Field(description="Source title.")
    passage: str = Field(description="The text of the passage.")


class PrincipleChoice(BaseModel):
    """A principle the draft applies, and why it was chosen."""

    name: str = Field(description="Principle name, e.g. empathy.")
    reason: str = Field(description="The ticket signal that made it fit.")
    weight: float = Field(1.0, description="Rank weight in [0, 1].")


class PromptRef(BaseModel):
    """A prompt file a draft used, pinned by content hash."""

    name: str = Field(description="Prompt path under prompts/, e.g. principles/empathy.")
    version: int = Field(description="Prompt version.")
    sha256: str = Field(description="Hash of the prompt file's content.")


class DraftWarning(BaseModel):
    """Something the agent should check before sending."""

    code: str = Field(description="Machine-readable kind, e.g. knowledge_gap.")
    message: str = Field(description="What to check.")


class Draft(BaseModel):
    """A drafted reply with everything the agent needs to trust it."""

    id: str = Field(description="Draft id.")
    text: str = Field(description="The reply.")
    citations: list[Citation] = Field(default_factory=list)
    principles: list[PrincipleChoice] = Field(default_factory=list)
    customer_facts: list[str] = Field(
        default_factory=list, description="Facts from the customer's record used in the reply."
    )
    warnings: list[DraftWarning] = Field(default_factory=list)
    passages: list[Passage] = Field(
        default_factory=list,
        description="Everything retrieved, and any other part of a retrieved document the reply quotes.",
    )
    backend: str = Field("offline", description="Which backend wrote the text.")
    prompts: list[PromptRef] = Field(default_factory=list)
    language: str = Field("en", description="Language of the reply.")
    timings: dict[str, float] = Field(default_factory=dict, description="Milliseconds per stage.")
