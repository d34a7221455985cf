"""The sidebar apps drafter serves itself: `/apps/chatwoot/` and `/apps/helpscout/`.

The pages hold no secret: the app token arrives in the app URL the admin pasted into the
helpdesk (`?token=...`) and goes with every API call, where it may only draft.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from drafter.apps import SERVED_APPS, app_page, asset_path
from drafter.errors import NotFoundError

router = APIRouter(prefix="/apps", include_in_schema=False)
# Helpdesks frame these pages; the token in their URL must not leak through a Referer header.
_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"}


def _served(app: str) -> str:
    if app not in SERVED_APPS:
        raise NotFoundError(f"drafter serves the {', '.join(SERVED_APPS)} apps; {app!r} is not one")
    return app


@router.get("/{app}/")
async def app_index(app: str) -> FileResponse:
    """The app's page, as the helpdesk frames it."""
    return FileResponse(app_page(_served(app)), media_type="text/html", headers=_HEADERS)


@router.get("/{app}/{name}")
async def app_file(app: str, name: str) -> FileResponse:
    """A script or style sheet the app's page loads."""
    return FileResponse(asset_path(_served(app), name), headers=_HEADERS)
