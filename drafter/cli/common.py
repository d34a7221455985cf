"""Pieces shared by CLI commands: settings, runtime, progress bars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from drafter.config import get_settings
from drafter.runtime import Runtime

if TYPE_CHECKING:
    from drafter.evals.cases import EvalCase

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def runtime() -> Runtime:
    """The runtime for the configured settings."""
    return Runtime(get_settings())


@contextmanager
def progress_bar(description: str) -> Iterator[Any]:
    """A progress bar with count and ETA, written to stderr."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task(description, total=None)

        class Handle:
            def total(self, n: int) -> None:
                progress.update(task, total=n)

            def advance(self, n: int) -> None:
                progress.advance(task, n)

        yield Handle()


@contextmanager
def progress_stages() -> Iterator[Callable[[str, int | None], Callable[[int], None]]]:
    """One progress display for work done in stages: each call starts a bar and returns its advance."""
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as progress:

        def stage(description: str, total: int | None) -> Callable[[int], None]:
            task = progress.add_task(description, total=total)
            return lambda n: progress.advance(task, n)

        yield stage


def load_cases_reporting(path: Path) -> tuple[list[EvalCase], list[str]]:
    """The cases in `path`, and the unreadable lines, each printed as skipped."""
    from drafter.evals.cases import load_cases
    from drafter.ingest.loaders import LoadProblems

    problems = LoadProblems()
    loaded = load_cases(path, problems)
    for item in problems.items:
        console.print(f"[yellow]skipped[/] {item}", highlight=False)
    return loaded, problems.items
