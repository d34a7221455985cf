"""Bad input tried as an attacker would: limits that bound the work, odd ids, invisible text,
forged log lines, and one-line CLI errors for databases and files that cannot be read."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from drafter.api import create_app
from drafter.api.logs import configure_logging
from drafter.cli import main
from drafter.config import get_settings
from drafter.runtime import Runtime
from drafter.store import DraftStore

KB = {"title": "Shipping times", "text": "Standard shipping takes 3 to 5 business days."}


def _client(runtime: Runtime, **settings: object) -> TestClient:
    runtime.settings = runtime.settings.model_copy(update={"auth": "off", **settings})
    return TestClient(create_app(runtime.settings, runtime))


def test_graders_and_the_response_see_only_the_truncated_ticket(runtime: Runtime) -> None:
    with _client(runtime, max_ticket_chars=2_000) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        response = client.post("/v1/drafts", json={"text": "a" * 100_000})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(response.content) < 20_000, "no field echoes the 100,000-character input"
    assert all(len(s["explanation"]) <= 600 for s in body["scorecard"])
    assert any(w["code"] == "ticket_truncated" for w in body["warnings"])
    stored = DraftStore(runtime.engine, tenant=runtime.settings.tenant).get(body["id"])
    assert len(stored.ticket.text) == 2_000, "what was graded and stored is what was drafted"
    timings = body["timings"]
    assert timings["grade_ms"] > 0
    assert timings["total_ms"] >= timings["retrieve_ms"] + timings["compose_ms"] + timings["grade_ms"] - 0.05


@pytest.mark.parametrize("text", ["\x00\x00", "\u200b\u200b\u200d", " \u2060\ufeff\n"])
def test_text_of_only_nuls_or_zero_width_characters_is_refused_as_empty(
    runtime: Runtime, text: str
) -> None:
    with _client(runtime) as client:
        response = client.post("/v1/drafts", json={"text": text})
        streamed = client.post("/v1/drafts", json={"text": text, "stream": True})
    assert response.status_code == 422 and response.json()["error"] == "empty_ticket"
    assert streamed.status_code == 422


def test_document_ids_with_a_slash_are_written_read_and_deleted(runtime: Runtime) -> None:
    with _client(runtime) as client:
        assert client.put("/v1/knowledge/documents/faq/shipping", json=KB).json()["status"] == "added"
        read = client.get("/v1/knowledge/documents/faq/shipping")
        assert read.status_code == 200 and read.json()[0]["doc_id"] == "faq/shipping"
        assert "faq/shipping" in [d["doc_id"] for d in client.get("/v1/knowledge/documents").json()]
        assert client.delete("/v1/knowledge/documents/faq/shipping").status_code == 204
        assert client.get("/v1/knowledge/documents/faq/shipping").status_code == 404


def test_blank_document_text_is_refused_and_never_deletes_the_stored_document(runtime: Runtime) -> None:
    with _client(runtime) as client:
        client.put("/v1/knowledge/documents/shipping", json=KB)
        for text in ["   \n ", "\u200b"]:
            refused = client.put("/v1/knowledge/documents/shipping", json={"title": "t", "text": text})
            assert refused.status_code == 422 and "no text" in refused.json()["message"]
        batch = client.post(
            "/v1/knowledge/documents:batch", json={"documents": [{"doc_id": "x", "title": "t", "text": " "}]}
        )
        assert batch.status_code == 422
        assert client.get("/v1/knowledge/documents/shipping").status_code == 200


def test_a_line_break_in_the_request_path_cannot_forge_a_log_line(
    runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("text", "INFO")
    try:
        with _client(runtime) as client:
            client.get("/v1/nothing%0A2026-01-01 00:00:00,000 INFO drafter.api [-] GET /admin 200")
        err = capsys.readouterr().err
    finally:
        for name in ("drafter", "uvicorn", "uvicorn.error"):
            logging.getLogger(name).handlers = []
            logging.getLogger(name).propagate = True
    lines = [line for line in err.splitlines() if "GET /v1/nothing" in line]
    assert lines and "\\n2026-01-01" in lines[0]
    assert not any(line.startswith("2026-01-01 00:00:00,000") for line in err.splitlines())


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.timeout(120)  # before the fix, `serve` started and never returned
@pytest.mark.parametrize(
    "argv",
    [
        ["keys", "list"],
        ["keys", "create", "--tenant", "acme"],
        ["report", "feedback", "--out", "report"],
        ["ingest", "history", "customers.jsonl"],
        ["serve", "--port", "9"],
    ],
)
def test_a_database_that_cannot_be_opened_is_one_line_naming_it(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "customers.jsonl").write_text('{"customer_id": "c1", "profile": {}, "events": []}\n')
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("DRAFTER_DATABASE_URL", f"sqlite:///{tmp_path / 'not-a-folder' / 'drafter.db'}")
    code, _, err = run(argv, capsys)
    assert code == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "not-a-folder" in err


def test_a_read_only_database_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["keys", "list"], capsys)[0] == 0  # creates the database
    database = get_settings().resolved_database_url.removeprefix("sqlite:///")
    monkeypatch.setenv("DRAFTER_DATABASE_URL", f"sqlite:///file:{database}?mode=ro&uri=true")
    get_settings.cache_clear()
    code, _, err = run(["keys", "create", "--tenant", "acme"], capsys)
    assert code == 1 and "Traceback" not in err
    assert "readonly" in err and "DRAFTER_DATABASE_URL" in err, err


def test_one_file_that_is_not_utf8_does_not_stop_a_folder_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: object
) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "shipping.md").write_text("# Shipping\n\nStandard shipping takes 3 to 5 business days.\n")
    (folder / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me\nNot UTF-8 at all.".encode("latin-1"))
    code, out, err = run(["ingest", "knowledge", str(folder), "--on-error", "skip"], capsys)
    assert code == 0 and "1 added" in out
    assert "latin1.txt" in err and "not UTF-8" in err
    code, _, err = run(["ingest", "knowledge", str(folder), "--on-error", "stop"], capsys)
    assert code == 1 and "not UTF-8" in err


def test_demo_keeps_its_skipped_lines_report_past_a_line_without_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: object
) -> None:
    tickets = tmp_path / "tickets.jsonl"
    lines = [
        {"ticket_id": "t1", "text": "How long does shipping take?"},
        {"ticket_id": "t2", "subject": "no text here"},
        "not json",
        {"ticket_id": "t3", "text": "\u200b"},
        {"ticket_id": "t4", "text": "Can I return a lamp?"},
    ]
    tickets.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    code, out, _ = run(["demo", str(tickets)], capsys)
    assert code == 0
    assert "Draft for t1" in out and "Draft for t4" in out
    skipped = [line for line in out.splitlines() if line.startswith("skipped")]
    assert [s.split(":")[1] for s in skipped] == ["2", "3", "4"], skipped


def test_ingest_history_refuses_an_empty_customer_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: object
) -> None:
    customers = tmp_path / "customers.jsonl"
    rows = [
        {"customer_id": "", "profile": {"name": "Nobody"}, "events": [{"text": "hi"}]},
        {"customer_id": "  ", "profile": {}, "events": []},
        {"customer_id": "c-1", "profile": {"name": "Ann"}, "events": [{"text": "hello"}]},
    ]
    customers.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    code, out, err = run(["ingest", "history", str(customers)], capsys)
    assert code == 0 and "1 customers" in out
    assert err.count("empty customer_id") == 2
    code, _, err = run(["ingest", "history", str(customers), "--on-error", "stop"], capsys)
    assert code == 1 and "empty customer_id" in err
