"""The eval harness end to end: run, reports, compare gates, calibrate, YAML expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.embeddings import Embedder

FIXTURES = Path(__file__).parent / "fixtures"
EVALS = FIXTURES / "evals"
REQUIRED = (
    "cases",
    "errors",
    "seconds",
    "citation_precision",
    "citation_recall",
    "citation_f1",
    "recall_at_5",
    "mrr",
    "rouge_l",
    "semantic_similarity",
    "tone",
    "resolution",
    "politeness",
    "empathy",
    "clarity",
    "grounded_claim_rate",
    "follow_up_rate",
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_run_writes_results_summary_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    out = tmp_path / "run"
    code, text = run(
        [
            "eval",
            "run",
            "--cases",
            str(EVALS / "cases.jsonl"),
            "--kb",
            str(FIXTURES / "kb"),
            "--out",
            str(out),
            "--grade-references",
        ],
        capsys,
    )
    assert code == 0, text
    summary = json.loads((out / "summary.json").read_text())
    metrics = summary["metrics"]
    assert set(REQUIRED) <= set(metrics)
    assert metrics["cases"] == 3 and metrics["errors"] == 0
    assert metrics["recall_at_5"] == 1.0, "each fixture question's document is retrieved"
    assert 0 < metrics["rouge_l"] <= 1 and 0 < metrics["citation_f1"] <= 1
    assert "politeness@3" in summary["graders"] and summary["backend"] == "offline"
    [shipped] = [f for f in summary["grader_files"] if f["grader"] == "politeness"]
    assert shipped["source"] == "shipped" and len(shipped["sha256"]) == 64, "a run records its grader files"
    assert "reference_metrics" in summary
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["case_id"] for r in rows] == ["c1", "c2", "c3"]
    assert all(g["explanation"] for g in rows[0]["grades"])
    personalization = {g["name"]: g for g in rows[0]["reference_grades"]}["personalization"]
    assert "no customer record" not in personalization["explanation"], "references see the same record"
    assert "leash" in rows[1]["draft"]
    report = (out / "report.html").read_text()
    assert "<svg" in report and "http" not in report.split("<body>")[1], "self-contained"
    assert "Worst cases" in (out / "report.md").read_text()


def test_compare_reports_deltas_and_fails_a_missed_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    a = tmp_path / "a"
    run(
        ["eval", "run", "--cases", str(EVALS / "cases.jsonl"), "--kb", str(FIXTURES / "kb"), "--out", str(a)],
        capsys,
    )
    b = tmp_path / "b"
    b.mkdir()
    # Run B: the same drafts with the citations dropped, as a regression would leave them.
    rows = [json.loads(line) for line in (a / "results.jsonl").read_text().splitlines()]
    for row in rows:
        row["retrieval"]["citation_f1"] = 0.0
    (b / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    summary = json.loads((a / "summary.json").read_text())
    summary["metrics"]["citation_f1"] = 0.0
    (b / "summary.json").write_text(json.dumps(summary))

    code, text = run(["eval", "compare", str(a), str(a), "--fail-under", "citation_f1=0.1"], capsys)
    assert code == 0, text
    code, text = run(["eval", "compare", str(a), str(b), "--fail-under", "citation_f1=0.1"], capsys)
    assert code == 1
    assert "citation_f1" in text and "gate missed" in text
    code, text = run(["eval", "compare", str(a), str(b), "--fail-under", "nonsense"], capsys)
    assert code == 1 and "METRIC=VALUE" in text


def test_yaml_expectations_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    out = tmp_path / "suite"
    code, text = run(
        [
            "eval",
            "run",
            "--cases",
            str(EVALS / "suite.yaml"),
            "--kb",
            str(FIXTURES / "kb"),
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 0, text
    rows = {r["case_id"]: r for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
    assert rows["y1"]["expectations"] == {
        "mentions 'leash'": True,
        "does not promise 'guarantee'": True,
        "applies solution_first": True,
    }
    assert rows["y2"]["expectations"] == {"mentions 'free replacement'": False}
    assert json.loads((out / "summary.json").read_text())["metrics"]["expectation_pass_rate"] == 0.75


def test_calibrate_correlates_a_grader_with_human_scores(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(
        ["eval", "calibrate", "--labels", str(EVALS / "politeness.jsonl"), "--grader", "politeness"], capsys
    )
    assert code == 0, text
    result = json.loads(text[text.index("{") : text.rindex("}") + 1])
    assert result["n"] == 6 and result["grader"] == "politeness@3"
    assert result["pearson"]["value"] > 0.6 and result["spearman"]["value"] > 0.6
    assert result["pearson"]["low"] <= result["pearson"]["value"] <= result["pearson"]["high"]
    assert result["auc"]["value"] == 1.0
    code, text = run(
        ["eval", "calibrate", "--labels", str(EVALS / "politeness.jsonl"), "--grader", "nope"], capsys
    )
    assert code == 1 and "unknown grader" in text


def test_llm_judge_and_llm_backend_against_an_openai_compatible_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, embedder: Embedder
) -> None:
    from drafter.config import get_settings
    from tests.llm_server import reply, running_server

    for server in running_server():
        monkeypatch.setenv("DRAFTER_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("DRAFTER_LLM_MODEL", "judge-model")
        get_settings.cache_clear()
        server.play(reply(json.dumps({"score": 4, "explanation": "courteous and on point"})))
        out = tmp_path / "judged"
        code, text = run(
            [
                "eval",
                "run",
                "--cases",
                str(EVALS / "cases.jsonl"),
                "--kb",
                str(FIXTURES / "kb"),
                "--out",
                str(out),
                "--judge",
                "llm",
                "--limit",
                "1",
            ],
            capsys,
        )
        assert code == 0, text
        summary = json.loads((out / "summary.json").read_text())
        assert summary["judge"] == "llm (openai:judge-model)" and summary["metrics"]["judge_errors"] == 0
        assert summary["metrics"]["politeness"] == 0.75 and summary["metrics"]["follow_up_rate"] == 0.75
        row = json.loads((out / "results.jsonl").read_text().splitlines()[0])
        assert any(g["grader"].startswith("llm-judge:politeness") for g in row["grades"])
        assert len(server.requests) == 6, "one request per judge prompt"

        server.play(
            reply(json.dumps({"reply": "Every device has a two-year limited warranty.", "cited_ids": ["P1"]}))
        )
        code, text = run(
            [
                "eval",
                "run",
                "--cases",
                str(EVALS / "cases.jsonl"),
                "--kb",
                str(FIXTURES / "kb"),
                "--out",
                str(tmp_path / "llm"),
                "--backend",
                "openai",
                "--limit",
                "1",
            ],
            capsys,
        )
        assert code == 0, text
        drafted = json.loads((tmp_path / "llm" / "results.jsonl").read_text().splitlines()[0])
        assert drafted["backend"] == "openai:judge-model" and drafted["citations"] == ["faq:warranty"]


def test_calibrate_reports_pass_fail_agreement_and_order_within_a_ticket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge = ["Unopened items can be returned within 30 days of delivery. Opened items can't be refunded."]
    ticket = "How long do I have to return an unopened lamp?"
    right = "Unopened items can be returned within 30 days of delivery."
    wrong = ["Unopened items can be returned within 60 days of delivery.", "Opened items can be refunded."]
    rows = []
    for i in range(3):
        group = f"t{i}"
        for text, label in ((right, 1), (wrong[i % 2], 0)):
            row = {"ticket": ticket, "knowledge": knowledge, "text": text, "label": label}
            rows.append({**row, "group": group})
    labels = tmp_path / "grounding.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, text = run(["eval", "calibrate", "--labels", str(labels), "--grader", "resolution"], capsys)
    assert code == 0, text
    result = json.loads(text[text.index("{") : text.rindex("}") + 1])
    assert result["within_group_auc"]["value"] == 1.0 and result["within_group_auc"]["groups"] == 3
    assert result["auc"]["value"] == 1.0 and {"kappa", "tpr", "tnr", "threshold"} <= set(result)

    labels.write_text(json.dumps(rows[0]) + "\n" + '{"text": "hi", "score": "high"}\n', encoding="utf-8")
    code, text = run(["eval", "calibrate", "--labels", str(labels), "--grader", "resolution"], capsys)
    assert code == 1 and f"{labels}:2: score" in text and "Traceback" not in text


def test_graders_fit_saves_a_better_grader_for_the_tenant_and_refuses_a_worse_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    from drafter.domain import Ticket
    from drafter.graders import GradeInput, load_graders

    polite = ["Thank you so much, could you please take a look when you have a moment?",
              "Thanks for your help! Would you mind checking the second part? I appreciate it.",
              "Hi, sorry to bother you, could you possibly explain this section? Thanks a lot."]  # fmt: skip
    rude = ["Why did you break it? Fix it now.", "This is wrong. Read the docs before you post.",
            "What is your problem? You obviously did not even try."]  # fmt: skip
    texts = [f"{t} ({i})" for i in range(8) for t in polite + rude]
    rows = [{"text": t, "score": 1.0 if t.rsplit(" (", 1)[0] in polite else -1.0} for t in texts]
    labels = tmp_path / "ours.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fit = ["graders", "fit", "--grader", "politeness", "--tenant", "acme", "--labels"]
    code, text = run([*fit, str(labels)], capsys)
    assert code == 0, text
    saved = tmp_path / "data" / "graders" / "acme" / "politeness.json"
    assert saved.is_file() and "saved politeness@4" in text
    # Labels that are the shipped grader's own scores: nothing fitted agrees with them better.
    shipped = load_graders()
    own = [shipped.part("politeness", GradeInput(ticket=Ticket(text=t), reply=t)).score for t in texts]
    echo = tmp_path / "echo.jsonl"
    echoed = [{"text": t, "score": s} for t, s in zip(texts, own, strict=True)]
    echo.write_text("".join(json.dumps(r) + "\n" for r in echoed))
    code, text = run(["graders", "fit", "--grader", "politeness", "--labels", str(echo)], capsys)
    assert code == 1 and "not saved" in text
    assert not (tmp_path / "data" / "graders" / "default" / "politeness.json").exists()


def test_label_rows_may_carry_part_scores_beside_the_score(tmp_path: Path) -> None:
    from drafter.graders.labels import load_labels

    rows = [
        {"context": f"post {i}", "text": f"reply {i}", "score": i, "label": {"interpretations": i % 3}}
        for i in range(4)
    ]
    path = tmp_path / "mechanisms.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    loaded = load_labels(path)
    assert [r.human() for r in loaded] == [0, 1, 2, 3] and loaded[2].parts == {"interpretations": 2}
    assert loaded[1].ticket == "post 1"
