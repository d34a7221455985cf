"""Build the chat messages for an LLM draft: masked data in delimited blocks, principles as prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.base import ComposeContext
from drafter.domain import DraftWarning, PromptRef
from drafter.prompts import PrincipleSpec, PromptStore
from drafter.safety import PiiMasker, Source, neutralize_delimiters

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "pl": "Polish",
}


@dataclass
class DraftRequest:
    """The messages for one draft, with what is needed to read the answer back."""

    messages: list[dict[str, str]]
    passage_ids: dict[str, str]
    """Prompt id (P1, P2 ...) -> chunk id."""
    masker: PiiMasker
    prompts: list[PromptRef]
    warnings: list[DraftWarning] = field(default_factory=list)


def _data(masker: PiiMasker, text: str, source: Source) -> str:
    """Text as it may leave: personal data masked, nothing that could close a data block. `source`
    decides whether its values may be put back into the reply (only the customer's own)."""
    return neutralize_delimiters(masker.mask(text, source=source))


def language_name(code: str) -> str:
    """A language name the model understands, from an ISO code."""
    return LANGUAGE_NAMES.get(code, code)


def _customer_facts(context: ComposeContext, masker: PiiMasker) -> list[str]:
    profile = context.profile
    if profile is None:
        return []
    facts = []
    if profile.name:
        facts.append(f"name: {_data(masker, profile.name, 'customer')}")
    for label, value in (
        ("plan", profile.plan),
        ("tier", profile.tier),
        ("customer since", profile.customer_since),
    ):
        if value:
            facts.append(f"{label}: {value}")
    for order in profile.orders[-5:]:
        items = ", ".join(order.items)
        facts.append(
            _data(
                masker,
                f"order {order.order_id} ({order.date or 'date unknown'}): {items}; "
                f"status {order.status or 'unknown'}",
                "record",
            )
        )
    facts.extend(_data(masker, note, "record") for note in profile.notes[-5:])
    return facts


def build_draft_request(context: ComposeContext, prompts: PromptStore, masker: PiiMasker) -> DraftRequest:
    """System and user messages for drafting, everything outbound masked."""
    language = language_name(context.signals.language)
    if context.profile is not None:
        profile = context.profile
        masker.know_customer(name=profile.name, email=profile.email, phone=profile.phone)
    system, system_ref = prompts.render("system", language=language)
    passage_ids = {f"P{i + 1}": p.chunk_id for i, p in enumerate(context.knowledge)}
    knowledge = [
        {
            "id": f"P{i + 1}",
            "title": _data(masker, p.title, "knowledge"),
            "text": _data(masker, p.text, "knowledge"),
        }
        for i, p in enumerate(context.knowledge)
    ]
    history = [
        {"id": f"H{i + 1}", "text": _data(masker, p.text, "record")} for i, p in enumerate(context.history)
    ]
    principles, refs = [], [system_ref]
    for choice in context.principles:
        prompt = prompts.principle(choice.name)
        assert isinstance(prompt.spec, PrincipleSpec)
        instructions, ref = prompts.render(prompt.name)
        refs.append(ref)
        principles.append(
            {
                "name": choice.name,
                "reason": _data(masker, choice.reason, "ticket"),
                "instructions": instructions,
                "good_example": prompt.spec.good_example,
                "bad_example": prompt.spec.bad_example,
            }
        )
    ticket = {
        "subject": _data(masker, context.ticket.subject or "", "ticket"),
        "text": _data(masker, context.ticket.text, "ticket"),
    }
    conversation = [
        {"role": m.role, "text": _data(masker, m.text, "ticket")} for m in context.ticket.conversation
    ]
    user, draft_ref = prompts.render(
        "draft",
        ticket=ticket,
        conversation=conversation,
        history=history,
        customer_facts=_customer_facts(context, masker),
        knowledge=knowledge,
        principles=principles,
        language=language,
        examples=[{"text": _data(masker, e.text, "record")} for e in context.examples],
    )
    return DraftRequest(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        passage_ids=passage_ids,
        masker=masker,
        prompts=[*refs, draft_ref],
    )
