"""The runtime parses the phrase bank once and reads it again when the file or the folder changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from drafter.config import load_settings
from drafter.embeddings import Embedder
from drafter.runtime import Runtime

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_the_phrase_bank_is_parsed_once_and_again_when_it_changes(tmp_path: Path, embedder: Embedder) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(REPO_ROOT / "prompts", prompts)
    runtime = Runtime(load_settings(data_dir=tmp_path / "data", prompts_dir=prompts))
    runtime.__dict__["embedder"] = embedder
    first = runtime.offline_composer().phrases
    assert runtime.offline_composer().phrases is first, "the same parse serves every draft"

    newest = max((prompts / "phrases").glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    newest.write_text(newest.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    later = newest.stat().st_mtime + 5
    os.utime(newest, (later, later))
    edited = runtime.offline_composer().phrases
    assert edited.version == first.version and edited.sha256 != first.sha256

    added = newest.with_name(f"v{first.version + 1}.yaml")
    text = newest.read_text(encoding="utf-8")
    added.write_text(
        text.replace(f"version: {first.version}", f"version: {first.version + 1}", 1), encoding="utf-8"
    )
    assert runtime.offline_composer().phrases.version == first.version + 1
