"""Prometheus metrics of one app: request latency, drafts by backend, fallbacks, errors."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    """The app's collectors, in a registry of its own so several apps can live in one process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.request_seconds = Histogram(
            "drafter_request_seconds",
            "HTTP request latency by route, method and status.",
            ["route", "method", "status"],
            buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5, 10, 30),
            registry=self.registry,
        )
        self.draft_seconds = Histogram(
            "drafter_draft_seconds",
            "Time to draft a reply, by backend.",
            ["backend"],
            buckets=(0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5, 10, 30),
            registry=self.registry,
        )
        self.drafts = Counter(
            "drafter_drafts_total", "Drafts served, by backend.", ["backend"], registry=self.registry
        )
        self.fallbacks = Counter(
            "drafter_llm_fallbacks_total",
            "Drafts the offline composer wrote because the LLM failed.",
            registry=self.registry,
        )
        self.errors = Counter(
            "drafter_errors_total", "Error responses, by error code.", ["code"], registry=self.registry
        )
        self.feedback = Counter(
            "drafter_feedback_total", "Feedback recorded, by outcome.", ["outcome"], registry=self.registry
        )
