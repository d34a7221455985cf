"""`drafter serve`: the HTTP API and agent page on uvicorn."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from drafter.config import get_settings
from drafter.errors import ConfigError
from drafter.runtime import Runtime
from drafter.store.chroma import tenants_without_model

logger = logging.getLogger("drafter.serve")


def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=64)] = 1,
) -> None:
    """Serve the API (`/docs` for the reference) and the agent's Draft reply page at `/`."""
    import uvicorn

    from drafter.api import create_app
    from drafter.api.logs import configure_logging

    settings = get_settings()
    if workers > 1 and settings.chroma_url is None:
        # Several processes writing one embedded store corrupt it; a Chroma server is shared safely.
        raise ConfigError(
            "--workers above 1 needs a shared store: start `chroma run` and set DRAFTER_CHROMA_URL"
        )
    # Open the database and the store here, so one that cannot be opened is a one-line error
    # instead of a traceback from the server's startup.
    runtime = Runtime(settings)
    _ = runtime.engine
    if settings.chroma_url is None:
        _ = runtime.chroma
    configure_logging(settings.log_format, settings.log_level)
    for model in (e.name for e in runtime.embedders):
        for tenant, others in tenants_without_model(runtime.chroma, model).items():
            logger.warning(
                "tenant %s has knowledge embedded with %s only, none with %s: drafts that need %s "
                "will find nothing (or fall back to the default model); "
                "run `drafter models reembed --from %s --tenant %s`",
                tenant, ", ".join(others), model, model, others[0], tenant,
            )
    if workers == 1:
        uvicorn.run(create_app(settings, runtime), host=host, port=port, log_config=None)
    else:
        uvicorn.run(
            "drafter.api:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=None,
        )


def register(app: typer.Typer) -> None:
    """Add `serve` to the CLI."""
    app.command("serve")(serve_command)
