"""Build the chat messages for an LLM draft: masked data in delimited blocks, principles as prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.compose.base import ComposeContext
from drafter.compose.examples import vetted_example
from drafter.domain import DraftWarning, Passage, PromptRef
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
# Prompt length is estimated, not tokenized (servers do not share one tokenizer endpoint): English
# runs about 4 characters a token on current tokenizers; ids, markup and other languages fewer.
CHARS_PER_TOKEN = 3


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
    if context.signals.late is not None:
        # Counted from the record in business days: a model asked to count them from dates errs.
        facts.append(_data(masker, str(context.signals.late), "record"))
    return facts


def prompt_tokens(messages: list[dict[str, str]]) -> int:
    """A generous estimate of the tokens the messages take."""
    return sum(len(m["content"]) for m in messages) // CHARS_PER_TOKEN + 8 * len(messages)


def build_draft_request(
    context: ComposeContext,
    prompts: PromptStore,
    masker: PiiMasker,
    *,
    context_tokens: int | None = None,
    answer_tokens: int = 0,
) -> DraftRequest:
    """System and user messages for drafting, everything outbound masked.

    With `context_tokens` (the model's window), history events and then the lowest-ranked passages
    are left out until the prompt and `answer_tokens` of answer fit, with a warning saying so.
    """
    knowledge, history = list(context.knowledge), list(context.history)
    request = _draft_request(context, prompts, masker, knowledge, history)
    if context_tokens is None:
        return request
    budget = context_tokens - answer_tokens
    while prompt_tokens(request.messages) > budget and (history or knowledge):
        if history:
            history.pop()
        else:
            knowledge.pop()
        request = _draft_request(context, prompts, masker, knowledge, history)
    left_out = len(context.knowledge) - len(knowledge), len(context.history) - len(history)
    if any(left_out):
        request.warnings.append(
            DraftWarning(
                code="context_trimmed",
                message=f"the model's context window ({context_tokens:,} tokens) held "
                f"{len(knowledge)} of {len(context.knowledge)} passages and {len(history)} of "
                f"{len(context.history)} history events; the rest were left out",
            )
        )
    return request


def _draft_request(
    context: ComposeContext,
    prompts: PromptStore,
    masker: PiiMasker,
    passages: list[Passage],
    events: list[Passage],
) -> DraftRequest:
    language = language_name(context.signals.language)
    if context.profile is not None:
        profile = context.profile
        masker.know_customer(name=profile.name, email=profile.email, phone=profile.phone)
    system, system_ref = prompts.render("system", language=language)
    passage_ids = {f"P{i + 1}": p.chunk_id for i, p in enumerate(passages)}
    knowledge = [
        {
            "id": f"P{i + 1}",
            "title": _data(masker, p.title, "knowledge"),
            "text": _data(masker, p.text, "knowledge"),
        }
        for i, p in enumerate(passages)
    ]
    history = [{"id": f"H{i + 1}", "text": _data(masker, p.text, "record")} for i, p in enumerate(events)]
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
    # Approved replies are shown only as far as today's knowledge still backs them.
    examples = [vetted_example(e.text, context.knowledge) for e in context.examples]
    user, draft_ref = prompts.render(
        "draft",
        ticket=ticket,
        conversation=conversation,
        history=history,
        customer_facts=_customer_facts(context, masker),
        knowledge=knowledge,
        principles=principles,
        language=language,
        examples=[{"text": _data(masker, text, "record")} for text in examples if text],
    )
    return DraftRequest(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        passage_ids=passage_ids,
        masker=masker,
        prompts=[*refs, draft_ref],
    )
