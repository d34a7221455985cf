"""The HTTP API: drafts, knowledge, customers, helpdesk webhooks and the agent page."""

from __future__ import annotations

from drafter.api.app import app_from_environment, create_app

__all__ = ["app_from_environment", "create_app"]
