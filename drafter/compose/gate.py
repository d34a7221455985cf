"""The reply gate: a model's answer that says nothing, cites nothing, is in another language or is far
less grounded than the offline draft does not reach the agent as if it were a reply."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drafter.compose.base import ComposeContext, ComposedReply
from drafter.embeddings import Embedder
from drafter.graders import GradeInput
from drafter.graders.resolution import claims_of, grounded_claims
from drafter.text.language import CONFIDENT_LANGUAGE_WORDS, detect_language
from drafter.text.words import content_stems, words

# Fewer words than this is no reply ("...", "Hi,", "[reply]").
MIN_WORDS = 3
# The model's share of supported claims may trail the offline draft's by this much, no more: a
# paraphrase costs a little lexical overlap, an invented answer costs most of it.
GROUNDING_MARGIN = 0.5
# A reply making fewer factual claims than this is too short to judge its grounding by.
MIN_CLAIMS = 2
# A reply with this many content words and not one of them in the ticket, the conversation or the
# passages is about something else ("I did not receive this ticket"); "Yes, you can." is too short to tell.
MIN_TOPIC_WORDS = 3
# A whole answer in brackets ("[Your reply here]") or filler text is a template left unfilled.
_TEMPLATE = re.compile(r"^\W*(?:[\[<{].*[\]>}]|lorem ipsum\b.*)\W*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class GateCheck:
    """What the gate judges a reply by."""

    context: ComposeContext
    complete: bool = True
    """False for a stream cut off mid-reply: its citations had not arrived, so none are required."""
    embedder: Embedder | None = None
    """Lets the grounding check match paraphrases, as the graders do."""


def no_reply(text: str) -> str | None:
    """Why a text is not a reply at all (empty, a placeholder), or None when it is one."""
    if not text.strip():
        return "empty"
    if len(words(text)) < MIN_WORDS or _TEMPLATE.match(text.strip()):
        return f"a placeholder, not a reply ({text.strip()[:40]!r})"
    return None


def off_language(text: str, wanted: str) -> str | None:
    """Why a text is not in the wanted language, or None (also when it is too short to tell)."""
    if len(text.split()) < CONFIDENT_LANGUAGE_WORDS:
        return None
    got = detect_language(text)
    return None if got == wanted else f"off-language: it is in {got!r}, the ticket in {wanted!r}"


def off_topic(text: str, context: ComposeContext) -> str | None:
    """Why a reply is about something else than the ticket and its passages, or None."""
    said = content_stems(text)
    if len(said) < MIN_TOPIC_WORDS:
        return None
    given = [
        context.ticket.subject or "",
        context.ticket.text,
        *(m.text for m in context.ticket.conversation),
    ]
    given += [f"{p.title} {p.text}" for p in context.knowledge]
    if any(said & content_stems(source) for source in given):
        return None
    return "off-topic: it shares no word with the ticket or the passages"


def gate_reasons(reply: ComposedReply, check: GateCheck, offline: Callable[[], ComposedReply]) -> list[str]:
    """Every reason the reply should not be shown as the draft (empty list: it passes).

    `offline` writes the offline draft; it is called only when the grounding comparison needs it.
    """
    if (why := no_reply(reply.text)) is not None:
        return [why]
    context, reasons = check.context, []
    if check.complete and context.knowledge and not reply.cited_chunk_ids:
        reasons.append(f"uncited: it cites none of the {len(context.knowledge)} passages it was given")
    # A reply in another language shares no word with the ticket either: one reason is enough.
    why = off_language(reply.text, context.signals.language) or off_topic(reply.text, context)
    if why is not None:
        reasons.append(why)
    if context.knowledge and not reasons and len(claims_of(reply.text)) >= MIN_CLAIMS:
        ours = _grounding(reply, check)
        theirs = _grounding(offline(), check)
        if ours < theirs - GROUNDING_MARGIN:
            reasons.append(
                f"ungrounded: {ours:.0%} of its claims are backed, the offline draft's {theirs:.0%}"
            )
    return reasons


def _grounding(reply: ComposedReply, check: GateCheck) -> float:
    """Share of the reply's factual sentences that the passages back, less those they contradict."""
    context = check.context
    cited = set(reply.cited_chunk_ids)
    g = GradeInput(
        ticket=context.ticket,
        reply=reply.text,
        knowledge=context.knowledge,
        cited=[p for p in context.knowledge if p.chunk_id in cited],
        profile=context.profile,
        embedder=check.embedder,
    )
    score = grounded_claims(g).score
    return 1.0 if score is None else score  # no claim to check: nothing unbacked
