"""Knowledge written for agents ("ask the customer for ..."): turn it into what to ask, not what to paste."""

from __future__ import annotations

import re

from drafter.compose.sentences import Unit, lines_of
from drafter.domain import CustomerProfile, Order, Passage, Ticket

# Words that speak to an agent about a customer. "Click" and "enter" are not among them: a help
# article tells the customer to click too ("click Forgot password"), and "You can ask for a new
# link" tells the customer what they may ask for.
_AGENT_FACING = re.compile(
    r"\b(?:the customer|customer's|the agent|subflow|(?<!you can )(?<!you may )ask (?:the customer|them|for)|"
    r"enter (?:this|it|their) into|pull up|tell (?:the customer|them))\b",
    re.IGNORECASE,
)
_ASK_FOR = re.compile(
    r"(?:\b(?:ask(?:ing)?\s+(?:the customer\s+|them\s+)?for|gather(?:ing)?|collect(?:ing)?)|^get)\s+"
    r"(?:the customer['\u2019]s\s+|their\s+|the\s+)?(?P<item>[a-z][a-z ,]{2,80}?)"
    r"(?=\s+(?:for|from|to|using|so|then|with|in|before|after|when|if|because)\b|[.;:(]|$)",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?:their\s+|the\s+)?")
# The label of a listed detail: "Username - occasionally ...", "Order ID", "Email Address".
_ITEM_LINE = re.compile(r"^(?P<item>[A-Z][A-Za-z ]{1,30}?)\s*(?:[-:(]|$)")
# A line whose entries are details to collect ("confirm that their purchase is valid: Username,
# Email Address, Order ID"), not choices to offer ("valid options are ...").
_COLLECTING = re.compile(
    r"\b(confirm\w*|verif\w*|validat\w*|look\w* up|identity|gather\w*|collect\w*|need their|fields|"
    r"items below|details)\b",
    re.IGNORECASE,
)
_CHOOSING = re.compile(r"\b(options?|levels?|methods?|members?|choices?)\b", re.IGNORECASE)
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
    return unit.passage.for_agents or is_agent_facing(unit.text)


def mostly_agent_facing(units: list[Unit]) -> bool:
    """More than half of a passage's sentences are instructions to the agent."""
    return bool(units) and sum(unit_for_agents(u) for u in units) * 2 > len(units)


def details_to_ask(passage: Passage) -> list[str]:
    """The details a guideline tells the agent to ask for, in order, without repeats: what it says
    to ask for, and the entries listed under a line about verifying or looking something up."""
    items: list[str] = []
    collecting = False
    for line in lines_of(passage.text):
        found = [
            part for m in _ASK_FOR.finditer(line.text) for part in _ITEM_SPLIT.split(m.group("item"))
        ]
        if not line.nested:
            collecting = bool(_COLLECTING.search(line.text)) and not _CHOOSING.search(line.text)
        label = _ITEM_LINE.match(line.text) if line.nested and collecting else None
        if label:
            found.append(label.group("item"))
        for item in found:
            item = _as_said(" ".join(item.split()).strip())
            # "full name" is asked already when "full name or account id" is.
            if _plausible(item) and not any(set(item.split()) <= set(kept.split()) for kept in items):
                items.append(item)
    return items[:_MAX_ITEMS]


def _as_said(item: str) -> str:
    """A detail as a reply names it: lower case, except acronyms ("order ID")."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in item.split())


def _plausible(item: str) -> bool:
    """A detail a customer can give: a short noun phrase, not a pronoun or a fragment."""
    words = item.lower().split()
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
    for field, value in (profile.model_extra or {}).items():
        # A field the helpdesk keeps beyond the usual ones ("username") answers a detail so named.
        if isinstance(value, str) and value and set(field.lower().replace("_", " ").split()) <= words:
            return f"{field.replace('_', ' ')} ({value})"
    return None


def given_in_conversation(item: str, ticket: Ticket) -> bool:
    """The customer already wrote this detail ("account ID 8XK2P4" for "full name or account ID")."""
    said = " ".join([ticket.text, *(m.text for m in ticket.conversation if m.role == "customer")]).lower()
    options = [o.strip() for o in re.split(r"\bor\b", item.lower()) if o.strip()]
    return any(re.search(rf"\b{re.escape(option)}\b", said) for option in options)
