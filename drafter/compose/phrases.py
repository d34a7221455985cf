"""The composer's phrase bank: versioned YAML under prompts/phrases/, picked per ticket by hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from drafter.errors import ConfigError, PromptRenderError

_VERSION_FILE = re.compile(r"^v(\d+)\.ya?ml$")
# The repo's own bank, used when no prompts folder is configured (e.g. library use).
DEFAULT_PHRASES_DIR = Path(__file__).resolve().parents[2] / "prompts" / "phrases"


class PhraseFile(BaseModel):
    """The schema of one phrase-bank file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    version: int
    description: str
    phrases: dict[str, list[str]]
    languages: dict[str, dict[str, list[str]]] = {}
    """The same keys in other languages (ISO 639-1 code), for replies in the customer's language."""


@dataclass(frozen=True)
class Pick:
    """One phrase written into a reply: which key, the template chosen, and what filled it."""

    key: str
    template: str
    values: dict[str, str]
    text: str


@dataclass(frozen=True)
class PhraseBank:
    """Phrase variants by key; `pick` is deterministic for a given seed."""

    version: int
    phrases: dict[str, list[str]]
    sha256: str
    languages: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    language: str = "en"
    preferred: dict[str, frozenset[str]] = field(default_factory=dict)
    """A team's style: per key, the variants to choose among (others are left out)."""

    def with_preferred(self, preferred: dict[str, frozenset[str]]) -> PhraseBank:
        """The bank choosing only among the preferred variants, where it still has any of them."""
        return replace(self, preferred=preferred)

    def in_language(self, code: str) -> PhraseBank:
        """The bank speaking `code` where it has the lines, English where it has not."""
        own = self.languages.get(code)
        if not own:
            return self
        return replace(self, phrases={**self.phrases, **own}, language=code)

    def pick(self, key: str, seed: str, **values: str) -> str:
        """One variant of `key`, chosen by a hash of the seed, with its placeholders filled."""
        return self.choose(key, seed, **values).text

    def choose(self, key: str, seed: str, **values: str) -> Pick:
        """The variant of `key` a hash of the seed chooses, filled, with what was chosen."""
        variants = self.phrases.get(key)
        if not variants:
            raise PromptRenderError(f"phrase bank v{self.version} has no phrase {key!r}")
        wanted = self.preferred.get(key)
        if wanted:
            # A style learned on an older bank may name lines this one dropped: then all may serve.
            variants = [v for v in variants if v in wanted] or variants
        digest = hashlib.sha256(f"{key}\x00{seed}".encode()).digest()
        template = variants[int.from_bytes(digest[:4], "big") % len(variants)]
        try:
            text = template.format(**values)
        except KeyError as exc:
            raise PromptRenderError(f"phrase {key!r} needs the value {exc.args[0]!r}") from exc
        return Pick(key, template, dict(values), text)


@dataclass
class Voice:
    """The phrases of one reply: the bank in the reply's language, seeded by the ticket (the same
    ticket always reads the same, different tickets vary), keeping every phrase it wrote."""

    bank: PhraseBank
    seed: str
    picks: list[Pick] = field(default_factory=list)

    def pick(self, key: str, **values: str) -> str:
        """One variant of `key`, filled, recorded as written into this reply."""
        chosen = self.bank.choose(key, self.seed, **values)
        self.picks.append(chosen)
        return chosen.text

    def has(self, key: str) -> bool:
        """The bank has the line `key` (older banks lack some)."""
        return key in self.bank.phrases


def load_phrase_bank(folder: Path | None = None, *, version: int | None = None) -> PhraseBank:
    """Load the highest (or the given) version of the phrase bank from a folder.

    Raises:
        ConfigError: the folder has no phrase file, or the file is not a valid phrase bank.
    """
    return read_phrase_bank(phrase_bank_file(folder, version=version))


def phrase_bank_file(folder: Path | None = None, *, version: int | None = None) -> Path:
    """The file of the highest (or the given) version of the phrase bank in a folder.

    Raises:
        ConfigError: the folder has no phrase file, or not that version.
    """
    folder = folder if folder is not None else DEFAULT_PHRASES_DIR
    versions = {
        int(m.group(1)): path
        for path in (folder.iterdir() if folder.is_dir() else [])
        if (m := _VERSION_FILE.match(path.name))
    }
    if not versions:
        raise ConfigError(f"no phrase bank (v<N>.yaml) in {str(folder)!r}")
    chosen = version if version is not None else max(versions)
    if chosen not in versions:
        raise ConfigError(f"phrase bank version {chosen!r} not found in {str(folder)!r}")
    return versions[chosen]


def read_phrase_bank(path: Path) -> PhraseBank:
    """Parse one phrase bank file.

    Raises:
        ConfigError: the file is not a valid phrase bank.
    """
    raw = path.read_bytes()
    try:
        parsed = PhraseFile.model_validate(yaml.safe_load(raw))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"invalid phrase bank {str(path)!r}: {exc}") from exc
    return PhraseBank(
        version=parsed.version,
        phrases=parsed.phrases,
        sha256=hashlib.sha256(raw).hexdigest()[:12],
        languages=parsed.languages,
    )
