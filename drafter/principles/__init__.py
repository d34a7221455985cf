"""Ticket signals and the principles they call for."""

from __future__ import annotations

from drafter.principles.selection import PRINCIPLES, select_principles
from drafter.principles.signals import Signals, detect_signals

__all__ = ["PRINCIPLES", "Signals", "detect_signals", "select_principles"]
