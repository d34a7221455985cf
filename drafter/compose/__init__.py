"""Writing the reply: the composer seam and the offline grounded composer."""

from __future__ import annotations

from drafter.compose.base import ComposeContext, ComposedReply, Composer
from drafter.compose.offline import OfflineComposer

__all__ = ["ComposeContext", "ComposedReply", "Composer", "OfflineComposer"]
