"""Text in a ticket, history or document that tries to instruct the model: found, flagged, defused.

Two checks, both on text as a reader sees it (`skeleton`: look-alike letters folded, invisible
characters gone, one space for every run of spaces and line breaks):

- phrases that override, re-role or extract ("ignore all of the previous instructions", "you are
  now the manager", "reveal your prompt") in English, Spanish, French, German, Italian,
  Portuguese and Dutch, and our block tags (`</ticket>`, `<system>`) anywhere
  (`injection_phrases.py`);
- a learned check on every English sentence of four words or more (`injection_model.py`): a
  small network over the sentence's MiniLM embedding, its similarity to the exemplars of
  each kind in `injection_exemplars.txt` (overrides, new roles, authority claims, promised outcomes
  stated as policy, output takeover, extraction) and word cues of an order aimed at an assistant
  (`injection_features.py`). With an embedder the model was not fitted on, a sentence close to an
  exemplar and closer to it than to any ordinary one is flagged instead.

A flagged sentence is removed from what any composer reads (so it is never quoted to the
customer) and named in a `prompt_injection` warning; the agent still sees the original text.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files

import numpy as np

from drafter.domain import DraftWarning, Message, Passage, Ticket
from drafter.embeddings import Embedder
from drafter.safety.injection_features import KINDS, feature_rows, imperative_share
from drafter.safety.injection_model import InjectionModel, bundled_model
from drafter.safety.injection_phrases import LEXICAL
from drafter.safety.normalize import readable, skeleton
from drafter.text.sentences import sentences
from drafter.text.words import FUNCTION_WORDS, words

# Our data delimiters; data that contains one could close its block and speak as us.
_DELIMITER = re.compile(
    r"<(\s*/?\s*(?:system|passage|ticket|history|conversation|customer|event)\b[^>]*)>", re.IGNORECASE
)
# Short sentences say too little for the semantic check to tell an order from a request.
_MIN_WORDS = 4
_MAX_CHARS = 400
DEFAULT_THRESHOLD = 0.54
"""With an embedder the learned model was not fitted on: cosine to the nearest injection exemplar
from which a sentence may be flagged ..."""
DEFAULT_MARGIN = 0.0
"""... when it is also this much closer to it than to every ordinary exemplar."""


def find_injection(text: str) -> str | None:
    """The first instruction-like phrase in the text (after normalising it), or None."""
    match = LEXICAL.search(skeleton(text))
    return match.group(0) if match else None


def neutralize_delimiters(text: str) -> str:
    """The text with anything shaped like our block tags made harmless (`<ticket>` -> `‹ticket›`)."""
    return _DELIMITER.sub(lambda m: f"‹{m.group(1)}›", text)


def load_exemplars(name: str) -> list[str]:
    """Exemplar sentences shipped with drafter, one per line (`#` starts a comment)."""
    text = files("drafter.safety").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def load_kinded_exemplars(name: str) -> list[tuple[str, str]]:
    """(kind, sentence) for an exemplar file whose kinds are headed by `## kind:` lines."""
    text = files("drafter.safety").joinpath(name).read_text(encoding="utf-8")
    kind, found = "", []
    for line in text.splitlines():
        if line.startswith("## "):
            kind = line[3:].split(":", 1)[0].strip()
        elif line.strip() and not line.startswith("#"):
            found.append((kind, line.strip()))
    return found


@dataclass(frozen=True)
class Exemplars:
    """The exemplars as vectors: injections, ordinary text, and each kind's centroid."""

    injected: np.ndarray
    ordinary: np.ndarray
    centroids: np.ndarray


@dataclass(frozen=True)
class Finding:
    """A sentence that tries to instruct the reader, and why it was flagged."""

    sentence: str
    why: str


def _semantic_fit(sentence: str) -> bool:
    """Long enough to tell an order from a request, and English: the bundled model reads other
    languages poorly (every Spanish title sat near the Spanish exemplars), so they get phrases only."""
    found = words(skeleton(sentence))
    return len(found) >= _MIN_WORDS and any(w in FUNCTION_WORDS for w in found)


_UNFINISHED = re.compile(r"[^.!?:;。！？)\]\"'»]$")


@dataclass(frozen=True)
class Candidate:
    """A stretch of a text the semantic check reads: its sentence indices, its normalised text, and
    the share of the text's other sentences that are orders too."""

    covered: tuple[int, ...]
    text: str
    around: float


def _continues(line: str, following: str) -> bool:
    """A line that ends unfinished and a next line that carries the same sentence on (it starts in
    lower case, or both shout): an order broken over two lines reads as one."""
    start = following.lstrip()[:1]
    return bool(_UNFINISHED.search(line)) and (start.islower() or (line.isupper() and following.isupper()))


