"""The hand-written suites: every case loads, ids are unique, and the dev/sealed split is the hash's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.domain import Draft, DraftWarning, Ticket
from drafter.evals.cases import EvalCase, Expectations, load_cases, load_yaml_cases
from drafter.evals.scoring import expectation_results, opening_sentence
from tests.conftest import REPO_ROOT

CASES = REPO_ROOT / "evals" / "cases"
ABCD_CASES = CASES / "abcd"


def split_of(case_id: str) -> str:
    """The documented split: an even sha256 of the case id is dev, an odd one sealed."""
    return "dev" if int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % 2 == 0 else "sealed"


def suites() -> list[Path]:
    return sorted([*CASES.glob("*.yaml"), *ABCD_CASES.glob("*.yaml")])


def test_every_suite_loads_with_unique_ids() -> None:
    ids = [c.case_id for path in suites() for c in load_yaml_cases(path)]
    assert len(ids) == len(set(ids)), "a case id names one case across all suites"
    assert len(ids) >= 100


@pytest.mark.parametrize("part", ["dev", "sealed"])
def test_dev_and_sealed_parts_follow_the_hash(part: str) -> None:
    files = [p for p in suites() if p.stem.endswith(part)]
    assert len(files) == 2, "help centre and ABCD each have a dev and a sealed part"
    for path in files:
        for case in load_yaml_cases(path):
            assert split_of(case.case_id) == part, f"{case.case_id} belongs in the other part"


def test_the_folder_run_holds_the_help_centre_suites_only() -> None:
    """`--cases evals/cases` runs over the sample knowledge; ABCD cases need their own --kb."""
    ids = {c.case_id for c in load_cases(CASES)}
    assert not any(i.startswith("abcd-") for i in ids)
    assert {c.case_id for c in load_yaml_cases(CASES / "help-center-dev.yaml")} <= ids


def _draft(text: str, warnings: tuple[str, ...] = ()) -> Draft:
    return Draft(id="d", text=text, warnings=[DraftWarning(code=c, message=c) for c in warnings])


def test_expectation_kinds_check_the_draft() -> None:
    case = EvalCase(
        case_id="x",
        ticket=Ticket(text="My plug smells of burning!"),
        expect=Expectations(
            must_mention_any=["unplug", "switch off"],
            must_not_contain=["2.4 GHz"],
            opens_with_any=["unplug"],
            no_markdown=True,
            must_warn=["knowledge_gap"],
            must_not_warn=["unknown_customer"],
            max_words=30,
        ),
    )
    good = _draft("Hi Ana,\n\nPlease unplug the plug now and do not use it.\n\nBest,", ("knowledge_gap",))
    assert all(expectation_results(case, good).values()), expectation_results(case, good)
    bad = _draft("Hi Ana, thanks for reaching out.\n\nSorry. Tap **Add device** on 2.4 GHz, then unplug it.")
    results = expectation_results(case, bad)
    assert results == {
        "mentions one of ['unplug', 'switch off']": True,
        "does not say '2.4 GHz'": False,
        "opens with one of ['unplug']": False,
        "plain text": False,
        "warns knowledge_gap": False,
        "does not warn unknown_customer": True,
        "at most 30 words": True,
    }


def test_the_opening_sentence_skips_the_greeting_only() -> None:
    opening = opening_sentence("Hola Lucía, gracias por escribirnos.\n\nDesenchúfalo ahora.")
    assert opening == "Desenchúfalo ahora."
    assert opening_sentence("Gentile Marco, grazie per averci contattato.\n\nStacchi la spina.") == (
        "Stacchi la spina."
    )
    assert opening_sentence("Olá, Ana! Agradecemos o seu contato.\n\nDesligue o aparelho.") == (
        "Desligue o aparelho."
    )
    assert opening_sentence("I'm sorry about this. Unplug it now.") == "I'm sorry about this."


def test_abcd_suite_runs_where_its_knowledge_is(
    datasets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = datasets / "abcd_kb.jsonl"
    if not kb.is_file():
        pytest.skip("abcd_kb.jsonl is not present")
    out = tmp_path / "abcd"
    main(["eval", "run", "--cases", str(ABCD_CASES / "dev.yaml"), "--kb", str(kb),
          "--customers", str(ABCD_CASES / "customers.jsonl"), "--out", str(out)])
    capsys.readouterr()
    metrics = json.loads((out / "summary.json").read_text())["metrics"]
    assert metrics["cases"] == len(load_yaml_cases(ABCD_CASES / "dev.yaml")) and metrics["errors"] == 0
