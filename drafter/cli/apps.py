"""`drafter apps package`: the sidebar app an admin adds to Zendesk, Help Scout or Chatwoot."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.apps import package_app
from drafter.cli.common import console
from drafter.config import get_settings
from drafter.errors import InputError
from drafter.store import HelpdeskApp

app = typer.Typer(help="Helpdesk sidebar apps: package them for an admin.", no_args_is_help=True)

_NEXT_STEPS = {
    "zendesk": "Admin Center > Apps and integrations > Zendesk Support apps > Upload private app: "
    "upload {upload}, then set the app token (drafter keys create --scope app --helpdesk zendesk).",
    "helpscout": "Help Scout > Manage > Apps > Build a Custom App: use this content URL, with a token "
    "from `drafter keys create --scope app --helpdesk helpscout`:\n{url}",
    "chatwoot": "Chatwoot > Settings > Integrations > Dashboard apps > Add: use this URL, with a token "
    "from `drafter keys create --scope app --helpdesk chatwoot`:\n{url}",
}


@app.command("package")
def package(
    helpdesk: Annotated[HelpdeskApp, typer.Argument(help="zendesk, helpscout or chatwoot.")],
    out: Annotated[Path, typer.Option(help="Folder to write the app into.")],
    url: Annotated[
        str | None, typer.Option(help="drafter's public URL (default: DRAFTER_PUBLIC_URL).")
    ] = None,
    token: Annotated[
        str | None, typer.Option(help="App token to put into the Help Scout or Chatwoot app URL.")
    ] = None,
    author_email: Annotated[
        str | None, typer.Option(help="Zendesk manifest author email (default: support@ drafter's host).")
    ] = None,
) -> None:
    """Write the app: Zendesk's upload zip, or the URL (and files) for Help Scout and Chatwoot."""
    public_url = url or get_settings().public_url
    if not public_url:
        raise InputError("drafter's public URL is needed: pass --url or set DRAFTER_PUBLIC_URL")
    packaged = package_app(helpdesk, out, url=public_url, token=token, author_email=author_email)
    console.print(f"wrote the {helpdesk} app to {packaged.folder}", highlight=False)
    console.print(_NEXT_STEPS[helpdesk].format(upload=packaged.upload, url=packaged.app_url), highlight=False)
