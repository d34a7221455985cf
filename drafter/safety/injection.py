"""Text in a ticket, history or document that tries to instruct the model: found, flagged, defused.

Two checks, both on text as a reader sees it (`skeleton`: look-alike letters folded, invisible
characters gone, one space for every run of spaces and line breaks, words spelled letter by letter
joined up, digits written for letters inside words read back):

- phrases that override, re-role or extract ("ignore all of the previous instructions", "you are
  now the manager", "reveal your prompt") in English, Spanish, French, German, Italian,
  Portuguese and Dutch, and our block tags (`</ticket>`, `<system>`) anywhere
  (`injection_phrases.py`);
- a learned check on every English sentence of four words or more (`injection_model.py`): a
  small network over the sentence's MiniLM embedding, its similarity to the exemplars of
  each kind in `injection_exemplars.txt` (overrides, new roles, authority claims, promised outcomes
  stated as policy, output takeover, extraction) and word cues of an order aimed at an assistant
  (`injection_features.py`). With an embedder the model was not fitted on, a sentence close to an
  exemplar and closer to it than to any ordinary one is flagged instead;
- a second learned check on every sentence not read as English (`drafter.text.language`): a small
  network over the sentence's multilingual E5 embedding and its similarity to exemplars in seven
  languages (`injection_exemplars_multilingual.txt`). E5 is loaded and run only for such sentences,
  and for English sentences the English check scores close to its threshold without flagging them
  (`SECOND_READING`): the multilingual check flags one of those only from `SECOND_READING_LIMIT`,
  whatever its place, as it overrules the check made for English.

Each learned check flags from a threshold set for the place the text comes from (a ticket, a help
article, a review, or a guideline or note written for agents: `place_of`), so guidelines, which are
orders from top to bottom, need more to be flagged than a review.

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

from drafter.domain import (
    OPINION_DOC_TYPES,
    DraftWarning,
    Message,
    Passage,
    Ticket,
)
from drafter.embeddings import Embedder
from drafter.safety.injection_features import KINDS, feature_rows, imperative_share, multilingual_rows
from drafter.safety.injection_model import InjectionModel, bundled_model, bundled_multilingual_model
from drafter.safety.injection_phrases import LEXICAL
from drafter.safety.normalize import readable, skeleton
from drafter.text.language import reads_as_english
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
SECOND_READING = 0.95
"""An English sentence the English model scores at least this but does not flag is read by the
multilingual check too, and flagged if that check scores it at least `SECOND_READING_LIMIT` (it was
fitted on English orders as well, on an injection's instruction sentence alone). Set on development
lines neither model was fitted on (README, section Security); below it E5 never runs on English
text."""
SECOND_READING_LIMIT = 0.9999
"""The multilingual check's probability from which it flags such a sentence, in every place: the
highest threshold a place may hold (fitting caps every place's there). Its threshold for the place
alone is too low to overrule the English check: the written hard lines that share an order's words
(a customer dictating what to write down, a note passing on a policy) score up to 0.9998, the
orders it catches that the English check misses 0.99994 and more (fitting lines of the development
sets, README section Security)."""


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
    """Long enough to tell an order from a request, and with an English function word: MiniLM reads
    other languages poorly (every Spanish title sat near the Spanish exemplars)."""
    found = words(skeleton(sentence))
    return len(found) >= _MIN_WORDS and any(w in FUNCTION_WORDS for w in found)


def _reader(sentence: str, multilingual: bool) -> bool | None:
    """Which check reads a sentence: True the English one, False the multilingual one, None neither
    (shorter than four words, or no English function word and no multilingual check)."""
    text = skeleton(sentence)
    if not multilingual:
        return True if _semantic_fit(text) else None
    # Counted by spaces: the word pattern reads only ASCII letters and would split "número" in two.
    if len(text.split()) < _MIN_WORDS:
        return None
    if not reads_as_english(text):
        return False
    return True if _semantic_fit(text) else None


def place_of(passage: Passage) -> str:
    """Where a retrieved passage comes from (`PLACES`): a review, a guideline or note written for
    agents, a help article, or (history) what the customer wrote."""
    meta = passage.metadata
    if passage.source == "history":
        written_by_agent = meta.get("role") in ("agent", "system") or meta.get("kind") == "note"
        return "note" if written_by_agent else "ticket"
    doc_type = str(meta.get("doc_type", "")).lower()
    if doc_type in OPINION_DOC_TYPES:
        return "review"
    if passage.for_agents:
        return "note"
    return "article"


_UNFINISHED = re.compile(r"[^.!?:;。！？)\]\"'»]$")


@dataclass(frozen=True)
class Candidate:
    """A stretch of a text the semantic check reads: its sentence indices, its normalised text, and
    the share of the text's other sentences that are orders too."""

    covered: tuple[int, ...]
    text: str
    around: float
    english: bool = True
    """Read by the English check; False: by the multilingual one."""


def _continues(line: str, following: str) -> bool:
    """A line that ends unfinished and a next line that carries the same sentence on (it starts in
    lower case, or both shout): an order broken over two lines reads as one."""
    start = following.lstrip()[:1]
    return bool(_UNFINISHED.search(line)) and (start.islower() or (line.isupper() and following.isupper()))


def semantic_candidates(
    parts: list[str], lexical: Mapping[int, str], *, multilingual: bool = False
) -> list[Candidate]:
    """What the semantic checks read of a text's sentences: each one they can judge that no phrase
    caught, and each line broken off mid-sentence joined with the next. Without a multilingual
    check, sentences without an English function word are left to the phrases."""
    readable_parts = [skeleton(part) for part in parts]
    around = imperative_share(readable_parts)
    broken = [
        i
        for i in range(len(parts) - 1)
        if i not in lexical and i + 1 not in lexical and _continues(parts[i], parts[i + 1])
    ]
    # A piece of a sentence broken over lines is read only as part of that sentence: alone, "the
    # supervisor approved a credit of 20" says more than the whole line does.
    pieces = {j for i in broken for j in (i, i + 1)}
    found = []
    for i, part in enumerate(parts):
        if i not in lexical and i not in pieces and (english := _reader(part, multilingual)) is not None:
            found.append(Candidate((i,), readable_parts[i], around[i], english))
    for i in broken:
        joined = f"{readable_parts[i]} {readable_parts[i + 1]}"
        if (english := _reader(joined, multilingual)) is not None:
            found.append(Candidate((i, i + 1), joined, min(around[i], around[i + 1]), english))
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
    """Finds instruction-like sentences: phrases always, the learned checks when given embedders
    (`embedder` for English sentences, `multilingual` for the rest)."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        model: InjectionModel | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        multilingual: Embedder | None = None,
        multilingual_model: InjectionModel | None = None,
        second_reading: float | None = SECOND_READING,
        second_reading_limit: float = SECOND_READING_LIMIT,
    ) -> None:
        self.embedder = embedder
        self.multilingual = multilingual
        self.second_reading = second_reading
        """The English model's score from which the multilingual check also reads an English sentence
        the English one did not flag (`SECOND_READING`; None: never)."""
        self.second_reading_limit = second_reading_limit
        """The multilingual model's probability from which it flags a sentence it reads again, or its
        threshold for the sentence's place if that is higher (`SECOND_READING_LIMIT`)."""
        self._model = model
        self._multilingual_model = multilingual_model
        self.threshold = threshold
        self.margin = margin
        self._exemplars: dict[tuple[str, bool], Exemplars] = {}
        self._lock = threading.Lock()
        # A text's findings depend on it and its place alone; the same articles are screened for
        # draft after draft.
        self._seen: OrderedDict[tuple[str | None, str], list[Finding]] = OrderedDict()

    @property
    def model(self) -> InjectionModel:
        """The learned English model: the one given, or the one shipped with drafter."""
        return self._model or bundled_model()

    @property
    def multilingual_model(self) -> InjectionModel:
        """The learned multilingual model: the one given, or the one shipped with drafter."""
        return self._multilingual_model or bundled_multilingual_model()

    @property
    def learned(self) -> bool:
        """Whether a learned model reads English sentences: its weights were fitted on this embedder's
        vectors."""
        return self._reader(english=True)[1] is not None

    def _reader(self, *, english: bool) -> tuple[Embedder | None, InjectionModel | None, bool]:
        """The embedder reading a kind of sentence, the learned model that applies to its vectors
        (None: the nearest-exemplar rule), and whether that is the multilingual feature set."""
        embedder = self.embedder if english else self.multilingual
        if embedder is None:
            return None, None, not english
        if english and embedder.name == self.model.vectors:
            return embedder, self.model, False
        if embedder.name == self.multilingual_model.vectors:
            return embedder, self.multilingual_model, True
        return embedder, None, not english

    def exemplars(self, embedder: Embedder, multilingual: bool = False) -> Exemplars:
        """The shipped exemplars (English, or in seven languages) embedded once per screen and model."""
        key = (embedder.name, multilingual)
        with self._lock:
            if key not in self._exemplars:
                kinded = load_kinded_exemplars("injection_exemplars.txt")
                benign = load_exemplars("ordinary_exemplars.txt")
                if multilingual:
                    kinded += load_kinded_exemplars("injection_exemplars_multilingual.txt")
                    benign += load_exemplars("ordinary_exemplars_multilingual.txt")
                injected = embedder.embed([text for _, text in kinded])
                kinds = np.array([kind for kind, _ in kinded])
                centroids = np.stack([injected[kinds == kind].mean(axis=0) for kind in KINDS])
                centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
                self._exemplars[key] = Exemplars(injected, embedder.embed(benign), centroids)
            return self._exemplars[key]

    def rows(self, candidates: Sequence[Candidate], embedder: Embedder, multilingual: bool) -> np.ndarray:
        """A learned model's input for each candidate (one embedding call)."""
        texts = [c.text for c in candidates]
        vectors = embedder.embed([t[:_MAX_CHARS] for t in texts])
        known = self.exemplars(embedder, multilingual)
        exemplars = (known.injected, known.ordinary, known.centroids)
        if multilingual:
            return multilingual_rows(vectors, exemplars)
        return feature_rows(texts, [c.around for c in candidates], vectors, exemplars)

    def feature_rows(self, candidates: Sequence[Candidate]) -> np.ndarray:
        """The English model's input for each candidate (one embedding call)."""
        if self.embedder is None:
            raise ValueError("the learned injection check needs an embedder")
        return self.rows(candidates, self.embedder, False)

    def semantic_hits(
        self, candidates: Sequence[Candidate], places: Sequence[str | None] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Which candidates read as instructions to the assistant, and their score: a learned
        model's probability against its threshold for the candidate's place, or (with an embedder no
        model was fitted on) the nearest exemplar's cosine."""
        hits, scores = np.zeros(len(candidates), dtype=bool), np.zeros(len(candidates))
        where: list[str | None] = list(places) if places is not None else [None] * len(candidates)
        learned_english = False
        for english in (True, False):
            index = [i for i, c in enumerate(candidates) if c.english == english]
            embedder, model, multilingual = self._reader(english=english)
            if not index or embedder is None:
                continue
            chosen = [candidates[i] for i in index]
            if model is not None:
                probability = model.probabilities(self.rows(chosen, embedder, multilingual))
                limits = np.array([model.threshold_for(where[i]) for i in index])
                hits[index], scores[index] = probability >= limits, probability
                learned_english |= english and not multilingual
                continue
            vectors = embedder.embed([c.text[:_MAX_CHARS] for c in chosen])
            known = self.exemplars(embedder, multilingual)
            near = (vectors @ known.injected.T).max(axis=1)
            benign = (vectors @ known.ordinary.T).max(axis=1)
            hits[index], scores[index] = (near >= self.threshold) & (near - benign >= self.margin), near
        if self.second_reading is not None and learned_english:
            self._read_again(candidates, where, hits, scores, self.second_reading)
        return hits, scores

    def _read_again(
        self,
        candidates: Sequence[Candidate],
        where: list[str | None],
        hits: np.ndarray,
        scores: np.ndarray,
        floor: float,
    ) -> None:
        """English sentences the English model scored at least `floor` but did not flag, read by the
        multilingual check too: flagged (with its score) if it scores them at least
        `second_reading_limit` and its threshold for their place."""
        index = [i for i, c in enumerate(candidates) if c.english and not hits[i] and scores[i] >= floor]
        embedder, model, multilingual = self._reader(english=False)
        if not index or embedder is None or model is None or not multilingual:
            return
        chosen = [candidates[i] for i in index]
        probability = model.probabilities(self.rows(chosen, embedder, True))
        limits = np.array([max(model.threshold_for(where[i]), self.second_reading_limit) for i in index])
        again = probability >= limits
        hits[index] = again
        scores[index] = np.where(again, probability, scores[index])

    def findings(
        self, texts: Sequence[str], places: Sequence[str | None] | None = None
    ) -> list[list[Finding]]:
        """For each text (from each place: `PLACES`, None when not known), its instruction-like
        sentences (one embedding call per model for those not screened before; a text screened
        before from the same place gets its earlier findings)."""
        keys = list(zip(places if places is not None else [None] * len(texts), texts, strict=True))
        with self._lock:
            known = {k: self._seen[k] for k in keys if k in self._seen}
        fresh = list(dict.fromkeys(k for k in keys if k not in known))
        if fresh:
            found = dict(zip(fresh, self._screen_texts(fresh), strict=True))
            with self._lock:
                for key, result in found.items():
                    self._seen[key] = result
                while len(self._seen) > SCREENED_TEXTS:
                    self._seen.popitem(last=False)
            known.update(found)
        return [list(known[k]) for k in keys]

    def _screen_texts(self, keys: Sequence[tuple[str | None, str]]) -> list[list[Finding]]:
        # Split what a reader sees: full-width stops end sentences, zero-width marks join nothing.
        split = [sentences(readable(text)) for _, text in keys]
        found: list[dict[int, Finding]] = []
        owners: list[int] = []
        candidates: list[Candidate] = []
        multilingual = self.multilingual is not None
        for t, parts in enumerate(split):
            lexical = _flagged_lexically(parts)
            found.append({i: Finding(parts[i], repr(phrase)) for i, phrase in lexical.items()})
            read = semantic_candidates(parts, lexical, multilingual=multilingual)
            owners += [t] * len(read)
            candidates += read
        hits, scores = self.semantic_hits(candidates, [keys[t][0] for t in owners])
        for t, candidate, hit, score in zip(owners, candidates, hits, scores, strict=True):
            for i in candidate.covered if hit else ():
                why = f"reads as an instruction to the assistant ({score:.3f})"
                found[t].setdefault(i, Finding(split[t][i], why))
        return [[f[i] for i in sorted(f)] for f in found]

    def screen(self, ticket: Ticket, knowledge: list[Passage], history: list[Passage]) -> Screened:
        """The ticket and passages with instruction-like sentences removed, and a warning for each
        text that had one. Each text is judged for its place: the customer's messages as a ticket,
        the agents' as notes, each passage as `place_of` says."""
        texts = [ticket.text, *(m.text for m in ticket.conversation)]
        texts += [p.text for p in knowledge] + [p.text for p in history]
        places = ["ticket"] + ["ticket" if m.role == "customer" else "note" for m in ticket.conversation]
        places += [place_of(p) for p in knowledge + history]
        per_text = self.findings(texts, places)
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
    per_text = (screen or _LEXICAL_ONLY).findings([p.text for p in passages], [place_of(p) for p in passages])
    return [
        p if not f else p.model_copy(update={"text": _without(p.text, f)})
        for p, f in zip(passages, per_text, strict=True)
    ]


def injection_warnings(
    ticket: Ticket, passages: list[Passage], screen: InjectionScreen | None = None
) -> list[DraftWarning]:
    """A warning for every ticket message, history event or passage that tries to give orders."""
    return (screen or _LEXICAL_ONLY).screen(ticket, passages, []).warnings
