"""Rewrites of a draft: with the LLM when one is configured, else what the offline rules honestly can."""

from __future__ import annotations

import re
import uuid

from drafter.compose.gate import no_reply, off_language
from drafter.compose.llm import answer_schema, ask_for_answer
from drafter.compose.llm_messages import language_name
from drafter.compose.phrases import PhraseBank
from drafter.domain import Draft, DraftWarning, Passage, PromptRef
from drafter.errors import InputError, LLMError
from drafter.llm import LLM
from drafter.prompts import PromptStore
from drafter.safety import PiiMasker, check_promises, neutralize_delimiters
from drafter.text.sentences import sentences

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


def _same_case(original: str, replacement: str) -> str:
    """The replacement, capitalised when the word it replaces was."""
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


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
        before = body
        for hard, plain in _PLAIN.items():
            body = re.sub(rf"\b{hard}\b", lambda m, p=plain: _same_case(m.group(0), p), body, flags=re.I)  # type: ignore[misc]
        body = re.sub(r";\s+(\w)", lambda m: ". " + m.group(1).upper(), body)
        warnings.append(
            DraftWarning(
                code="rewrite_limited",
                message="offline rewrite: "
                + ("plainer words and split sentences only" if body != before else "no hard words found")
                + "; restructuring the explanation needs an LLM",
            )
        )
    elif operation == "expand":
        said = body.lower()
        extra = [
            s
            for c in draft.citations
            for s in sentences(c.passage, min_chars=21)
            if s.lower()[:40] not in said and not s.startswith("#")
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
) -> tuple[str, list[str], list[PromptRef]]:
    """The LLM's rewrite from masked text: (text, cited chunk ids, prompt refs).

    Raises:
        LLMError: the model failed, answered malformed JSON twice, or wrote no reply or one in
            another language.
    """
    masker = PiiMasker.with_patterns(pii_patterns)
    ids = {f"P{i + 1}": c.chunk_id for i, c in enumerate(draft.citations)}
    knowledge = [
        {"id": f"P{i + 1}", "text": neutralize_delimiters(masker.mask(c.passage, source="knowledge"))}
        for i, c in enumerate(draft.citations)
    ]
    language = language_name(draft.language)
    system, system_ref = prompts.render("system", language=language)
    user, ref = prompts.render(
        f"rewrite/{operation}",
        draft=neutralize_delimiters(masker.mask(draft.text, source="draft")),
        knowledge=knowledge,
        language=language,
    )
    refs = [ref, system_ref]
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    answer = ask_for_answer(llm, prompts, messages, refs, answer_schema(list(ids)))
    text = masker.unmask(answer.reply).strip()
    # The reply gate's checks that apply to a rewrite (its citations are the draft's own).
    if (why := no_reply(text) or off_language(text, draft.language)) is not None:
        raise LLMError(f'the model\'s rewrite was set aside ({why}); it wrote: "{text}"')
    # A rewrite may drop a citation, never invent one.
    cited = [ids[i] for i in answer.cited_ids if i in ids] or list(ids.values())
    return text, cited, refs


def rewrite(
    draft: Draft,
    operation: str,
    *,
    bank: PhraseBank,
    llm: LLM | None = None,
    prompts: PromptStore | None = None,
    pii_patterns: dict[str, str] | None = None,
) -> Draft:
    """The draft rewritten by `operation`, as a new draft.

    With an LLM the model rewrites it (offline rules take over, with a warning, if it fails);
    without one, the rules do what they can and a warning says what they cannot. Either way the
    promise check runs on the new text.

    Raises:
        InputError: `operation` is not one of OPERATIONS.
    """
    if operation not in OPERATIONS:
        raise InputError(f"unknown rewrite {operation!r}; one of {', '.join(OPERATIONS)}")
    warnings: list[DraftWarning] = []
    if llm is not None and prompts is not None:
        try:
            text, cited, refs = rewrite_with_llm(draft, operation, llm, prompts, pii_patterns or {})
            return _checked(rewritten(draft, text, cited, warnings, llm.name, prompts=refs))
        except LLMError as exc:
            warnings.append(
                DraftWarning(
                    code="llm_fallback", message=f"the LLM failed ({exc.code}: {exc}); rewritten offline"
                )
            )
    text, more = rewrite_offline(draft, operation, bank)
    return _checked(
        rewritten(draft, text, [c.chunk_id for c in draft.citations], [*warnings, *more], "offline")
    )


def _checked(draft: Draft) -> Draft:
    """The draft with the promise check run against what it was drafted from."""
    evidence = draft.passages or [
        Passage(chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, text=c.passage, score=1.0)
        for c in draft.citations
    ]
    return draft.model_copy(update={"warnings": [*draft.warnings, *check_promises(draft.text, evidence)]})


def rewritten(
    draft: Draft,
    text: str,
    cited: list[str],
    warnings: list[DraftWarning],
    backend: str,
    *,
    prompts: list[PromptRef] | None = None,
) -> Draft:
    """A new draft carrying the rewrite, its citations still pointing at real passages."""
    citations = [c for c in draft.citations if c.chunk_id in set(cited)]
    return draft.model_copy(
        update={
            "id": uuid.uuid4().hex,
            "text": text,
            "citations": citations,
            "warnings": warnings,
            "backend": backend,
            "prompts": prompts if prompts is not None else [],
        }
    )
