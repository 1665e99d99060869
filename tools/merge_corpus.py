"""Merge a writer's labelled replies with an independent labeller's labels.

    python tools/merge_corpus.py WRITER.jsonl LABELLER.jsonl OUT.jsonl

An item is kept only when writer and labeller agree on `apology` and on `calm`, and,
for replies both call not calm, on the kind of fault: the heads trained on those labels
learn only what two people saw independently. Yes/no labels (closure check, hand-off,
ownership, empathy) and `promise` that they disagree on are set to null: the item stays,
and training skips it for that head only. Prints the agreement figures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

KEY = ("apology", "calm")
SOFT = ("promise", "closure_check", "handoff", "ownership", "empathy")


def merge(writer: list[dict], labeller: dict[str, dict]):
    kept, stats = [], Counter()
    for item in writer:
        other = labeller.get(item["id"])
        if other is None:
            stats["unlabelled"] += 1
            continue
        a, b = item["labels"], other
        stats["items"] += 1
        for k in KEY + SOFT:
            stats[f"agree:{k}"] += a.get(k) == b.get(k)
        if any(a.get(k) != b.get(k) for k in KEY):
            stats["dropped"] += 1
            continue
        if a["calm"] == "not_calm" and a.get("calm_fault") != b.get("calm_fault"):
            stats["dropped (fault kind)"] += 1
            continue
        labels = dict(a)
        for k in SOFT:
            if a.get(k) != b.get(k):
                labels[k] = None
        labels["offers_made"] = sorted(set(a.get("offers_made", [])) & set(b.get("offers_made", [])))
        labels["questions"] = sorted(set(a.get("questions", [])) & set(b.get("questions", [])))
        out = {k: v for k, v in item.items() if k != "note"}
        out["labels"] = labels
        kept.append(out)
    stats["kept"] = len(kept)
    return kept, stats


def main(argv) -> int:
    writer_path, labeller_path, out_path = argv
    writer = [json.loads(x) for x in open(writer_path, encoding="utf-8") if x.strip()]
    labeller = {}
    for x in open(labeller_path, encoding="utf-8"):
        if x.strip():
            obj = json.loads(x)
            labeller[obj["id"]] = obj["labels"]
    kept, stats = merge(writer, labeller)
    with open(out_path, "w", encoding="utf-8") as fh:
        for item in kept:
            fh.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    n = stats["items"] or 1
    print(f"{writer_path}: {stats['items']} labelled twice, kept {stats['kept']} "
          f"(dropped {stats['dropped']} on apology/calm, {stats['dropped (fault kind)']} on fault kind)")
    print("  agreement: " + ", ".join(f"{k} {stats['agree:' + k] / n:.0%}" for k in KEY + SOFT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
