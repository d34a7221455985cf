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


# Instructions that have the customer power, handle or keep using a device: after a reported spark or
# burning smell, troubleshooting it ("Restart the thermostat by holding the ring for 10 seconds",
# "Check the wiring") is unsafe advice, whatever the question asked.
_OPERATES = re.compile(
    r"\b(restart\w*|reset\w*|reboot\w*|hold(?:ing)? (?:the|it|down)|press\w*|install\w*|reinstall\w*|"
    r"connect\w*|reconnect\w*|wir(?:e|es|ing)|plug (?:it|them|the \w+) (?:back )?in|"
    r"(?:switch|turn|power) (?:it |them |the \w+ )?(?:back )?on|pair\w*|set|mode)\b",
    re.IGNORECASE,
)


def operates_device(text: str) -> bool:
    """The sentence has the customer power, handle or keep using a device."""
    return bool(_OPERATES.search(text))


def is_safety_instruction(text: str) -> bool:
    """The sentence tells the customer to stop using a device because of a danger."""
    return bool(_SAFETY_ACTION.search(text) and _DANGER.search(text))


def safety_sources(knowledge: list[Passage]) -> list[Passage]:
    """The retrieved passages that give a safety instruction, to cite beside the safety line."""
    return [p for p in knowledge if any(is_safety_instruction(s) for s in sentences(p.text))]
