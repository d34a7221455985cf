"""The `drafter` command line."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from drafter.cli import apps, draft, eval, graders, helpdesk, ingest, keys, models, report, serve, tune
from drafter.errors import DrafterError

app = typer.Typer(
    name="drafter",
    help="Draft grounded, principled customer-service replies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(ingest.app, name="ingest")
app.add_typer(keys.app, name="keys")
app.add_typer(apps.app, name="apps")
app.add_typer(helpdesk.app, name="helpdesk")
app.add_typer(eval.app, name="eval")
app.add_typer(graders.app, name="graders")
app.add_typer(report.app, name="report")
app.add_typer(models.app, name="models")
app.add_typer(tune.app, name="tune")
draft.register(app)
serve.register(app)

_err = Console(stderr=True)


def _debugging() -> bool:
    return os.environ.get("DRAFTER_DEBUG", "").lower() in {"1", "true", "yes"}


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a `DrafterError` becomes a one-line message and exit 1."""
    try:
        # Outside standalone mode click returns an `Exit`'s code instead of raising it.
        code = app(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except DrafterError as exc:
        if _debugging():
            raise
        _err.print(f"[bold red]error[/] ({exc.code}): {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except typer.Abort:
        _err.print("aborted")
        sys.exit(130)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        sys.exit(code or 0)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        if _is_click_error(exc):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        raise


def _is_click_error(exc: BaseException) -> bool:
    """A usage error from click, whether typer uses the click package or its own copy of it."""
    return any(kind.__name__ == "ClickException" for kind in type(exc).__mro__)
