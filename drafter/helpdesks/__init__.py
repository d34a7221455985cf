"""Helpdesk adapters: webhook payloads in, tickets out; drafts posted back as internal notes."""

from __future__ import annotations

from drafter.helpdesks.adapters import HELPDESKS, IncomingTicket, parse_webhook
from drafter.helpdesks.notes import NoteClient, note_client

__all__ = ["HELPDESKS", "IncomingTicket", "NoteClient", "note_client", "parse_webhook"]
