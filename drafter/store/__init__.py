"""Vector store: Chroma collections for knowledge and customer history, one pair per tenant."""

from __future__ import annotations

from drafter.store.chroma import HistoryIndex, KnowledgeIndex, StoredDoc, make_chroma_client
from drafter.store.profiles import ProfileStore

__all__ = ["HistoryIndex", "KnowledgeIndex", "ProfileStore", "StoredDoc", "make_chroma_client"]
