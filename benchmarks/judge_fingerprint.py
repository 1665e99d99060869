"""A fingerprint of every judgement: proves a speed change changed nothing.

    python benchmarks/judge_fingerprint.py [--out FILE] [--reverse]

Scores every item of the reader's corpus (`corpus/train.jsonl`), the labelled sets
(`tests/data/reader_blind*.jsonl`, `tests/data/scoring_*.jsonl`, through
`benchmarks/accuracy.py`'s `load_items` and `context`) and `benchmarks/speed.py`'s mix,
writes one JSON line per item with the whole result (every dimension's score, evidence
and note; the signals; the reading's acts, offers, facts and questions, with spans,
confidences, details and the "reads like" examples), and prints the sha256 of it all.

Floats are written with `repr` (no rounding), so any change shows. `--reverse` scores
the items in the opposite order (the lines are still written in the usual order): the
hash must not change, or a cache makes a judgement depend on what was judged before.

Scorer 2.3.0's output depended on Python's string-hash seed (`Rule.finditer` returned a
one-branch pattern's matches in the order of a frozenset of its prefix literals, and the
offer judge keeps the first per sentence; 4 items of these sets differed between seeds 0
and 1). It now sorts every rule's matches, and the hash is the same for every seed; the
script still runs with `PYTHONHASHSEED=0` unless it is set (`--seed N` picks another), so
that a regression of that kind shows as two hashes.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

MIX_SIZE, MIX_SEED = 3000, 7  # speed.py's defaults


def plain(value):
    """A JSON-ready copy of a result, floats exact, lazy sequences evaluated."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        out["__type__"] = type(value).__name__
        return out
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, Sequence):  # tuples, lists and ReadsLike (found here)
        return [plain(v) for v in value]
    return repr(value)


def items() -> list[tuple[str, object]]:
    """(name, ReplyContext) of every item, in a fixed order."""
    from accuracy import context, load_items
    from speed import make_mix

    files = [REPO / "corpus" / "train.jsonl"]
    files += sorted((REPO / "tests" / "data").glob("reader_blind*.jsonl"))
    files += sorted((REPO / "tests" / "data").glob("scoring_*.jsonl"))
    out = []
    for path in files:
        for n, item in enumerate(load_items(path)):
            out.append((f"{path.name}:{n}:{item.get('id', '')}", context(item)))
    out += [(f"mix:{n}", ctx) for n, ctx in enumerate(make_mix(MIX_SIZE, MIX_SEED))]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/judge_fingerprint.jsonl")
    parser.add_argument("--reverse", action="store_true")
    parser.add_argument("--seed", default=None, help="PYTHONHASHSEED to run under (default 0)")
    args = parser.parse_args()
    wanted = args.seed if args.seed is not None else os.environ.get("PYTHONHASHSEED", "0")
    if os.environ.get("PYTHONHASHSEED") != wanted:  # string hashes must be the same every run
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "PYTHONHASHSEED": wanted})

    import scoring
    from scoring import score_reply

    todo = items()
    lines: dict[int, str] = {}
    order = range(len(todo) - 1, -1, -1) if args.reverse else range(len(todo))
    for i in order:
        name, ctx = todo[i]
        result = score_reply(ctx)
        lines[i] = json.dumps({"item": name, "result": plain(result)}, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256()
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(len(todo)):
            fh.write(lines[i] + "\n")
            digest.update(lines[i].encode("utf-8") + b"\n")
    not_judged = sum('"not_judged"' in line for line in lines.values())
    print(f"scoring from {Path(scoring.__file__).parent}, PYTHONHASHSEED={wanted}")
    print(f"{len(todo)} items ({not_judged} not judged), written to {args.out}")
    print(f"sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
