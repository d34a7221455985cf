"""Plain text for channels that show Markdown as symbols: knowledge written in Markdown is quoted
without its `**bold**`, back-ticks, headings or link syntax."""

from __future__ import annotations

import re

# Channels whose messages render Markdown; every other channel (email, chat, sms, phone, social,
# unknown) gets plain text.
MARKDOWN_CHANNELS = frozenset({"markdown", "slack", "discord", "github", "gitlab", "teams"})
_EMPHASIS = re.compile(r"(\*\*|__)(?P<t>.+?)\1")
_CODE = re.compile(r"`(?P<t>[^`]+)`")
_LINK = re.compile(r"\[(?P<t>[^\]]+)\]\((?P<u>[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_STRAY = re.compile(r"\*\*|__")


def renders_markdown(channel: str | None) -> bool:
    """The ticket's channel shows Markdown formatted."""
    return (channel or "").strip().lower() in MARKDOWN_CHANNELS


def plain(text: str) -> str:
    """The text without Markdown syntax: emphasis and code unwrapped, links as "text (url)"."""
    text = _EMPHASIS.sub(lambda m: m.group("t"), text)
    text = _CODE.sub(lambda m: m.group("t"), text)
    text = _LINK.sub(lambda m: f"{m.group('t')} ({m.group('u')})", text)
    return _STRAY.sub("", _HEADING.sub("", text))
