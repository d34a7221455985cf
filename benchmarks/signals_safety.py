"""How often the offline signal and safety checks fire on real text, where we know the answer.

- Injection finder: false-positive rate on ordinary knowledge, tickets and requests (none of
  them tries to instruct a model, so every hit is a false positive).
- Promise check: how often human reference replies, grounded in their gold snippets, get an
  `unsupported_promise` warning (each is a false positive unless the human overpromised).
- PII masker: how much ordinary knowledge text it masks (masks of durations, prices or dates
  would be false positives; real phone numbers and emails are fine).
- Frustration signal against human politeness ratings: impolite requests should read as more
  upset than polite ones (a proxy: rudeness is not the same thing as frustration).

Usage: python benchmarks/signals_safety.py [--datasets ../shared/datasets] [--limit N]
Skips (exit 0) when the datasets folder is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from statistics import mean

from drafter.domain import Passage, Ticket
from drafter.principles import detect_signals
from drafter.safety import PiiMasker, check_promises, find_injection

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def rows(path: Path, limit: int | None) -> Iterator[dict[str, object]]:
    """JSONL rows, at most `limit`."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def injection_false_positives(datasets: Path, limit: int | None) -> None:
    """Share of ordinary texts the injection finder flags."""
    texts = [str(r["text"]) for r in rows(datasets / "dstc11t5_kb.jsonl", limit)]
    texts += [str(r["text"]) for r in rows(datasets / "abcd_kb.jsonl", limit)]
    texts += [str(r["ticket"]) for r in rows(datasets / "dstc11t5_dev_cases.jsonl", limit)]
    texts += [str(r["text"]) for r in rows(datasets / "politeness_wikipedia_labels.jsonl", limit)]
    hits = [(t[:80], p) for t in texts if (p := find_injection(t))]
    print(f"injection: {len(hits)} of {len(texts)} ordinary texts flagged ({len(hits) / len(texts):.2%})")
    for text, phrase in hits[:5]:
        print(f"  flagged {phrase!r} in {text!r}")


PLANTED = (
    "We will refund you 40 USD today.",
    "I will send you a replacement by Friday.",
    "As an apology we added a 15% discount to your next order.",
    "You will be compensated for the trouble.",
    "It will be fixed within 48 hours.",
)


def promise_check(datasets: Path, limit: int | None) -> None:
    """False positives on grounded human replies; recall on unbacked promises planted in them."""
    flagged, caught, total, kinds = 0, 0, 0, Counter[str]()
    for number, case in enumerate(rows(datasets / "dstc11t5_dev_cases.jsonl", limit)):
        gold = [
            Passage(chunk_id=str(d["snippet_id"]), doc_id="gold", title="", text=str(d["text"]), score=1.0)
            for d in case["knowledge_docs"]  # type: ignore[attr-defined]
        ]
        reply = str(case["reference_reply"])
        warnings = check_promises(reply, gold)
        total += 1
        flagged += bool(warnings)
        kinds.update(w.message.split("backs this ")[1].split(" ")[0] for w in warnings)
        planted = PLANTED[number % len(PLANTED)]
        caught += any(planted in w.message for w in check_promises(f"{reply} {planted}", gold))
    print(
        f"promises: {flagged} of {total} grounded human replies flagged ({flagged / total:.2%}), "
        f"by kind {dict(kinds)}; planted unbacked promises caught {caught} of {total} ({caught / total:.2%})"
    )


def pii_masks(datasets: Path, limit: int | None) -> None:
    """What the masker replaces in ordinary knowledge."""
    kinds: Counter[str] = Counter()
    docs = 0
    for row in rows(datasets / "dstc11t5_kb.jsonl", limit):
        masker = PiiMasker()
        masked = masker.mask(str(row["text"]))
        kinds.update(re.findall(r"\[([A-Z]+)_\d+\]", masked))
        docs += 1
    print(f"pii: {sum(kinds.values())} values masked in {docs} knowledge docs; by kind {dict(kinds)}")
    present, leaked = 0, []
    for case in rows(datasets / "abcd_cases.jsonl", limit):
        turns: list[dict[str, str]] = case["reference_transcript"]  # type: ignore[assignment]
        said = " ".join(t["text"] for t in turns if t["role"] == "customer")
        record: dict[str, dict[str, str]] = case["customer_record"]  # type: ignore[assignment]
        values = [
            record.get(part, {}).get(key, "")
            for part, key in (("personal", "email"), ("personal", "phone"), ("order", "street_address"))
        ]
        found = [v for v in values if v and v.lower() in said.lower()]
        masked = PiiMasker().mask(said).lower()
        present += len(found)
        leaked += [v for v in found if v.lower() in masked]
    print(
        f"pii: {present - len(leaked)} of {present} record values customers typed were masked; left {leaked}"
    )


def frustration_by_politeness(datasets: Path, limit: int | None) -> None:
    """Mean frustration score per human politeness label, and how often impolite outranks polite."""
    scores: dict[str, list[float]] = {"polite": [], "neutral": [], "impolite": []}
    for row in rows(datasets / "politeness_wikipedia_labels.jsonl", limit):
        signals = detect_signals(
            Ticket(text=str(row["text"]), language="en"), profile=None, history=[], knowledge=[]
        )
        scores[str(row["label"])].append(signals.frustration)
    rude, polite = scores["impolite"], scores["polite"]
    wins = sum((r > p) + 0.5 * (r == p) for r in rude for p in polite)
    auc = wins / (len(rude) * len(polite))
    means = {k: round(mean(v), 3) for k, v in scores.items() if v}
    flagged = {k: f"{sum(s >= 0.3 for s in v) / len(v):.1%}" for k, v in scores.items() if v}
    calm = [str(r["ticket"]) for r in rows(datasets / "dstc11t5_dev_cases.jsonl", limit)]
    upset = [
        t
        for t in calm
        if detect_signals(Ticket(text=t, language="en"), profile=None, history=[], knowledge=[]).frustration
        >= 0.3
    ]
    print(f"frustration: {len(upset)} of {len(calm)} knowledge-seeking questions read as upset (>= 0.3)")
    print(f"frustration: mean by label {means}; share >= 0.3 {flagged}; AUC impolite vs polite {auc:.3f}")


def main() -> int:
    """Run every measurement and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="rows per file")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        print(f"skipped: {args.datasets} is not present")
        return 0
    injection_false_positives(args.datasets, args.limit)
    promise_check(args.datasets, args.limit)
    pii_masks(args.datasets, args.limit)
    frustration_by_politeness(args.datasets, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