def semantic_candidates(parts: list[str], lexical: Mapping[int, str]) -> list[Candidate]:
    """What the semantic check reads of a text's sentences: each one it can judge that no phrase
    caught, and each line broken off mid-sentence joined with the next."""
    readable_parts = [skeleton(part) for part in parts]
    around = imperative_share(readable_parts)
    found = [
        Candidate((i,), readable_parts[i], around[i])
        for i, part in enumerate(parts)
        if i not in lexical and _semantic_fit(part)
    ]
    for i in range(len(parts) - 1):
        if i in lexical or i + 1 in lexical or not _continues(parts[i], parts[i + 1]):
            continue
        joined = f"{readable_parts[i]} {readable_parts[i + 1]}"
        if _semantic_fit(joined):
            found.append(Candidate((i, i + 1), joined, min(around[i], around[i + 1])))
    return found


def _flagged_lexically(parts: list[str]) -> dict[int, str]:
    """Sentences with an instruction phrase, including one split across two sentences or lines."""
    found: dict[int, str] = {}
    for i, part in enumerate(parts):
        if (phrase := find_injection(part)) is not None:
            found[i] = phrase
    for i in range(len(parts) - 1):
        if i in found or i + 1 in found:
            continue
        if (phrase := find_injection(f"{parts[i]} {parts[i + 1]}")) is not None:
            found[i] = found[i + 1] = phrase
    return found


# Texts whose findings are remembered (knowledge passages come back draft after draft).
SCREENED_TEXTS = 20_000


class InjectionScreen:
    """Finds instruction-like sentences: phrases always, the learned check when given an embedder."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        model: InjectionModel | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        passages: InjectionScreen | None = None,
    ) -> None:
        self.embedder = embedder
        self.passages = passages
        """The screen that reads knowledge and history passages (None: this one)."""
        self._model = model
        self.threshold = threshold
        self.margin = margin
        self._exemplars: Exemplars | None = None
        self._lock = threading.Lock()
        # A text's findings depend on it alone; the same articles are screened for draft after draft.
        self._seen: OrderedDict[str, list[Finding]] = OrderedDict()

    @property
    def model(self) -> InjectionModel:
        """The learned model: the one given, or the one shipped with drafter."""
        return self._model or bundled_model()

    @property
    def learned(self) -> bool:
        """Whether the learned model applies: its weights were fitted on this embedder's vectors."""
        return self.embedder is not None and self.embedder.name == self.model.vectors

    def exemplars(self, embedder: Embedder) -> Exemplars:
        """The shipped exemplars embedded once per screen."""
        with self._lock:
            if self._exemplars is None:
                kinded = load_kinded_exemplars("injection_exemplars.txt")
                injected = embedder.embed([text for _, text in kinded])
                kinds = np.array([kind for kind, _ in kinded])
                centroids = np.stack([injected[kinds == kind].mean(axis=0) for kind in KINDS])
                centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
                ordinary = embedder.embed(load_exemplars("ordinary_exemplars.txt"))
                self._exemplars = Exemplars(injected, ordinary, centroids)
            return self._exemplars

    def feature_rows(self, candidates: Sequence[Candidate]) -> np.ndarray:
        """The learned model's input for each candidate (one embedding call)."""
        if self.embedder is None:
            raise ValueError("the learned injection check needs an embedder")
        texts = [c.text for c in candidates]
        vectors = self.embedder.embed([t[:_MAX_CHARS] for t in texts])
        known = self.exemplars(self.embedder)
        exemplars = (known.injected, known.ordinary, known.centroids)
        return feature_rows(texts, [c.around for c in candidates], vectors, exemplars)

    def semantic_hits(self, candidates: Sequence[Candidate]) -> tuple[np.ndarray, np.ndarray]:
        """Which candidates read as instructions to the assistant, and their score: the learned
        model's probability, or (with another embedder) the nearest exemplar's cosine."""
        if self.embedder is None or not candidates:
            return np.zeros(len(candidates), dtype=bool), np.zeros(len(candidates))
        if self.learned:
            probability = self.model.probabilities(self.feature_rows(candidates))
            return probability >= self.model.threshold, probability
        texts = [c.text for c in candidates]
        vectors = self.embedder.embed([t[:_MAX_CHARS] for t in texts])
        known = self.exemplars(self.embedder)
        near = (vectors @ known.injected.T).max(axis=1)
        benign = (vectors @ known.ordinary.T).max(axis=1)
        return (near >= self.threshold) & (near - benign >= self.margin), near

    def findings(self, texts: Sequence[str]) -> list[list[Finding]]:
        """For each text, its instruction-like sentences (one embedding call for those not screened
        before; a text screened before gets its earlier findings)."""
        with self._lock:
            known = {t: self._seen[t] for t in texts if t in self._seen}
        fresh = list(dict.fromkeys(t for t in texts if t not in known))
        if fresh:
            found = dict(zip(fresh, self._screen_texts(fresh), strict=True))
            with self._lock:
                for text, result in found.items():
                    self._seen[text] = result
                while len(self._seen) > SCREENED_TEXTS:
                    self._seen.popitem(last=False)
            known.update(found)
        return [list(known[t]) for t in texts]

    def _screen_texts(self, texts: Sequence[str]) -> list[list[Finding]]:
        # Split what a reader sees: full-width stops end sentences, zero-width marks join nothing.
        split = [sentences(readable(text)) for text in texts]
        found: list[dict[int, Finding]] = []
        owners: list[int] = []
        candidates: list[Candidate] = []
        for t, parts in enumerate(split):
            lexical = _flagged_lexically(parts)
            found.append({i: Finding(parts[i], repr(phrase)) for i, phrase in lexical.items()})
            read = semantic_candidates(parts, lexical)
            owners += [t] * len(read)
            candidates += read
        hits, scores = self.semantic_hits(candidates)
        for t, candidate, hit, score in zip(owners, candidates, hits, scores, strict=True):
            for i in candidate.covered if hit else ():
                why = f"reads as an instruction to the assistant ({score:.3f})"
                found[t].setdefault(i, Finding(split[t][i], why))
        return [[f[i] for i in sorted(f)] for f in found]

    def screen(self, ticket: Ticket, knowledge: list[Passage], history: list[Passage]) -> Screened:
        """The ticket and passages with instruction-like sentences removed, and a warning for each
        text that had one."""
        texts = [ticket.text, *(m.text for m in ticket.conversation)]
        per_text = self.findings(texts)
        per_text += (self.passages or self).findings([p.text for p in knowledge] + [p.text for p in history])
        where = ["the ticket"] + ["the conversation"] * len(ticket.conversation)
        where += [f"{p.source} {p.doc_id!r}" for p in knowledge + history]
        warnings = [_warning(w, f) for w, f in zip(where, per_text, strict=True) if f]
        ticket_findings, rest = per_text[0], per_text[1:]
        conversation = [
            Message(role=m.role, text=_without(m.text, f) or m.text)
            for m, f in zip(ticket.conversation, rest, strict=False)
        ]
        rest = rest[len(ticket.conversation) :]
        # A ticket that is nothing but an instruction keeps its text: there is nothing else to answer.
        cleaned = ticket.model_copy(
            update={
                "text": _without(ticket.text, ticket_findings) or ticket.text,
                "conversation": conversation,
            }
        )
        passages = [
            p if not f else p.model_copy(update={"text": _without(p.text, f)})
            for p, f in zip(knowledge + history, rest, strict=True)
        ]
        return Screened(cleaned, passages[: len(knowledge)], passages[len(knowledge) :], warnings)


