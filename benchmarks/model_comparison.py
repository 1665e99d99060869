"""The learned heads alone (no rules), on a labelled set: the figures the model choice
is compared on (docs/scoring.md, "Model choice").

    python benchmarks/model_comparison.py [FILE ...]   (default: blind sets 3 and 4)

For each language: the calm head's precision and recall of "not calm" (at the reader's
STANCE_FLOOR), its false alarms on calm replies, how often it names the right kind of
fault, and the apology head's precision of "genuine" and recall of "non-apology". The
sentence-embedding alternative was measured with the same definitions by an external
harness (its figures are in the docs); this script needs only Temper itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def heads_only(items):
    from scoring import learned
    from scoring.reader import STANCE_FLOOR
    from scoring.tone import acronyms

    model = learned.load_model()
    out = {}
    for lang in ("en", "es", None):
        sub = [i for i in items if lang is None or i["language"] == lang]
        tp = fp = fn = calm = kind_ok = apo_tp = apo_fp = non_tp = non_fn = 0
        for it in sub:
            f = learned.Features(it["reply"], it["language"], it.get("customer_name", ""), acronyms())
            logits = model.all_logits(f.buckets)
            v = learned.decide(model.heads["calm_fault"], f, logits["calm_fault"])
            guess = v.label != "none" and 1 - v.probabilities["none"] >= STANCE_FLOOR
            truth = it["labels"]["calm"] == "not_calm"
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
            calm += not truth
            kind_ok += truth and guess and v.label == it["labels"]["calm_fault"]
            a = learned.decide(model.heads["apology"], f, logits["apology"]).label
            t = it["labels"]["apology"]
            apo_tp += a == "genuine" and t == "genuine"
            apo_fp += a == "genuine" and t != "genuine"
            non_tp += a == "non_apology" and t == "non_apology"
            non_fn += a != "non_apology" and t == "non_apology"
        out[lang or "all"] = {
            "not_calm_precision": tp / max(1, tp + fp), "not_calm_recall": tp / max(1, tp + fn),
            "false_alarms": fp / max(1, calm), "fault_kind_right": kind_ok / max(1, tp),
            "genuine_precision": apo_tp / max(1, apo_tp + apo_fp),
            "non_apology_recall": non_tp / max(1, non_tp + non_fn), "n": len(sub)}
    return out


def main(argv=None) -> int:
    paths = argv or [str(REPO / "tests" / "data" / f"reader_blind{n}.jsonl") for n in (3, 4)]
    for path in paths:
        if not Path(path).exists():
            continue
        items = [json.loads(x) for x in open(path, encoding="utf-8") if x.strip()]
        print(f"== learned heads alone (linear, word+char n-grams) on {path}")
        for lang, m in heads_only(items).items():
            print(f"  {lang:<3} n={m['n']:<4} not calm P {m['not_calm_precision']:.3f} R {m['not_calm_recall']:.3f}"
                  f"  false alarms {m['false_alarms']:.1%}  fault kind right {m['fault_kind_right']:.1%}"
                  f"  genuine P {m['genuine_precision']:.3f}  non-apology R {m['non_apology_recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
