"""The LLM composer: an OpenAI-compatible model drafts from masked, delimited data; the offline
composer takes over when the model fails, so the agent always gets a draft."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from pydantic import BaseModel, Field, ValidationError

from drafter.compose.base import ComposeContext, ComposedReply, Composer
from drafter.compose.llm_messages import DraftRequest, build_draft_request
from drafter.compose.streaming import PlaceholderBuffer, ReplyFieldStream
from drafter.domain import DraftWarning, PromptRef
from drafter.errors import LLMError
from drafter.llm import LLM
from drafter.prompts import PromptStore
from drafter.safety import PiiMasker

log = logging.getLogger(__name__)


class LLMAnswer(BaseModel):
    """What the model must answer."""

    reply: str = Field(min_length=1)
    cited_ids: list[str] = Field(default_factory=list)


def parse_answer(raw: str) -> LLMAnswer:
    """The answer, from JSON that may be wrapped in a code fence.

    Raises:
        ValueError: not JSON of the expected shape.
    """
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        return LLMAnswer.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc


def ask_for_answer(
    llm: LLM, prompts: PromptStore, messages: list[dict[str, str]], refs: list[PromptRef]
) -> LLMAnswer:
    """The model's JSON answer, asking once more with the repair prompt when it is malformed.

    Raises:
        LLMError: the model failed, or answered malformed JSON twice.
    """
    raw = llm.complete(messages, json_mode=True)
    try:
        return parse_answer(raw)
    except ValueError as first:
        repair, ref = prompts.render("repair", error=str(first))
        refs.append(ref)
        retry = [*messages, {"role": "assistant", "content": raw}, {"role": "user", "content": repair}]
        try:
            return parse_answer(llm.complete(retry, json_mode=True))
        except ValueError as second:
            raise LLMError(f"the LLM's answer was not valid JSON twice: {second}") from second


class LLMComposer:
    """Drafts with an LLM, one repair attempt on malformed output, offline fallback on failure."""

    def __init__(
        self,
        llm: LLM,
        prompts: PromptStore,
        fallback: Composer,
        *,
        pii_patterns: dict[str, str] | None = None,
    ) -> None:
        self.llm = llm
        self.name = llm.name
        self.prompts = prompts
        self.fallback = fallback
        self.pii_patterns = pii_patterns or {}

    def _request(self, context: ComposeContext) -> DraftRequest:
        return build_draft_request(context, self.prompts, PiiMasker.with_patterns(self.pii_patterns))

    def compose(self, context: ComposeContext) -> ComposedReply:
        """Draft with the model; on failure, the offline draft with a warning saying so."""
        request = self._request(context)
        try:
            answer = self._ask(request)
        except LLMError as exc:
            return self._fall_back(context, request, exc)
        return self._reply(context, request, answer)

    def _ask(self, request: DraftRequest) -> LLMAnswer:
        return ask_for_answer(self.llm, self.prompts, request.messages, request.prompts)

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

    def _fall_back(self, context: ComposeContext, request: DraftRequest, exc: LLMError) -> ComposedReply:
        log.warning("LLM draft failed, offline composer used: %s", exc)
        reply = self.fallback.compose(context)
        reply.warnings.insert(
            0,
            DraftWarning(
                code="llm_fallback",
                message=f"the LLM failed ({exc.code}: {exc}); the offline composer wrote this draft",
            ),
        )
        reply.warnings.extend(request.warnings)
        reply.backend = self.fallback.name
        return reply

    def stream(self, context: ComposeContext) -> Iterator[str | ComposedReply]:
        """The reply's text as it arrives, then the finished reply (or the offline one on failure)."""
        request = self._request(context)
        parser = ReplyFieldStream()
        shown = PlaceholderBuffer(request.masker.unmask)
        try:
            for chunk in self.llm.stream(request.messages):
                piece = shown.feed(parser.feed(chunk))
                if piece:
                    yield piece
        except LLMError as exc:
            if not parser.emitted:
                yield self._fall_back(context, request, exc)
                return
            if rest := shown.flush():
                yield rest
            reply = self._reply(context, request, LLMAnswer(reply=parser.text, cited_ids=[]))
            reply.warnings.insert(0, _cut_off(exc))
            yield reply
            return
        if rest := shown.flush():
            yield rest
        try:
            answer = parse_answer(parser.raw)
        except ValueError:
            answer = LLMAnswer(reply=parser.text or parser.raw, cited_ids=[])
        yield self._reply(context, request, answer)


def _cut_off(exc: LLMError) -> DraftWarning:
    """The warning on a reply the model stopped writing half-way."""
    return DraftWarning(
        code="llm_incomplete",
        message=f"the LLM stopped mid-reply ({exc.code}: {exc}); the draft is cut off, finish or redraft it",
    )
