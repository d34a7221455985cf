"""The CLI: ingest and draft end to end, and one-line errors instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.embeddings import Embedder

FIXTURES = Path(__file__).parent / "fixtures"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_then_draft_json(capsys: pytest.CaptureFixture[str], embedder: Embedder) -> None:
    code, out, _ = run(["ingest", "knowledge", str(FIXTURES / "kb")], capsys)
    assert code == 0 and "5 added" in out
    code, out, _ = run(["ingest", "knowledge", str(FIXTURES / "kb")], capsys)
    assert "5 unchanged" in out and "0 chunks written" in out
    code, out, _ = run(["ingest", "history", str(FIXTURES / "customers.jsonl")], capsys)
    assert code == 0 and "2 customers" in out
    code, out, _ = run(
        ["draft", "--customer", "c-anna", "--ticket", "Can I ship to a PO box?", "--json"], capsys
    )
    assert code == 0
    draft = json.loads(out)
    assert "articles/shipping" in {c["doc_id"] for c in draft["citations"]}
    assert draft["text"].startswith("Hi Anna")


def test_ticket_file_and_explain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    run(["ingest", "knowledge", str(FIXTURES / "kb")], capsys)
    ticket = tmp_path / "t.json"
    ticket.write_text(json.dumps({"text": "How do I reset my password?", "subject": "Login"}))
    code, out, _ = run(["draft", "--ticket-file", str(ticket), "--explain"], capsys)
    assert code == 0
    assert "Retrieved" in out and "articles/password" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ingest", "knowledge", "missing-folder"], "no such file"),
        (["ingest", "history", "missing.jsonl"], "no such file"),
        (["draft", "--ticket", "   "], "empty"),
        (["draft", "--ticket-file", "missing.json"], "no such file"),
    ],
)
def test_bad_input_is_one_clear_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 1
    assert message in err
    assert "Traceback" not in err + out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["eval", "run", "--cases", "cases.jsonl"], "--kb"),
        (["draft", "--no-such-option"], "no-such-option"),
    ],
)
def test_usage_errors_name_the_option_without_a_traceback(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_malformed_ticket_file_names_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('{"subject": "no text"}')
    code, _, err = run(["draft", "--ticket-file", str(bad)], capsys)
    assert code == 1 and "text" in err
    bad.write_text("{oops")
    code, _, err = run(["draft", "--ticket-file", str(bad)], capsys)
    assert code == 1 and "not JSON" in err


def test_invalid_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DRAFTER_TOP_K", "0")
    code, _, err = run(["draft", "--ticket", "hi"], capsys)
    assert code == 1
    assert "DRAFTER_TOP_K" in err and "greater than or equal to 1" in err
