"""Rewrites of a draft: with the LLM when one is configured, else what the offline rules honestly can."""

from __future__ import annotations

import re
import uuid

from drafter.compose.llm import parse_answer
from drafter.compose.llm_messages import language_name
from drafter.compose.phrases import PhraseBank
from drafter.domain import Draft, DraftWarning
from drafter.errors import InputError, LLMError
from drafter.llm import LLM
from drafter.prompts import PromptStore
from drafter.safety import PiiMasker

OPERATIONS = ("friendlier", "more_formal", "shorter", "expand", "simplify", "more_empathetic")
_CONTRACTIONS = {
    "I'm": "I am",
    "I'll": "I will",
    "I've": "I have",
    "I'd": "I would",
    "we'll": "we will",
    "we're": "we are",
    "we've": "we have",
    "you're": "you are",
    "you'll": "you will",
    "you've": "you have",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "haven't": "have not",
    "hasn't": "has not",
    "let's": "let us",
}
_PLAIN = {
    "approximately": "about",
    "purchase": "buy",
    "purchased": "bought",
    "assist": "help",
    "assistance": "help",
    "prior to": "before",
    "utilize": "use",
    "commence": "start",
    "additional": "more",
    "regarding": "about",
    "obtain": "get",
    "require": "need",
    "requires": "needs",
    "in order to": "to",
    "subsequently": "then",
    "however": "but",
    "facilitate": "help",
    "sufficient": "enough",
    "inquire": "ask",
    "terminate": "end",
}
_GREETING = re.compile(r"^(hi|hello|hey|dear)\b[^\n]*\n*", re.IGNORECASE)
_SIGNOFF = re.compile(
    r"\n*(thanks|thank you|best|best wishes|kind regards|regards|cheers),?\s*$", re.IGNORECASE
)
_FILLER = re.compile(
    r"^(thanks for (reaching out|getting in touch)|happy to help|i hope this helps|"
    r"i understand|i can see why|thanks for your patience)",
    re.IGNORECASE,
)


def _parts(text: str) -> tuple[str, str, str]:
    """Greeting line, body, sign-off."""
    greeting = _GREETING.match(text)
    head = greeting.group(0).strip() if greeting else ""
    rest = text[greeting.end() :] if greeting else text
    signoff = _SIGNOFF.search(rest)
    tail = signoff.group(0).strip() if signoff else ""
    body = rest[: signoff.start()] if signoff else rest
    return head, body.strip(), tail


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p.strip())


def _first_name(greeting: str) -> str | None:
    match = re.match(r"^(?i:hi|hello|hey|dear)\s+([A-Z][\w'-]+)", greeting)
    return match.group(1) if match else None


def rewrite_offline(draft: Draft, operation: str, bank: PhraseBank) -> tuple[str, list[DraftWarning]]:
    """What rules can do without a model; a warning says what they cannot."""
    head, body, tail = _parts(draft.text)
    seed, warnings = draft.id, []
    name = _first_name(head)
    if operation == "more_formal":
        for short, long in _CONTRACTIONS.items():
            body = re.sub(rf"\b{re.escape(short)}\b", long, body)
            body = re.sub(rf"\b{re.escape(short.capitalize())}\b", long.capitalize(), body)
        head = (
            bank.pick("rewrite_formal_greeting_named", seed, name=name)
            if name
            else bank.pick("rewrite_formal_greeting", seed)
        )
        tail = bank.pick("rewrite_formal_signoff", seed)
    elif operation == "friendlier":
        head = f"Hi {name}," if name else "Hi there,"
        body = _join(body, bank.pick("rewrite_friendly_close", seed))
        warnings.append(
            DraftWarning(
                code="rewrite_limited",
                message="offline rewrite: a warmer greeting and "
                "closing only; the wording of the answer is unchanged",
            )
        )
    elif operation == "more_empathetic":
        body = _join(bank.pick("rewrite_empathy", seed), body)
        warnings.append(
            DraftWarning(
                code="rewrite_limited",
                message="offline rewrite: a general acknowledgement "
                "was added; make it specific to the customer's situation",
            )
        )
    elif operation == "shorter":
        kept = [p for p in body.split("\n\n") if not _FILLER.match(p.strip())]
        body = "\n\n".join(kept)
        if len(body) >= len(_parts(draft.text)[1]):
            warnings.append(
                DraftWarning(
                    code="rewrite_limited",
                    message="offline rewrite: nothing could be cut without losing an answer",
                )
            )
    elif operation == "simplify":
        for hard, plain in _PLAIN.items():
            body = re.sub(rf"\b{hard}\b", plain, body, flags=re.IGNORECASE)
        body = re.sub(r";\s+", ". ", body)
    elif operation == "expand":
        said = body.lower()
        extra = [
            s.strip()
            for c in draft.citations
            for s in re.split(r"(?<=[.!?])\s+", c.passage)
            if len(s.strip()) > 20 and s.strip().lower()[:40] not in said and not s.strip().startswith("#")
        ]
        if extra:
            body = _join(body, " ".join(extra[:3]))
        else:
            warnings.append(
                DraftWarning(
                    code="rewrite_limited",
                    message="offline rewrite: the cited knowledge "
                    "has nothing more to add; expanding further needs an LLM",
                )
            )
    else:
        raise InputError(f"unknown rewrite {operation!r}; one of {', '.join(OPERATIONS)}")
    return _join(head, body, tail), warnings


def rewrite_with_llm(
    draft: Draft, operation: str, llm: LLM, prompts: PromptStore, pii_patterns: dict[str, str]
) -> tuple[str, list[str], list[DraftWarning], str]:
    """The LLM's rewrite: (text, cited chunk ids, warnings, prompt name@version)."""
    masker = PiiMasker.with_patterns(pii_patterns)
    ids = {f"P{i + 1}": c.chunk_id for i, c in enumerate(draft.citations)}
    knowledge = [{"id": f"P{i + 1}", "text": masker.mask(c.passage)} for i, c in enumerate(draft.citations)]
    system, _ = prompts.render("system", language=language_name(draft.language))
    user, ref = prompts.render(
        f"rewrite/{operation}",
        draft=masker.mask(draft.text),
        knowledge=knowledge,
        language=language_name(draft.language),
    )
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    try:
        answer = parse_answer(llm.complete(messages, json_mode=True))
    except ValueError as exc:
        raise LLMError(f"the LLM's rewrite was not valid JSON: {exc}") from exc
    cited = [ids[i] for i in answer.cited_ids if i in ids] or [c.chunk_id for c in draft.citations]
    return masker.unmask(answer.reply).strip(), cited, [], f"{ref.name}@{ref.version}"


def rewritten(draft: Draft, text: str, cited: list[str], warnings: list[DraftWarning], backend: str) -> Draft:
    """A new draft carrying the rewrite, its citations still pointing at real passages."""
    citations = [c for c in draft.citations if c.chunk_id in set(cited)]
    return draft.model_copy(
        update={
            "id": uuid.uuid4().hex,
            "text": text,
            "citations": citations,
            "warnings": warnings,
            "backend": backend,
        }
    )
