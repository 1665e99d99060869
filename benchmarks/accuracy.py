"""Accuracy of the reply scorer on the labelled evaluation set.

    python benchmarks/accuracy.py [--language en|es] [--show-errors] [--data FILE]

Scores every item of a labelled set through the public API
(`scoring.score_reply`) and prints, per language and overall, precision / recall / F1
for four detections, plus a genuine / non-apology / none confusion table for apologies:

- apology genuine:     predicted when `result["apology"].score > 0`
- apology non-apology: predicted when `result["apology"].score < 0`
- calm violation:      predicted when `result["calm"].score < 0`
- over-promise:        predicted when `"over_promised" in result.signals`
                       or `result["promises"].score < 0`

Without --data, every labelled set in `LABELLED_SETS` is scored, each under its own title:
the 1.x tuning, held-out and blind sets 1-2 (`tests/data/scoring_*.jsonl`: apology, calm,
over-promise), the reader's training corpus (`corpus/train.jsonl`: a regression figure,
not a result) and blind sets 3 to 22 (`tests/data/reader_blind*.jsonl`, the label schema
of corpus/LABELS.md: also realistic promises, closure checks, hand-offs, the scenario's
own offers and question kinds). Provenance of each set: tests/data/README.md.

The labels were written independently of any scorer output.
`evaluate(items)` is importable (the accuracy test holds its floors on it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "scoring_eval.jsonl"
#: Every labelled set, with its title, in the order printed when no --data is given.
#: Sets that are not present are skipped.
LABELLED_SETS = (
    (DATA, "tuning set"),
    (REPO / "tests" / "data" / "scoring_holdout.jsonl",
     "held-out set (seen once, then used to find error classes)"),
    (REPO / "tests" / "data" / "scoring_blind.jsonl",
     "blind set 1 (measured once, then used to find error classes)"),
    (REPO / "tests" / "data" / "scoring_blind2.jsonl",
     "blind set 2 (written for scorer 1.x; unseen by its rule tuning)"),
    (REPO / "corpus" / "train.jsonl", "reader training corpus (the learned heads were fitted on it)"),
    (REPO / "tests" / "data" / "reader_blind3.jsonl",
     "blind set 3 (measured once before tuning, then used to find error classes)"),
    (REPO / "tests" / "data" / "reader_blind4.jsonl",
     "blind set 4 (opened once at the end of session 1; since then a regression figure)"),
    (REPO / "tests" / "data" / "reader_blind5.jsonl",
     "blind set 5 (written in session 2, measured once, tuned on in session 3)"),
    (REPO / "tests" / "data" / "reader_blind6.jsonl",
     "blind set 6 (session 2's final figures; tuned on in session 3)"),
    (REPO / "tests" / "data" / "reader_blind7.jsonl",
     "blind set 7 (written in session 3, measured before tuning, then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind8.jsonl",
     "blind set 8 (session 3's final figures; tuned on in session 4)"),
    (REPO / "tests" / "data" / "reader_blind9.jsonl",
     "blind set 9 (written in session 4, measured before tuning, then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind10.jsonl",
     "blind set 10 (session 4's frozen scorer opened it once; then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind11.jsonl",
     "blind set 11 (session 4's final figures, opened once at its end; tuned on in session 5)"),
    (REPO / "tests" / "data" / "reader_blind12.jsonl",
     "blind set 12 (written in session 5, measured once before tuning, then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind13.jsonl",
     "blind set 13 (written at session 5's start, sealed, opened once at a79ca37; then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind14.jsonl",
     "blind set 14 (session 5's final figures: written after blind 13 was opened, sealed, opened once at 41fcdbc; tuned on in session 6)"),
    (REPO / "tests" / "data" / "reader_blind15.jsonl",
     "blind set 15 (written in session 6, measured once before tuning, then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind16.jsonl",
     "blind set 16 (written at session 6's start, sealed, opened once at 07a539b (2.6.0); then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind17.jsonl",
     "blind set 17 (session 6's final figures: written after blind 16 was opened, sealed, opened once at 69115b5 (2.7.0))"),
    (REPO / "tests" / "data" / "reader_blind18.jsonl",
     "blind set 18 (session 6's final figures too: written after blind 17 was opened, sealed, opened once on 2.7.0 at 6590780)"),
    (REPO / "tests" / "data" / "reader_blind19.jsonl",
     "blind set 19 (written at session 7's start, measured once on 2.7.0 at 2e9227f, then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind20.jsonl",
     "blind set 20 (written at session 7's start, sealed, opened once on 2.8.0 at 2681316; then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind21.jsonl",
     "blind set 21 (written after blind 20 was opened, sealed, opened once on 2.8.1 at f849bda; then tuned on)"),
    (REPO / "tests" / "data" / "reader_blind22.jsonl",
     "blind set 22 (session 7's final figures: written after blind 21 was opened, sealed, opened once on 2.8.2 at d51562e)"),
)

APOLOGY_CLASSES = ("genuine", "non_apology", "none")
METRICS = ("apology_genuine", "apology_non_apology", "calm_violation", "over_promise",
           "realistic_promise", "closure_check", "handoff", "offers", "questions")


def load_items(path: Path | str = DATA) -> list[dict]:
    """The evaluation items, one dict per non-blank line of the JSONL file."""
    items = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                items.append(json.loads(line))
    return items


#: Words too common in an offer's description to say which offer a reply makes.
_GENERIC = frozenset("""a an the of to for and or on in by with your you our new full free
same next one two three day days week weeks sent send by via de del la el los las un una
unos unas y o en con su sus para por al que le se lo nuevo nueva mismo misma dia dias""".split())


def offer_aliases(offer: dict) -> tuple[str, ...]:
    """Aliases for a labelled set's offer: its id's words and its description's nouns.

    Scenarios give their offers aliases; the labelled sets give a description, so the
    benchmark takes the id's words (`partial_refund` -> "partial refund", "refund") and
    the description's longer words. Documented in docs/scoring.md.
    """
    words = [w for w in offer["id"].replace("-", "_").split("_") if len(w) > 2 and w not in _GENERIC]
    text = [w.strip(".,;:()'\"").lower() for w in str(offer.get("text", "")).split()]
    words += [w for w in text if len(w) >= 6 and w.isalpha() and w not in _GENERIC]
    return tuple(dict.fromkeys([offer["id"].replace("_", " ")] + words))


#: A labelled offer's kind from its id and description, as a trainer's `kind:` would say
#: (a scenario states it; a labelled set gives only words). First match wins. Refund,
#: discount and supervisor are left "other": those kinds bring the policy's own limits,
#: and a labelled case's offer is one the case allows.
_KIND_WORDS = (
    ("other", ("refund", "reembols", "devoluc", "devolver", "reintegr", "money back",
               "discount", "descuento", "% off", "rebaja", "supervisor", "manager", "gerente")),
    ("credit", ("credit", "credito", "crédito", "voucher", "bono", "cupon", "cupón", "saldo")),
    ("replacement", ("replace", "reemplaz", "sustitu", "resend", "reenv", "new one", "nuev")),
    ("repair", ("repair", "repara", "arregl", "fix")),
    ("visit", ("visit", "technician", "engineer", "visita", "tecnico", "técnico")),
    ("rebooking", ("rebook", "reschedul", "reprogram", "reagend")),
    ("waiver", ("waive", "cancel the", "anula", "condona", "exonera")),
)


def offer_kind(offer: dict) -> str:
    words = (offer["id"].replace("_", " ") + " " + str(offer.get("text", ""))).lower()
    return next((kind for kind, cues in _KIND_WORDS if any(c in words for c in cues)), "other")


def context(item: dict):
    """The ReplyContext a labelled item describes."""
    from datetime import date

    from scoring import Policy, ReplyContext

    pol = item.get("policy") or {}
    extra = {}
    try:
        from scoring.model import Offer

        extra["offers"] = tuple(Offer(o["id"], offer_aliases(o), offer_kind(o), label=str(o.get("text", "")))
                                for o in item.get("offers") or ())
        if item.get("today"):
            extra["today"] = date.fromisoformat(item["today"])
    except ImportError:  # an older scorer, measured for the record
        pass
    return ReplyContext(
        reply=item["reply"],
        customer=(item["customer"],) if item.get("customer") else (),
        phase=item.get("phase", "venting"),
        language=item.get("language", "en"),
        channel=item.get("channel", "chat"),
        customer_name=item.get("customer_name", ""),
        policy=Policy(
            min_days=float(pol.get("min_days", 1.0)),
            max_discount_percent=float(pol.get("max_discount_percent", 0.0)),
            can_refund=bool(pol.get("can_refund", False)),
        ),
        **extra,
    )


def predict(item: dict) -> dict:
    """Run the scorer on one item; return the predicted labels in the set's vocabulary."""
    from scoring import score_reply

    result = score_reply(context(item))
    apology = result["apology"].score
    reading = getattr(result, "reading", None)
    over = "over_promised" in result.signals or result["promises"].score < 0
    return {
        "apology": "genuine" if apology > 0 else "non_apology" if apology < 0 else "none",
        "calm": "not_calm" if result["calm"].score < 0 else "calm",
        "over_promise": over,
        "realistic_promise": not over and "realistic_promise" in result.signals,
        "offers": set(reading.offers) if reading is not None else set(),
        "questions": set(reading.questions) if reading is not None else set(),
        "closure_check": "checked_closure" in result.signals,
        "handoff": bool(result.signals & {"deflected", "vague"}),
    }


