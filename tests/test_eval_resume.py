"""Eval runs survive interruption and bad case lines: resume without redoing, skip with line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.evals.cases import load_cases
from drafter.evals.runner import RunOptions, run_eval
from drafter.ingest.loaders import LoadProblems
from drafter.runtime import Runtime

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "evals" / "cases.jsonl"


class Interrupted(KeyboardInterrupt):
    """What Ctrl-C raises in the main thread, thrown after some cases are finished."""


def rows_of(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line]


def test_an_interrupted_run_resumes_without_redoing_finished_cases(tmp_path: Path, runtime: Runtime) -> None:
    cases = load_cases(CASES)
    out = tmp_path / "run"
    finished = 0

    def stop_after_two(n: int) -> None:
        nonlocal finished
        finished += n
        if finished >= 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]), on_progress=stop_after_two)
    before = {r["case_id"]: r for r in rows_of(out)}
    assert len(before) == 2 and not (out / "summary.json").exists()
    with (out / "results.jsonl").open("a") as sink:
        sink.write('{"case_id": "c3", "draft": "cut off by the ki')  # a line the kill left half-written

    summary = run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]))
    assert summary.resumed == 2 and summary.metrics["cases"] == 3
    after = rows_of(out)
    assert [r["case_id"] for r in after] == ["c1", "c2", "c3"], "case order, one row each"
    for row in after:
        if row["case_id"] in before:
            assert row == before[row["case_id"]], "a finished case is reused, not drafted again"

    fresh = run_eval(runtime, cases, tmp_path / "fresh", RunOptions(kb=[FIXTURES / "kb"]))
    assert fresh.resumed == 0
    strip = {"seconds"}
    assert {k: v for k, v in fresh.metrics.items() if k not in strip} == {
        k: v for k, v in summary.metrics.items() if k not in strip
    }, "resumed and uninterrupted runs score the same"


def test_a_run_with_other_settings_starts_over(tmp_path: Path, runtime: Runtime) -> None:
    cases = load_cases(CASES)[:2]
    out = tmp_path / "run"
    run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]))
    again = run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]))
    assert again.resumed == 2
    other = run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"], grade_references=True))
    assert other.resumed == 0 and all("reference_grades" in r for r in rows_of(out))


def test_rows_of_an_older_format_start_the_folder_over(tmp_path: Path, runtime: Runtime) -> None:
    cases = load_cases(CASES)[:2]
    out = tmp_path / "run"
    run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]))
    rows = rows_of(out)
    rows[0]["grades"] = [{"name": "tone", "value": 0.9}]  # a shape this version cannot read
    (out / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    again = run_eval(runtime, cases, out, RunOptions(kb=[FIXTURES / "kb"]))
    assert again.resumed == 0 and again.started_over and "results.jsonl:1" in again.started_over
    assert all(r["grades"][0]["name"] == "tone" and "score" in r["grades"][0] for r in rows_of(out))


def test_malformed_case_lines_are_skipped_with_their_line_numbers(tmp_path: Path) -> None:
    good = CASES.read_text().splitlines()
    path = tmp_path / "cases.jsonl"
    path.write_text(
        "\n".join([good[0], "{not json", '{"case_id": "x9"}', good[1], good[0]]) + "\n", encoding="utf-8"
    )
    problems = LoadProblems()
    cases = load_cases(path, problems)
    assert [c.case_id for c in cases] == ["c1", "c2"]
    assert len(problems.items) == 3
    assert problems.items[0].startswith(f"{path}:2: malformed JSON line")
    assert problems.items[1].startswith(f"{path}:3: not an eval case")
    assert problems.items[2] == f"{path}:5: duplicate case_id 'c1'"


def test_a_missing_knowledge_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: object
) -> None:
    from drafter.cli import main

    with pytest.raises(SystemExit) as exit_info:
        missing = str(tmp_path / "nope.jsonl")
        main(["eval", "run", "--cases", str(CASES), "--kb", missing, "--out", str(tmp_path / "out")])
    assert exit_info.value.code != 0
    err = capsys.readouterr()
    assert "nope.jsonl" in err.out + err.err and "Traceback" not in err.out + err.err
