"""No acknowledged feedback is lost when the server is killed with SIGKILL mid-burst."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from drafter.config import load_settings
from drafter.runtime import Runtime
from drafter.store import DraftStore, KeyStore
from tests.api_server import free_port

# A server killed with SIGKILL mid-write, several times over: real processes, real seconds.
pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]


def _serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DRAFTER_DATA_DIR": str(data_dir),
        "DRAFTER_PROMPTS_DIR": str(REPO / "prompts"),
        "DRAFTER_LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1",
    }
    drafter = str(Path(sys.executable).with_name("drafter"))
    process = subprocess.Popen(
        [drafter, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("drafter serve did not become ready")


@pytest.mark.slow
def test_every_acknowledged_feedback_write_survives_sigkill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runtime = Runtime(load_settings(data_dir=data))
    key = KeyStore(runtime.engine).create("acme")[1]
    port = free_port()
    server = _serve(data, port)
    headers = {"Authorization": f"Bearer {key}"}
    base = f"http://127.0.0.1:{port}"
    try:
        httpx.put(
            f"{base}/v1/knowledge/documents/ship",
            headers=headers,
            timeout=60,
            json={"title": "Shipping", "text": "Standard shipping takes 3 to 5 business days."},
        )
        draft_ids = [
            httpx.post(
                f"{base}/v1/drafts",
                headers=headers,
                timeout=60,
                json={"text": f"How long does shipping take? ({n})"},
            ).json()["id"]
            for n in range(4)
        ]
        acknowledged: list[tuple[str, int]] = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(worker: int) -> None:
            with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
                n = 0
                while not stop.is_set():
                    draft_id = draft_ids[(worker + n) % len(draft_ids)]
                    try:
                        response = client.post(
                            f"/v1/drafts/{draft_id}/feedback",
                            json={
                                "outcome": "edited",
                                "final_text": f"sent by {worker}-{n}",
                                "agent_id": f"w{worker}",
                            },
                        )
                    except httpx.HTTPError:
                        return  # the server is gone; nothing was acknowledged for this one
                    if response.status_code == 201:
                        with lock:
                            acknowledged.append((draft_id, response.json()["feedback_id"]))
                    n += 1

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(6)]
        for thread in threads:
            thread.start()
        # Killed mid-burst once enough writes were acknowledged, however busy the machine is.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with lock:
                if len(acknowledged) > 25:
                    break
            time.sleep(0.05)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) > 20, "the burst was under way when the server died"

    server = _serve(data, port)
    try:
        stored: set[tuple[str, int]] = set()
        for draft_id in draft_ids:
            rows = httpx.get(f"{base}/v1/drafts/{draft_id}/feedback", headers=headers, timeout=30).json()
            stored |= {(draft_id, r["feedback_id"]) for r in rows}
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert set(acknowledged) <= stored
    texts = {r.final_text for r in DraftStore(runtime.engine, tenant="acme").feedback()}
    assert all(t and t.startswith("sent by ") for t in texts)
