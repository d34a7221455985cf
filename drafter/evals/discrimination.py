"""Discrimination sets: does a grader score the right reply to a ticket above a wrong one?

Three sets, each a list of pairs (one ticket, its knowledge, a right reply and a wrong one), written
as label files that `drafter eval calibrate` reads (`label` true/false, `group` = the pair):

- `other-question`: a case's human reply against the human reply to another case about the same
  entity (a real, fluent, well-grounded reply that answers a different question);
- `reversed-answer`: the human reply against itself with its answer reversed (a yes/no swapped and
  its verb negated, or its negation undone);
- `changed-policy`: a reply made of the help centre's own sentences that answer a suite ticket,
  against the same with one figure changed (another number of days, amount, hour) or the policy
  reversed (can/cannot, is/is not free).

Every pair belongs to one part, `tune` or `report`, by the parity of a hash: of the conversation for
cases (`customer_id`), of the article the sentence came from for policies. Graders are developed
on `tune` and their figures are published on `report` only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drafter.domain import KnowledgeDoc, Message
from drafter.errors import InputError
from drafter.evals.cases import EvalCase, load_cases
from drafter.evals.mutations import change_figure, figures_of, reverse_answer
from drafter.graders import Graders
from drafter.graders.agreement import within_group_auc
from drafter.graders.labels import load_labels
from drafter.ingest.loaders import LoadProblems, load_knowledge
from drafter.text.language import detect_language
from drafter.text.sentences import sentences
from drafter.text.words import content_stems, content_words, overlap

Part = Literal["tune", "report"]
Progress = Callable[[int], None]
PARTS: tuple[Part, ...] = ("tune", "report")
KINDS = ("other-question", "reversed-answer", "changed-policy")
# A reply sentence of fewer content words says too little to reverse or to stand as an answer.
_MIN_CLAIM_WORDS = 3
# A sentence of the help centre answers at most this many tickets of a set.
_MAX_USES = 2
_GREETING = ("hi", "hello", "hey", "dear", "thanks", "thank you", "sure", "certainly", "of course", "great")


def part_of(key: str) -> Part:
    """`tune` for an even sha256 of the key, `report` for an odd one (the suites' dev/sealed rule)."""
    return "tune" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "report"


@dataclass
class Pair:
    """A right and a wrong reply to one ticket, judged against the same knowledge."""

    kind: str
    group: str
    part: Part
    ticket: str
    right: str
    wrong: str
    knowledge: list[str]
    conversation: list[Message] = field(default_factory=list)
    change: str = ""
    """What makes the wrong reply wrong: another question, a figure, a polarity."""

    def rows(self) -> list[dict[str, object]]:
        """Two label rows, the right reply passing and the wrong one failing."""
        base = {
            "group": self.group,
            "ticket": self.ticket,
            "conversation": [m.model_dump(include={"role", "text"}) for m in self.conversation],
            "knowledge": self.knowledge,
            "change": self.change,
            "part": self.part,
        }
        return [{**base, "text": self.right, "label": True}, {**base, "text": self.wrong, "label": False}]


def _is_claim(sentence: str) -> bool:
    lowered = sentence.lower()
    return (
        not sentence.endswith("?")
        and not any(lowered.startswith(g) and len(content_stems(sentence)) < 4 for g in _GREETING)
        and len(content_stems(sentence)) >= _MIN_CLAIM_WORDS
    )


def topic_words(ticket: str) -> frozenset[str]:
    """The ticket's words that say what it asks about, lower-cased."""
    return frozenset(content_words(ticket))


def reverse_reply(reply: str, ticket: str) -> str | None:
    """The reply with its answer (its first factual sentence) reversed where it speaks of what the
    ticket asks; None when it cannot be."""
    said = sentences(reply)
    for i, sentence in enumerate(said):
        if not _is_claim(sentence):
            continue
        flipped = reverse_answer(sentence, topic_words(ticket))
        if flipped is None:
            return None
        return " ".join([*said[:i], flipped, *said[i + 1 :]])
    return None


def _entity(row: dict[str, object]) -> str | None:
    labels = row.get("labels")
    entities = labels.get("entities") if isinstance(labels, dict) else None
    if not isinstance(entities, list) or not entities or not isinstance(entities[0], dict):
        return None
    first = entities[0]
    return str(first.get("entity_id", first.get("entity_name", ""))) + "/" + str(first.get("domain", ""))


def case_pairs(cases: list[EvalCase], entities: dict[str, str | None]) -> list[Pair]:
    """`other-question` and `reversed-answer` pairs from cases with a reference reply and gold
    knowledge; `entities` names each case's entity (cases without one get no other-question pair)."""
    usable = [c for c in cases if c.reference and c.gold_texts]
    by_entity: dict[str, list[EvalCase]] = {}
    for case in usable:
        entity = entities.get(case.case_id)
        if entity:
            by_entity.setdefault(entity, []).append(case)
    pairs: list[Pair] = []
    for case in usable:
        assert case.reference is not None

        def pair(kind: str, group: str, wrong: str, change: str, case: EvalCase = case) -> Pair:
            return Pair(
                kind=kind,
                group=f"{case.case_id}~{group}",
                part=part_of(case.ticket.customer_id or case.case_id),
                ticket=case.ticket.text,
                right=case.reference or "",
                wrong=wrong,
                knowledge=case.gold_texts,
                conversation=case.history,
                change=change,
            )

        others = [
            o
            for o in by_entity.get(entities.get(case.case_id) or "", [])
            if o.case_id != case.case_id
            and not set(o.relevant_doc_ids) & set(case.relevant_doc_ids)
            and o.reference != case.reference
        ]
        if others:
            # A fixed choice per case, so the set is the same on every run.
            other = min(others, key=lambda o: hashlib.sha256(f"{case.case_id}|{o.case_id}".encode()).digest())
            why = f"the reply to {other.case_id}"
            pairs.append(pair("other-question", "other", other.reference or "", why))
        reversed_reply = reverse_reply(case.reference, case.ticket.text)
        if reversed_reply is not None:
            pairs.append(pair("reversed-answer", "reversed", reversed_reply, "polarity"))
    return pairs


def _policy_sentences(doc: KnowledgeDoc) -> list[str]:
    """The article's English sentences that state something: not headings, not questions."""
    found = []
    # Emphasis marks go first: "**Can I pay by card?** Yes, ..." is a question and an answer.
    for line in sentences(doc.text.replace("**", "").replace("__", ""), min_chars=12):
        text = line.lstrip("-*0123456789.) ").strip()
        if text.startswith("#") or text.startswith("---") or not _is_claim(text):
            continue
        if detect_language(text) != "en":
            continue
        found.append(text)
    return found


def _mutate(sentence: str, change: str, taken: set[str], topic: frozenset[str]) -> str | None:
    return change_figure(sentence, taken) if change == "figure" else reverse_answer(sentence, topic)


def policy_pairs(cases: list[EvalCase], docs: Iterable[KnowledgeDoc]) -> list[Pair]:
    """`changed-policy` pairs: for each suite ticket, the sentences of its articles that best answer
    it, right as written and wrong with a figure changed or the policy reversed."""
    articles = {d.doc_id: d for d in docs}
    used: list[tuple[str, str]] = []
    pairs: list[Pair] = []
    for case in cases:
        docs_of = [articles[i] for i in case.relevant_doc_ids if i in articles]
        if not docs_of:
            continue
        knowledge = [d.text for d in docs_of]
        taken = set().union(*(figures_of(d.text) for d in docs_of))
        candidates = sorted(
            ((overlap(case.ticket.text, s), d.doc_id, s) for d in docs_of for s in _policy_sentences(d)),
            key=lambda c: -c[0],
        )
        topic = topic_words(case.ticket.text)
        for change in ("figure", "polarity"):
            mutated = [(doc_id, s, _mutate(s, change, taken, topic)) for _, doc_id, s in candidates]
            options = [(doc_id, s, w) for doc_id, s, w in mutated if w is not None]
            # The best answering sentence this change applies to, at most twice over the set.
            options = [o for o in options if used.count((change, o[1])) < _MAX_USES]
            if not options:
                continue
            fresh = [o for o in options if (change, o[1]) not in used]
            doc_id, sentence, wrong = (fresh or options)[0]
            used.append((change, sentence))
            pairs.append(
                Pair(
                    kind="changed-policy",
                    group=f"{case.case_id}~{change}",
                    part=part_of(doc_id),
                    ticket=case.ticket.text,
                    right=sentence,
                    wrong=wrong,
                    knowledge=knowledge,
                    change=change,
                )
            )
    return pairs


def write_sets(pairs: list[Pair], out: Path) -> dict[str, dict[str, int]]:
    """`out/PART/KIND.jsonl` for every part and kind; returns how many pairs each holds."""
    counts: dict[str, dict[str, int]] = {part: dict.fromkeys(KINDS, 0) for part in PARTS}
    for part in PARTS:
        (out / part).mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            chosen = [p for p in pairs if p.part == part and p.kind == kind]
            counts[part][kind] = len(chosen)
            lines = [json.dumps(row, ensure_ascii=False) + "\n" for p in chosen for row in p.rows()]
            (out / part / f"{kind}.jsonl").write_text("".join(lines), encoding="utf-8")
    return counts


def load_entities(path: Path) -> dict[str, str | None]:
    """Case id -> its first entity (`labels.entities`), read from a JSONL case file."""
    found: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue  # the case loader reports bad lines
        if isinstance(row, dict) and "case_id" in row:
            found[str(row["case_id"])] = _entity(row)
    return found


MEASURED = ("resolution", "grounded_claims", "questions_addressed")
"""The roll-up and the parts that can tell a right reply from a wrong one."""


def build_sets(
    out: Path,
    cases: Path,
    *,
    knowledge: list[Path] | None = None,
    suites: Path | None = None,
    problems: LoadProblems | None = None,
) -> dict[str, dict[str, int]]:
    """Build every set from a JSONL case file (and, given help-centre knowledge and the suites
    whose tickets it answers, the policy set) into `out/PART/KIND.jsonl`."""
    loaded = load_cases(cases, problems)
    pairs = case_pairs(loaded, load_entities(cases))
    if knowledge and suites is not None:
        pairs += policy_pairs(load_cases(suites), load_knowledge(knowledge, problems=problems))
    if not pairs:
        raise InputError(f"{cases}: no case has both a reference reply and gold knowledge to pair")
    return write_sets(pairs, out)


def measure_set(
    path: Path, graders: Graders, names: tuple[str, ...] = MEASURED, on_progress: Progress = lambda _: None
) -> dict[str, object]:
    """Within-pair AUC of each grader on one set (the share of pairs whose right reply it scores
    higher, ties half), with a 95% interval over pairs. A grade that does not apply counts as 0.5."""
    rows = load_labels(path)
    scores: dict[str, list[float]] = {name: [] for name in names}
    for row in rows:
        grades = {g.name: g.score for g in graders.grade(row.grade_input())}
        for name in names:
            value = grades.get(name)
            scores[name].append(0.5 if value is None else value)
        on_progress(1)
    human = [row.human() for row in rows]
    groups = [row.group for row in rows]
    result: dict[str, object] = {"pairs": len(rows) // 2}
    for name in names:
        result[name] = within_group_auc(scores[name], human, groups)
    return result
