"""drafter: grounded, principled customer-service reply drafts."""

from __future__ import annotations

from drafter.config import Settings, get_settings
from drafter.domain import Draft, Ticket
from drafter.errors import DrafterError

__all__ = ["Draft", "DrafterError", "Settings", "Ticket", "get_settings"]
__version__ = "0.1.0"
