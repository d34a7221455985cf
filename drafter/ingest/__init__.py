"""Reading knowledge and customer files, and writing them to a tenant's stores."""

from __future__ import annotations

from drafter.ingest.writer import (
    HistoryReport,
    KnowledgeReport,
    ingest_events,
    ingest_history,
    ingest_knowledge,
    plan_knowledge,
    upsert_documents,
)

__all__ = [
    "HistoryReport",
    "KnowledgeReport",
    "ingest_events",
    "ingest_history",
    "ingest_knowledge",
    "plan_knowledge",
    "upsert_documents",
]
