"""The built files of each sidebar app, as drafter serves them and packages them."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from drafter.errors import NotFoundError
from drafter.store import HELPDESK_APPS

SERVED_APPS = ("helpscout", "chatwoot")
"""Apps drafter serves itself at `/apps/NAME/` (Zendesk runs its apps from an uploaded zip)."""


def static_dir() -> Path:
    """The folder of built app files."""
    return Path(str(files("drafter.apps").joinpath("static")))


def app_assets(app: str) -> dict[str, Path]:
    """What an app's page loads: its name in the app -> the built file.

    Raises:
        NotFoundError: not one of drafter's apps.
    """
    if app not in HELPDESK_APPS:
        raise NotFoundError(f"no sidebar app {app!r}; drafter has {', '.join(HELPDESK_APPS)}")
    root = static_dir()
    return {"panel.css": root / "panel.css", f"{app}.js": root / f"{app}.js"}


def app_page(app: str) -> Path:
    """The app's HTML page."""
    app_assets(app)
    return static_dir() / f"{app}.html"


def asset_path(app: str, name: str) -> Path:
    """One file an app's page loads.

    Raises:
        NotFoundError: the app does not load a file of that name.
    """
    assets = app_assets(app)
    if name not in assets:
        raise NotFoundError(f"the {app} app has no file {name!r}")
    return assets[name]
