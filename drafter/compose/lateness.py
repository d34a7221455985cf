"""A late order, said from the record and answered by the knowledge's own rule for late parcels:
"your order was expected on 13 November and is 14 business days late" beside what the policy does
for a parcel that late, each of its conditions read against this order ("more than 5 business days
late" holds at 14, not at 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.compose.applicability import said_before
from drafter.compose.phrases import Voice
from drafter.compose.sentences import Unit, units_of
from drafter.domain import Passage, Ticket
from drafter.principles.lateness import LateDelivery
from drafter.text.asks import Ask
from drafter.text.dates import spoken_date

# The knowledge's definition: "A parcel is late when it has not arrived 2 business days after the
# expected delivery date".
_DEFINITION = re.compile(
    r"\blate\b[^.]*?\b(?P<n>\d{1,2}) business days? after (?:the |its )?expected", re.IGNORECASE
)
# A condition on how late it is: "If the parcel is more than 5 business days late, ...".
_MORE_LATE = re.compile(
    r"\b(?:more than|over|at least) (?P<n>\d{1,2}) business days? late\b", re.IGNORECASE
)
# The condition said as a reason once it holds: "If the parcel is more than 5 ... late, we can add"
# becomes "As your parcel is more than 5 ... late, we can add".
_IF_LATE = re.compile(
    r"^If (?:the|your) (?P<what>parcel|package|order|delivery|shipment) is (?P<how>"
    + _MORE_LATE.pattern[2:-2] + r"),\s*",
    re.IGNORECASE,
)
# What a question asks that the lateness line answers: where the order is and when it comes.
_ABOUT_THE_WAIT = re.compile(
    r"\b(?:where(?:'s|s| is| are)?|arriv\w*|track\w*|late|delay\w*|here yet|eta|when will|still waiting)\b",
    re.IGNORECASE,
)


# Where a sentence goes on to say how or how long ("..., which takes up to 3 business days"): what
# it does is told by the part before.
_ABOUT_HOW = re.compile(r",\s*(?:which|and|so)\s|;|:")


@dataclass
class LateLines:
    """What the reply says about the late order, and the knowledge it quotes."""

    lines: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    document: str | None = None
    """The document whose policy was read: another answer quoting it says the same again."""

    def quoted_by(self, passages: list[Passage]) -> bool:
        """Another answer quotes the policy this says."""
        return self.document is not None and any(p.doc_id == self.document for p in passages)


def _condition_holds(text: str, late: LateDelivery) -> bool:
    """Every "more than N business days late" the sentence names holds for this order."""
    return all(late.business_days > int(m.group("n")) for m in _MORE_LATE.finditer(text))


def _as_reason(text: str) -> str:
    match = _IF_LATE.match(text)
    if match is None:
        return text
    rest = text[match.end():]
    return f"As your {match.group('what').lower()} is {match.group('how')}, {rest}"


def _rule(knowledge: list[Passage]) -> tuple[Passage, int] | None:
    """The passage defining when a parcel is late, and after how many business days."""
    for passage in knowledge:
        if passage.source != "knowledge":
            continue
        match = _DEFINITION.search(passage.text)
        if match:
            return passage, int(match.group("n"))
    return None


def _policy(knowledge: list[Passage], doc_id: str) -> list[Unit]:
    """The rule's document's sentences in its own order."""
    own = [p for p in knowledge if p.doc_id == doc_id]
    own.sort(key=lambda p: int(p.metadata.get("chunk_index", 0) or 0))
    return [u for p in own for u in units_of(p)]


def late_lines(late: LateDelivery, knowledge: list[Passage], ticket: Ticket, voice: Voice) -> LateLines:
    """The lines for a late order: when it was expected and how late it is, then what the
    knowledge's policy for late parcels does, each condition on lateness checked against this order.
    Nothing when the knowledge defines no lateness, or by its definition the order is not late yet."""
    found = _rule(knowledge)
    key = "late_delivered" if late.delivered else "late_undelivered"
    if found is None or not voice.has(key):
        return LateLines()
    definition, after = found
    if late.business_days < after:
        return LateLines()
    language = voice.bank.language
    said = LateLines(
        lines=[voice.pick(key, order=late.order_id, on=spoken_date(late.expected, language),
                          days=str(late.business_days),
                          came=spoken_date(late.delivered, language) if late.delivered else "")],
        cited=[definition.chunk_id],
        document=definition.doc_id,
    )
    policy = _policy(knowledge, definition.doc_id)
    # A parcel still on its way gets the document's procedure for late parcels (its first list of
    # steps); one already delivered only what its lateness earns.
    procedure = next((u.section for u in policy if u.is_step), None) if late.delivered is None else None
    for unit in policy:
        conditional = bool(_MORE_LATE.search(unit.text))
        if not (conditional or (unit.is_step and procedure is not None and unit.section == procedure)):
            continue
        if _DEFINITION.search(unit.text) or not _condition_holds(unit.text, late):
            continue
        if said_before(_ABOUT_HOW.split(unit.text, maxsplit=1)[0], ticket):
            continue  # "We opened an investigation with the carrier" is not news the second time
        said.lines.append(_as_reason(unit.text))
        if unit.passage.chunk_id not in said.cited:
            said.cited.append(unit.passage.chunk_id)
    return said


def about_the_wait(ask: Ask) -> bool:
    """The question asks where the order is or when it comes: the lateness line answers it."""
    return bool(_ABOUT_THE_WAIT.search(ask.text))