@dataclass
class Screened:
    """What composers may read, and the warnings for the agent."""

    ticket: Ticket
    knowledge: list[Passage]
    history: list[Passage]
    warnings: list[DraftWarning] = field(default_factory=list)


def _without(text: str, findings: list[Finding]) -> str:
    if not findings:
        return text
    flagged = {f.sentence for f in findings}
    return " ".join(s for s in sentences(readable(text)) if s not in flagged)


def _warning(where: str, findings: list[Finding]) -> DraftWarning:
    first = findings[0]
    quoted = first.sentence if len(first.sentence) <= 120 else first.sentence[:119] + "…"
    return DraftWarning(
        code="prompt_injection",
        message=f"text in {where} tries to give instructions ({first.why}: {quoted!r}); "
        "it was treated as data, not followed and not quoted",
    )


_LEXICAL_ONLY = InjectionScreen()


def strip_instructions(text: str) -> str:
    """The text without the sentences that try to instruct the reader (phrases only)."""
    return _without(text, _LEXICAL_ONLY.findings([text])[0])


def defuse_passages(passages: list[Passage], screen: InjectionScreen | None = None) -> list[Passage]:
    """Passages whose instruction-like sentences are removed, so no composer can act on them."""
    per_text = (screen or _LEXICAL_ONLY).findings([p.text for p in passages])
    return [
        p if not f else p.model_copy(update={"text": _without(p.text, f)})
        for p, f in zip(passages, per_text, strict=True)
    ]


def injection_warnings(
    ticket: Ticket, passages: list[Passage], screen: InjectionScreen | None = None
) -> list[DraftWarning]:
    """A warning for every ticket message, history event or passage that tries to give orders."""
    return (screen or _LEXICAL_ONLY).screen(ticket, passages, []).warnings
