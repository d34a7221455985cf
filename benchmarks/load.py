"""Load on the HTTP API: 8 concurrent clients drafting sample tickets on the offline path.

Run: .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 8] [--cases FILE ...]
         [--knowledge PATH ...] [--knowledge-adapter]
Starts `drafter serve` in its own process on 127.0.0.1 over a fresh data dir with the sample
knowledge (or `--knowledge`), drafts each ticket once (first sight: the freshly started server
has not yet embedded those passages' sentences), then prints throughput, latency percentiles and
errors of the warm server. Baselines
measured in the same run: one client alone (so the ratio shows what concurrency costs on this
machine) and /healthz under the same load (the server's own overhead). With
`--knowledge-adapter` an adapter is learned from the knowledge first (`drafter tune retrieval
--from-knowledge --keep-worse`: its cost is measured, not its quality) and the server is run
twice back to back, without it (`DRAFTER_QUERY_ADAPTER=false`) and with it, for the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load(
    base: str, bodies: list[dict[str, object]], path: str, clients: int, seconds: float
) -> dict[str, float]:
    """Hammer one endpoint with `clients` threads for `seconds`; latency stats in ms."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            i = offset
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    if path == "/healthz":
                        response = client.get(path)
                    else:
                        # A distinct text per request: no ticket repeats, as in real traffic.
                        body = dict(bodies[i % len(bodies)])
                        body["text"] = f"{body['text']} (sent {i})"
                        response = client.post(path, json=body)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors[0] += 0 if ok else 1
                i += clients

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / wall,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=1, help="API processes; above 1 a `chroma run` server is started"
    )
    parser.add_argument(
        "--cases",
        type=Path,
        nargs="*",
        default=[],
        help="Draft these eval cases' tickets (YAML or JSONL) instead of knowledge/tickets.jsonl",
    )
    parser.add_argument(
        "--knowledge", type=Path, nargs="*", default=[], help="Knowledge to serve (default: the help centre)"
    )
    parser.add_argument(
        "--knowledge-adapter",
        action="store_true",
        help="Learn an adapter from the knowledge; measure drafts without it, then with it",
    )
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="drafter-load-"))
    env = {
        **os.environ,
        "DRAFTER_DATA_DIR": str(data),
        "DRAFTER_AUTH": "off",
        "HF_HUB_OFFLINE": "1",
        "DRAFTER_PROMPTS_DIR": str(ROOT / "prompts"),
        "DRAFTER_LOG_LEVEL": "WARNING",
    }
    drafter = str(Path(sys.executable).with_name("drafter"))
    chroma_server = None
    if args.workers > 1:
        # Several API processes share one store only through a Chroma server.
        chroma_port = free_port()
        chroma_server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("chroma")),
                "run",
                "--host",
                "127.0.0.1",
                "--port",
                str(chroma_port),
                "--path",
                str(data / "chroma-server"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        env["DRAFTER_CHROMA_URL"] = f"http://127.0.0.1:{chroma_port}"
        for _ in range(300):
            try:
                if httpx.get(f"{env['DRAFTER_CHROMA_URL']}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
    knowledge = [str(p) for p in args.knowledge] or [str(ROOT / "knowledge/help-center")]
    subprocess.run([drafter, "ingest", "knowledge", *knowledge], env=env, check=True, capture_output=True)
    subprocess.run(
        [drafter, "ingest", "history", str(ROOT / "knowledge/customers.jsonl")],
        env=env,
        check=True,
        capture_output=True,
    )
    bodies = []
    for line in (ROOT / "knowledge/tickets.jsonl").read_text().splitlines():
        row = json.loads(line)
        bodies.append({k: row[k] for k in ("text", "subject", "customer_id", "conversation") if row.get(k)})
    if args.cases:
        from drafter.evals.cases import load_cases

        bodies = [{"text": c.ticket.text} for path in args.cases for c in load_cases(path)]
    try:
        if args.knowledge_adapter:
            _compare_adapter(drafter, env, args, bodies, knowledge)
        else:
            _report(_serve(drafter, env, args, bodies), args.clients)
    finally:
        if chroma_server is not None:
            chroma_server.terminate()
            chroma_server.wait(timeout=30)
    return 0


def _compare_adapter(
    drafter: str,
    env: dict[str, str],
    args: argparse.Namespace,
    bodies: list[dict[str, object]],
    knowledge: list[str],
) -> None:
    """Learn the knowledge's adapter, then serve without it and with it, back to back."""
    tenant = env.get("DRAFTER_TENANT", "default")
    kbs = [a for path in knowledge for a in ("--kb", path)]
    subprocess.run(
        [drafter, "tune", "retrieval", "--from-knowledge", *kbs, "--tenant", tenant, "--keep-worse"],
        env=env,
        check=True,
        capture_output=True,
    )
    untuned = _serve(drafter, {**env, "DRAFTER_QUERY_ADAPTER": "false"}, args, bodies)
    tuned = _serve(drafter, {**env, "DRAFTER_QUERY_ADAPTER": "true"}, args, bodies)
    print("without the knowledge's adapter")
    _report(untuned, args.clients)
    print("with the knowledge's adapter")
    _report(tuned, args.clients)
    for name, key in (("1 client", "single"), (f"{args.clients} clients", "loaded")):
        print(
            f"{name}: p95 with / without the adapter {tuned[key]['p95'] / untuned[key]['p95']:.2f}, "
            f"p50 {tuned[key]['p50'] / untuned[key]['p50']:.2f}"
        )


def _serve(
    drafter: str, env: dict[str, str], args: argparse.Namespace, bodies: list[dict[str, object]]
) -> dict[str, dict[str, float]]:
    """Serve the data dir, load it (one client, /healthz, then all clients), stop the server."""
    port = free_port()
    server = subprocess.Popen(
        [drafter, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        # Each ticket once, alone: what a freshly started server costs on first sight of each (its
        # passages' sentences not yet embedded); the runs after it measure the server warm.
        first = first_sight(base, bodies)
        single = load(base, bodies, "/v1/drafts", 1, min(15, args.seconds / 4))
        health = load(base, bodies, "/healthz", args.clients, min(10, args.seconds / 6))
        loaded = load(base, bodies, "/v1/drafts", args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"first": first, "single": single, "health": health, "loaded": loaded}


def first_sight(base: str, bodies: list[dict[str, object]]) -> dict[str, float]:
    """Every body drafted once, one after another: latency stats in ms."""
    latencies = []
    errors = 0
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as client:
        for body in bodies:
            sent = time.perf_counter()
            errors += client.post("/v1/drafts", json=body).status_code != 200
            latencies.append((time.perf_counter() - sent) * 1000)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / (time.perf_counter() - started),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "errors": errors,
    }


def _report(runs: dict[str, dict[str, float]], clients: int) -> None:
    single, health, loaded = runs["single"], runs["health"], runs["loaded"]
    for name, r in (
        ("first sight, 1 client", runs["first"]),
        ("1 client, drafts", single),
        (f"{clients} clients, /healthz", health),
        (f"{clients} clients, drafts", loaded),
    ):
        print(
            f"{name:24} {r['requests']:6.0f} req {r['rps']:7.1f} req/s  p50 {r['p50']:7.1f} ms  "
            f"p95 {r['p95']:7.1f} ms  p99 {r['p99']:7.1f} ms  errors {r['errors']:.0f}"
        )
    print(
        f"p95 ratio {clients} clients / 1 client: {loaded['p95'] / single['p95']:.2f}; "
        f"throughput ratio: {loaded['rps'] / single['rps']:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