def _truth_and_guess(item: dict, pred: dict) -> dict[str, tuple[bool, bool]]:
    lab = item["labels"]
    out = {
        "apology_genuine": (lab["apology"] == "genuine", pred["apology"] == "genuine"),
        "apology_non_apology": (lab["apology"] == "non_apology", pred["apology"] == "non_apology"),
        "calm_violation": (lab["calm"] == "not_calm", pred["calm"] == "not_calm"),
    }
    if "promise" in lab:  # the reader's label schema (corpus/LABELS.md)
        out["over_promise"] = (lab["promise"] == "over_promise", bool(pred["over_promise"]))
        out["realistic_promise"] = (lab["promise"] == "realistic", bool(pred["realistic_promise"]))
        out["closure_check"] = (bool(lab["closure_check"]), bool(pred["closure_check"]))
        out["handoff"] = (bool(lab["handoff"]), bool(pred["handoff"]))
    else:
        out["over_promise"] = (bool(lab["over_promise"]), bool(pred["over_promise"]))
    return out


def _set_counts(truth: set, guess: set) -> tuple[int, int, int]:
    return len(truth & guess), len(guess - truth), len(truth - guess)


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "support": tp + fn,
            "precision": precision, "recall": recall, "f1": f1}


def _scope(items: list[dict], preds: list[dict]) -> dict:
    counts = {m: [0, 0, 0] for m in METRICS}  # tp, fp, fn
    confusion = {t: {p: 0 for p in APOLOGY_CLASSES} for t in APOLOGY_CLASSES}
    calm_items = calm_alarms = 0
    faults: dict[str, list[int]] = {}  # calm_fault -> [caught, missed]
    errors = []
    for item, pred in zip(items, preds):
        lab = item["labels"]
        wrong = {}
        for metric, (truth, guess) in _truth_and_guess(item, pred).items():
            c = counts[metric]
            if truth and guess:
                c[0] += 1
            elif guess:
                c[1] += 1
            elif truth:
                c[2] += 1
            if truth != guess:
                wrong[metric] = (truth, guess)
        if "offers_made" in lab:
            for metric, truth, guess in (("offers", set(lab["offers_made"]), pred["offers"]),
                                          ("questions", set(lab["questions"]), pred["questions"])):
                tp, fp, fn = _set_counts(truth, guess)
                for i, v in enumerate((tp, fp, fn)):
                    counts[metric][i] += v
                if fp or fn:
                    wrong[metric] = (sorted(truth), sorted(guess))
        if lab["calm"] == "calm":
            calm_items += 1
            calm_alarms += pred["calm"] == "not_calm"
        elif lab.get("calm_fault"):
            f = faults.setdefault(lab["calm_fault"], [0, 0])
            f[0 if pred["calm"] == "not_calm" else 1] += 1
        confusion[lab["apology"]][pred["apology"]] += 1
        if wrong:
            errors.append({"id": item["id"], "reply": item["reply"],
                           "expected": {k: v[0] for k, v in wrong.items()},
                           "got": {k: v[1] for k, v in wrong.items()}})
    return {
        "n": len(items),
        "metrics": {m: _prf(*counts[m]) for m in METRICS if sum(counts[m])},
        "confusion": confusion,
        "calm_false_alarms": (calm_alarms, calm_items),
        "faults": faults,
        "errors": errors,
    }


