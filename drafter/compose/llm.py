"""The LLM composer: an OpenAI-compatible model drafts from masked, delimited data; the offline
composer takes over when the model fails or its reply fails the gate, so the agent always gets a draft."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from drafter.compose.base import ComposeContext, ComposedReply, Composer
from drafter.compose.gate import GateCheck, gate_reasons
from drafter.compose.llm_messages import DraftRequest, build_draft_request
from drafter.compose.streaming import PlaceholderBuffer, ReplyFieldStream, read_partial, read_whole
from drafter.config import ReplyGateMode
from drafter.domain import DraftWarning, PromptRef
from drafter.embeddings import Embedder
from drafter.errors import LLMError
from drafter.llm import LLM, OutputSchema
from drafter.prompts import PromptStore
from drafter.safety import PiiMasker

log = logging.getLogger(__name__)


class LLMAnswer(BaseModel):
    """What the model must answer."""

    reply: str = Field(min_length=1)
    cited_ids: list[str] = Field(default_factory=list)


def answer_schema(passage_ids: list[str]) -> OutputSchema:
    """The answer's JSON Schema: a reply and citations of the given passage ids only.

    Kept to what every server's schema support shares (no string lengths, no `strict`); servers that
    turn a schema into a grammar then cannot even write an id they were not given.
    """
    cited: dict[str, Any] = (
        {"type": "array", "items": {"type": "string", "enum": passage_ids}}
        if passage_ids
        else {"type": "array", "items": {"type": "string"}, "maxItems": 0}
    )
    return OutputSchema(
        "reply",
        {
            "type": "object",
            "properties": {"reply": {"type": "string"}, "cited_ids": cited},
            "required": ["reply", "cited_ids"],
            "additionalProperties": False,
        },
    )


def parse_answer(raw: str) -> LLMAnswer:
    """The answer, from JSON that may be wrapped in a code fence.

    Raises:
        ValueError: not JSON of the expected shape.
    """
    data = read_whole(raw)
    if data is None:
        raise ValueError("the answer is not a JSON object")
    try:
        return LLMAnswer.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "answer"
        raise ValueError(f"{where}: {first['msg']}") from exc


def ask_for_answer(
    llm: LLM,
    prompts: PromptStore,
    messages: list[dict[str, str]],
    refs: list[PromptRef],
    schema: OutputSchema,
) -> LLMAnswer:
    """The model's JSON answer, asking once more with the repair prompt when it is malformed.

    Raises:
        LLMError: the model failed, or answered malformed JSON twice.
    """
    raw = llm.complete(messages, schema=schema)
    try:
        return parse_answer(raw)
    except ValueError as first:
        repair, ref = prompts.render("repair", error=str(first))
        refs.append(ref)
        retry = [*messages, {"role": "assistant", "content": raw}, {"role": "user", "content": repair}]
        try:
            return parse_answer(llm.complete(retry, schema=schema))
        except ValueError as second:
            raise LLMError(f"the LLM's answer was not valid JSON twice: {second}") from second


class LLMComposer:
    """Drafts with an LLM: one repair attempt on malformed output, the reply gate on every answer,
    the offline composer's draft when the model fails or its reply is set aside."""

    def __init__(
        self,
        llm: LLM,
        prompts: PromptStore,
        fallback: Composer,
        *,
        pii_patterns: dict[str, str] | None = None,
        gate: ReplyGateMode = "fallback",
        context_tokens: int | None = None,
        answer_tokens: int = 0,
        embedder: Embedder | None = None,
    ) -> None:
        self.llm = llm
        self.name = llm.name
        self.prompts = prompts
        self.fallback = fallback
        self.pii_patterns = pii_patterns or {}
        self.gate = gate
        self.context_tokens = context_tokens
        self.answer_tokens = answer_tokens
        self.embedder = embedder

    def _request(self, context: ComposeContext) -> DraftRequest:
        return build_draft_request(
            context,
            self.prompts,
            PiiMasker.with_patterns(self.pii_patterns),
            context_tokens=self.context_tokens,
            answer_tokens=self.answer_tokens,
        )

    def compose(self, context: ComposeContext) -> ComposedReply:
        """Draft with the model; on failure, the offline draft with a warning saying so."""
        request = self._request(context)
        schema = answer_schema(list(request.passage_ids))
        try:
            answer = ask_for_answer(self.llm, self.prompts, request.messages, request.prompts, schema)
        except LLMError as exc:
            return self._fall_back(context, request, _failed(exc))
        return self._gated(context, request, self._reply(context, request, answer))

    def _reply(self, context: ComposeContext, request: DraftRequest, answer: LLMAnswer) -> ComposedReply:
        # A value the model echoes from notes or history is left out, and the agent told.
        warnings = list(request.warnings) + request.masker.withheld_warnings(answer.reply)
        cited = []
        for pid in dict.fromkeys(answer.cited_ids):
            if pid in request.passage_ids:
                cited.append(request.passage_ids[pid])
            else:
                warnings.append(
                    DraftWarning(
                        code="invalid_citation",
                        message=f"the model cited {pid!r}, which it was not given; removed",
                    )
                )
        if not cited and context.knowledge:
            warnings.append(
                DraftWarning(code="uncited", message="the reply cites no passage; check every fact")
            )
        return ComposedReply(
            text=request.masker.unmask(answer.reply).strip(),
            cited_chunk_ids=cited,
            customer_facts=[f"name: {context.profile.name}"]
            if context.profile and context.profile.name
            else [],
            warnings=warnings,
            language=context.signals.language,
            prompts=request.prompts,
        )

    def _gated(
        self, context: ComposeContext, request: DraftRequest, reply: ComposedReply, *, complete: bool = True
    ) -> ComposedReply:
        """The reply if it passes the gate; else, by setting, the offline draft or the reply flagged."""
        if self.gate == "off":
            return reply
        offline: list[ComposedReply] = []

        def offline_draft() -> ComposedReply:
            if not offline:
                offline.append(self.fallback.compose(context))
            return offline[0]

        reasons = gate_reasons(reply, GateCheck(context, complete, self.embedder), offline_draft)
        if not reasons:
            return reply
        said = "; ".join(reasons)
        if self.gate == "warn":
            reply.warnings.insert(
                0, DraftWarning(code="llm_reply_suspect", message=f"check it first: {said}")
            )
            return reply
        log.warning("LLM reply set aside, offline composer used: %s", said)
        warning = DraftWarning(
            code="llm_fallback",
            message=f"the model's reply was set aside ({said}); the offline composer wrote this draft. "
            f'The model wrote: "{reply.text}"',
        )
        return self._fall_back(context, request, warning, offline_draft())

    def _fall_back(
        self,
        context: ComposeContext,
        request: DraftRequest,
        warning: DraftWarning,
        reply: ComposedReply | None = None,
    ) -> ComposedReply:
        reply = reply or self.fallback.compose(context)
        reply.warnings.insert(0, warning)
        reply.warnings.extend(request.warnings)
        reply.backend = self.fallback.name
        return reply

    def stream(self, context: ComposeContext) -> Iterator[str | ComposedReply]:
        """The reply's text as it arrives, then the finished reply (or the offline one)."""
        request = self._request(context)
        parser = ReplyFieldStream()
        shown = PlaceholderBuffer(request.masker.unmask)
        cut: LLMError | None = None
        try:
            for chunk in self.llm.stream(request.messages, schema=answer_schema(list(request.passage_ids))):
                if piece := shown.feed(parser.feed(chunk)):
                    yield piece
        except LLMError as exc:
            cut = exc
        if rest := shown.flush():
            yield rest
        answer = _streamed_answer(parser, complete=cut is None)
        if answer is None:
            failure = cut or LLMError("the LLM's stream carried no reply")
            yield self._fall_back(context, request, _failed(failure))
            return
        reply = self._reply(context, request, answer)
        complete = cut is None and (parser.complete or not parser.emitted)
        if not complete:
            reply.warnings.insert(0, _cut_off(cut))
        yield self._gated(context, request, reply, complete=complete)


