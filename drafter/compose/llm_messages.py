"""Build the chat messages for an LLM draft: masked data in delimited blocks, principles as prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.base import ComposeContext
from drafter.domain import DraftWarning, PromptRef
from drafter.prompts import PrincipleSpec, PromptStore
from drafter.safety import PiiMasker, find_injection

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


def language_name(code: str) -> str:
    """A language name the model understands, from an ISO code."""
    return LANGUAGE_NAMES.get(code, code)


def _customer_facts(context: ComposeContext, masker: PiiMasker) -> list[str]:
    profile = context.profile
    if profile is None:
        return []
    facts = []
    if profile.name:
        facts.append(f"name: {profile.name}")
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
            masker.mask(
                f"order {order.order_id} ({order.date or 'date unknown'}): {items}; "
                f"status {order.status or 'unknown'}"
            )
        )
    facts.extend(masker.mask(note) for note in profile.notes[-5:])
    return facts


def _injection_warnings(context: ComposeContext) -> list[DraftWarning]:
    sources = [("the ticket", context.ticket.text)]
    sources += [("the conversation", m.text) for m in context.ticket.conversation]
    sources += [(f"history {p.doc_id!r}", p.text) for p in context.history]
    sources += [(f"passage {p.doc_id!r}", p.text) for p in context.knowledge]
    warnings = []
    for where, text in sources:
        phrase = find_injection(text)
        if phrase:
            warnings.append(
                DraftWarning(
                    code="prompt_injection",
                    message=f"text in {where} tries to instruct the model ({phrase!r}); passed as data only",
                )
            )
    return warnings


def build_draft_request(context: ComposeContext, prompts: PromptStore, masker: PiiMasker) -> DraftRequest:
    """System and user messages for drafting, everything outbound masked."""
    language = language_name(context.signals.language)
    system, system_ref = prompts.render("system", language=language)
    passage_ids = {f"P{i + 1}": p.chunk_id for i, p in enumerate(context.knowledge)}
    knowledge = [
        {"id": f"P{i + 1}", "title": masker.mask(p.title), "text": masker.mask(p.text)}
        for i, p in enumerate(context.knowledge)
    ]
    history = [{"id": f"H{i + 1}", "text": masker.mask(p.text)} for i, p in enumerate(context.history)]
    principles, refs = [], [system_ref]
    for choice in context.principles:
        prompt = prompts.principle(choice.name)
        assert isinstance(prompt.spec, PrincipleSpec)
        instructions, ref = prompts.render(prompt.name)
        refs.append(ref)
        principles.append(
            {
                "name": choice.name,
                "reason": masker.mask(choice.reason),
                "instructions": instructions,
                "good_example": prompt.spec.good_example,
                "bad_example": prompt.spec.bad_example,
            }
        )
    ticket = {"subject": masker.mask(context.ticket.subject or ""), "text": masker.mask(context.ticket.text)}
    conversation = [{"role": m.role, "text": masker.mask(m.text)} for m in context.ticket.conversation]
    user, draft_ref = prompts.render(
        "draft",
        ticket=ticket,
        conversation=conversation,
        history=history,
        customer_facts=_customer_facts(context, masker),
        knowledge=knowledge,
        principles=principles,
        language=language,
    )
    return DraftRequest(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        passage_ids=passage_ids,
        masker=masker,
        prompts=[*refs, draft_ref],
        warnings=_injection_warnings(context),
    )
