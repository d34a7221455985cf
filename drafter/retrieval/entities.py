"""Entity linking: which named thing (product, place, plan) a ticket or its conversation is about.

The vocabulary comes from the knowledge's own metadata (fields such as `entity_name`), so no
names are written in code; a value shared by most documents (e.g. "all") is not an entity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from drafter.domain import Passage, Ticket
from drafter.text.language import writes_in_english
from drafter.text.words import FUNCTION_WORDS, name_tokens

ENTITY_FIELDS = ("entity_name", "entity", "product")
# A value on more than this share of the documents describes everything, not one thing.
MAX_ENTITY_SHARE = 0.5
MIN_MATCH = 0.6
# A word found in at most this many entity names is distinctive enough to identify one.
DISTINCTIVE_NAMES = 2
# Names words this long are recognised with one letter wrong ("Lenfield" for "Lensfield").
MIN_FUZZY_LENGTH = 6
# A name word in the text of more than this share of other passages is an ordinary word.
COMMON_WORD_SHARE = 0.0025
COMMON_WORD_MIN_PASSAGES = 3
# Names this long (letters and digits) are recognised whatever their spacing and punctuation.
MIN_SQUASHED_LENGTH = 10


def _words(text: str) -> list[str]:
    return [w for w in name_tokens(text) if len(w) > 1 and w not in FUNCTION_WORDS]


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


@dataclass
class _Counts:
    """What the vocabulary is derived from, kept so a few changed chunks update it without a rescan."""

    chunks_of_value: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per entity value, its chunks per document."""
    field_of: dict[str, str] = field(default_factory=dict)
    positions_of_value: dict[str, set[int]] = field(default_factory=dict)
    chunks_of_doc: Counter[str] = field(default_factory=Counter)
    outside: Counter[str] = field(default_factory=Counter)
    """Per name word, the live passages whose text uses it without being about an entity it names."""
    live: int = 0

    def copy_for(self, values: set[str]) -> _Counts:
        """A copy sharing every value's entries but those of `values`, which a change will edit."""
        return _Counts(
            chunks_of_value={v: (dict(c) if v in values else c) for v, c in self.chunks_of_value.items()},
            field_of=dict(self.field_of),
            positions_of_value={
                v: (set(c) if v in values else c) for v, c in self.positions_of_value.items()
            },
            chunks_of_doc=Counter(self.chunks_of_doc),
            outside=Counter(self.outside),
            live=self.live,
        )

    def count(self, position: int, passage: Passage, sign: int) -> None:
        """Add (sign 1) or take away (sign -1) one chunk's entity values."""
        self.live += sign
        self.chunks_of_doc[passage.doc_id] += sign
        if self.chunks_of_doc[passage.doc_id] <= 0:
            del self.chunks_of_doc[passage.doc_id]
        for value in _values(passage):
            self.field_of.setdefault(value, _field(passage, value))
            docs = self.chunks_of_value.setdefault(value, {})
            docs[passage.doc_id] = docs.get(passage.doc_id, 0) + sign
            if docs[passage.doc_id] <= 0:
                del docs[passage.doc_id]
            positions = self.positions_of_value.setdefault(value, set())
            if sign > 0:
                positions.add(position)
            else:
                positions.discard(position)
            if not positions:
                del self.positions_of_value[value], self.chunks_of_value[value], self.field_of[value]


def _values(passage: Passage) -> list[str]:
    return [
        value
        for name in ENTITY_FIELDS
        if isinstance(value := passage.metadata.get(name), str) and value.strip()
    ]


def _field(passage: Passage, value: str) -> str:
    return next(name for name in ENTITY_FIELDS if passage.metadata.get(name) == value)