def _streamed_answer(parser: ReplyFieldStream, *, complete: bool) -> LLMAnswer | None:
    """What a stream answered: the JSON reply as far as it came, or prose from a server that ignored
    the JSON instructions; None when it carried no reply at all."""
    if not parser.emitted:
        prose = parser.raw.strip()
        if not complete or not prose or prose.startswith(("{", "[", '"', "```")):
            return None
        return LLMAnswer(reply=prose)
    data = read_whole(parser.raw) or read_partial(parser.raw)
    ids = data.get("cited_ids")
    cited = [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []
    return LLMAnswer(reply=parser.text, cited_ids=cited)


def _failed(exc: LLMError) -> DraftWarning:
    """The warning on the offline draft that replaced a model that failed."""
    log.warning("LLM draft failed, offline composer used: %s", exc)
    return DraftWarning(
        code="llm_fallback",
        message=f"the LLM failed ({exc.code}: {exc}); the offline composer wrote this draft",
    )


def _cut_off(exc: LLMError | None) -> DraftWarning:
    """The warning on a reply the model stopped writing half-way."""
    why = f"({exc.code}: {exc})" if exc else "(the answer ended before its JSON closed)"
    return DraftWarning(
        code="llm_incomplete",
        message=f"the LLM stopped mid-reply {why}; the draft is cut off, finish or redraft it",
    )
