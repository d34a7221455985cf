"""Retrieval: hybrid dense + lexical search over a tenant's knowledge, and the customer's history."""

from __future__ import annotations

from drafter.retrieval.query import build_query, lexical_query
from drafter.retrieval.retriever import RetrievalMode, RetrievalPolicy, Retrieved, Retriever

__all__ = ["RetrievalMode", "RetrievalPolicy", "Retrieved", "Retriever", "build_query", "lexical_query"]
