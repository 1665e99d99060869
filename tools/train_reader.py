"""Train the reader's learned heads on the corpus and write the shipped model.

    pip install -e '.[train]'
    python tools/train_reader.py                       # writes scoring/data/reader_model.bin.gz
    python tools/train_reader.py --eval tests/data/X.jsonl --no-write   # measure only

Reads every `corpus/*.jsonl` (the agreed training corpus, see corpus/README.md), turns
each reply into the same hashed features the judge uses at run time
(`scoring.learned.Features`), fits one L2 logistic regression per head with scikit-learn
(lbfgs: deterministic), drops weights too small to matter and writes the model with the
corpus's SHA-256, so a test can tell when the corpus changed without retraining. The
training replies ship too (`reader_examples.jsonl.gz`): they are the "reads like" examples.

scikit-learn is needed here only; the judge runs the model in plain Python.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scoring.learned import EXAMPLES_FILE, MODEL_FILE, Features, Head, bucket, decide, pack, softmax  # noqa: E402
from scoring.model import QUESTION_KINDS  # noqa: E402
from scoring.tone import acronyms  # noqa: E402

CORPUS = REPO / "corpus"
DATA = REPO / "scoring" / "data"
MODEL_ID = "reader-lr-2026.12.6"
#: Heads: name -> how to read its label from an item's labels.
HEADS = {
    "calm_fault": lambda lab: lab["calm_fault"] if lab["calm"] == "not_calm" else "none",
    "apology": lambda lab: lab["apology"],
    "closure_check": lambda lab: _yes_no(lab.get("closure_check")),
    "handoff": lambda lab: _yes_no(lab.get("handoff")),
    "ownership": lambda lab: _yes_no(lab.get("ownership")),
    "empathy": lambda lab: _yes_no(lab.get("empathy")),
}
#: One head per kind of question: does the reply ask one of this kind? (The patterns find
#: the questions and their spans; these heads say which kinds the reply as a whole asks.)
for _kind in QUESTION_KINDS:
    HEADS[f"q_{_kind}"] = (lambda k: lambda lab: None if lab.get("questions") is None
                           else _yes_no(k in lab["questions"]))(_kind)


def _yes_no(value):
    """None where the two labellers disagreed: that head skips the item."""
    return None if value is None else "yes" if value else "no"

PRUNE = 0.01  # weights below this (for every class) are dropped: size, not accuracy
C = 4.0


def load(paths) -> list[dict]:
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            items += [json.loads(line) for line in fh if line.strip()]
    return items


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.jsonl"))


def corpus_hash(paths) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()


#: Feature families (by name prefix) of each variant compared with --cv.
VARIANTS = {"full": None, "words": ("w:", "b:", "t:", "lang", "caps"), "chars": ("c:", "lang", "caps"),
            "words12": ("w:", "b:", "lang", "caps")}


def _buckets(item, acr, variant):
    f = Features(item["reply"], item["language"], item.get("customer_name", ""), acr)
    keep = VARIANTS[variant]
    if keep is None:
        return f.buckets
    out = []
    for i in range(len(f.spans)):
        out += [bucket(n) for n in ["lang:" + item["language"]] + f.named(i) if n.startswith(keep)]
    return out


def matrix(items, variant: str = "full"):
    from scipy.sparse import csr_matrix

    acr = acronyms()
    rows, cols, vals = [], [], []
    for r, item in enumerate(items):
        counts: dict[int, int] = {}
        for b in _buckets(item, acr, variant):
            counts[b] = counts.get(b, 0) + 1
        for b, c in counts.items():
            rows.append(r)
            cols.append(b)
            vals.append(float(c))
    # Only buckets that occur become columns (a few 10,000s, not 2**20): lbfgs is then
    # fast; `fit` maps the columns back to buckets.
    used = sorted(set(cols))
    col_of = {b: i for i, b in enumerate(used)}
    x = csr_matrix((vals, (rows, [col_of[c] for c in cols])), shape=(len(items), len(used)))
    return x, used


def fit(items, heads=HEADS, c: float = C, variant: str = "full") -> dict:
    from sklearn.linear_model import LogisticRegression

    x, used = matrix(items, variant)
    out = {}
    for name, get in heads.items():
        y = [get(i["labels"]) for i in items]
        rows = [n for n, v in enumerate(y) if v is not None]
        y = [y[n] for n in rows]
        classes = sorted(set(y))
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        clf.fit(x[rows], y)
        coef = clf.coef_
        bias = list(clf.intercept_)
        if len(clf.classes_) == 2:  # sklearn keeps one row for two classes
            coef = [-coef[0] / 2, coef[0] / 2]
            bias = [-bias[0] / 2, bias[0] / 2]
        import numpy as np

        coef = np.asarray(coef)
        keep = np.where(np.abs(coef).max(axis=0) >= PRUNE)[0]
        weights = {int(used[j]): [round(float(v), 4) for v in coef[:, j]] for j in keep}
        out[name] = {"classes": [str(k) for k in clf.classes_], "bias": [round(float(b), 4) for b in bias],
                     "weights": weights}
        assert list(clf.classes_) == classes
    return out


def write(heads: dict, paths, items) -> None:
    doc = {"id": MODEL_ID, "heads": heads,
           "meta": {"corpus_sha256": corpus_hash(paths), "items": len(items),
                    "files": [p.name for p in paths], "C": C, "prune": PRUNE,
                    "features": "word 1-3 grams, char 4-grams within words, capitals; CRC-32 hashed"}}
    blob = pack(doc, {name: {int(b): w for b, w in h["weights"].items()} for name, h in heads.items()})
    (DATA / MODEL_FILE).write_bytes(gzip.compress(blob, mtime=0))
    lines = []
    for i in items:
        labels = {name: get(i["labels"]) for name, get in HEADS.items()}
        lines.append(json.dumps({"id": i["id"], "language": i["language"], "reply": i["reply"],
                                 "labels": labels}, ensure_ascii=False, sort_keys=True))
    (DATA / EXAMPLES_FILE).write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {DATA / MODEL_FILE} ({(DATA / MODEL_FILE).stat().st_size // 1024} kB), "
          f"{DATA / EXAMPLES_FILE} ({(DATA / EXAMPLES_FILE).stat().st_size // 1024} kB)")


def cross_validate(items, k: int, variant: str, c: float) -> dict:
    """Train on k-1 folds, judge the held-out fold, for every fold: dev figures for
    choosing features and thresholds without touching any evaluation set."""
    import zlib

    acr = acronyms()
    fold_of = [zlib.crc32(i["id"].encode()) % k for i in items]
    preds = {}
    for f in range(k):
        train = [i for i, g in zip(items, fold_of) if g != f]
        test = [i for i, g in zip(items, fold_of) if g == f]
        heads = fit(train, c=c, variant=variant)
        for item in test:
            bs = _buckets(item, acr, variant)
            out = {}
            for name, h in heads.items():
                head = Head(name, tuple(h["classes"]), tuple(h["bias"]),
                            {int(b): tuple(w) for b, w in h["weights"].items()})
                out[name] = softmax(head.logits(bs)), head.classes
            preds[item["id"]] = out
    return preds


def report_cv(items, preds) -> None:
    for lang in ("en", "es", None):
        sub = [i for i in items if lang is None or i["language"] == lang]
        print(f"== {lang or 'all'} ({len(sub)})")
        for thr in (0.4, 0.5, 0.6, 0.7):
            tp = fp = fn = calm = 0
            for i in sub:
                probs, classes = preds[i["id"]]["calm_fault"]
                p_fault = 1 - probs[classes.index("none")]
                truth = i["labels"]["calm"] == "not_calm"
                guess = p_fault >= thr
                tp += truth and guess
                fp += guess and not truth
                fn += truth and not guess
                calm += not truth
            print(f"  calm fault at {thr}: precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}"
                  f" false alarms {fp}/{calm} = {fp / max(1, calm):.1%}")
        for name in ("apology", "closure_check", "handoff", "ownership", "empathy"):
            ok = n = 0
            for i in sub:
                truth = HEADS[name](i["labels"])
                if truth is None:
                    continue
                probs, classes = preds[i["id"]][name]
                ok += classes[max(range(len(probs)), key=probs.__getitem__)] == truth
                n += 1
            print(f"  {name}: accuracy {ok / max(1, n):.3f} ({n})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="*", help="training JSONL files (default: corpus/*.jsonl)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--C", type=float, default=C)
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation only (dev figures)")
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="full")
    ap.add_argument("--test", nargs="*", help="train on --corpus, report on these files (dev figures)")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.corpus] if args.corpus else corpus_files()
    items = load(paths)
    if args.test:
        test = load(args.test)
        heads = fit(items, c=args.C, variant=args.variant)
        acr = acronyms()
        preds = {}
        for item in test:
            bs = _buckets(item, acr, args.variant)
            preds[item["id"]] = {
                name: (softmax(Head(name, tuple(h["classes"]), tuple(h["bias"]),
                                    {int(b): tuple(w) for b, w in h["weights"].items()}).logits(bs)),
                       tuple(h["classes"]))
                for name, h in heads.items()}
        print(f"trained on {len(items)}, tested on {len(test)} ({', '.join(args.test)}), "
              f"features {args.variant}, C={args.C}")
        report_cv(test, preds)
        return 0
    if args.cv:
        print(f"{args.cv}-fold cross-validation, features {args.variant}, C={args.C}")
        report_cv(items, cross_validate(items, args.cv, args.variant, args.C))
        return 0
    print(f"training on {len(items)} replies from {len(paths)} files")
    heads = fit(items, c=args.C)
    for name, h in heads.items():
        print(f"  {name}: {len(h['classes'])} classes, {len(h['weights'])} weighted features")
    if not args.no_write:
        write(heads, paths, items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
