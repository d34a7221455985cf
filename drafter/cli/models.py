"""`drafter models build`: convert the bundled MiniLM to ONNX ahead of time (install or image build)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.common import console
from drafter.config import get_settings
from drafter.embeddings.onnx import OnnxPrecision, build_onnx_model

app = typer.Typer(help="The bundled embedding model's ONNX forms.", no_args_is_help=True)


@app.command("build")
def build(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Target folder (default: DRAFTER_MODEL_CACHE_DIR).")
    ] = None,
) -> None:
    """Write the float and int8 ONNX files from the bundled weights (kept when already there)."""
    target = directory or get_settings().resolved_model_cache_dir
    precisions: tuple[OnnxPrecision, ...] = ("fp32", "int8")
    for precision in precisions:
        path = build_onnx_model(target, precision)
        console.print(f"{precision}: {path} ({path.stat().st_size / 1e6:.0f} MB)", highlight=False)
