"""Train the reader's learned heads on the corpus and write the shipped model.

    pip install -e '.[train]'
    python tools/train_reader.py                       # writes scoring/data/reader_model.json.gz
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

from scoring.learned import BUCKETS, EXAMPLES_FILE, MODEL_FILE, Features  # noqa: E402
from scoring.tone import acronyms  # noqa: E402

CORPUS = REPO / "corpus"
DATA = REPO / "scoring" / "data"
MODEL_ID = "reader-lr-2026.12"
#: Heads: name -> how to read its label from an item's labels.
HEADS = {
    "calm_fault": lambda lab: lab["calm_fault"] if lab["calm"] == "not_calm" else "none",
    "apology": lambda lab: lab["apology"],
    "closure_check": lambda lab: "yes" if lab["closure_check"] else "no",
    "handoff": lambda lab: "yes" if lab["handoff"] else "no",
    "ownership": lambda lab: "yes" if lab["ownership"] else "no",
    "empathy": lambda lab: "yes" if lab["empathy"] else "no",
}
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


def matrix(items):
    from scipy.sparse import csr_matrix

    acr = acronyms()
    rows, cols, vals = [], [], []
    for r, item in enumerate(items):
        f = Features(item["reply"], item["language"], item.get("customer_name", ""), acr)
        counts: dict[int, int] = {}
        for b in f.buckets:
            counts[b] = counts.get(b, 0) + 1
        for b, c in counts.items():
            rows.append(r)
            cols.append(b)
            vals.append(float(c))
    return csr_matrix((vals, (rows, cols)), shape=(len(items), BUCKETS))


def fit(items, heads=HEADS, c: float = C) -> dict:
    from sklearn.linear_model import LogisticRegression

    x = matrix(items)
    out = {}
    for name, get in heads.items():
        y = [get(i["labels"]) for i in items]
        classes = sorted(set(y))
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        clf.fit(x, y)
        coef = clf.coef_
        bias = list(clf.intercept_)
        if len(clf.classes_) == 2:  # sklearn keeps one row for two classes
            coef = [-coef[0] / 2, coef[0] / 2]
            bias = [-bias[0] / 2, bias[0] / 2]
        import numpy as np

        coef = np.asarray(coef)
        keep = np.where(np.abs(coef).max(axis=0) >= PRUNE)[0]
        weights = {int(b): [round(float(v), 4) for v in coef[:, b]] for b in keep}
        out[name] = {"classes": [str(k) for k in clf.classes_], "bias": [round(float(b), 4) for b in bias],
                     "weights": weights}
        assert list(clf.classes_) == classes
    return out


def write(heads: dict, paths, items) -> None:
    doc = {"id": MODEL_ID, "heads": heads,
           "meta": {"corpus_sha256": corpus_hash(paths), "items": len(items),
                    "files": [p.name for p in paths], "C": C, "prune": PRUNE,
                    "features": "word 1-3 grams, char 4-grams within words, capitals; CRC-32 hashed"}}
    blob = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8")
    (DATA / MODEL_FILE).write_bytes(gzip.compress(blob, mtime=0))
    lines = []
    for i in items:
        labels = {name: get(i["labels"]) for name, get in HEADS.items()}
        lines.append(json.dumps({"id": i["id"], "language": i["language"], "reply": i["reply"],
                                 "labels": labels}, ensure_ascii=False, sort_keys=True))
    (DATA / EXAMPLES_FILE).write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {DATA / MODEL_FILE} ({(DATA / MODEL_FILE).stat().st_size // 1024} kB), "
          f"{DATA / EXAMPLES_FILE} ({(DATA / EXAMPLES_FILE).stat().st_size // 1024} kB)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="*", help="training JSONL files (default: corpus/*.jsonl)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--C", type=float, default=C)
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.corpus] if args.corpus else corpus_files()
    items = load(paths)
    print(f"training on {len(items)} replies from {len(paths)} files")
    heads = fit(items, c=args.C)
    for name, h in heads.items():
        print(f"  {name}: {len(h['classes'])} classes, {len(h['weights'])} weighted features")
    if not args.no_write:
        write(heads, paths, items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
