"""Feedback analytics: edit kinds, acceptance by group, the API view and the HTML report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.feedback.edits import edit_categories, edit_distance
from drafter.runtime import Runtime
from tests.api_server import Api, running_api

DRAFT = (
    "Hi Sam,\n\nWe will refund the full price, guaranteed. Standard shipping takes 3 to 5 days.\n\nThanks,"
)


def test_edit_distance_is_zero_for_the_same_text_and_grows_with_changes() -> None:
    assert edit_distance(DRAFT, DRAFT + "  ") == 0.0
    small = edit_distance(DRAFT, DRAFT.replace("Sam", "Sammy"))
    large = edit_distance(DRAFT, "Sorry, no.")
    assert 0 < small < 0.1 < large <= 1


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("Hi Sam,\n\nI'm sorry for the trouble. " + DRAFT.split("\n\n", 1)[1], {"empathy_added"}),
        (
            "Hi Sam, shipping takes 3 to 5 days. Let me know!",
            {"promise_removed", "shortened", "follow_up_added"},
        ),
        (DRAFT + "\n\n1. Open the app.\n2. Tap Orders.", {"steps_added"}),
        (DRAFT.replace("3 to 5", "7 to 9"), {"facts_changed"}),
    ],
)
def test_edit_kinds(sent: str, expected: set[str]) -> None:
    assert set(edit_categories(DRAFT, sent)) == expected


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    with running_api(runtime) as running:
        yield running


def test_analytics_over_real_feedback(api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with api.client(api.key_a) as client:
        client.put(
            "/v1/knowledge/documents/ship", json={"title": "Shipping", "text": "Shipping takes 3 to 5 days."}
        )
        ids = [
            client.post("/v1/drafts", json={"text": f"How long does shipping take, {n}?"}).json()
            for n in range(3)
        ]
        client.post(f"/v1/drafts/{ids[0]['id']}/feedback", json={"outcome": "accepted"})
        edited = "I'm sorry for the wait! " + ids[1]["text"]
        client.post(f"/v1/drafts/{ids[1]['id']}/feedback", json={"outcome": "edited", "final_text": edited})
        client.post(f"/v1/drafts/{ids[2]['id']}/feedback", json={"outcome": "rejected", "reason": "wrong"})
        data = client.get("/v1/analytics").json()
        assert client.get("/v1/analytics", params={"since": "2999-01-01"}).json()["overall"]["drafts"] == 0
        assert client.get("/v1/analytics", params={"since": "yesterday"}).status_code == 422
    overall = data["overall"]
    assert overall["drafts"] == 3 and overall["with_feedback"] == 3
    assert overall["acceptance_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert 0 < overall["mean_edit_distance"] < 0.5
    assert data["edit_categories"] == {"empathy_added": 1}
    assert data["principles_behind_edits"] == {"empathy": 1}
    assert data["by_backend"]["offline"]["drafts"] == 3
    assert "solution_first" in data["by_principle"] and len(data["by_week"]) == 1

    # The CLI reads the same data dir as the server (the test settings point both at it).
    try:
        main(["report", "feedback", "--tenant", "acme", "--out", str(tmp_path / "report")])
    except SystemExit as exc:
        assert not exc.code
    out = capsys.readouterr().out
    assert "3 drafts, 3 with feedback" in out
    html = (tmp_path / "report" / "report.html").read_text()
    assert html.count("<svg") >= 3 and "Pareto" in html

    # Replay: the accepted and the edited draft become cases; the rejected one does not.
    try:
        main(["eval", "export-feedback", "--tenant", "acme", "--out", str(tmp_path / "replay.jsonl")])
    except SystemExit as exc:
        assert not exc.code
    from drafter.evals.cases import load_cases

    cases = load_cases(tmp_path / "replay.jsonl")
    assert sorted(c.reference or "" for c in cases) == sorted([ids[0]["text"], edited])
    assert all(c.relevant_doc_ids == ["ship"] for c in cases)
