"""Knowledge written for agents ("ask the customer for ..."): turn it into what to ask, not what to paste."""

from __future__ import annotations

import re

from drafter.compose.sentences import Unit, for_agents_only
from drafter.domain import CustomerProfile, Order

_AGENT_FACING = re.compile(
    r"\b(?:the customer|customer's|the agent|subflow|ask (?:the customer|them|for)|"
    r"click|enter (?:the|this|it|their|into)|pull up|tell (?:the customer|them))\b",
    re.IGNORECASE,
)
_ASK_FOR = re.compile(
    r"\b(?:ask(?:ing)?\s+(?:the customer\s+|them\s+)?for|gather(?:ing)?|collect(?:ing)?)\s+"
    r"(?:their\s+|the\s+)?(?P<item>[a-z][a-z ,]{2,80}?)"
    r"(?=\s+(?:for|from|to|using|so|then|with|in|before|after|when|if|because)\b|[.;:(]|$)",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?:their\s+|the\s+)?")
_ITEM_LINE = re.compile(r"^(?P<item>[A-Z][A-Za-z ]{1,30}?)\s*(?:-|$)")
_MAX_ITEMS = 4
_NOT_A_DETAIL_TEXT = (
    "a an the this that these those it them their its some any using with for from to of in on by "
    "and or should would will can could "
    # An instruction to the agent ("Select the option") is not a detail the customer gives.
    "select pick choose click enter find check tell explain ask get use open go make offer let "
    "confirm verify update respond send gather collect follow search look start end escalate"
)
_NOT_A_DETAIL = frozenset(_NOT_A_DETAIL_TEXT.split())
# Words that tie an asked-for detail to a field of the customer's profile.
_PROFILE_FIELDS = {
    "name": "name", "email": "email", "phone": "phone", "plan": "plan",
    "membership": "tier", "tier": "tier", "level": "tier",
}


def is_agent_facing(text: str) -> bool:
    """Written for the agent about the customer, so not to be pasted into a reply."""
    return bool(_AGENT_FACING.search(text))


def unit_for_agents(unit: Unit) -> bool:
    """Not to be quoted: its document is for agents, or the sentence speaks to the agent."""
    return for_agents_only(unit.passage) or is_agent_facing(unit.text)


def mostly_agent_facing(units: list[Unit]) -> bool:
    """Most of a passage's sentences are instructions to the agent."""
    return bool(units) and sum(unit_for_agents(u) for u in units) * 2 >= len(units)


def details_to_ask(units: list[Unit]) -> list[str]:
    """The details a guideline tells the agent to ask for, in order, without repeats."""
    items: list[str] = []
    for unit in units:
        found = [
            part for m in _ASK_FOR.finditer(unit.text) for part in _ITEM_SPLIT.split(m.group("item"))
        ]
        line = _ITEM_LINE.match(unit.text) if unit.is_step and len(unit.text.split()) <= 12 else None
        if line and not is_agent_facing(unit.text):
            found.append(line.group("item"))
        for item in found:
            item = " ".join(item.split()).strip().lower()
            if _plausible(item) and item not in items:
                items.append(item)
    return items[:_MAX_ITEMS]


def _plausible(item: str) -> bool:
    """A detail a customer can give: a short noun phrase, not a pronoun or a fragment."""
    words = item.split()
    return (
        1 <= len(words) <= 5
        and words[0] not in _NOT_A_DETAIL
        and words[-1] not in _NOT_A_DETAIL
        and "customer" not in item
    )


def known_detail(item: str, profile: CustomerProfile | None, order: Order | None) -> str | None:
    """What the record already says about an asked-for detail, if anything."""
    words = set(item.lower().split())
    if "order" in words and order is not None:
        return f"order {order.order_id}"
    if profile is None:
        return None
    for word, field in _PROFILE_FIELDS.items():
        value = getattr(profile, field, None)
        if word in words and value:
            return f"{field} ({value})" if field != "name" else f"name ({value})"
    return None