def evaluate(items: list[dict], preds: list[dict] | None = None) -> dict:
    """Precision / recall / F1, apology confusion and errors, per language and overall.

    Returns {"overall": scope, "en": scope, "es": scope} (languages present only), where
    a scope is {"n", "metrics": {name: {tp, fp, fn, support, precision, recall, f1}},
    "confusion": {truth: {predicted: count}}, "errors": [...]}. `preds` may be given
    (one dict per item, as `predict` returns) to evaluate without running the scorer.
    """
    if preds is None:
        preds = [predict(item) for item in items]
    out = {"overall": _scope(items, preds)}
    for lang in ("en", "es"):
        pairs = [(i, p) for i, p in zip(items, preds) if i["language"] == lang]
        if pairs:
            out[lang] = _scope([i for i, _ in pairs], [p for _, p in pairs])
    return out


def _print_scope(name: str, scope: dict) -> None:
    print(f"\n== {name} ({scope['n']} replies)")
    print(f"{'detection':<22}{'support':>8}{'tp':>6}{'fp':>6}{'fn':>6}"
          f"{'precision':>11}{'recall':>9}{'f1':>8}")
    for metric, m in scope["metrics"].items():
        print(f"{metric:<22}{m['support']:>8}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
              f"{m['precision']:>11.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}")
    alarms, calm = scope["calm_false_alarms"]
    if calm:
        print(f"false calm faults on calm replies: {alarms}/{calm} = {alarms / calm:.1%}")
    if scope["faults"]:
        print("calm faults caught, by kind: " + ", ".join(
            f"{k} {c}/{c + m}" for k, (c, m) in sorted(scope["faults"].items())))
    print("\napology confusion (rows: expected, columns: predicted)")
    print(f"{'':<14}" + "".join(f"{c:>13}" for c in APOLOGY_CLASSES))
    for truth in APOLOGY_CLASSES:
        row = scope["confusion"][truth]
        print(f"{truth:<14}" + "".join(f"{row[p]:>13}" for p in APOLOGY_CLASSES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("en", "es"), help="only this language")
    parser.add_argument("--show-errors", action="store_true", help="list misclassified items")
    parser.add_argument("--data", default=None,
                        help="evaluation JSONL file (default: every labelled set in tests/data)")
    args = parser.parse_args(argv)

    if args.data is None:
        sets = [(path, title) for path, title in LABELLED_SETS if path.exists()]
    else:
        sets = [(Path(args.data), "")]
    for n, (path, title) in enumerate(sets):
        if n:
            print()
        _run_one(path, title, args)
    return 0


def _run_one(path: Path, title: str, args) -> None:
    items = load_items(path)
    if args.language:
        items = [i for i in items if i["language"] == args.language]
    try:
        from scoring import SCORER_VERSION
    except ImportError:  # pragma: no cover
        SCORER_VERSION = "?"
    if title:
        bar = "=" * (len(title) + 8)
        print(f"{bar}\n=== {title} ===\n{bar}")
    print(f"scorer {SCORER_VERSION} on {path}")
    report = evaluate(items)
    scopes = [args.language] if args.language else ["en", "es", "overall"]
    for name in scopes:
        if name in report:
            _print_scope(name, report[name])
    if args.show_errors:
        errors = report["overall"]["errors"]
        print(f"\n== misclassified ({len(errors)})")
        for e in errors:
            reply = e["reply"].replace("\n", " / ")
            print(f"\n{e['id']}: {reply}")
            print(f"  expected {e['expected']}")
            print(f"  got      {e['got']}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
