"""Safety first: a ticket that reports a hazard opens with what keeps the customer safe, and the
knowledge's safety instructions are said only to a customer who reports one ("unplug the device
and do not use it" to a calm question about a light's colour alarms for nothing)."""

from __future__ import annotations

import re

from drafter.domain import Passage
from drafter.text.sentences import sentences

_SAFETY_ACTION = re.compile(
    r"\b(unplug|disconnect|switch (?:it |them |the \w+ )?off|turn (?:it |them |the \w+ )?off|stop using|"
    r"do not use|don't use|keep (?:it|them|the \w+) unplugged)\b",
    re.IGNORECASE,
)
# What makes an instruction to unplug a safety measure rather than a troubleshooting step
# ("unplug the Hub for 10 seconds").
_DANGER = re.compile(
    r"\b(safety|safe|unsafe|overheat\w*|hazard\w*|fire|smoke|smoking|burn\w*|spark\w*|danger\w*|shock\w*|"
    r"melt\w*|too hot)\b",
    re.IGNORECASE,
)


def is_safety_instruction(text: str) -> bool:
    """The sentence tells the customer to stop using a device because of a danger."""
    return bool(_SAFETY_ACTION.search(text) and _DANGER.search(text))


def safety_sources(knowledge: list[Passage]) -> list[Passage]:
    """The retrieved passages that give a safety instruction, to cite beside the safety line."""
    return [p for p in knowledge if any(is_safety_instruction(s) for s in sentences(p.text))]