@dataclass
class EntityVocabulary:
    """Entity names found in the knowledge, with the chunk positions of each."""

    field_of: dict[str, str] = field(default_factory=dict)
    positions: dict[str, set[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    distinctive_idf: float = 0.0
    common: set[str] = field(default_factory=set)
    """Name words the knowledge also uses as ordinary words ("worth", "two"): alone they name nothing."""
    _counts: _Counts = field(default_factory=_Counts, repr=False)
    _name_forms: list[tuple[str, list[str], str, str]] | None = field(default=None, repr=False)
    _compounds: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _fuzzy_words: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def build(
        cls, passages: list[Passage], live: Sequence[bool] | np.ndarray | None = None
    ) -> EntityVocabulary:
        """Collect entity values from the chunks' metadata (only positions `live` says are, when given)."""
        counts = _Counts()
        for i, p in enumerate(passages):
            if live is None or live[i]:
                counts.count(i, p, 1)
        vocab = cls._derived(counts)
        vocab._counts.outside = _outside_counts(
            (p for i, p in enumerate(passages) if live is None or live[i]), vocab
        )
        vocab.common = _common(vocab._counts)
        return vocab

    @classmethod
    def _derived(cls, counts: _Counts) -> EntityVocabulary:
        """Names, their positions and word weights from the counts (not yet the common words)."""
        vocab = cls(_counts=counts)
        total_docs = len(counts.chunks_of_doc) or 1
        for value, docs in counts.chunks_of_value.items():
            if len(docs) / total_docs <= MAX_ENTITY_SHARE:
                vocab.positions[value] = counts.positions_of_value[value]
                vocab.field_of[value] = counts.field_of[value]
        # Words shared by many names ("guest", "house", "restaurant") say little about which one.
        word_counts = Counter(w for value in vocab.positions for w in set(_words(value)))
        n = max(1, len(vocab.positions))
        vocab.idf = {w: math.log(1 + n / c) for w, c in word_counts.items()}
        vocab.distinctive_idf = math.log(1 + n / DISTINCTIVE_NAMES)
        return vocab

    def updated(
        self,
        passages: list[Passage],
        live: Sequence[bool] | np.ndarray,
        removed: list[tuple[int, Passage]],
        added: list[tuple[int, Passage]],
    ) -> EntityVocabulary:
        """The vocabulary after chunks at `removed` left and chunks at `added` arrived.

        Costs the changed chunks only, unless the set of names changes: then every passage's
        words are counted again.
        """
        touched = {v for _, p in [*removed, *added] for v in _values(p)}
        counts = self._counts.copy_for(touched)
        for position, passage in removed:
            counts.count(position, passage, -1)
        for position, passage in added:
            counts.count(position, passage, 1)
        vocab = type(self)._derived(counts)
        if set(vocab.positions) != set(self.positions):
            return type(self).build(passages, live)
        name_words = vocab.name_words()
        for _, passage in removed:
            counts.outside.subtract(_outside_words(passage, vocab, name_words))
        for _, passage in added:
            counts.outside.update(_outside_words(passage, vocab, name_words))
        vocab.common = _common(counts)
        return vocab

    def match(self, text: str) -> list[tuple[str, float, frozenset[str]]]:
        """Entities named in the text, best first: the share of the name's weight found, and the words."""
        present = set(_words(text))
        spelled = f" {' '.join(name_tokens(text))} "
        squashed = _squash(text)
        names = self._names()
        near = self._near_words(present)
        found = []
        for value, ordered, spelled_name, squashed_name in names:
            if spelled_name in spelled or (
                len(squashed_name) >= MIN_SQUASHED_LENGTH and squashed_name in squashed
            ):
                # The whole name, spelled out: even a name of common words ("A and B House") counts.
                found.append((value, 1.0, frozenset(ordered)))
                continue
            if near.isdisjoint(ordered) and present.isdisjoint(self._compounds.get(value, ())):
                continue
            words = set(ordered)
            matched = self._matched_words(ordered, present, near)
            weight = sum(self.idf.get(w, 0.0) for w in words)
            hit = sum(self.idf.get(w, 0.0) for w in matched)
            # At least one distinctive word, and most of the name's weight.
            distinctive = any(
                self.idf.get(w, 0.0) >= self.distinctive_idf and w not in self.common for w in matched
            )
            if weight and hit / weight >= MIN_MATCH and distinctive:
                found.append((value, hit / weight, frozenset(matched)))
        found.sort(key=lambda m: (-m[1], -len(m[0])))
        # Two names matched equally well, in part ("the guest house"), name neither.
        if len(found) > 1 and found[0][1] == found[1][1] < 1.0 and len(found[0][0]) == len(found[1][0]):
            return []
        return found

    def _names(self) -> list[tuple[str, list[str], str, str]]:
        """Each name with its content words, spelled-out form and squashed form, computed once."""
        if self._name_forms is None:
            forms = []
            for value in self.positions:
                ordered = _words(value)
                if ordered:
                    forms.append((value, ordered, f" {' '.join(name_tokens(value))} ", _squash(value)))
                    self._compounds[value] = {a + b for a, b in pairwise(ordered)}
            # Long distinctive name words are recognised with one letter wrong.
            self._fuzzy_words = sorted(
                {
                    w
                    for _, ordered, _, _ in forms
                    for w in ordered
                    if len(w) >= MIN_FUZZY_LENGTH
                    and self.idf.get(w, 0.0) >= self.distinctive_idf
                    and w not in self.common
                }
            )
            self._name_forms = forms
        return self._name_forms

    def _matched_words(self, ordered: list[str], present: set[str], near: set[str]) -> set[str]:
        """Name words in the text: as written, run together ("guesthouse"), or one letter off."""
        matched = {w for w in ordered if w in present or (w in near and w in self._fuzzy_words)}
        for first, second in pairwise(ordered):
            if first + second in present:
                matched |= {first, second}
        return matched

    def _near_words(self, present: set[str]) -> set[str]:
        """The text's words, plus the distinctive name words one letter away from one of them."""
        near = set(present)
        for word in present:
            if len(word) >= MIN_FUZZY_LENGTH - 1 and word not in self._fuzzy_words:
                near.update(
                    name_word
                    for name_word, _, _ in process.extract(
                        word, self._fuzzy_words, scorer=Levenshtein.distance, score_cutoff=1, limit=None
                    )
                )
        return near

    def name_words(self) -> set[str]:
        """Every word of every entity name."""
        return {w for value in self.positions for w in _words(value)}

    def entity_of(self, passage: Passage) -> str | None:
        """The entity a passage belongs to, when its metadata names one."""
        for name in ENTITY_FIELDS:
            value = passage.metadata.get(name)
            if isinstance(value, str) and value in self.positions:
                return value
        return None

    def link(self, ticket: Ticket) -> list[str]:
        """The entities the ticket is about: named in it, else in the latest turn that names any.

        A turn that names several ("X and Y both fit") links them all, since "which one is quieter?"
        asks about each.
        """
        english = writes_in_english(ticket)

        def named(text: str) -> list[tuple[str, float, frozenset[str]]]:
            matches = self.match(text)
            if not english:
                # In another language a name is written as one ("le Hub", "mi Plug Mini"); a one-word
                # name in lower case is that language's own word ("je ne reçois plus", French "more").
                matches = [m for m in matches if len(m[2]) > 1 or _capitalised(text, m[2])]
            return matches

        # The subject line is the customer's own summary: "Thermostat dead - E4" names what "my T2
        # stopped heating" is about, beside "the Hub" the message mentions in passing.
        in_message = named(ticket.text)
        if in_message and ticket.subject:
            return _outermost(named(f"{ticket.subject}\n{ticket.text}"))
        if in_message:
            return _outermost(in_message)
        for text in [*(m.text for m in reversed(ticket.conversation)), ticket.subject or ""]:
            matches = named(text)
            if matches:
                return _outermost(matches)
        return []

    def thread_topic(self, ticket: Ticket) -> list[str]:
        """The entities of the latest earlier turn that names any, when the message names others:
        a follow-up may go on with the thread's topic ("it's locked AGAIN") while it names something
        else in passing ("I need to switch off the plug")."""
        if not ticket.conversation or not self.match(ticket.text):
            return []
        for turn in reversed(ticket.conversation):
            matches = self.match(turn.text)
            if matches:
                return _outermost(matches)
        return []


def _capitalised(text: str, name_words: frozenset[str]) -> bool:
    """Whether the text writes one of the words with a capital letter."""
    return any(token[0].isupper() and token.lower() in name_words for token in _CASED_WORD.findall(text))


_CASED_WORD = re.compile(r"[^\W_]+")


def _outermost(matches: list[tuple[str, float, frozenset[str]]]) -> list[str]:
    """Drop a name whose matched words another match also found, with more ("Acorn Guesthouse"
    names Acorn Guest House, not every guest house; "Acme Central" is not also "Acme")."""
    return [
        name
        for name, _, words in matches
        if not any(other != name and words < found for other, _, found in matches)
    ]


def _outside_words(passage: Passage, vocab: EntityVocabulary, name_words: set[str]) -> set[str]:
    """Name words the passage's text uses that are not its own entity's."""
    entity = vocab.entity_of(passage)
    own = set(_words(entity)) if entity else set()
    return (set(_words(passage.text)) & name_words) - own


def _outside_counts(passages: Iterable[Passage], vocab: EntityVocabulary) -> Counter[str]:
    outside: Counter[str] = Counter()
    name_words = vocab.name_words()
    for p in passages:
        outside.update(_outside_words(p, vocab, name_words))
    return outside


def _common(counts: _Counts) -> set[str]:
    """Name words found in the text of enough passages about other entities (or none)."""
    limit = max(COMMON_WORD_MIN_PASSAGES, COMMON_WORD_SHARE * counts.live)
    return {w for w, count in counts.outside.items() if count > limit}
