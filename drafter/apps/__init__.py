"""drafter's helpdesk sidebar apps: one agent panel shipped for Zendesk, Help Scout and Chatwoot.

The panel's JavaScript lives in `web/` and is bundled (with each helpdesk's SDK from npm) into
`static/`, which is committed: serving or packaging the apps needs no Node.
"""

from __future__ import annotations

from drafter.apps.assets import SERVED_APPS, app_page, asset_path
from drafter.apps.packaging import PackagedApp, package_app

__all__ = ["SERVED_APPS", "PackagedApp", "app_page", "asset_path", "package_app"]
