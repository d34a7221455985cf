"""A real OpenAI-compatible inference server for the `real_llm` tests: llama-cpp-python's server
running Gemma 3 270M on the CPU, on 127.0.0.1, built by `make llm-server`.

One process serves two aliases of the same model: `gemma` with a 4,096-token context window and
`gemma-small` with a window smaller than a full drafting prompt.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.api_server import free_port

SERVER_DIR = Path(
    os.environ.get("DRAFTER_TEST_LLM_SERVER_DIR", Path.home() / ".cache" / "drafter" / "llm-server")
)
PYTHON = SERVER_DIR / "venv" / "bin" / "python"
MODEL_FILE = SERVER_DIR / "gemma-3-270m-q4_k_m.gguf"
MODEL, SMALL_MODEL = "gemma", "gemma-small"
CONTEXT, SMALL_CONTEXT = 4096, 1024
START_SECONDS = 120


@dataclass
class RealServer:
    """A running server and where it logs."""

    base_url: str
    log: Path

    def alive(self) -> bool:
        """It still answers."""
        try:
            return httpx.get(f"{self.base_url}/models", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def log_tail(self, lines: int = 20) -> str:
        """The end of its log, for a failure message."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def missing() -> str | None:
    """What is missing to start the server, or None when it is built."""
    for path in (PYTHON, MODEL_FILE):
        if not path.exists():
            return f"{path} is missing; `make llm-server` builds the real LLM server"
    return None


@contextmanager
def real_server(workdir: Path) -> Iterator[RealServer]:
    """Start the server on a free port, wait until it answers, stop it when the block ends.

    Raises:
        RuntimeError: it exited or did not answer within START_SECONDS.
    """
    port = free_port()
    model = {"model": str(MODEL_FILE), "chat_format": "gemma", "n_threads": 2, "verbose": False}
    config = {
        "host": "127.0.0.1",
        "port": port,
        "models": [
            {**model, "model_alias": MODEL, "n_ctx": CONTEXT},
            {**model, "model_alias": SMALL_MODEL, "n_ctx": SMALL_CONTEXT},
        ],
    }
    config_file, log = workdir / "llm-server.json", workdir / "llm-server.log"
    config_file.write_text(json.dumps(config))
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(PYTHON), "-m", "llama_cpp.server", "--config_file", str(config_file)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = RealServer(f"http://127.0.0.1:{port}/v1", log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.alive():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the real LLM server did not start:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
