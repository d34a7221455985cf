"""A help-centre sentence said in a reply. Articles tell their readers to "contact us"; the customer
reading a reply already has, so the sentence asks them to tell or send it in the reply instead, and
does not ask again for the order number of an order the reply already names."""

from __future__ import annotations

import re

# "Contact us within 14 days of delivery with the photos" asks for something by a time: send it then.
_CONTACT_BY_WITH = re.compile(
    r"\b(?P<c>c)ontact us (?P<when>within [^,.;:]+?) with (?P<what>[^,.;:]+)", re.IGNORECASE
)
# "contact us with your order number and a screenshot" asks for something: send it.
_CONTACT_WITH = re.compile(r"\b(?P<c>c)ontact us with\b", re.IGNORECASE)
# "contact us and we will open an investigation", "If you have no backup codes, contact us: ...".
_CONTACT = re.compile(r"\b(?P<c>c)ontact us\b(?! again)", re.IGNORECASE)


def as_reply(text: str) -> str:
    """The sentence as a reply says it: "contact us (within N days) with X" as "send us X (within N
    days)", any other "contact us" as "let us know"."""
    text = _CONTACT_BY_WITH.sub(
        lambda m: f"{_cased('send us', m.group('c'))} {m.group('what')} {m.group('when')}", text
    )
    text = _CONTACT_WITH.sub(lambda m: _cased("send us", m.group("c")), text)
    return _CONTACT.sub(lambda m: _cased("let us know", m.group("c")), text)


def _cased(words: str, first: str) -> str:
    return words[:1].upper() + words[1:] if first.isupper() else words


# "send us your order number and a screenshot", "the photos and your order number": one item of a
# list of things to send, which can go without the rest of the sentence changing.
_ORDER_NUMBER_ITEM = re.compile(r"\byour order number and |,? and your order number\b", re.IGNORECASE)


# Only what the customer sends to us: "enter your order number and the serial number" on a claim
# form is a step they take elsewhere, where the number is still needed.
_TO_US = re.compile(r"\b(?:send us|reply with|email us|tell us)\b", re.IGNORECASE)


def without_order_number(text: str) -> str:
    """The sentence without the order number among what it asks the customer to send us."""
    return _ORDER_NUMBER_ITEM.sub("", text) if _TO_US.search(text) else text


# Channels where a reply is posted in public: a customer's order number is theirs, not the world's.
PUBLIC_CHANNELS = frozenset(
    {"social", "twitter", "x", "facebook", "instagram", "public", "forum", "community"}
)


def is_public(channel: str | None) -> bool:
    """The ticket's channel posts replies where anyone can read them."""
    return (channel or "").strip().lower() in PUBLIC_CHANNELS


def without_order_id(text: str, order_id: str) -> str:
    """The sentence with the order's number left out ("Your order BW-455102 was delivered" ->
    "Your order was delivered"); "order BW-455102" alone as "your order"."""
    text = re.sub(rf"(\border)\s+{re.escape(order_id)}", r"\1", text, flags=re.IGNORECASE)
    return re.sub(rf"\b{re.escape(order_id)}\b", "your order", text, flags=re.IGNORECASE)
