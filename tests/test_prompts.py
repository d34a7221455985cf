"""Every prompt file parses and renders with a sample context; refs carry content hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import ConfigError, PromptRenderError
from drafter.principles import PRINCIPLES
from drafter.prompts import PrincipleSpec, PromptStore, TemplateSpec

PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
SAMPLE = {
    "ticket": {"subject": "Lamp", "text": "My lamp flickers."},
    "conversation": [{"role": "customer", "text": "Hello"}],
    "history": [{"id": "H1", "text": "Earlier ticket"}],
    "customer_facts": ["name: Dana"],
    "knowledge": [{"id": "P1", "title": "Lamp help", "text": "Update the firmware."}],
    "principles": [
        {
            "name": "empathy",
            "reason": "upset",
            "instructions": "Acknowledge.",
            "good_example": "good",
            "bad_example": "bad",
        }
    ],
    "language": "English",
    "draft": "Hi Dana, update the firmware.",
    "reference": "Update the firmware, Dana.",
    "error": "not JSON",
    "examples": [{"text": "Hi, returns are free within 30 days."}],
}


def test_every_prompt_file_renders_with_a_sample_context() -> None:
    store = PromptStore(PROMPTS)
    files = store.files()
    assert len(files) >= 20
    for prompt in files:
        if isinstance(prompt.spec, TemplateSpec):
            missing = set(prompt.spec.variables) - set(SAMPLE)
            assert not missing, (prompt.name, missing)
        text, ref = store.render(prompt.name, prompt.version, **SAMPLE)
        assert text.strip(), prompt.name
        assert ref.version == prompt.version and len(ref.sha256) == 12


def test_every_principle_has_a_prompt_file_with_examples() -> None:
    store = PromptStore(PROMPTS)
    for name in PRINCIPLES:
        spec = store.principle(name).spec
        assert isinstance(spec, PrincipleSpec) and spec.good_example and spec.bad_example


def test_a_missing_variable_is_an_error_not_a_blank(tmp_path: Path) -> None:
    store = PromptStore(PROMPTS)
    with pytest.raises(PromptRenderError):
        store.render("draft", language="English")


def test_a_file_whose_version_disagrees_with_its_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "v2.yaml").write_text("name: draft\nversion: 1\ndescription: x\ntemplate: hi\n")
    with pytest.raises(ConfigError, match="declares"):
        PromptStore(tmp_path)


def _published() -> dict[tuple[str, int], str]:
    lines = (PROMPTS / "published.txt").read_text().splitlines()
    entries = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    return {(name, int(version.removeprefix("v"))): sha for name, version, sha in entries}


def test_a_published_prompt_never_changes() -> None:
    published = _published()
    for prompt in PromptStore(PROMPTS).files():
        key = (prompt.name, prompt.version)
        assert key in published, (
            f"{prompt.name} v{prompt.version} is new: add its line to prompts/published.txt"
        )
        assert published[key] == prompt.sha256, (
            f"{prompt.name} v{prompt.version} changed after publishing; add v{prompt.version + 1} instead"
        )
    on_disk = {(p.name, p.version) for p in PromptStore(PROMPTS).files()}
    assert set(published) <= on_disk, "a published prompt file was deleted"


def test_refs_pin_the_version_and_the_content(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "v1.yaml").write_text("name: draft\nversion: 1\ndescription: x\ntemplate: Hi {{ who }}\n")
    (folder / "v2.yaml").write_text("name: draft\nversion: 2\ndescription: x\ntemplate: Hello {{ who }}\n")
    assert PromptStore(tmp_path).render("draft", who="Dana") == (
        "Hello Dana",
        PromptStore(tmp_path).get("draft", 2).ref,
    )
    pinned = PromptStore(tmp_path, pins={"draft": 1})
    text, ref = pinned.render("draft", who="Dana")
    assert text == "Hi Dana" and ref.version == 1
    before = ref.sha256
    (folder / "v1.yaml").write_text("name: draft\nversion: 1\ndescription: x\ntemplate: Yo {{ who }}\n")
    assert PromptStore(tmp_path, pins={"draft": 1}).get("draft").ref.sha256 != before
    with pytest.raises(ConfigError, match="no version 3"):
        PromptStore(tmp_path, pins={"draft": 3})
