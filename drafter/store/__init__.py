"""Vector store: Chroma collections for knowledge and customer history, one pair per tenant."""

from __future__ import annotations

from drafter.store.chroma import HistoryIndex, KnowledgeIndex, StoredDoc, make_chroma_client
from drafter.store.drafts import DraftStore, FeedbackRecord, StoredDraft
from drafter.store.keys import HELPDESK_APPS, Caller, HelpdeskApp, KeyScope, KeyStore, check_tenant
from drafter.store.profiles import ProfileStore

__all__ = [
    "HELPDESK_APPS",
    "Caller",
    "DraftStore",
    "FeedbackRecord",
    "HelpdeskApp",
    "HistoryIndex",
    "KeyScope",
    "KeyStore",
    "KnowledgeIndex",
    "ProfileStore",
    "StoredDoc",
    "StoredDraft",
    "check_tenant",
    "make_chroma_client",
]
