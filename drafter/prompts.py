"""Find, validate and render versioned prompt files (Jinja, StrictUndefined) -> PromptRef."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.domain import PromptRef
from drafter.errors import ConfigError, PromptRenderError, UnknownPrincipleError

# Folders under prompts/ that hold other kinds of data (the offline composer's phrase bank).
_NOT_PROMPTS = frozenset({"phrases"})
_VERSION_FILE = re.compile(r"^v(\d+)\.ya?ml$")


class PrincipleSpec(BaseModel):
    """A principle prompt: what it is, when it applies, and how to write with it."""

    model_config = ConfigDict(extra="forbid")

    principle: str
    """Principle name, the folder name under prompts/principles/."""
    version: int = Field(ge=1)
    """Version; a published version never changes meaning."""
    description: str
    """One line on what the principle is."""
    applies_when: str
    """The ticket signals that make it matter."""
    instructions: str
    """What the drafter must do (Jinja template)."""
    good_example: str
    """A reply fragment that applies it well."""
    bad_example: str
    """A reply fragment that fails it."""


class TemplateSpec(BaseModel):
    """A system, draft, rewrite, repair or judge prompt: one Jinja template."""

    model_config = ConfigDict(extra="forbid")

    name: str
    """Prompt name, its folder path under prompts/, e.g. judges/empathy."""
    version: int = Field(ge=1)
    """Version; a published version never changes meaning."""
    description: str
    """What the prompt is for."""
    variables: list[str] = Field(default_factory=list)
    """Context keys the template needs."""
    template: str
    """The Jinja template."""


@dataclass(frozen=True)
class PromptFile:
    """One parsed prompt file and its content hash."""

    name: str
    version: int
    path: Path
    spec: PrincipleSpec | TemplateSpec
    sha256: str

    @property
    def ref(self) -> PromptRef:
        """The reference a Draft records."""
        return PromptRef(name=self.name, version=self.version, sha256=self.sha256[:12])


_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


@lru_cache(maxsize=256)
def _compile(source: str) -> jinja2.Template:
    """A template compiled once per distinct text (every draft renders the same few)."""
    return _ENV.from_string(source)


def _parse(path: Path, name: str) -> PromptFile:
    """Read and validate one prompt file."""
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
        spec: PrincipleSpec | TemplateSpec = (
            PrincipleSpec.model_validate(data)
            if name.startswith("principles/")
            else TemplateSpec.model_validate(data)
        )
    except (yaml.YAMLError, UnicodeDecodeError, ValidationError) as exc:
        raise ConfigError(f"prompt file {str(path)!r} is invalid: {exc}") from exc
    declared = f"principles/{spec.principle}" if isinstance(spec, PrincipleSpec) else spec.name
    match = _VERSION_FILE.match(path.name)
    if declared != name or match is None or int(match.group(1)) != spec.version:
        raise ConfigError(
            f"prompt file {str(path)!r} declares {declared!r} v{spec.version}; "
            f"its path says {name!r} {path.stem}"
        )
    return PromptFile(name, spec.version, path, spec, hashlib.sha256(raw).hexdigest())


class PromptStore:
    """All prompt files under a folder, by name and version."""

    def __init__(self, prompts_dir: Path, *, pins: Mapping[str, int] | None = None) -> None:
        self.prompts_dir = Path(prompts_dir)
        self.pins = dict(pins or {})
        self._files: dict[str, dict[int, PromptFile]] = {}
        if not self.prompts_dir.is_dir():
            raise ConfigError(f"prompts folder {str(self.prompts_dir)!r} does not exist")
        for path in sorted(self.prompts_dir.rglob("v*.y*ml")):
            parts = path.relative_to(self.prompts_dir).parent.parts
            if not parts or parts[0] in _NOT_PROMPTS or not _VERSION_FILE.match(path.name):
                continue
            name = "/".join(parts)
            loaded = _parse(path, name)
            self._files.setdefault(name, {})[loaded.version] = loaded
        for name, version in self.pins.items():
            self.get(name, version)  # a pin to a missing file fails at startup, not mid-draft

    def names(self) -> list[str]:
        """Every prompt name, sorted."""
        return sorted(self._files)

    def files(self) -> list[PromptFile]:
        """Every prompt file, every version."""
        return [f for name in self.names() for _, f in sorted(self._files[name].items())]

    def get(self, name: str, version: int | None = None) -> PromptFile:
        """A prompt file: the pinned version, else the given one, else the highest."""
        versions = self._files.get(name)
        if not versions:
            error = UnknownPrincipleError if name.startswith("principles/") else ConfigError
            raise error(f"no prompt file for {name!r} under {str(self.prompts_dir)!r}")
        wanted = version or self.pins.get(name) or max(versions)
        if wanted not in versions:
            raise ConfigError(f"prompt {name!r} has no version {wanted!r} (have {sorted(versions)})")
        return versions[wanted]

    def principle(self, principle: str, version: int | None = None) -> PromptFile:
        """The prompt file of one principle."""
        return self.get(f"principles/{principle}", version)

    def render(self, name: str, version: int | None = None, **context: Any) -> tuple[str, PromptRef]:
        """Render a prompt with a context; principle files render their instructions."""
        prompt = self.get(name, version)
        source = prompt.spec.instructions if isinstance(prompt.spec, PrincipleSpec) else prompt.spec.template
        try:
            text = _compile(source).render(**context)
        except jinja2.TemplateError as exc:
            raise PromptRenderError(f"prompt {name!r} v{prompt.version} failed to render: {exc}") from exc
        return text.strip(), prompt.ref
